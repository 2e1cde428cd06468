"""The Google Reader API, as FreshRSS, Miniflux, Inoreader, The Old Reader and BazQux serve it.

Login: `accounts/ClientLogin` (the protocol wants Email and Passwd in the POST body), then
`Authorization: GoogleLogin auth=...` on every call and an action token (`reader/api/0/token`)
as `T` in every POST body. Both are sent on every request: Miniflux reads the token from the
header on GET and from `T` on POST.

New articles: `stream/items/ids` of the reading list (`ot` = the last sync, less an hour for
clocks and feeds that arrive late), then `stream/items/contents` for the ids the library does
not hold; then the ids of every unread article, whose unknown ones are fetched too. That
second pass matters on Miniflux, which compares `ot` with an article's publication date (an
old article fetched today is older than `ot`), where FreshRSS compares it with its fetch
time. `stream/contents/...` is never used (Miniflux lacks it), and every answer is checked
for its shape: Miniflux answers unknown paths with `[]` and 200.

Marks: the complete sets of unread (reading list excluding `read`) and starred ids; pushed
with `edit-tag` (a or r of `user/-/state/com.google/read` or `/starred`), many ids at once.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode
from typing import Any, ClassVar

import httpx

from tidings.ingest.sync.base import (
    Known,
    LoginFailed,
    Page,
    ServerMarks,
    SessionExpired,
    SyncError,
    article_from,
    iso_from_unix,
    json_answer,
    malformed,
    register,
    request,
    text,
)
from tidings.storage.records import RemoteArticle, RemoteFeed

READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
ITEM_PREFIX = "tag:google.com,2005:reader/item/"
IDS_PAGE = 1000
CONTENTS_BATCH = 250
EDIT_BATCH = 250
OT_MARGIN = 3600  # seconds before the last sync that `ot` asks from


def short_id(value: Any) -> str:
    """An item id as the decimal string `stream/items/ids` gives (the long form is hex)."""
    raw = text(value) if not isinstance(value, int) else str(value)
    if raw.startswith(ITEM_PREFIX):
        return str(int(raw[len(ITEM_PREFIX) :], 16))
    if raw.isdigit():
        return str(int(raw))
    raise ValueError(raw)


def long_id(short: str) -> str:
    return f"{ITEM_PREFIX}{int(short):016x}"


@register
class GoogleReader:
    kind: ClassVar[str] = "greader"
    label: ClassVar[str] = "Google Reader API"

    def __init__(self, client: httpx.AsyncClient, url: str, user: str | None, secret: str) -> None:
        self.client = client
        self.base = url.rstrip("/")
        self.user = user or ""
        self.secret = secret
        self.auth: str | None = None
        self.token: str | None = None
        self._unread: set[str] | None = None  # listed once per sync, used twice

    # -- session -------------------------------------------------------------------------

    async def login(self) -> None:
        self.auth = self.token = None
        response = await request(
            self.client,
            "POST",
            f"{self.base}/accounts/ClientLogin",
            data={"Email": self.user, "Passwd": self.secret},
        )
        fields = dict(
            line.split("=", 1) for line in response.text.splitlines() if "=" in line
        )
        if not fields.get("Auth"):
            raise malformed(self.base, "no Auth in the ClientLogin answer")
        self.auth = fields["Auth"].strip()
        token = await self._send("GET", "reader/api/0/token")
        self.token = token.text.strip()
        if not self.token or self.token.startswith(("[", "{")):
            raise malformed(self.base, "no token from reader/api/0/token")

    async def _send(
        self, method: str, path: str, params: Any = None, data: Any = None
    ) -> httpx.Response:
        if self.auth is None:
            await self.login()
        headers = {"Authorization": f"GoogleLogin auth={self.auth}"}
        body = None
        if method == "POST":  # repeated fields (i=...&i=...), so encoded here
            body = urlencode([*(data or []), ("T", self.token or "")])
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            return await request(
                self.client, method, f"{self.base}/{path}", params=params, content=body,
                headers=headers,
            )
        except LoginFailed:  # the login was good a moment ago: the session has ended
            raise SessionExpired("the Google Reader API session expired") from None

    async def _json(self, method: str, path: str, params: Any = None, data: Any = None) -> dict[str, Any]:
        return json_answer(await self._send(method, path, params, data), dict)

    # -- subscriptions -------------------------------------------------------------------

    async def feeds(self) -> list[RemoteFeed]:
        answer = await self._json("GET", "reader/api/0/subscription/list", {"output": "json"})
        subscriptions = answer.get("subscriptions")
        if not isinstance(subscriptions, list):
            raise malformed(self.base, "no subscriptions list")
        feeds = []
        for sub in subscriptions:
            if not isinstance(sub, dict) or not isinstance(sub.get("id"), str):
                raise malformed(self.base, "a subscription without an id")
            tags = tuple(
                text(cat.get("label")) for cat in sub.get("categories") or []
                if isinstance(cat, dict) and text(cat.get("label"))
            )
            feeds.append(
                RemoteFeed(
                    remote_id=sub["id"],
                    title=text(sub.get("title")),
                    url=text(sub.get("url")) or None,
                    site_url=text(sub.get("htmlUrl")) or None,
                    tags=tags,
                )
            )
        return feeds

    # -- articles ------------------------------------------------------------------------

    async def _ids(self, params: dict[str, Any], continuation: str | None) -> tuple[list[str], str | None]:
        query = [*params.items(), ("n", IDS_PAGE), ("output", "json")]
        if continuation:
            query.append(("c", continuation))
        answer = await self._json("GET", "reader/api/0/stream/items/ids", query)
        if "itemRefs" not in answer:
            raise malformed(self.base, "no itemRefs in the answer to stream/items/ids")
        refs = answer["itemRefs"] or []  # Miniflux's empty list may come as null
        if not isinstance(refs, list):
            raise malformed(self.base, "itemRefs is not a list")
        try:
            ids = [short_id(ref["id"]) for ref in refs]
        except (KeyError, TypeError, ValueError):
            raise malformed(self.base, "an item ref without a valid id") from None
        nxt = answer.get("continuation")
        return ids, (str(nxt) if nxt not in (None, "", 0, "0") and ids else None)

    async def _all_ids(self, params: dict[str, Any]) -> set[str]:
        found: set[str] = set()
        continuation = None
        while True:
            ids, continuation = await self._ids(params, continuation)
            found.update(ids)
            if continuation is None:
                return found

    async def _contents(self, ids: list[str]) -> list[RemoteArticle]:
        articles: list[RemoteArticle] = []
        for start in range(0, len(ids), CONTENTS_BATCH):
            batch = ids[start : start + CONTENTS_BATCH]
            answer = await self._json(
                "POST", "reader/api/0/stream/items/contents", {"output": "json"},
                [("i", long_id(i)) for i in batch],
            )
            items = answer.get("items")
            if not isinstance(items, list):
                raise malformed(self.base, "stream/items/contents has no items list")
            articles.extend(self._article(item) for item in items)
        return articles

    def _article(self, item: Any) -> RemoteArticle:
        if not isinstance(item, dict):
            raise malformed(self.base, "an item that is not an object")
        try:
            remote_id = short_id(item.get("id"))
        except ValueError:
            raise malformed(self.base, "an item without a valid id") from None
        origin = item.get("origin") if isinstance(item.get("origin"), dict) else {}
        categories = [text(c) for c in item.get("categories") or [] if isinstance(c, str)]
        links = [
            link.get("href") for link in (item.get("canonical") or []) + (item.get("alternate") or [])
            if isinstance(link, dict)
        ]
        body = item.get("content") if isinstance(item.get("content"), dict) else item.get("summary")
        published = item.get("published")
        return RemoteArticle(
            remote_id=remote_id,
            remote_feed_id=text(origin.get("streamId")) or "feed/unknown",
            feed_title=text(origin.get("title")),
            article=article_from(
                guid=f"greader:{remote_id}",
                title=item.get("title"),
                url=links[0] if links else None,
                author=item.get("author"),
                published=iso_from_unix(published),
                html=body.get("content") if isinstance(body, dict) else None,
            ),
            read=any(c.endswith("/state/com.google/read") for c in categories),
            starred=any(c.endswith("/state/com.google/starred") for c in categories),
        )

    async def articles_page(self, state: dict[str, str], known: Known) -> Page:
        started = state.get("greader.run_started") or str(int(time.time()))
        phase = state.get("greader.phase", "new")
        since = state.get("greader.since")
        if phase == "new":
            params: dict[str, Any] = {"s": READING_LIST}
            if since:
                params["ot"] = max(0, int(since) - OT_MARGIN)
            ids, continuation = await self._ids(params, state.get("greader.c"))
        else:  # the unread ones, listed in full (kept for server_marks)
            ids = sorted(await self._unread_ids())
            continuation = None
        unknown = [i for i in ids if i not in await known(ids)]
        articles = await self._contents(unknown)
        if continuation is not None:
            next_state = {"greader.run_started": started, "greader.phase": "new",
                          "greader.c": continuation}
            return Page(articles, next_state, done=False)
        if phase == "new":
            next_state = {"greader.run_started": started, "greader.phase": "unread",
                          "greader.c": None}
            return Page(articles, next_state, done=False)
        done_state: dict[str, str | None] = {
            "greader.since": started, "greader.run_started": None, "greader.phase": None,
            "greader.c": None,
        }
        return Page(articles, done_state, done=True)

    async def _unread_ids(self) -> set[str]:
        if self._unread is None:
            self._unread = await self._all_ids({"s": READING_LIST, "xt": READ})
        return self._unread

    async def server_marks(self, state: dict[str, str]) -> ServerMarks:
        unread = await self._unread_ids()
        starred = await self._all_ids({"s": STARRED})
        return ServerMarks(unread=unread, starred=starred)

    async def push(self, field: str, value: bool, remote_ids: list[str]) -> None:
        tag = READ if field == "read" else STARRED
        action = "a" if value else "r"
        self._unread = None
        for start in range(0, len(remote_ids), EDIT_BATCH):
            batch = remote_ids[start : start + EDIT_BATCH]
            response = await self._send(
                "POST", "reader/api/0/edit-tag", None,
                [*(("i", long_id(i)) for i in batch), (action, tag)],
            )
            if response.text.strip() != "OK":
                raise malformed(self.base, "edit-tag did not answer OK")

    async def subscribe(self, url: str) -> None:
        answer = json_answer(
            await self._send("POST", "reader/api/0/subscription/quickadd", None, [("quickadd", url)]),
            dict,
        )
        if not answer.get("streamId") and not answer.get("numResults"):
            raise SyncError(f"the server did not subscribe to {url}")


