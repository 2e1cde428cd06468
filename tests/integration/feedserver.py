"""A real HTTP server on 127.0.0.1 for fetch tests: documents with ETag and Last-Modified
(answering 304), redirects (also to non-http schemes), slow, broken, endless and gzip-bomb
responses, and 429 with Retry-After. It records every request so tests can check headers.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Document:
    body: bytes
    content_type: str = "application/rss+xml"
    headers: dict[str, str] = field(default_factory=dict)
    conditional: bool = True  # send ETag and Last-Modified, answer 304 when they match
    modified: float = field(default_factory=lambda: time.time() - 3600)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'

    @property
    def last_modified(self) -> str:
        return formatdate(self.modified, usegmt=True)


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    peer: tuple[str, int] = ("", 0)  # the client's address and port: one per connection


class _Server(ThreadingHTTPServer):
    # A refresh opens many connections at once; the default backlog of 5 reset some of
    # them under load (a feed then failed with a connection error, not what it served).
    request_queue_size = 128


class FeedServer:
    """Start with `with FeedServer() as server:`; `server.url(path)` is the full URL."""

    def __init__(self) -> None:
        self.documents: dict[str, Document] = {}
        self.handlers: dict[str, Handler] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append(
                        Request(self.path, {k.lower(): v for k, v in self.headers.items()},
                                self.client_address[:2])
                    )
                path = self.path.split("?", 1)[0]
                try:
                    if path in server.handlers:
                        server.handlers[path](self)
                    elif path in server.documents:
                        server._serve(self, server.documents[path])
                    else:
                        self.send_error(404)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._builtin_handlers()

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str, content_type: str = "application/rss+xml",
            **options: object) -> str:
        """Serve body at path; returns its URL."""
        data = body.encode() if isinstance(body, str) else body
        self.documents[path] = Document(data, content_type, **options)  # type: ignore[arg-type]
        return self.url(path)

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    # -- responses -----------------------------------------------------------------------

    @staticmethod
    def _serve(handler: BaseHTTPRequestHandler, doc: Document) -> None:
        if doc.conditional:
            if handler.headers.get("If-None-Match") == doc.etag or (
                handler.headers.get("If-Modified-Since") == doc.last_modified
                and not handler.headers.get("If-None-Match")
            ):
                handler.send_response(304)
                handler.send_header("ETag", doc.etag)
                handler.send_header("Content-Length", "0")
                handler.end_headers()
                return
        body = doc.body
        gzipped = "gzip" in (handler.headers.get("Accept-Encoding") or "") and len(body) > 512
        if gzipped:
            body = gzip.compress(body)
        handler.send_response(200)
        handler.send_header("Content-Type", doc.content_type)
        handler.send_header("Content-Length", str(len(body)))
        if gzipped:
            handler.send_header("Content-Encoding", "gzip")
        if doc.conditional:
            handler.send_header("ETag", doc.etag)
            handler.send_header("Last-Modified", doc.last_modified)
        for name, value in doc.headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        """path answers with a redirect to `to` (a path on this server or any URL)."""

        def handle(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(status)
            handler.send_header("Location", to)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.handlers[path] = handle
        return self.url(path)

    def respond(self, path: str, status: int, reason: str = "", body: bytes = b"",
                headers: dict[str, str] | None = None) -> str:
        """path answers with this status, reason phrase, headers and body (hostile servers)."""

        def handle(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(status, reason or None)
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

        self.handlers[path] = handle
        return self.url(path)

    def _builtin_handlers(self) -> None:
        def slow(handler: BaseHTTPRequestHandler) -> None:
            time.sleep(5)
            handler.send_response(200)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        def broken(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(200)
            handler.send_header("Content-Type", "application/rss+xml")
            handler.send_header("Content-Length", "100000")
            handler.end_headers()
            handler.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel><ti")
            handler.wfile.flush()
            handler.close_connection = True
            handler.connection.shutdown(2)

        def gzip_bomb(handler: BaseHTTPRequestHandler) -> None:
            compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
            chunk = b"\0" * 2**20
            body = b"".join(compressor.compress(chunk) for _ in range(64)) + compressor.flush()
            handler.send_response(200)
            handler.send_header("Content-Type", "application/rss+xml")
            handler.send_header("Content-Encoding", "gzip")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

        def endless(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(200)
            handler.send_header("Content-Type", "application/rss+xml")
            handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            piece = b"<!-- " + b"x" * 65000 + b" -->"
            frame = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
            for _ in range(10_000):  # 650 MB at most, if the client never stops reading
                handler.wfile.write(frame)
            handler.wfile.write(b"0\r\n\r\n")

        def too_many(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(429)
            handler.send_header("Retry-After", "7200")
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.handlers.update(
            {"/slow": slow, "/broken": broken, "/gzip-bomb": gzip_bomb, "/endless": endless,
             "/429": too_many}
        )
