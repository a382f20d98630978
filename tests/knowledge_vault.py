"""The four-note vault of tests/fixtures/kb/ (notes linking each other, tags, review fields),
built at a fixed build date, for the knowledge-base tests: core, HTML and browser."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from notesite.build import BuildOptions, NoteSite, build_site
from tests.conftest import FIXTURES, Built, build_notes

KB = FIXTURES / "kb"
BUILD_DATE = date(2026, 11, 24)
# SOURCE_DATE_EPOCH of noon on the build date: what a reproducible build sets.
EPOCH = str(int(datetime(2026, 11, 24, 12, tzinfo=UTC).timestamp()))

GO_JAVA = "notes/后端/go-vs-java.md"
GC = "notes/java/jvm-gc.md"
INDEX = "notes/数据库/索引失效.md"
TX = "notes/数据库/事务.md"


def kb_notes() -> dict[str, str]:
    """Path below notes/ → text, of every note of the vault."""
    return {path.relative_to(KB).as_posix(): path.read_text("utf-8") for path in sorted(KB.rglob("*.md"))}


# The vault's notes are short: split all the same, so its links reach section pages.
SPLIT_ALL = {"whole_note": True, "split_threshold": 0}


def build_kb(tmp: Path, *args: str, **kwargs) -> Built:
    # With the whole-note pages (off by default), so their titles are checked too.
    kwargs.setdefault("config", {"plugins": {"notesite": SPLIT_ALL}})
    return build_notes(tmp, kb_notes(), *args, env={"SOURCE_DATE_EPOCH": EPOCH}, **kwargs)


def core_site(tmp: Path, notes: dict[str, str] | None = None, **kwargs) -> NoteSite:
    """The vault (or `notes`) through the core alone, no MkDocs: docs/notes/ under `tmp`."""
    docs = tmp / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    for name, text in (notes if notes is not None else kb_notes()).items():
        path = docs / "notes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    paths = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    kwargs.setdefault("today", BUILD_DATE)
    kwargs.setdefault("split_threshold", 0)  # as build_kb: every note split by its sections
    return build_site(docs, paths, BuildOptions(**kwargs))
