"""Small Google Reader API and Miniflux REST servers on 127.0.0.1 for the sync tests.

No FreshRSS or Miniflux server can be installed here, so these follow the published API
documents (FreshRSS's and Miniflux's Google Reader API notes, Miniflux's API reference and
its handlers) over an in-memory aggregator, including where servers differ:

- greader "freshrss": `ot` is compared with the time the server fetched an item; unknown
  paths answer 404; `continuation` is a string; POSTs need the action token as `T`.
- greader "miniflux": `ot` is compared with the item's publication date; unknown paths
  (such as `stream/contents/...`) answer `[]` with 200; `continuation` is a number; the
  token is read from the Authorization header on GET and only from `T` on POST.
- miniflux REST: `X-Auth-Token`; `/v1/entries` with after_entry_id, order, direction,
  limit, offset, status, changed_after; `PUT /v1/entries`; the bookmark call toggles.

Tests change the server's data directly (`Aggregator`), make it fail (`fail`), end sessions
(`expire_sessions`) and read what clients sent (`requests`).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

ITEM = "tag:google.com,2005:reader/item/"


@dataclass
class Entry:
    id: int
    feed_id: int
    title: str
    url: str
    content: str
    published: int
    fetched: int
    read: bool = False
    starred: bool = False
    changed: float = field(default_factory=time.time)


@dataclass
class Feed:
    id: int
    title: str
    url: str
    category: str


class Aggregator:
    """The server's data: feeds and entries, changed by tests as another device would."""

    def __init__(self) -> None:
        self.feeds: dict[int, Feed] = {}
        self.entries: dict[int, Entry] = {}
        self.lock = threading.Lock()
        self._next = 1000

    def add_feed(self, title: str, url: str, category: str = "News") -> int:
        feed_id = len(self.feeds) + 1
        self.feeds[feed_id] = Feed(feed_id, title, url, category)
        return feed_id

    def add_entry(self, feed_id: int, title: str, *, published: int | None = None,
                  content: str = "<p>Body text of the entry.</p>") -> int:
        with self.lock:
            self._next += 1
            now = int(time.time())
            self.entries[self._next] = Entry(
                self._next, feed_id, title, f"https://example.com/{self._next}", content,
                published if published is not None else now, now,
            )
            return self._next

    def set(self, entry_id: int, *, read: bool | None = None, starred: bool | None = None) -> None:
        with self.lock:
            entry = self.entries[entry_id]
            if read is not None:
                entry.read = read
            if starred is not None:
                entry.starred = starred
            entry.changed = time.time()

    def subscribe(self, url: str) -> int:
        """What an aggregator does on a new subscription: add the feed, fetch its entries."""
        for feed in self.feeds.values():
            if feed.url == url:
                return feed.id
        feed_id = self.add_feed(f"Feed at {url.rsplit('/', 1)[-1]}", url, "Subscribed")
        self.add_entry(feed_id, f"First from {url.rsplit('/', 1)[-1]}")
        return feed_id

    def by_title(self, title: str) -> Entry:
        return next(e for e in self.entries.values() if e.title == title)


