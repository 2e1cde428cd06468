"""One type per entity across the library, decided from the evidence of all its mentions.

Every mention keeps the label it was found with (the model's PERSON/ORG/GPE/LOC/FAC/NORP...)
and a weight: 1 for a guess, more when a gazetteer or the words around it were sure. Each
article votes once per entity and label with its surest mention; the type with most votes
wins, and the entity takes the label that carried it. A new article may tip the balance, and
every article's highlights follow, since they read the entity's type, not the mention's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from sqlite3 import Connection

TYPES = ("person", "org", "place", "other")
TYPE_OF_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
# On a tie, the less surprising reading of a lone name: a place, then an organisation.
_TIE_ORDER = {"place": 3, "org": 2, "person": 1, "other": 0}


def type_of(label: str) -> str:
    return TYPE_OF_LABEL.get(label, "other")


def decide(votes: Iterable[tuple[str, int]]) -> tuple[str, str] | None:
    """(type, label) from (label, weight) votes; None without votes. "other" wins only alone."""
    by_type: dict[str, int] = defaultdict(int)
    by_label: dict[str, int] = defaultdict(int)
    for label, weight in votes:
        if weight > 0:
            by_type[type_of(label)] += weight
            by_label[label] += weight
    if not by_type:
        return None
    kind = max(by_type, key=lambda t: (t != "other", by_type[t], _TIE_ORDER[t]))
    label = max((lb for lb in by_label if type_of(lb) == kind), key=lambda lb: (by_label[lb], lb))
    return kind, label


def article_votes(rows: Iterable[tuple[int, str, int]]) -> dict[tuple[int, str], int]:
    """One article's votes from its mentions (entity id, label, weight): the surest per label."""
    votes: dict[tuple[int, str], int] = {}
    for entity_id, label, weight in rows:
        key = (entity_id, label)
        votes[key] = max(votes.get(key, 0), weight)
    return votes


def add_votes(db: Connection, votes: dict[tuple[int, str], int], sign: int) -> None:
    db.executemany(
        "insert into entity_votes (entity_id, label, weight) values (?, ?, ?) "
        "on conflict(entity_id, label) do update set weight = weight + excluded.weight",
        [(entity_id, label, sign * weight) for (entity_id, label), weight in votes.items()],
    )


def retype(db: Connection, entity_ids: Iterable[int]) -> None:
    """Decide the type of these entities again from their votes (written only when it changes)."""
    ids = list(entity_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        votes: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for entity_id, label, weight in db.execute(
            f"select entity_id, label, weight from entity_votes where entity_id in ({marks})", chunk
        ):
            votes[entity_id].append((label, weight))
        current = {row[0]: (row[1], row[2]) for row in db.execute(
            f"select id, type, label from entities where id in ({marks})", chunk)}
        changed = []
        for entity_id in chunk:
            decided = decide(votes.get(entity_id, ()))
            if decided and decided != current.get(entity_id):
                changed.append((*decided, entity_id))
        db.executemany("update entities set type = ?, label = ? where id = ?", changed)
