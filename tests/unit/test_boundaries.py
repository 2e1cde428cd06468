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


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
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
    bad.write_text("import textual\nfrom tui.app import TidingsApp\n")
    assert {"textual", "tui"} <= _imports(bad)
