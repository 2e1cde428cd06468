"""Connections per host against real servers on 127.0.0.1: kept between a host's feeds,
closed for idle hosts beyond the bound, never under a response still being read."""

from __future__ import annotations

import asyncio

import httpx

from tidings.ingest.fetch import HostLimiter, fetch, make_client
from tidings.ingest.host_pools import HostPools
from tests.integration.feedserver import FeedServer

FEED = "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>"


async def test_a_hosts_feeds_share_its_few_connections(feed_server: FeedServer) -> None:
    urls = [feed_server.add(f"/feed-{i}.xml", FEED) for i in range(12)]
    limiter = HostLimiter(2)
    async with make_client(64, per_host=2) as client:
        got = await asyncio.gather(*(fetch(client, url, limiter=limiter) for url in urls))
    assert [g.body for g in got] == [FEED.encode()] * 12
    peers = {request.peer for request in feed_server.requests}
    assert len(feed_server.requests) == 12
    assert 1 <= len(peers) <= 2  # twelve requests over at most two kept-alive connections


async def test_idle_hosts_lose_their_pools_beyond_the_bound_but_not_a_response_being_read(
) -> None:
    with FeedServer() as a, FeedServer() as b, FeedServer() as c:
        for server in (a, b, c):
            server.add("/feed.xml", FEED)
        pools = HostPools(per_host=2, max_hosts=1)
        async with httpx.AsyncClient(transport=pools) as client:
            async with client.stream("GET", a.url("/feed.xml")) as reading:
                for server in (b, c):
                    assert (await client.get(server.url("/feed.xml"))).content == FEED.encode()
                assert pools.hosts() == 2  # a's pool stays while its response is open
                assert await reading.aread() == FEED.encode()
            await client.get(b.url("/feed.xml"))
            assert pools.hosts() == 1  # a and c were idle: closed when b needed a pool
