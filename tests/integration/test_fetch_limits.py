"""Fetching against a real server on 127.0.0.1: redirects, limits, timeouts, Retry-After."""

from __future__ import annotations

import pytest

from tidings.ingest.fetch import FetchError, fetch, make_client
from tests.integration.feedserver import FeedServer

FEED = "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>"


async def _get(url: str, **options: object) -> object:
    async with make_client(4) as client:
        return await fetch(client, url, **options)  # type: ignore[arg-type]


async def test_follows_a_few_http_redirects_and_sends_our_user_agent(
    feed_server: FeedServer,
) -> None:
    feed_server.add("/feed.xml", FEED)
    feed_server.redirect("/a", "/b", 301)
    feed_server.redirect("/b", feed_server.url("/feed.xml"), 308)
    got = await _get(feed_server.url("/a"))
    assert got.status == 200 and got.body == FEED.encode()
    assert got.moved_to == feed_server.url("/feed.xml")
    agent = feed_server.requests_to("/feed.xml")[0].headers["user-agent"]
    assert agent.startswith("tidings/")


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.org/x", "javascript:x"])
async def test_refuses_a_redirect_to_another_scheme(feed_server: FeedServer, target: str) -> None:
    feed_server.redirect("/r", target)
    with pytest.raises(FetchError, match="non-http"):
        await _get(feed_server.url("/r"))


async def test_stops_after_five_redirects(feed_server: FeedServer) -> None:
    for i in range(7):
        feed_server.redirect(f"/r{i}", f"/r{i + 1}")
    feed_server.add("/r7", FEED)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        await _get(feed_server.url("/r0"))


async def test_a_gzip_bomb_stops_at_the_decompressed_limit(feed_server: FeedServer) -> None:
    with pytest.raises(FetchError, match="once decompressed"):
        await _get(feed_server.url("/gzip-bomb"), max_bytes=2 * 2**20)


async def test_an_endless_body_stops_at_the_limit(feed_server: FeedServer) -> None:
    with pytest.raises(FetchError, match="larger than 1 MB"):
        await _get(feed_server.url("/endless"), max_bytes=2**20)


async def test_a_broken_response_is_an_error(feed_server: FeedServer) -> None:
    with pytest.raises(FetchError):
        await _get(feed_server.url("/broken"))


async def test_a_slow_server_times_out(feed_server: FeedServer) -> None:
    with pytest.raises(FetchError, match="timed out"):
        await _get(feed_server.url("/slow"), total_timeout=0.5)


async def test_429_carries_retry_after(feed_server: FeedServer) -> None:
    with pytest.raises(FetchError) as caught:
        await _get(feed_server.url("/429"))
    assert caught.value.status == 429 and caught.value.retry_after == 7200


async def test_conditional_get_gets_304(feed_server: FeedServer) -> None:
    feed_server.add("/feed.xml", FEED)
    first = await _get(feed_server.url("/feed.xml"))
    again = await _get(
        feed_server.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified
    )
    assert again.not_modified and again.body == b""
    assert feed_server.requests_to("/feed.xml")[1].headers["if-none-match"] == first.etag


async def test_a_connection_closed_before_any_answer_is_asked_once_more(feed_server: FeedServer) -> None:
    """A server that drops a (kept-alive) connection without answering: the GET is sent once
    more, as browsers do; a server that never answers is still an error."""
    calls: list[int] = []
    feed_server.add("/feed.xml", FEED)

    def drop_first(handler: object) -> None:
        calls.append(1)
        if len(calls) > 1:
            feed_server._serve(handler, feed_server.documents["/feed.xml"])  # type: ignore[arg-type]
        else:
            handler.close_connection = True  # type: ignore[attr-defined]  # nothing written

    feed_server.handlers["/drops-once"] = drop_first
    got = await _get(feed_server.url("/drops-once"))
    assert got.status == 200 and got.body == FEED.encode() and len(calls) == 2
    feed_server.handlers["/drops"] = lambda handler: setattr(handler, "close_connection", True)
    with pytest.raises(FetchError, match="broken response"):
        await _get(feed_server.url("/drops"))
    assert len(feed_server.requests_to("/drops")) == 2
