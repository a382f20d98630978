#!/usr/bin/env python3
"""A real vault built by this project and by plain Material, side by side: what a reader notices.

    .venv/bin/python scripts/vault_parity.py                      # ../shared/corpora/advanced-java
    .venv/bin/python scripts/vault_parity.py path/to/vault --json # any folder of notes

Both builds get the same files as `docs/notes/` of a scratch project with this repository's
config; plain Material's has no notesite plugin. Printed for each: exit status of `mkdocs build` and of
`mkdocs build --strict`, warnings, tracebacks, and, read from the built HTML, links and images
that lead to no file and anchors that lead to no element. Then the stability of URLs: the first
half of the notes built alone must keep the URLs they have in the whole vault.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from scripts.scratch_project import write_config  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "advanced-java"


@dataclass
class Result:
    exit_status: int
    strict_exit_status: int
    warnings: int
    traceback: bool
    broken_links: int
    broken_images: int
    dead_anchors: int


class _Refs(HTMLParser):
    """Links and images inside <article>, and every id of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in ("a", "img"):
            value = values.get("href" if tag == "a" else "src")
            if value:
                self.refs.append((tag, value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1


def _pages(site: Path) -> dict[str, _Refs]:
    pages = {}
    for path in site.rglob("*.html"):
        parser = _Refs()
        parser.feed(path.read_text("utf-8", errors="replace"))
        pages[path.relative_to(site).as_posix()] = parser
    return pages


def broken(site: Path) -> tuple[int, int, int]:
    """(links to no file, images of no file, anchors to no element) in the site's articles."""
    pages = _pages(site)
    links = images = anchors = 0
    for url, page in pages.items():
        if url == "404.html":
            continue
        for tag, value in page.refs:
            parts = urlsplit(urljoin("http://x/" + url, value))
            if parts.scheme != "http" or parts.netloc != "x":
                continue
            target = unquote(parts.path).lstrip("/")
            if parts.path.endswith("/") or (site / target).is_dir():
                target = (target.rstrip("/") + "/index.html").lstrip("/")
            if not (site / target).is_file():
                images += tag == "img"
                links += tag == "a"
            elif tag == "a" and parts.fragment and target in pages:
                anchors += unquote(parts.fragment) not in pages[target].ids
    return links, images, anchors


def project(root: Path, vault: Path, ours: bool, only: list[Path] | None = None) -> Path:
    docs = root / "docs"
    if only is None:
        shutil.copytree(vault, docs / "notes")
    else:
        # The chosen notes and every other file (images) of the vault.
        shutil.copytree(vault, docs / "notes", ignore=shutil.ignore_patterns("*.md"))
        for note in only:
            shutil.copy(vault / note, docs / "notes" / note)
    return write_config(root, docs, plugin=ours)


def build(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTESITE_LINK_CHECK="cache")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def measure(config: Path) -> Result:
    strict = build(config, "--strict")
    plain = build(config)
    log = plain.stdout + plain.stderr
    links, images, anchors = broken(config.parent / "site")
    return Result(
        plain.returncode,
        strict.returncode,
        len(re.findall(r"(?m)^WARNING\b", log)),
        "Traceback" in log + strict.stdout + strict.stderr,
        links,
        images,
        anchors,
    )


def note_urls(site: Path) -> dict[str, list[str]]:
    index = json.loads((site / "notes.json").read_text("utf-8"))
    return {note["source"]: [page["url"] for page in note["pages"]] for note in index["notes"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", nargs="?", type=Path, default=CORPUS, help="a folder of notes")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not args.vault.is_dir():
        print(f"no vault at {args.vault}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="vault-parity-") as tmp:
        ours_config = project(Path(tmp) / "ours", args.vault, ours=True)
        ours = measure(ours_config)
        plain = measure(project(Path(tmp) / "plain", args.vault, ours=False))
        notes = sorted(p.relative_to(args.vault) for p in args.vault.rglob("*.md"))
        half = notes[: len(notes) // 2]
        half_config = project(Path(tmp) / "half", args.vault, ours=True, only=half)
        build(half_config)
        whole, part = note_urls(ours_config.parent / "site"), note_urls(half_config.parent / "site")
        moved = [source for source, urls in part.items() if whole.get(source) != urls]
    report = {"vault": str(args.vault), "notes": len(notes), "ours": asdict(ours), "plain": asdict(plain)}
    report["urls"] = {"first_half": len(part), "moved_when_all_are_built": moved}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"{args.vault} ({len(notes)} notes): this project vs plain Material on the same files")
    print(f"| {'':<22} | {'ours':>6} | {'plain':>6} |")
    print(f"| {'-' * 22} | {'-' * 6}:| {'-' * 6}:|")
    for key in Result.__dataclass_fields__:
        print(f"| {key.replace('_', ' '):<22} | {getattr(ours, key)!s:>6} | {getattr(plain, key)!s:>6} |")
    print(f"URLs: {len(part)} notes built alone, {len(moved)} moved when the whole vault is built")
    return 0


if __name__ == "__main__":
    sys.exit(main())