class _Server:
    """Shared plumbing: a threaded HTTP server, request log, failure injection."""

    def __init__(self, user: str, password: str) -> None:
        self.data = Aggregator()
        self.user = user
        self.password = password
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        self.failures: dict[str, list[int | None]] = {}  # path -> statuses in turn (None: serve)
        self.delay = 0.0  # seconds before each answer
        self.expire_in: int | None = None  # end every session just before that many requests
        self.malformed: dict[str, bytes] = {}  # path -> body to answer instead
        self.sessions: set[str] = set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = urlsplit(self.path).path
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append((self.command, self.path, headers, body))
                if server.delay:
                    time.sleep(server.delay)
                if server.expire_in is not None:
                    server.expire_in -= 1
                    if server.expire_in == 0:
                        server.expire_in = None
                        server.expire_sessions()
                statuses = server.failures.get(path)
                status = statuses.pop(0) if statuses else None
                if status is not None:
                    self._send(status, b"boom", "text/plain")
                    return
                if path in server.malformed:
                    self._send(200, server.malformed[path], "application/json")
                    return
                status, payload, kind = server.route(self.command, self.path, headers, body)
                self._send(status, payload, kind)

            def _send(self, status: int, payload: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = _handle

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> Any:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def expire_sessions(self) -> None:
        self.sessions.clear()

    def fail(self, path: str, *statuses: int | None) -> None:
        """Answer the next requests to path with these statuses (None: answer normally)."""
        self.failures[path] = list(statuses)

    def route(self, method: str, target: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes, str]:
        raise NotImplementedError

    @staticmethod
    def json(data: Any, status: int = 200) -> tuple[int, bytes, str]:
        return status, json.dumps(data).encode(), "application/json"


class GoogleReaderServer(_Server):
    """The Google Reader API the way FreshRSS ("freshrss") or Miniflux ("miniflux") serve it."""

    def __init__(self, flavour: str, user: str = "reader", password: str = "s3cret pass") -> None:
        super().__init__(user, password)
        self.flavour = flavour

    def _token_ok(self, method: str, headers: dict[str, str], form: dict[str, list[str]]) -> bool:
        if self.flavour == "miniflux" and method == "POST":
            return (form.get("T") or [""])[0] in self.sessions
        auth = headers.get("authorization", "")
        if not auth.startswith("GoogleLogin auth=") or auth[17:] not in self.sessions:
            return False
        return method != "POST" or (form.get("T") or [""])[0] in self.sessions

    def route(self, method: str, target: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes, str]:
        parts = urlsplit(target)
        path = parts.path
        query = parse_qs(parts.query)
        form = parse_qs(body.decode()) if method == "POST" else {}
        if path == "/accounts/ClientLogin" and method == "POST":
            if form.get("Email") != [self.user] or form.get("Passwd") != [self.password]:
                return 401, b"Error=BadAuthentication\n", "text/plain"
            token = hashlib.sha256(f"{time.time()}{self.user}".encode()).hexdigest()
            self.sessions.add(token)
            return 200, f"SID={token}\nLSID=null\nAuth={token}\n".encode(), "text/plain"
        known = {
            "/reader/api/0/token", "/reader/api/0/subscription/list",
            "/reader/api/0/stream/items/ids", "/reader/api/0/stream/items/contents",
            "/reader/api/0/edit-tag", "/reader/api/0/subscription/quickadd",
        }
        if path not in known:
            return (200, b"[]", "application/json") if self.flavour == "miniflux" else (404, b"", "text/plain")
        if not self._token_ok(method, headers, form):
            return 401, b"Unauthorized", "text/plain"
        data = self.data
        if path == "/reader/api/0/token":
            return 200, (headers["authorization"][17:] + "\n").encode(), "text/plain"
        if path == "/reader/api/0/subscription/list":
            return self.json({"subscriptions": [
                {"id": f"feed/{f.id}", "title": f.title, "url": f.url, "htmlUrl": f.url,
                 "categories": [{"id": f"user/-/label/{f.category}", "label": f.category}]}
                for f in data.feeds.values()]})
        if path == "/reader/api/0/subscription/quickadd" and method == "POST":
            url = (form.get("quickadd") or query.get("quickadd") or [""])[0]
            feed_id = data.subscribe(url)
            return self.json({"numResults": 1, "query": url, "streamId": f"feed/{feed_id}"})
        if path == "/reader/api/0/stream/items/ids":
            return self._ids(query)
        if path == "/reader/api/0/stream/items/contents":
            ids = [self._id(i) for i in form.get("i", [])]
            return self.json({"id": "user/-/state/com.google/reading-list", "items": [
                self._item(data.entries[i]) for i in ids if i in data.entries]})
        # edit-tag
        ids = [self._id(i) for i in form.get("i", [])]
        for tag, value in [(t, True) for t in form.get("a", [])] + [(t, False) for t in form.get("r", [])]:
            for i in ids:
                if tag.endswith("/state/com.google/read"):
                    data.set(i, read=value)
                elif tag.endswith("/state/com.google/starred"):
                    data.set(i, starred=value)
        return 200, b"OK", "text/plain"

    @staticmethod
    def _id(value: str) -> int:
        return int(value[len(ITEM):], 16) if value.startswith(ITEM) else int(value)

    def _ids(self, query: dict[str, list[str]]) -> tuple[int, bytes, str]:
        stream = query.get("s", [""])[0]
        excluded = query.get("xt", [])
        ot = int(query.get("ot", ["0"])[0])
        n = int(query.get("n", ["20"])[0])
        offset = int(query.get("c", ["0"])[0] or 0)
        entries = sorted(self.data.entries.values(), key=lambda e: e.id, reverse=True)
        if stream.endswith("/state/com.google/starred"):
            entries = [e for e in entries if e.starred]
        if any(x.endswith("/state/com.google/read") for x in excluded):
            entries = [e for e in entries if not e.read]
        if ot:  # the documented difference: fetch time (FreshRSS) or publication (Miniflux)
            entries = [e for e in entries
                       if (e.published if self.flavour == "miniflux" else e.fetched) >= ot]
        page = entries[offset : offset + n]
        answer: dict[str, Any] = {"itemRefs": [{"id": str(e.id)} for e in page]}
        if offset + n < len(entries):
            nxt = offset + n
            answer["continuation"] = nxt if self.flavour == "miniflux" else str(nxt)
        return self.json(answer)

    def _item(self, entry: Entry) -> dict[str, Any]:
        feed = self.data.feeds[entry.feed_id]
        categories = ["user/1/state/com.google/reading-list", f"user/1/label/{feed.category}"]
        if entry.read:
            categories.append("user/1/state/com.google/read")
        if entry.starred:
            categories.append("user/1/state/com.google/starred")
        return {
            "id": f"{ITEM}{entry.id:016x}", "title": entry.title, "published": entry.published,
            "crawlTimeMsec": str(entry.fetched * 1000), "categories": categories,
            "alternate": [{"href": entry.url, "type": "text/html"}],
            "summary": {"content": entry.content}, "author": "A. Writer",
            "origin": {"streamId": f"feed/{feed.id}", "title": feed.title, "htmlUrl": feed.url},
        }


class MinifluxServer(_Server):
    """Miniflux's REST API (`/v1/...`) with an API token."""

    def __init__(self, token: str = "miniflux-api-token") -> None:
        super().__init__("", token)
        self.sessions = {token}

    def expire_sessions(self) -> None:  # a token does not expire; revoking it is a new one
        self.sessions = set()

    def route(self, method: str, target: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes, str]:
        if headers.get("x-auth-token") not in self.sessions:
            return self.json({"error_message": "Access Unauthorized"}, 401)
        parts = urlsplit(target)
        path = parts.path
        query = parse_qsl(parts.query)
        data = self.data
        if path == "/v1/me":
            return self.json({"id": 1, "username": "admin"})
        if path == "/v1/feeds" and method == "GET":
            return self.json([{"id": f.id, "title": f.title, "feed_url": f.url, "site_url": f.url,
                               "category": {"id": 1, "title": f.category}} for f in data.feeds.values()])
        if path == "/v1/categories" and method == "GET":
            return self.json([{"id": 1, "title": "All", "user_id": 1}])
        if path == "/v1/feeds" and method == "POST":
            request = json.loads(body)
            if not request.get("category_id"):
                return self.json({"error_message": "category_id is required"}, 400)
            return self.json({"feed_id": data.subscribe(request["feed_url"])}, 201)
        if path == "/v1/entries" and method == "GET":
            return self._entries(query)
        if path == "/v1/entries" and method == "PUT":
            request = json.loads(body)
            for i in request["entry_ids"]:
                data.set(int(i), read=request["status"] == "read")
            return 204, b"", "application/json"
        if path.startswith("/v1/entries/"):
            entry_id = int(path.split("/")[3])
            if entry_id not in data.entries:
                return self.json({"error_message": "not found"}, 404)
            if path.endswith("/bookmark") and method == "PUT":
                data.set(entry_id, starred=not data.entries[entry_id].starred)
                return 204, b"", "application/json"
            return self.json(self._entry(data.entries[entry_id]))
        return self.json({"error_message": "Not Found"}, 404)

    def _entry(self, entry: Entry) -> dict[str, Any]:
        feed = self.data.feeds[entry.feed_id]
        def iso(t: float) -> str:
            return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{int((t % 1) * 1e6):06d}Z"
        return {
            "id": entry.id, "feed_id": feed.id, "status": "read" if entry.read else "unread",
            "title": entry.title, "url": entry.url, "content": entry.content, "author": "",
            "published_at": iso(entry.published), "created_at": iso(entry.fetched),
            "changed_at": iso(entry.changed), "starred": entry.starred,
            "feed": {"id": feed.id, "title": feed.title, "feed_url": feed.url},
        }

    def _entries(self, query: list[tuple[str, str]]) -> tuple[int, bytes, str]:
        params: dict[str, list[str]] = {}
        for key, value in query:
            params.setdefault(key, []).append(value)
        entries = list(self.data.entries.values())
        if "after_entry_id" in params:
            entries = [e for e in entries if e.id > int(params["after_entry_id"][0])]
        if "changed_after" in params:
            entries = [e for e in entries if e.changed > int(params["changed_after"][0])]
        if "status" in params:
            wanted = set(params["status"])
            entries = [e for e in entries if ("read" if e.read else "unread") in wanted]
        if params.get("starred") == ["true"]:
            entries = [e for e in entries if e.starred]
        entries.sort(key=lambda e: e.id, reverse=params.get("direction") == ["desc"])
        offset = int(params.get("offset", ["0"])[0])
        limit = int(params.get("limit", ["100"])[0])
        page = entries[offset : offset + limit]
        return self.json({"total": len(entries), "entries": [self._entry(e) for e in page]})
