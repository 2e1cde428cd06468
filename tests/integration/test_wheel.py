"""A wheel built from the repo works when installed (not editable) in a fresh environment."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from tests.support import REPO, SAMPLE, SAMPLE_PUBLISHED


def _run(*args: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", dist, REPO, cwd=tmp_path)
    wheel = next(dist.glob("tidings-*.whl"))

    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
         wheel, cwd=tmp_path)
    # The dependencies come from the test environment, read-only; Tidings itself from the wheel.
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                     cwd=tmp_path).strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    where = _run(python, "-c", "import tidings.tui, tidings.themes; "
                 "print(tidings.tui.__file__); print(tidings.themes.__file__)", cwd=tmp_path)
    assert all(line.startswith(str(fresh)) for line in where.split())
    # One import package: nothing of ours at the top level but `tidings`.
    top = {p.name.split("-")[0].split(".")[0] for p in site.iterdir()} - {"deps", "__pycache__"}
    assert {"tidings"} <= top
    assert not top & {"tui", "storage", "ingest", "enrich", "themes"}, sorted(top)
    assert "tidings 0.1.0" in _run(fresh / "bin" / "tidings", "--version", cwd=tmp_path)

    db = tmp_path / "lib.db"
    _run(fresh / "bin" / "tidings", "--db", db, "import", SAMPLE, "--published", SAMPLE_PUBLISHED,
         cwd=tmp_path)
    shown = json.loads(_run(python, "-m", "tidings", "--db", db, "show", "1", "--json", cwd=tmp_path))
    assert shown["title"].startswith("Russia-US talks")
    shipped = _run(python, "-c", "import pathlib, tidings.themes as t; "
                   "print([p.name for p in pathlib.Path(t.__file__).parent.glob('*.toml')])",
                   cwd=tmp_path)
    assert "tidings-dark.toml" in shipped
    styles = _run(python, "-c", "import pathlib, tidings.tui as t; "
                  "print(sorted(p.name for p in pathlib.Path(t.__file__).parent.rglob('*.tcss')))",
                  cwd=tmp_path)
    assert "tidings.tcss" in styles  # the app's styles ship with it
