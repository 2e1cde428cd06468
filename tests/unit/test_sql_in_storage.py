"""Storage owns the SQL: no other product package holds SQL text (queries, pragmas, DDL).

Every string literal in the code of tui, ingest, enrich and tidings (f-string pieces
included; docstrings aside) is matched against the shapes SQL statements take.
"""

from __future__ import annotations

import ast
import re

import pytest

from tests.support import REPO

OUTSIDE_STORAGE = ["tui", "ingest", "enrich", "themes", "tidings"]

SQL = re.compile(
    r"""
      \bselect\s+(distinct\s+)?(\*|[\w.]+(\([^)]*\))?(\s+as\s+\w+)?\s*,|[\w.]+(\([^)]*\))?\s+from\s+\w+)
    | \binsert\s+(or\s+\w+\s+)?into\s+\w+
    | \bupdate\s+\w+\s+set\s+\w+
    | \bdelete\s+from\s+\w+
    | \b(create|drop|alter)\s+(virtual\s+|temp\s+)?(table|index|view|trigger)\b
    | \bpragma\s+\w+
    | \bwhere\s+\w+(\.\w+)?\s*(=|!=|<>|\bin\b|\bis\b)\s*[?(\w]
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def sql_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string literal that reads as SQL."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # its pieces are read with it
            skip.update(id(value) for value in node.values)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else " x " for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
        else:
            continue
        if SQL.search(text):
            found.append((node.lineno, text))
    return found


@pytest.mark.parametrize("package", OUTSIDE_STORAGE)
def test_no_sql_outside_storage(package: str) -> None:
    files = list((REPO / package).rglob("*.py"))
    assert files, f"{package} has no modules"
    found = [
        f"{path.relative_to(REPO)}:{line}: {text.strip()[:70]!r}"
        for path in files
        for line, text in sql_strings(path.read_text(encoding="utf-8"))
    ]
    assert not found, "SQL outside storage/:\n" + "\n".join(found)


def test_the_checker_sees_sql_and_leaves_prose_alone() -> None:
    source = '''
"""Select text first, then press h: notes from the pane are kept."""
a = "select f.id, count(a.id) as n, sum(a.read = 0) as unread from feeds f "
b = f"update articles set read = 1 where id in ({marks})"
c = "pragma journal_mode = wal"
d = "insert or ignore into enrich_queue (article_id) values (?)"
e = "Select text first: a sentence from the article"
f = "delete from saved_searches where name = ?"
g = "create virtual table articles_fts using fts5"
h = "select max(id), count(*) from articles"
'''
    lines = [line for line, _text in sql_strings(source)]
    assert lines == [3, 4, 5, 6, 8, 9, 10]


def test_the_product_has_sql_in_storage() -> None:
    """The checker finds the SQL where it belongs (so it is not blind)."""
    assert sql_strings((REPO / "storage" / "library.py").read_text(encoding="utf-8"))
