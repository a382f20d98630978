"""`mkdocs serve` picks up edits to a note, survives a broken one, and recovers when it is fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import make_project

pytestmark = pytest.mark.slow

NOTE = """---
created: 2025-01-01
---
# Served note

## 1. Part one

{body}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and text in body:
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}")


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest):
    notes = {"served.md": NOTE.format(body="First version."), "other.md": "# Other\n\n## A\n\na\n"}
    config = make_project(tmp_path, notes)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-f",
            str(config),
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--livereload",
            *getattr(request, "param", ()),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield tmp_path / "docs" / "notes" / "served.md", f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_serve_rerenders_edits_and_survives_a_broken_note(served):
    note, base, process = served
    page = f"{base}/served/section-1/"
    wait_for(page, "First version.")

    note.write_text(NOTE.format(body="Second version."), "utf-8")
    wait_for(page, "Second version.")

    note.write_text("---\ncreated: [unclosed\n---\n# Served note\n\n## 1. Part one\n\nBroken.\n", "utf-8")
    # The note's place shows the error and the text as written, and the server stays up.
    wait_for(f"{base}/", "front matter is not valid YAML")
    assert process.poll() is None

    note.write_text(NOTE.format(body="Fixed version."), "utf-8")
    wait_for(page, "Fixed version.")
    log = (note.parents[2] / "serve.log").read_text("utf-8")
    assert "notes/served.md:2: front matter is not valid YAML" in log
    assert "Traceback" not in log


@pytest.mark.parametrize("served", [("--verbose",)], indirect=True)
def test_plain_serve_rebuilds_only_the_pages_an_edit_changed(served):
    note, base, process = served
    page = f"{base}/served/section-1/"
    wait_for(page, "First version.")
    log_file = note.parents[2] / "serve.log"
    first = log_file.read_text("utf-8")
    note.write_text(NOTE.format(body="Second version."), "utf-8")
    wait_for(page, "Second version.")
    deadline = time.monotonic() + 30
    while (
        "Reloading browsers" not in log_file.read_text("utf-8")[len(first) :] and time.monotonic() < deadline
    ):
        time.sleep(0.2)
    rebuild = log_file.read_text("utf-8")[len(first) :]
    # Each page rendered runs `page_context` once per plugin: fewer pages than the whole site.
    rendered = "Running `page_context` event from plugin 'material/search'"
    assert 0 < rebuild.count(rendered) < first.count(rendered)
    assert "A 'dirty' build is being performed" not in rebuild
