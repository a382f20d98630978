"""Browser tests: the seed fixture's site (a scratch project) on 127.0.0.1, driven by Debian's Chromium.

One browser for all of them and one reused tab per (viewport width, colour scheme). Every
tab records console errors and every request, and aborts any request that would leave 127.0.0.1,
so tests can assert that a page loaded cleanly and stayed local.

Without Chromium (or Playwright) the tests skip and say how to get one; with CI=true they fail
instead, because CI (.ci/run) installs Chromium and must run them.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import FIXTURES, ROOT, SEED, Built, build_notes, seed_path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Without these Chromium phones home on start, and those connections are refused offline.
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-output" / "screenshots"

# One page of every kind the generator makes, by the path below the site root.
PAGE_KINDS = {
    "overview": seed_path(),
    "section": seed_path("section-4"),
    "comparison": seed_path("comparisons"),
    "timeline": seed_path("timeline"),
    "bibliography": seed_path("references"),
}
WIDE, NARROW = 1280, 375
HEIGHT = 900
LOCAL_HOST = "127.0.0.1"
# Schemes a page loads without a network request at all.
INLINE_SCHEMES = {"data", "blob", "about"}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> None:
    """Skip for a missing tool on a developer's machine; in CI the tests must run, so fail."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    candidates = ["/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


@dataclass
class Tab:
    """A reused browser page that keeps what went wrong since the last `open`."""

    page: Any  # playwright.sync_api.Page
    base: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self, path: str = "", wait: str = "load"):
        """Load a page of the site by its path below the root and forget earlier errors."""
        self.console_errors.clear()
        self.requests.clear()
        self.page.goto(self.base + path, wait_until=wait)
        return self.page

    def path(self) -> str:
        """The current URL below the site root, with query and fragment."""
        return self.page.url.removeprefix(self.base)

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in INLINE_SCHEMES and urlsplit(url).hostname != LOCAL_HOST
        ]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """serve(folder) → the base URL of a threaded static server for it on 127.0.0.1."""
    servers: dict[Path, ThreadingHTTPServer] = {}

    def start(folder: Path) -> str:
        if folder not in servers:
            handler = functools.partial(_QuietHandler, directory=str(folder))
            servers[folder] = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
            threading.Thread(target=servers[folder].serve_forever, daemon=True).start()
        return f"http://{LOCAL_HOST}:{servers[folder].server_port}/"

    yield start
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        unavailable(
            "Chromium not found at /usr/bin/chromium or on PATH: `apt-get install chromium` "
            "(`make test` in CI, via .ci/run, installs it)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("the playwright package is missing: `make setup` installs requirements-dev.txt")
    return path


@pytest.fixture(scope="session")
def site(chromium: str, seed_site: Built) -> Built:
    """The seed fixture beside the site's own pages, built once with --strict (`seed_site`)."""
    assert seed_site.returncode == 0, seed_site.log
    return seed_site


@pytest.fixture(scope="session")
def site_url(site: Built, serve) -> str:
    return serve(site.site)


@pytest.fixture(scope="session")
def notes_index(site: Built) -> dict:
    return json.loads((site.site / "notes.json").read_text("utf-8"))["notes"][0]


@pytest.fixture(scope="session")
def multi_site_url(chromium: str, serve, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A site of two notes (the seed and a three-subject one), whose home page lists both."""
    tmp = tmp_path_factory.mktemp("multi-note-site")
    second = FIXTURES / "compare" / "three-subjects.md"
    notes = {SEED.name: SEED.read_text("utf-8"), second.name: second.read_text("utf-8")}
    built = build_notes(tmp, notes, "--strict")
    assert built.returncode == 0, built.log
    return serve(built.site)


@pytest.fixture(scope="package")
def browser(chromium: str) -> Iterator[Any]:
    """One Chromium for all browser tests. Package scope, not session: Playwright's sync API keeps
    an asyncio loop running on this thread while it is open, which would break later tests that
    call asyncio.run (the link checker's)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def new_tab(browser: Any, base: str, width: int = WIDE, scheme: str = "light") -> Tab:
    """A page in a fresh context: its own storage, so a palette choice stays inside it."""
    context = browser.new_context(
        viewport={"width": width, "height": HEIGHT}, color_scheme=scheme, locale="zh-CN"
    )
    tab = Tab(context.new_page(), base)
    context.on("request", lambda request: tab.requests.append(request.url))
    # Anything bound for another host is recorded above and then refused here, never sent.
    context.route(
        lambda url: urlsplit(url).hostname not in (LOCAL_HOST, None),
        lambda route: route.abort("blockedbyclient"),
    )
    tab.page.on(
        "console",
        lambda message: (
            message.type == "error"
            and tab.console_errors.append(f"{message.text} ({message.location.get('url')})")
        ),
    )
    tab.page.on("pageerror", lambda error: tab.console_errors.append(f"uncaught: {error}"))
    return tab


@pytest.fixture(scope="package")
def tabs(browser: Any, site_url: str):
    """tabs(width, scheme) → the session's tab for that viewport and colour scheme."""
    opened: dict[tuple[str, int, str], Tab] = {}

    def get(width: int = WIDE, scheme: str = "light", base: str = site_url) -> Tab:
        key = (base, width, scheme)
        if key not in opened:
            opened[key] = new_tab(browser, base, width, scheme)
        return opened[key]

    yield get
    for tab in opened.values():
        tab.page.context.close()


@pytest.fixture
def tab(tabs) -> Tab:
    """The wide, light tab most tests use."""
    return tabs()


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        unavailable(
            "axe-core is not installed: run `npm ci` at the repository root "
            "(`make test` does when npm is available)"
        )
    return AXE
