"""sqlite-utils, imported without the numpy and pandas it would load if installed.

sqlite-utils imports numpy and pandas, when present, only to map their scalar types to
column types. Tidings never stores such values, but spaCy installs numpy, and importing it
costs about a quarter of a second of every start of the app. So the first import of
sqlite-utils runs with both marked absent, and the marks are lifted at once after.
"""

from __future__ import annotations

import sys


def import_without_numpy() -> None:
    if "sqlite_utils.db" in sys.modules:
        return
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
