"""What every sync adapter shares: the adapter interface, the errors, and one HTTP request
helper that turns every failure into a single line without credentials in it.

An adapter speaks one server protocol. It is stateless apart from its login session: the
sync engine hands it the stored sync state and stores what it returns, so a fourth
protocol (Nextcloud News, Fever) is one module that implements `Adapter` and registers
itself in `ADAPTERS`.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, ClassVar, Protocol
from urllib.parse import urlsplit

import httpx

from tidings.ingest.fetch import USER_AGENT, is_http_url
from tidings.ingest.html import html_fragment
from tidings.ingest.feed_readers import plain_text
from tidings.storage import ArticleIn
from tidings.storage.clean import strip_controls
from tidings.storage.records import RemoteArticle, RemoteFeed

MAX_ANSWER_BYTES = 64 * 2**20
TIMEOUT = httpx.Timeout(60.0, connect=10.0)
PUSH_BATCH = 500  # ids per mark request


Known = Callable[[list[str]], Awaitable[set[str]]]


class SyncError(Exception):
    """A sync that cannot go on; the message is one line, fit to show, with no secret in it."""


class LoginFailed(SyncError):
    """The server refused the user name or password (or token)."""


class SessionExpired(SyncError):
    """The server no longer knows the session: the engine logs in again, once."""


@dataclass
class Page:
    """One page of new articles and the sync state to store with it (None deletes a key)."""

    articles: list[RemoteArticle]
    state: dict[str, str | None]
    done: bool


@dataclass
class ServerMarks:
    """The server's marks: complete sets of unread and starred ids (every other article
    is read and not starred), or the marks of the articles changed since the last sync."""

    unread: set[str] | None = None
    starred: set[str] | None = None
    changes: dict[str, tuple[bool, bool]] = field(default_factory=dict)  # id -> (read, starred)
    state: dict[str, str | None] = field(default_factory=dict)


class Adapter(Protocol):
    """One server protocol. Every method raises SyncError (LoginFailed, SessionExpired)."""

    kind: ClassVar[str]
    label: ClassVar[str]  # how the README and the CLI name the protocol

    def __init__(self, client: httpx.AsyncClient, url: str, user: str | None, secret: str) -> None: ...

    async def login(self) -> None:
        """Start a session (or check the token)."""

    async def feeds(self) -> list[RemoteFeed]:
        """Every subscription, with its categories as tags."""

    async def articles_page(self, state: dict[str, str], known: Known) -> Page:
        """The next page of articles the library has not seen, from the stored state;
        `known(ids)` tells which of these server ids the library already holds."""

    async def server_marks(self, state: dict[str, str]) -> ServerMarks:
        """The server's read and starred marks for the articles both sides know."""

    async def push(self, field: str, value: bool, remote_ids: list[str]) -> None:
        """Set read (field "read") or starred on these articles, in a few batched requests."""

    async def subscribe(self, url: str) -> None:
        """Subscribe on the server (already subscribed is fine); the next sync brings it."""


ADAPTERS: dict[str, type[Adapter]] = {}


def register(adapter: type[Adapter]) -> type[Adapter]:
    ADAPTERS[adapter.kind] = adapter
    return adapter


def check_server_url(url: str) -> str:
    """The URL as given if it is http(s) without credentials in it; ValueError otherwise."""
    if not is_http_url(url):
        raise ValueError(f"{url}: only http and https URLs are accepted")
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise ValueError(
            "the URL must not hold a user name or password; give --user and a password "
            "source instead"
        )
    return url


def make_client() -> httpx.AsyncClient:
    return httpx.AsyncClient(
        follow_redirects=False,
        timeout=TIMEOUT,
        headers={"User-Agent": USER_AGENT},
        trust_env=False,
    )


def _where(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


async def request(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    auth_statuses: tuple[int, ...] = (401, 403),
    **options: Any,
) -> httpx.Response:
    """Send one request; any failure is a SyncError naming the host, never the request's
    body or headers (which carry credentials). 401/403 raise LoginFailed."""
    where = _where(url)
    try:
        response = await client.request(method, url, **options)
    except httpx.ConnectError:
        raise SyncError(f"cannot reach the server at {where} (connection refused or no route)") from None
    except httpx.TimeoutException:
        raise SyncError(f"the server at {where} did not answer in time") from None
    except httpx.HTTPError as error:
        raise SyncError(f"network error talking to {where}: {type(error).__name__}") from None
    if response.status_code in auth_statuses:
        raise LoginFailed(f"the server at {where} refused the login (HTTP {response.status_code})")
    if 300 <= response.status_code < 400:
        target = response.headers.get("location", "")
        raise SyncError(
            f"the server at {where} redirects (HTTP {response.status_code}) to "
            f"{strip_controls(target)[:200]}; give that URL to the account instead"
        )
    if response.status_code >= 400:
        raise SyncError(f"the server at {where} answered HTTP {response.status_code}")
    if len(response.content) > MAX_ANSWER_BYTES:
        raise SyncError(f"the server at {where} sent an answer over {MAX_ANSWER_BYTES >> 20} MB")
    return response


def json_answer(response: httpx.Response, expected: type) -> Any:
    """The JSON body, which must be an object (dict) or array (list); SyncError otherwise."""
    where = _where(str(response.request.url))
    try:
        data = json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise SyncError(f"malformed answer from {where}: not JSON") from None
    if not isinstance(data, expected):
        raise SyncError(
            f"malformed answer from {where}: expected a JSON "
            f"{'object' if expected is dict else 'array'}, got {type(data).__name__}"
        )
    return data


def malformed(url: str, what: str) -> SyncError:
    return SyncError(f"malformed answer from {_where(url)}: {what}")


def iso_from_unix(value: Any) -> str | None:
    """An ISO 8601 UTC time from Unix seconds as a server sent them; None if they are not."""
    try:
        return datetime.fromtimestamp(int(value), timezone.utc).isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def text(value: Any) -> str:
    """A server's string, plain and without control characters ('' for anything else)."""
    return strip_controls(value) if isinstance(value, str) else ""


def article_from(
    *,
    guid: str,
    title: Any,
    url: Any,
    author: Any,
    published: str | None,
    html: Any,
) -> ArticleIn:
    """An ArticleIn from a server's fields: HTML content to paragraphs, entities decoded."""
    link = text(url).strip() or None
    if link and not is_http_url(link):
        link = None
    paragraphs, cleaned = html_fragment(text(html), link)
    body = "\n\n".join(paragraphs)
    heading = " ".join(plain_text(text(title)).split()) if text(title) else ""
    return ArticleIn(
        guid=guid,
        title=(heading or (paragraphs[0] if paragraphs else link or "(untitled)"))[:300],
        text=body,
        url=link,
        author=" ".join(text(author).split()) or None,
        published=published,
        html=cleaned or None,
    )
