"""A loopback HTTP server that misbehaves on purpose, one fault per path.

It speaks raw HTTP/1.1 over asyncio streams, so it can do what a well-behaved framework would
not: hang, reset, reply with nothing, or stream a body forever. It runs on its own event loop in
a thread and counts the requests each path received.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

Writer = asyncio.StreamWriter


def head(code: int, reason: str, headers: dict[str, str] | None = None, length: int = 0) -> bytes:
    lines = [f"HTTP/1.1 {code} {reason}", f"Content-Length: {length}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


class FaultServer:
    """Serves FAULTS on 127.0.0.1 at an ephemeral port; `hits[path]` counts requests."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.in_flight = 0
        self.peak_in_flight = 0
        self.methods: dict[str, list[str]] = {}
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._tasks: set[asyncio.Task[None]] = set()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> FaultServer:
        self._thread.start()
        self._ready.wait(5)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._connection, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()
        for task in self._tasks:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*self._tasks, return_exceptions=True))
        self._loop.close()

    async def _connection(self, reader: asyncio.StreamReader, writer: Writer) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            while True:  # keep-alive: one request after another on the same connection
                try:
                    request = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                method, target, _ = request.split(b"\r\n", 1)[0].decode().split(" ", 2)
                self.hits[target] += 1
                self.methods.setdefault(target, []).append(method)
                handler = FAULTS.get(target.split("?", 1)[0], not_found)
                keep_open = await handler(self, writer, method, target)
                if not keep_open:
                    return
        except (ConnectionError, asyncio.CancelledError):
            return
        finally:
            self._tasks.discard(task)
            writer.transport.abort()


Handler = Callable[[FaultServer, Writer, str, str], Awaitable[bool]]
FAULTS: dict[str, Handler] = {}


def fault(path: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        FAULTS[path] = handler
        return handler

    return register


async def reply(
    writer: Writer, method: str, code: int, reason: str, headers: dict[str, str] | None = None
) -> bool:
    body = b"" if method == "HEAD" else reason.encode()
    writer.write(head(code, reason, headers, len(reason)) + body)
    await writer.drain()
    return True


@fault("/ok")
async def ok(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    return await reply(w, method, 200, "OK")


async def not_found(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    return await reply(w, method, 404, "Not Found")


FAULTS["/missing"] = not_found


@fault("/gone")
async def gone(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    return await reply(w, method, 410, "Gone")


@fault("/flaky")
async def flaky(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    if srv.hits[path] == 1:
        return await reply(w, method, 500, "Internal Server Error")
    return await reply(w, method, 200, "OK")


@fault("/always-500")
async def always_500(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    return await reply(w, method, 500, "Internal Server Error")


CHAIN = {"/chain/a": (301, "/chain/b"), "/chain/b": (302, "/chain/c"), "/chain/c": (307, "/chain/end")}
LOOP = {"/loop/a": (302, "/loop/b"), "/loop/b": (302, "/loop/a")}


async def redirect(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    code, location = {**CHAIN, **LOOP}[path.split("?", 1)[0]]
    return await reply(w, method, code, "Redirect", {"Location": location})


FAULTS.update(dict.fromkeys([*CHAIN, *LOOP], redirect))
FAULTS["/chain/end"] = ok


@fault("/no-head")
async def no_head(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    if method == "HEAD":
        return await reply(w, method, 405, "Method Not Allowed", {"Allow": "GET"})
    return await reply(w, method, 200, "OK")


@fault("/rate/seconds")
async def rate_seconds(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    if srv.hits[path] == 1:
        return await reply(w, method, 429, "Too Many Requests", {"Retry-After": "1"})
    return await reply(w, method, 200, "OK")


@fault("/rate/date")
async def rate_date(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    if srv.hits[path] == 1:
        # HTTP-dates have whole seconds, so this asks for a wait of one to two seconds.
        when = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)
        return await reply(w, method, 429, "Too Many Requests", {"Retry-After": when})
    return await reply(w, method, 200, "OK")


@fault("/rate/long")
async def rate_long(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    return await reply(w, method, 429, "Too Many Requests", {"Retry-After": "3600"})


@fault("/rate/always")
async def rate_always(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    return await reply(w, method, 429, "Too Many Requests")


@fault("/slow-ok")
async def slow_ok(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    # Counts requests being answered at once, to check the per-host cap from the server's side.
    srv.in_flight += 1
    srv.peak_in_flight = max(srv.peak_in_flight, srv.in_flight)
    try:
        await asyncio.sleep(0.1)
    finally:
        srv.in_flight -= 1
    return await reply(w, method, 200, "OK")


@fault("/challenge")
async def challenge(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    return await reply(w, method, 403, "Forbidden", {"cf-mitigated": "challenge"})


@fault("/hang")
async def hang(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    await asyncio.sleep(3600)
    return False


@fault("/reset")
async def reset(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    sock = w.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return False


@fault("/empty")
async def empty(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    w.close()
    return False


@fault("/slow-body")
async def slow_body(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    if method == "HEAD":  # refuse HEAD so the GET path, the one with a body, is taken
        return await reply(w, method, 405, "Method Not Allowed")
    w.write(head(200, "OK", length=1000))
    await w.drain()
    for _ in range(100):
        await asyncio.sleep(0.5)
        w.write(b"x" * 10)
        await w.drain()
    return False


@fault("/endless")
async def endless(srv: FaultServer, w: Writer, method: str, path: str) -> bool:
    if method == "HEAD":  # as servers that stream do: refuse HEAD, so the GET path is taken
        return await reply(w, method, 405, "Method Not Allowed")
    w.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
    while True:
        w.write(b"4000\r\n" + b"x" * 0x4000 + b"\r\n")
        await w.drain()
