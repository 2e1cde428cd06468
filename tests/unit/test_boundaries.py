"""Imports follow the data flow: ingest -> enrich -> storage -> tui.

enrich and storage import nothing of ours; ingest may import both; only tui imports textual.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support import REPO

OURS = {"tui", "storage", "ingest", "enrich", "themes"}
ALLOWED = {
    "enrich": set(),
    "storage": set(),
    "themes": set(),
    "ingest": {"storage", "enrich"},
    "tui": {"storage", "ingest", "enrich", "themes"},
}


def _top(module: str) -> str:
    """`tidings.storage.x` -> `storage`; any other module -> its top-level name."""
    parts = module.split(".")
    return parts[1] if parts[0] == "tidings" and len(parts) > 1 else parts[0]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(_top(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "tidings":
                found.update(_top(f"tidings.{alias.name}") for alias in node.names)
            else:
                found.add(_top(node.module))
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import; write tidings.<package>")
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_the_data_flow_allows(package: str) -> None:
    files = list((REPO / package).rglob("*.py"))
    assert files, f"{package} has no modules"
    for path in files:
        imported = _imports(path)
        ours = (imported & OURS) - {package}
        assert ours <= ALLOWED[package], f"{path.relative_to(REPO)} imports {sorted(ours)}"
        if package != "tui":
            assert "textual" not in imported, f"{path.relative_to(REPO)} imports textual"


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import textual\nfrom tidings.tui.app import TidingsApp\nfrom tidings import ingest\n")
    assert {"textual", "tui", "ingest"} <= _imports(bad)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_modules_import_ours_only_under_the_tidings_name(package: str) -> None:
    """A bare `import storage` would work in the repo and fail in the wheel."""
    for path in (REPO / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            for name in names:
                assert name.split(".")[0] not in OURS, f"{path.relative_to(REPO)} imports {name}"
