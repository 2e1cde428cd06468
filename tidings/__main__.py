"""`python -m tidings` runs the command line (no arguments: the app)."""

from tidings.tui.cli import main

main()
