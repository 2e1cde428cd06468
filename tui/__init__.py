"""The Textual app and the `tidings` command line: the only package that imports textual."""
