#!/usr/bin/env python3
"""How long `mkdocs serve` takes to show an edit to the seed note.

    python scripts/bench_serve_latency.py            # 5 edits
    python scripts/bench_serve_latency.py --repeat 10 --keep

The repository's docs/ is never touched: docs/ is copied into a temporary folder next to a
mkdocs.yml that INHERITs the repository's (as tests/conftest.py `make_project` does), and
`mkdocs serve --livereload` runs on a free 127.0.0.1 port. Each round adds a paragraph with a
fresh marker to section 1 of the copy, then measures from the write until

- livereload: the server's long-poll (`/livereload/<epoch>/<id>`, what the browser waits on)
  answers with a newer epoch, i.e. the rebuild is done and browsers are told to reload;
- page: GET of the section page returns HTML containing the marker.

Both include MkDocs' file watcher, which polls every 0.5 s, and its 0.1 s settle delay.
Finally it writes broken front matter, checks the server stays up and shows the error, then
restores the note and checks the section page comes back.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from scratch_project import copy_docs, write_config  # noqa: E402 (beside this script)

NOTE = Path("notes") / "inference-vs-operator-dev.md"
SECTION_PAGE = "inference-vs-operator-dev/section-1/"
# The marker goes at the end of section 1, just before this heading.
NEXT_HEADING = "## 二、"
BROKEN_FRONT_MATTER = "---\ncreated: [unclosed\n---\n"
_LIVERELOAD = re.compile(r"livereload\((\d+),\s*(\d+)\)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 90) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float, interval: float = 0.02) -> float:
    """Seconds until `url` serves `text`; raises TimeoutError when it never does."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(interval)
    raise TimeoutError(f"{url} never showed {text!r} within {timeout:.0f} s")


def make_project(tmp: Path) -> Path:
    """A copy of docs/ and a mkdocs.yml inheriting the repository's, in `tmp`."""
    return write_config(tmp, copy_docs(tmp))


class LiveReloadWatch:
    """Waits on the livereload long-poll in a thread, as a browser tab does."""

    def __init__(self, base: str, page_html: str) -> None:
        match = _LIVERELOAD.search(page_html)
        if not match:
            raise RuntimeError("the page has no livereload script; is --livereload on?")
        self.url = f"{base}/livereload/{match.group(1)}/{match.group(2)}"
        self.answered: float | None = None
        self.thread = threading.Thread(target=self._wait, daemon=True)
        self.thread.start()
        time.sleep(0.05)  # let the request reach the server before the edit

    def _wait(self) -> None:
        if fetch(self.url, timeout=120) is not None:
            self.answered = time.perf_counter()

    def seconds_after(self, start: float, timeout: float) -> float | None:
        self.thread.join(timeout)
        return None if self.answered is None else self.answered - start


def with_marker(original: str, marker: str) -> str:
    head, sep, tail = original.partition(NEXT_HEADING)
    if not sep:
        raise RuntimeError(f"the seed note has no {NEXT_HEADING!r} heading")
    return f"{head}{marker}\n\n{sep}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Latency of mkdocs serve for an edit to the seed.")
    parser.add_argument("--repeat", type=int, default=5, help="edits to time (default 5)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for one edit")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and log")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="notesite-serve-bench-"))
    config = make_project(tmp)
    note = tmp / "docs" / NOTE
    original = note.read_text("utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    page = f"{base}/{SECTION_PAGE}"
    log_path = tmp / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NOTESITE_LINK_CHECK": "cache"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr",
               f"127.0.0.1:{port}", "--livereload"]  # fmt: skip
    page_times: list[float] = []
    reload_times: list[float] = []
    with log_path.open("w") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            wait_for(page, "<h1", timeout=120, interval=0.1)
            print(f"serve up after {time.perf_counter() - started:.2f} s (first build included)")
            for round_ in range(1, args.repeat + 1):
                marker = f"serve-bench-{round_}-{uuid.uuid4().hex[:8]}"
                watch = LiveReloadWatch(base, fetch(page) or "")
                start = time.perf_counter()
                note.write_text(with_marker(original, marker), "utf-8")
                page_times.append(wait_for(page, marker, args.timeout))
                reload = watch.seconds_after(start, args.timeout)
                if reload is not None:
                    reload_times.append(reload)
                shown = "n/a" if reload is None else f"{reload:.2f} s"
                print(f"edit {round_}: page shows it after {page_times[-1]:.2f} s, livereload {shown}")
                time.sleep(0.6)  # past the watcher's next poll, so rounds don't overlap

            # A broken edit must not stop the server; fixing it must bring the page back.
            note.write_text(BROKEN_FRONT_MATTER + original.split("---\n", 2)[2], "utf-8")
            broken = wait_for(f"{base}/", "front matter is not valid YAML", args.timeout)
            alive = process.poll() is None
            print(f"broken front matter: error page after {broken:.2f} s, server "
                  f"{'still running' if alive else 'DIED'}")  # fmt: skip
            marker = f"serve-bench-fixed-{uuid.uuid4().hex[:8]}"
            note.write_text(with_marker(original, marker), "utf-8")
            fixed = wait_for(page, marker, args.timeout)
            print(f"fixed again: section page back after {fixed:.2f} s")
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    print(summary("page shows the edit", page_times))
    if reload_times:
        print(summary("livereload answers", reload_times))
    traceback = "Traceback" in log_path.read_text("utf-8")
    print(f"serve log: {'a Traceback!' if traceback else 'no traceback'} ({log_path})"
          if args.keep else f"serve log: {'a Traceback!' if traceback else 'no traceback'}")  # fmt: skip
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if alive and not traceback else 1


def summary(what: str, times: list[float]) -> str:
    return (f"{what}: median {statistics.median(times):.2f} s, max {max(times):.2f} s, "
            f"min {min(times):.2f} s over {len(times)} edits")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
