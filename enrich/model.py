"""Result types of the enrichment step: what the reader shows and storage keeps."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Mention:
    """A named entity occurrence; offsets index the string it was found in."""

    text: str
    label: str
    start: int
    end: int
    canonical: str
    # The label rests on a gazetteer or the words around the name, not on the model's guess alone:
    # the library weighs it above guesses when it decides the entity's one type.
    sure: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class TimelineItem:
    """A dated expression resolved to an ISO date at its own precision."""

    expression: str
    start: int
    end: int
    date: str
    precision: str
    sentence: str
    sentence_start: int
    sentence_end: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Analysis:
    """Everything `analyse` finds in one article."""

    entities: list[Mention] = field(default_factory=list)
    title_entities: list[Mention] = field(default_factory=list)
    timeline: list[TimelineItem] = field(default_factory=list)
    backend: str = ""
    # Places the article relates to through words for their people or language ("Danish" ->
    # Denmark): not entities of the text, but the article is found under them.
    related_places: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "entities": [m.to_dict() for m in self.entities],
            "title_entities": [m.to_dict() for m in self.title_entities],
            "timeline": [t.to_dict() for t in self.timeline],
            "backend": self.backend,
            "related_places": list(self.related_places),
        }
