"""Tiny Tiny RSS: its JSON API (level 15 and later), one POST to `api/` per call.

New articles come from `getHeadlines` on every feed (-4) after the highest article id of the
last sync (`since_id`), 200 a page; pages are counted by `skip`, so a sync cut short goes on
where it stopped. Marks: the complete sets of unread (view_mode "unread") and starred (feed
-1) article ids. Pushing: `updateArticle` with many ids at once (field 2 unread, 0 starred).
"""

from __future__ import annotations

from typing import Any, ClassVar

import httpx

from tidings.ingest.sync.base import (
    Known,
    PUSH_BATCH,
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

PAGE = 200  # the most getHeadlines returns at once
ALL_ARTICLES = -4
STARRED = -1
UNCATEGORIZED = 0


def api_url(url: str) -> str:
    """The API endpoint: the URL given if it ends in api/, else its api/ folder."""
    url = url if url.endswith("/") else url + "/"
    return url if url.endswith("/api/") else url + "api/"



@register
class TinyTinyRSS:
    kind: ClassVar[str] = "ttrss"
    label: ClassVar[str] = "Tiny Tiny RSS"

    def __init__(self, client: httpx.AsyncClient, url: str, user: str | None, secret: str) -> None:
        self.client = client
        self.url = api_url(url)
        self.user = user or ""
        self.secret = secret
        self.sid: str | None = None

    async def _post(self, body: dict[str, Any]) -> Any:
        response = await request(self.client, "POST", self.url, json=body)
        answer = json_answer(response, dict)
        if answer.get("status") == 0:
            return answer.get("content")
        content = answer.get("content")
        error = content.get("error") if isinstance(content, dict) else None
        if error == "NOT_LOGGED_IN":
            raise SessionExpired("the tt-rss session expired")
        if error == "LOGIN_ERROR":
            raise LoginFailed("tt-rss refused the login: wrong user name or password")
        if error == "API_DISABLED":
            raise SyncError("the API is disabled for this tt-rss user (enable it in Preferences)")
        if error:
            raise SyncError(f"tt-rss error for {body.get('op')}: {text(error)[:200]}")
        raise malformed(self.url, f"no status in the answer to {body.get('op')}")

    async def call(self, op: str, **params: Any) -> Any:
        if self.sid is None:
            await self.login()
        return await self._post({"op": op, "sid": self.sid, **params})

    async def login(self) -> None:
        self.sid = None
        content = await self._post({"op": "login", "user": self.user, "password": self.secret})
        sid = content.get("session_id") if isinstance(content, dict) else None
        if not isinstance(sid, str) or not sid:
            raise malformed(self.url, "no session id in the login answer")
        self.sid = sid

    async def _list(self, op: str, **params: Any) -> list[dict[str, Any]]:
        content = await self.call(op, **params)
        if not isinstance(content, list) or not all(isinstance(x, dict) for x in content):
            raise malformed(self.url, f"{op} did not answer a list")
        return content

    async def feeds(self) -> list[RemoteFeed]:
        categories = {
            str(cat.get("id")): text(cat.get("title"))
            for cat in await self._list("getCategories", include_empty=True)
        }
        feeds = []
        for feed in await self._list("getFeeds", cat_id=-3):
            if "id" not in feed:
                raise malformed(self.url, "a feed without an id")
            cat = str(feed.get("cat_id", UNCATEGORIZED))
            tag = categories.get(cat) if cat != str(UNCATEGORIZED) else None
            feeds.append(
                RemoteFeed(
                    remote_id=str(feed["id"]),
                    title=text(feed.get("title")),
                    url=text(feed.get("feed_url")) or None,
                    tags=(tag,) if tag else (),
                )
            )
        return feeds

    def _article(self, row: dict[str, Any]) -> RemoteArticle:
        if not isinstance(row.get("id"), int) or not isinstance(row.get("feed_id"), (int, str)):
            raise malformed(self.url, "a headline without a numeric id or a feed id")
        return RemoteArticle(
            remote_id=str(row["id"]),
            remote_feed_id=str(row["feed_id"]),
            feed_title=text(row.get("feed_title")) if row["feed_id"] else "Archived articles",
            article=article_from(
                guid=f"ttrss:{row['id']}",
                title=row.get("title"),
                url=row.get("link"),
                author=row.get("author"),
                published=iso_from_unix(row.get("updated")),
                html=row.get("content"),
            ),
            read=not row.get("unread", True),
            starred=bool(row.get("marked", False)),
        )

    async def articles_page(self, state: dict[str, str], known: Known) -> Page:
        since = int(state.get("ttrss.since_id", 0))
        run_since = int(state.get("ttrss.run_since", since))  # an unfinished run goes on
        skip = int(state.get("ttrss.skip", 0))
        highest = int(state.get("ttrss.highest", run_since))
        rows = await self._list(
            "getHeadlines",
            feed_id=ALL_ARTICLES,
            view_mode="all_articles",
            since_id=run_since,
            limit=PAGE,
            skip=skip,
            show_content=True,
            show_excerpt=False,
            include_attachments=False,
        )
        articles = [self._article(row) for row in rows]
        highest = max([highest, *(int(a.remote_id) for a in articles)])
        if len(rows) < PAGE:
            return Page(
                articles,
                {"ttrss.since_id": str(highest), "ttrss.run_since": None, "ttrss.skip": None,
                 "ttrss.highest": None},
                done=True,
            )
        return Page(
            articles,
            {"ttrss.run_since": str(run_since), "ttrss.skip": str(skip + len(rows)),
             "ttrss.highest": str(highest)},
            done=False,
        )

    async def _ids(self, feed_id: int, view_mode: str) -> set[str]:
        ids: set[str] = set()
        skip = 0
        while True:
            rows = await self._list(
                "getHeadlines", feed_id=feed_id, view_mode=view_mode, limit=PAGE, skip=skip,
                show_content=False, show_excerpt=False,
            )
            ids.update(str(row.get("id")) for row in rows)
            if len(rows) < PAGE:
                return ids
            skip += len(rows)

    async def server_marks(self, state: dict[str, str]) -> ServerMarks:
        unread = await self._ids(ALL_ARTICLES, "unread")
        starred = await self._ids(STARRED, "all_articles")
        return ServerMarks(unread=unread, starred=starred)

    async def push(self, field: str, value: bool, remote_ids: list[str]) -> None:
        # field 2 is "unread", so read=True sets it false; field 0 is "marked" (starred)
        number, mode = (2, int(not value)) if field == "read" else (0, int(value))
        for start in range(0, len(remote_ids), PUSH_BATCH):
            batch = remote_ids[start : start + PUSH_BATCH]
            content = await self.call(
                "updateArticle", article_ids=",".join(batch), field=number, mode=mode
            )
            if not isinstance(content, dict) or content.get("status") != "OK":
                raise malformed(self.url, "updateArticle did not answer OK")

    async def push_note(self, remote_id: str, text: str) -> None:
        """The article's note (updateArticle field 3): where tt-rss keeps one per article."""
        content = await self.call("updateArticle", article_ids=remote_id, field=3, data=text)
        if not isinstance(content, dict) or content.get("status") != "OK":
            raise malformed(self.url, "updateArticle did not answer OK to a note")

    async def subscribe(self, url: str) -> None:
        content = await self.call("subscribeToFeed", feed_url=url, category_id=UNCATEGORIZED)
        status = content.get("status") if isinstance(content, dict) else None
        code = status.get("code") if isinstance(status, dict) else None
        if code in (0, 1):  # already subscribed, or added
            return
        reasons = {2: "the URL is not valid", 3: "no feed found there", 4: "several feeds found there; give one",
                   5: "tt-rss could not download it"}
        raise SyncError(f"tt-rss did not subscribe to {url}: {reasons.get(code, f'code {code}')}")
