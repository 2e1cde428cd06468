"""Connection pools per host, for the one HTTP client of a refresh.

One pool shared by every host had to keep few connections alive, because httpcore checks
every pooled connection on every request: 1,000 feeds on 50 hosts opened 1,000 connections,
and a fifth of the refresh's HTTP time went to those checks. A small pool per host keeps that
host's connections open from one of its feeds to the next and checks only them. Pools of
hosts with nothing in flight are closed beyond `max_hosts`, so a subscription list spread
over hundreds of sites holds a bounded number of sockets.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx


@dataclass
class _Pool:
    transport: httpx.AsyncHTTPTransport
    open: int = 0  # responses not yet closed


class _Counted(httpx.AsyncByteStream):
    """A response body that tells its pool when it is closed (the connection is free)."""

    def __init__(self, stream: httpx.AsyncByteStream, pool: _Pool) -> None:
        self._stream = stream
        self._pool: _Pool | None = pool

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        if self._pool is not None:
            self._pool.open -= 1
            self._pool = None
        await self._stream.aclose()


class HostPools(httpx.AsyncBaseTransport):
    """A transport that sends each request through its host's own pool of connections."""

    def __init__(self, per_host: int, max_hosts: int, http2: bool = True) -> None:
        self._limits = httpx.Limits(max_connections=per_host, max_keepalive_connections=per_host)
        self._tls = httpx.create_ssl_context()  # one for all: each pool's own cost 30 ms
        self._http2 = http2
        self._max_hosts = max(1, max_hosts)
        self._pools: OrderedDict[tuple[bytes, str, int | None], _Pool] = OrderedDict()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = (request.url.raw_scheme, request.url.host, request.url.port)
        pool = self._pools.get(key)
        if pool is None:
            await self._close_idle(len(self._pools) + 1 - self._max_hosts)
            pool = self._pools.get(key)  # another request may have made it meanwhile
        if pool is None:
            pool = self._pools[key] = _Pool(
                httpx.AsyncHTTPTransport(
                    verify=self._tls, http2=self._http2, limits=self._limits, trust_env=False
                )
            )
        self._pools.move_to_end(key)
        pool.open += 1
        try:
            response = await pool.transport.handle_async_request(request)
        except BaseException:
            pool.open -= 1
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Counted(response.stream, pool)
        return response

    async def _close_idle(self, count: int) -> None:
        """Close up to `count` pools with nothing in flight, least recently used first."""
        if count <= 0:
            return
        idle = [key for key, pool in self._pools.items() if pool.open == 0][:count]
        for key in idle:
            await self._pools.pop(key).transport.aclose()

    def hosts(self) -> int:
        """How many hosts have a pool now."""
        return len(self._pools)

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), OrderedDict()
        for pool in pools:
            await pool.transport.aclose()
