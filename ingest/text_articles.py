"""Plain-text and Markdown articles: title, paragraphs, and the site furniture kept out of them.

Text copied from a news site carries furniture: a "Read more" block of other headlines in the
middle, and lines at the end inviting the reader to follow the outlet or saying comments are
closed. The headlines become the article's related links; the rest of the furniture is dropped;
everything else is kept verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A line that introduces a block of other stories' headlines.
_RELATED_INTRO = re.compile(
    r"^\s*(also,?\s+)?((read|see|watch)(\s+(this|more|also|next))?(\s+on\s+this)?"
    r"|related(\s+(stories|articles|news|coverage|reading|content))?"
    r"|more\s+(on\s+this(\s+story)?|stories|from\s+\S+)|recommended(\s+for\s+you)?"
    r"|you\s+may\s+also\s+like|top\s+stories|latest\s+news)\s*[:\-–—]?\s*$",
    re.IGNORECASE,
)
# Lines at the end of an article that belong to the site, not the story.
_TRAILER = re.compile(
    r"(follow\s+(us|\S+)\s+on\s+(twitter|x|facebook|instagram|youtube|tiktok|linkedin|telegram|"
    r"whatsapp|threads|bluesky|mastodon|google\s+news)"
    r"|we\s+are\s+(also\s+)?on\s+(twitter|facebook|instagram|youtube|whatsapp|telegram)"
    r"|comments\s+(are|have\s+been)\s+(closed|disabled|turned\s+off)"
    r"|(sign\s+up|subscribe)\s+(for|to)\s+(our|the)\s+\w*\s*newsletter"
    r"|share\s+(this|on)\s+(story|article|facebook|twitter|x)\b"
    r"|^\s*(copyright\s+)?©"
    r"|click\s+here\s+to\s+(subscribe|follow|join)"
    r"|download\s+(our|the)\s+app)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)]*\s*$")
_URL = re.compile(r"https?://\S+")
MAX_HEADLINES = 10
MAX_HEADLINE_CHARS = 200


@dataclass
class ParsedText:
    title: str
    paragraphs: list[str]
    related: list[tuple[str, str | None]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _is_headline(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= MAX_HEADLINE_CHARS and not _SENTENCE_END.search(
        stripped
    )


def _headline(line: str) -> tuple[str, str | None]:
    url_match = _URL.search(line)
    if not url_match:
        return line.strip(), None
    title = (line[: url_match.start()] + line[url_match.end() :]).strip(" -–—|:\t")
    return title or url_match.group(0), url_match.group(0)


def _drop_furniture(lines: list[str]) -> tuple[list[str], list[tuple[str, str | None]]]:
    """The body lines without related-headline blocks and trailing site lines."""
    kept: list[str] = []
    related: list[tuple[str, str | None]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _RELATED_INTRO.match(line):
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            block: list[str] = []
            while j < len(lines) and len(block) < MAX_HEADLINES:
                if not lines[j].strip():
                    j += 1
                    continue
                if not _is_headline(lines[j]):
                    break
                block.append(lines[j])
                j += 1
            if block:
                related.extend(_headline(headline) for headline in block)
                i = j
                continue
        kept.append(line)
        i += 1
    while kept and (not kept[-1].strip() or _TRAILER.search(kept[-1])):
        kept.pop()
    return kept, related


def _paragraphs(lines: list[str]) -> list[str]:
    """One paragraph per line, unless blank lines show the text is hard-wrapped."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    if any(len(block) > 1 for block in blocks) and len(blocks) > 1:
        return [" ".join(part.strip() for part in block) for block in blocks]
    return [line.strip() for block in blocks for line in block]


def parse_text(raw: str) -> ParsedText:
    """A .txt article: the first non-empty line is the title, then its paragraphs."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise ValueError("the file has no text")
    title = lines[0].strip()
    body, related = _drop_furniture(lines[1:])
    return ParsedText(title=title, paragraphs=_paragraphs(body), related=related)


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    return _MD_EMPHASIS.sub(lambda m: m.group(2), text)


def parse_markdown(raw: str) -> ParsedText:
    """A .md article: optional front matter (title, published, url, author, feed), the first
    heading as title, and paragraphs, headings and list items as paragraphs."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    match = _FRONT_MATTER.match(raw)
    if match:
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
        raw = raw[match.end() :]
    title = meta.get("title", "")
    lines: list[str] = []
    for line in raw.split("\n"):
        heading = _MD_HEADING.match(line)
        if heading and not title:
            title = _md_inline(heading.group(1))
            continue
        if heading:
            lines.extend(["", _md_inline(heading.group(1)), ""])
        elif _MD_ITEM.match(line):
            lines.extend(["", _md_inline(_MD_ITEM.sub("", line, count=1)), ""])
        else:
            lines.append(_md_inline(line))
    body, related = _drop_furniture(lines)
    blocks = "\n".join(body).split("\n\n")
    paragraphs = [" ".join(l.strip() for l in b.split("\n") if l.strip()) for b in blocks]
    paragraphs = [p for p in paragraphs if p]
    if not title:
        if not paragraphs:
            raise ValueError("the file has no text")
        title = paragraphs.pop(0)
    return ParsedText(title=title, paragraphs=paragraphs, related=related, meta=meta)
