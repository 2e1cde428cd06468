"""The Textual app and the `tidings` command line: the only package that imports textual."""

__version__ = "0.1.0"  # the one place the version is written (pyproject.toml reads it)
