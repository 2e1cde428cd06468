"""Text from the network shows as plain text and never breaks the layout or the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from tidings.storage import ArticleIn
from tests.app.conftest import build_library, make_app, screen_text

LONG_WORD = "Donaudampfschifffahrtsgesellschaft" * 12

HOSTILE = {
    "markup": ("[b]bold[/b] and [link=https://x]link[/link]", "[b]bold[/b] and [link=https://x]link[/link]"),
    "osc52": ("copy \x1b]52;c;aGVsbG8=\x07 me", "copy ]52;c;aGVsbG8= me"),
    "clear": ("clear \x1b[2J screen", "clear [2J screen"),
    "rtl": ("\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 world", "\u05e9\u05dc\u05d5\u05dd"),
    "long": (LONG_WORD, LONG_WORD[:20]),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
async def test_hostile_title_and_body(tmp_path: Path, kind: str) -> None:
    raw, shown = HOSTILE[kind]
    path = build_library(
        tmp_path / "library.db",
        [
            ArticleIn(guid="h", title=raw, text=f"Before. {raw} After.", published="2019-01-02"),
            ArticleIn(guid="n", title="Calm", text="Quiet.", published="2019-01-01"),
        ],
    )
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        text = "\n".join(lines)
        assert "\x1b" not in text and "\x07" not in text
        assert shown in text
        assert "Calm" in text  # the next row is still there, on its own line
        assert len(lines) == 30
        assert all(cell_len(line) == 100 for line in lines)
