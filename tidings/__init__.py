"""Tidings, a terminal news reader: the one import package.

Its subpackages live in the repository's top-level folders (`tui/`, `storage/`, `ingest/`,
`enrich/`, `themes/`) and are mapped under this name by `package-dir` in pyproject.toml, so
the wheel installs `tidings` and nothing else at top level.
"""

__version__ = "0.1.0"  # the one place the version is written (pyproject.toml reads it)
