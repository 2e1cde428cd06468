"""Plain-text and Markdown import: title, paragraphs verbatim, furniture out."""

from __future__ import annotations

from tidings.ingest.text_articles import parse_markdown, parse_text
from tests.support import SAMPLE


def test_sample_title_and_body_keep_the_story_verbatim() -> None:
    parsed = parse_text(SAMPLE.read_text(encoding="utf-8"))
    assert parsed.title == (
        "Russia-US talks set for Thursday in Turkey, US says Ukraine not on agenda"
    )
    assert parsed.paragraphs[0].startswith("Russian and US diplomats will meet in Istanbul")
    # Curly quotes and the subheading stay as written.
    assert "Joe Biden’s policy" in parsed.text
    assert "‘Systemic problems’" in parsed.paragraphs
    assert parsed.paragraphs[-1].endswith("the American embassy in Moscow,” Lavrov said.")


def test_sample_related_block_becomes_related_links() -> None:
    parsed = parse_text(SAMPLE.read_text(encoding="utf-8"))
    assert [title for title, _ in parsed.related] == [
        "Ukraine says it has agreed minerals deal with US",
        "European leaders in Kyiv to mark three years of war, but top US officials stay away",
        "No peace agreements without Ukraine’s participation, says Zelensky",
    ]
    assert "Also, read this" not in parsed.text
    assert "minerals deal" not in parsed.text
    # The paragraph after the block is kept.
    assert "The warming of ties between Washington and Moscow has alarmed European allies." in (
        parsed.paragraphs
    )


def test_sample_trailing_site_lines_are_dropped() -> None:
    parsed = parse_text(SAMPLE.read_text(encoding="utf-8"))
    assert "Twitter" not in parsed.text
    assert "Comments are closed" not in parsed.text


def test_read_more_block_with_links_and_blank_lines() -> None:
    raw = (
        "Flooding closes Rhine shipping\n\n"
        "Barges were halted at Koblenz on Monday as the river rose.\n\n"
        "Read more:\n\n"
        "Dutch dikes hold as water peaks - https://example.org/dikes\n"
        "Insurers count the cost\n\n"
        "Officials expect the water to fall by Friday.\n\n"
        "Share this story on Facebook\n"
        "Sign up for our daily newsletter\n"
    )
    parsed = parse_text(raw)
    assert parsed.related == [
        ("Dutch dikes hold as water peaks", "https://example.org/dikes"),
        ("Insurers count the cost", None),
    ]
    assert parsed.paragraphs == [
        "Barges were halted at Koblenz on Monday as the river rose.",
        "Officials expect the water to fall by Friday.",
    ]


def test_related_intro_without_headlines_is_kept_as_text() -> None:
    raw = "Title\nRelated\nThe report said prices rose sharply.\n"
    assert parse_text(raw).paragraphs == ["Related", "The report said prices rose sharply."]


def test_site_lines_in_the_middle_are_story_text() -> None:
    raw = (
        "Title\n"
        "The minister told staff to follow us on Twitter, the memo said.\n"
        "It was a strange request.\n"
    )
    assert len(parse_text(raw).paragraphs) == 2


def test_hard_wrapped_paragraphs_are_joined() -> None:
    raw = "Title\n\nFirst line of one\nparagraph that wraps.\n\nSecond paragraph.\n"
    assert parse_text(raw).paragraphs == [
        "First line of one paragraph that wraps.",
        "Second paragraph.",
    ]


def test_markdown_front_matter_heading_and_items() -> None:
    raw = (
        "---\ntitle: Budget passes\npublished: 2025-03-01\nurl: https://example.org/b\n---\n"
        "The **budget** passed [narrowly](https://example.org/v).\n\n"
        "## Reaction\n\n- Unions objected.\n- Banks cheered.\n"
    )
    parsed = parse_markdown(raw)
    assert parsed.title == "Budget passes"
    assert parsed.meta["published"] == "2025-03-01"
    assert parsed.paragraphs == [
        "The budget passed narrowly.",
        "Reaction",
        "Unions objected.",
        "Banks cheered.",
    ]
