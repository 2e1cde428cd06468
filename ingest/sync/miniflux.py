"""Miniflux's REST API (`/v1/...`), authenticated by an API token in `X-Auth-Token` (create
one under Settings > API Keys; it is the account's password).

New articles: `GET /v1/entries?after_entry_id=N&order=id&direction=asc`, so a page always
starts after the last stored id and a cut-short sync resumes exactly. Marks: the entries
changed since the last sync (`changed_after`, compared with the server's own `changed_at`
times). Pushing: `PUT /v1/entries` with many ids and a status for read marks; stars with
`PUT /v1/entries/ID/bookmark`, which toggles, so only where the server's star differs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import httpx

from tidings.ingest.sync.base import (
    PUSH_BATCH,
    Known,
    LoginFailed,
    Page,
    ServerMarks,
    article_from,
    iso_from_unix,
    json_answer,
    malformed,
    register,
    request,
    text,
)
from tidings.storage.records import RemoteArticle, RemoteFeed

PAGE = 250


def _unix(value: Any) -> int | None:
    """Unix seconds of an ISO 8601 time (Miniflux gives microseconds and an offset)."""
    try:
        return int(datetime.fromisoformat(text(value).replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


def _iso(value: Any) -> str | None:
    return iso_from_unix(_unix(value))


@register
class Miniflux:
    kind: ClassVar[str] = "miniflux"
    label: ClassVar[str] = "Miniflux"

    def __init__(self, client: httpx.AsyncClient, url: str, user: str | None, secret: str) -> None:
        self.client = client
        self.base = url.rstrip("/")
        self.headers = {"X-Auth-Token": secret}

    async def _send(self, method: str, path: str, **options: Any) -> httpx.Response:
        return await request(
            self.client, method, f"{self.base}/{path}", headers=self.headers, **options
        )

    async def login(self) -> None:
        """A token has no session: check it once, so a wrong one fails first and clearly."""
        try:
            me = json_answer(await self._send("GET", "v1/me"), dict)
        except LoginFailed:
            raise LoginFailed("Miniflux refused the API token (wrong or revoked)") from None
        if "id" not in me:
            raise malformed(self.base, "v1/me has no user id")

    async def feeds(self) -> list[RemoteFeed]:
        answer = json_answer(await self._send("GET", "v1/feeds"), list)
        feeds = []
        for feed in answer:
            if not isinstance(feed, dict) or "id" not in feed:
                raise malformed(self.base, "a feed without an id")
            category = feed.get("category") if isinstance(feed.get("category"), dict) else {}
            tag = text(category.get("title"))
            feeds.append(
                RemoteFeed(
                    remote_id=str(feed["id"]),
                    title=text(feed.get("title")),
                    url=text(feed.get("feed_url")) or None,
                    site_url=text(feed.get("site_url")) or None,
                    tags=(tag,) if tag and tag.lower() != "all" else (),
                )
            )
        return feeds

    async def _entries(self, params: list[tuple[str, Any]]) -> list[dict[str, Any]]:
        answer = json_answer(await self._send("GET", "v1/entries", params=params), dict)
        if "entries" not in answer:
            raise malformed(self.base, "no entries in the answer to v1/entries")
        entries = answer["entries"] or []  # Go's empty list may come as null
        if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("id"), int) for e in entries
        ):
            raise malformed(self.base, "entries is not a list of entries")
        return entries

    def _article(self, entry: dict[str, Any]) -> RemoteArticle:
        feed = entry.get("feed") if isinstance(entry.get("feed"), dict) else {}
        return RemoteArticle(
            remote_id=str(entry["id"]),
            remote_feed_id=str(entry.get("feed_id", feed.get("id", "unknown"))),
            feed_title=text(feed.get("title")),
            article=article_from(
                guid=f"miniflux:{entry['id']}",
                title=entry.get("title"),
                url=entry.get("url"),
                author=entry.get("author"),
                published=_iso(entry.get("published_at")),
                html=entry.get("content"),
            ),
            read=entry.get("status") == "read",
            starred=bool(entry.get("starred")),
        )

    @staticmethod
    def _latest_change(entries: list[dict[str, Any]], state: dict[str, str]) -> str | None:
        stamps = [s for s in (_unix(e.get("changed_at")) for e in entries) if s is not None]
        old = state.get("miniflux.changed_after")
        best = max([*stamps, *([int(old)] if old else [])], default=None)
        return None if best is None else str(best)

    async def articles_page(self, state: dict[str, str], known: Known) -> Page:
        after = int(state.get("miniflux.after_entry_id", 0))
        entries = await self._entries(
            [("after_entry_id", after), ("order", "id"), ("direction", "asc"),
             ("limit", PAGE), ("status", "unread"), ("status", "read")]
        )
        articles = [self._article(entry) for entry in entries]
        highest = max([after, *(int(a.remote_id) for a in articles)])
        next_state: dict[str, str | None] = {"miniflux.after_entry_id": str(highest)}
        if "miniflux.changed_after" not in state or entries:
            next_state["miniflux.changed_after"] = self._latest_change(entries, state)
        return Page(articles, next_state, done=len(entries) < PAGE)

    async def server_marks(self, state: dict[str, str]) -> ServerMarks:
        since = state.get("miniflux.changed_after")
        if not since:
            return ServerMarks()
        changes: dict[str, tuple[bool, bool]] = {}
        seen: list[dict[str, Any]] = []
        offset = 0
        while True:
            entries = await self._entries(
                [("changed_after", max(0, int(since) - 1)), ("order", "id"),
                 ("direction", "asc"), ("limit", PAGE), ("offset", offset),
                 ("status", "unread"), ("status", "read")]
            )
            for entry in entries:
                changes[str(entry["id"])] = (entry.get("status") == "read", bool(entry.get("starred")))
            seen.extend(entries)
            if len(entries) < PAGE:
                break
            offset += len(entries)
        return ServerMarks(
            changes=changes, state={"miniflux.changed_after": self._latest_change(seen, state)}
        )

    async def push(self, field: str, value: bool, remote_ids: list[str]) -> None:
        if field == "read":
            for start in range(0, len(remote_ids), PUSH_BATCH):
                batch = [int(i) for i in remote_ids[start : start + PUSH_BATCH]]
                await self._send(
                    "PUT", "v1/entries",
                    json={"entry_ids": batch, "status": "read" if value else "unread"},
                )
            return
        for remote_id in remote_ids:  # the bookmark call toggles: only where it differs
            entry = json_answer(await self._send("GET", f"v1/entries/{int(remote_id)}"), dict)
            if bool(entry.get("starred")) != value:
                await self._send("PUT", f"v1/entries/{int(remote_id)}/bookmark")

    async def subscribe(self, url: str) -> None:
        """Into the first category (Miniflux needs one); an existing feed is left as it is."""
        if any(feed.url == url for feed in await self.feeds()):
            return
        categories = json_answer(await self._send("GET", "v1/categories"), list)
        if not categories or not isinstance(categories[0], dict) or "id" not in categories[0]:
            raise malformed(self.base, "no category to subscribe into")
        answer = json_answer(
            await self._send("POST", "v1/feeds", json={"feed_url": url, "category_id": categories[0]["id"]}),
            dict,
        )
        if "feed_id" not in answer:
            raise malformed(self.base, "no feed_id in the answer to POST /v1/feeds")
