"""The Textual app and the `tidings` command line: the only package that imports textual."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tidings")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
