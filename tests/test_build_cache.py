"""The build cache on disk (notesite_mkdocs.build_cache): a build that reuses it publishes the
site a build without it publishes, byte for byte, and a cache file that cannot be trusted is set
aside with a warning.

The slow test builds the fast paths' vault (tests/test_fast_paths.py) with a cache: cold, warm,
and after an edit to one note, and compares every file of each site with a build of the same
files without a cache."""

from __future__ import annotations

import logging
import os
import pickle
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from notesite.analyse.note_cache import NoteCache
from notesite.publish.index_cache import IndexCache
from notesite.publish.search_index import SearchDoc
from notesite.render.cache import RenderCache
from notesite_mkdocs.build_cache import FILE_NAME, FORMAT, BuildCache
from notesite_mkdocs.conversion_cache import ConversionCache, Converted, RecordingFiles
from notesite_mkdocs.serve import ServeState
from tests.test_fast_paths import project

EDITED = Path("docs/notes/kb/数据库/事务.md")


def _build(config_file: Path, caplog: pytest.LogCaptureFixture) -> tuple[dict[str, bytes], str]:
    """Every file of the site, and what the build cache said of it."""
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.notesite"):
        build(config)
    said = " ".join(r.getMessage() for r in caplog.records if r.getMessage().startswith("build cache"))
    site = Path(config.site_dir)
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}, said


def _reused(said: str) -> tuple[int, ...]:
    found = re.search(r"(\d+) notes read, (\d+) notes rendered and (\d+) pages converted", said)
    assert found, said
    return tuple(int(n) for n in found.groups())


def _written_whole(said: str) -> int:
    found = re.search(r"(\d+) pages written as their templates rendered them", said)
    assert found, said
    return int(found.group(1))


def _edit(root: Path) -> None:
    note = root / EDITED
    note.write_text(note.read_text("utf-8") + "\n\n一行新的正文。\n", "utf-8")


def _without_cache(config_file: Path) -> Path:
    settings = yaml.safe_load(config_file.read_text("utf-8"))
    for plugin in settings["plugins"]:
        if isinstance(plugin, dict) and "notesite" in plugin:
            plugin["notesite"]["cache_dir"] = False
    config_file.write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    return config_file


def _differing(site: dict[str, bytes], fresh: dict[str, bytes]) -> list[str]:
    return sorted(name for name in site.keys() | fresh.keys() if site.get(name) != fresh.get(name))


@pytest.mark.slow
def test_a_site_built_from_the_cache_equals_one_built_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "cache")
    cached = project(tmp_path / "cached")
    cold, said = _build(cached, caplog)
    assert _reused(said) == (0, 0, 0)
    assert (tmp_path / "cached" / ".cache" / "notesite" / FILE_NAME).is_file()
    warm, said = _build(cached, caplog)
    notes, rendered, converted = _reused(said)
    pages = sum(1 for name in warm if name.endswith(".html")) - 2  # less 404.html and about/
    assert notes == rendered > 5 and converted == pages
    assert _written_whole(said) == pages + 1  # and about/, an ordinary page
    _edit(tmp_path / "cached")
    edited, said = _build(cached, caplog)
    assert _reused(said)[:2] == (notes - 1, rendered - 1)  # the edited note alone is read again
    assert 0 < _written_whole(said) < pages + 1  # its pages are rendered afresh

    fresh = _without_cache(project(tmp_path / "fresh"))
    fresh_site, said = _build(fresh, caplog)
    assert said == "" and not (tmp_path / "fresh" / ".cache").exists()
    assert len(cold) > 100
    assert _differing(cold, fresh_site) == []
    assert _differing(warm, fresh_site) == []
    _edit(tmp_path / "fresh")
    fresh_edited, _ = _build(fresh, caplog)
    assert _differing(edited, fresh_site) != []  # the edit shows
    assert _differing(edited, fresh_edited) == []
    # A title in the navigation changes what every page shows: none is written from the cache.
    for root in (tmp_path / "cached", tmp_path / "fresh"):
        (root / "docs" / "about.md").write_text("# About us\n\nAn ordinary page.\n", "utf-8")
    retitled, said = _build(cached, caplog)
    assert _written_whole(said) == 0
    assert _differing(retitled, _build(fresh, caplog)[0]) == []


def _entries() -> tuple[NoteCache, RenderCache, ConversionCache, IndexCache]:
    return NoteCache(), RenderCache(), ConversionCache(), IndexCache()


def test_a_cache_keeps_what_its_build_used_and_nothing_else(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    notes, rendered, converted, indexes = _entries()
    rendered.kept = {"old": {"a.md": "# A"}, "still": {"b.md": "# B"}}
    assert rendered.pages("still", lambda: {}) == {"b.md": "# B"}
    assert rendered.pages("new", lambda: {"c.md": "# C"}) == {"c.md": "# C"}
    rendered.end_build()
    docs = [SearchDoc("a/", "A", "text", "A", "A", "section")]
    assert "manifest" in indexes.index(docs, {})
    indexes.end_build()
    BuildCache(tmp_path).save(notes, rendered, converted, indexes)
    again = _entries()
    with caplog.at_level(logging.INFO):
        BuildCache(tmp_path).load(*again)
    assert caplog.records == []
    assert again[1].kept == {"still": {"b.md": "# B"}, "new": {"c.md": "# C"}}
    assert again[3].kept == indexes.kept and len(again[3].kept) == 1


def test_a_build_that_used_just_what_it_read_leaves_the_file_as_it_was(tmp_path: Path):
    notes, rendered, converted, indexes = _entries()
    rendered.kept = {"a": {"a.md": "# A"}, "b": {"b.md": "# B"}}
    BuildCache(tmp_path).save(notes, rendered, converted, indexes)
    path = tmp_path / FILE_NAME
    path.write_bytes(path.read_bytes() + b"marked")  # pickle reads no further than its entries
    again, stored = _entries(), BuildCache(tmp_path)
    stored.load(*again)
    assert again[1].pages("a", lambda: {}) == {"a.md": "# A"}
    assert again[1].pages("b", lambda: {}) == {"b.md": "# B"}
    again[1].end_build()
    stored.save(*again)
    assert path.read_bytes().endswith(b"marked")
    assert again[1].pages("a", lambda: {}) == {"a.md": "# A"}  # "b" unused: the file is written
    again[1].end_build()
    stored.save(*again)
    assert not path.read_bytes().endswith(b"marked")
    last = _entries()
    BuildCache(tmp_path).load(*last)
    assert last[1].kept == {"a": {"a.md": "# A"}}


@pytest.mark.parametrize(
    "content, why",
    [
        (b"", "cannot be read (EOFError"),
        (b"\x80\x05not a pickle at all", "cannot be read"),
        (pickle.dumps({"format": FORMAT + 1, "stamp": ""}), f"not a format {FORMAT} build cache"),
        (pickle.dumps({"format": FORMAT - 1, "stamp": ""}), f"not a format {FORMAT} build cache"),
        (pickle.dumps(["a", "list"]), f"not a format {FORMAT} build cache"),
    ],
    ids=["empty", "garbage", "newer-format", "older-format", "not-a-header"],
)
def test_a_cache_that_cannot_be_read_is_set_aside_and_fails_no_strict_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: bytes, why: str
):
    (tmp_path / FILE_NAME).write_bytes(content)
    caches = _entries()
    caches[1].kept = {"from-an-earlier-build": {}}
    with caplog.at_level(logging.INFO):
        BuildCache(tmp_path).load(*caches)
    # INFO: an upgrade of notesite (an older format) or a damaged file must not stop `--strict`.
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert (
        why in caplog.records[0].getMessage() and str(tmp_path / FILE_NAME) in caplog.records[0].getMessage()
    )
    assert caches[1].kept == {}  # nothing taken from it, nor kept from before


def test_a_cache_made_by_other_code_is_left_unread(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    with (tmp_path / FILE_NAME).open("wb") as stream:
        pickle.dump({"format": FORMAT, "stamp": "another version"}, stream)
        pickle.dump({"notes": {"x": 1}, "rendered": {}, "converted": {}, "indexes": {}}, stream)
    caches = _entries()
    with caplog.at_level(logging.INFO):
        BuildCache(tmp_path).load(*caches)
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert caches[0].kept == {}


def test_a_cache_that_cannot_be_written_is_said_once_and_fails_no_strict_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    (tmp_path / "a-file").write_text("in the way")
    entries = _entries()
    entries[1].kept = {"a": {"a.md": "# A"}, "b": {"b.md": "# B"}}
    stored = BuildCache(tmp_path / "a-file" / "cache")
    with caplog.at_level(logging.INFO):
        stored.begin()
        stored.keep(1, entries[1].kept.items())
        stored.keep(2, [("c", "<p>c</p>")])
        stored.commit()
    # INFO: a read-only checkout's `mkdocs build --strict` publishes all the same.
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert "cannot be written" in caplog.records[0].getMessage()


def _files(tmp_path: Path, *uris: str) -> Files:
    return Files([File(uri, src_dir=None, dest_dir=str(tmp_path), use_directory_urls=True) for uri in uris])


def test_a_converted_page_is_reused_only_while_its_links_lead_where_they_led(tmp_path: Path):
    before = _files(tmp_path / "before", "a.md", "b.md")
    seen = RecordingFiles(before)
    assert seen.get_file_from_path("b.md") is not None and seen.get_file_from_path("c.md") is None
    cache = ConversionCache()
    cache.put("page", Converted("<p>x</p>", [], None, frozenset(), {}, seen.lookups))
    cache.end_build()
    assert cache.get("page", before) is not None
    # The link that found nothing would find a page now, and the one that did finds none.
    assert cache.get("page", _files(tmp_path / "more", "a.md", "b.md", "c.md")) is None
    assert cache.get("page", _files(tmp_path / "fewer", "a.md")) is None
    assert cache.get("another page", before) is None


def _writing_over_a_last_file(folder: Path) -> BuildCache:
    """A cache file of the last build ("last"), and a build that has kept one entry ("new")."""
    last = _entries()
    last[1].kept = {"last": {"a.md": "# A"}}
    BuildCache(folder).save(*last)
    writing = BuildCache(folder)
    writing.begin()
    writing.keep(1, [("new", {"b.md": "# B"})])
    return writing


def test_a_cache_is_written_as_the_build_goes_and_replaces_the_last_only_when_it_ends(tmp_path: Path):
    writing = _writing_over_a_last_file(tmp_path)
    read = _entries()
    BuildCache(tmp_path).load(*read)
    assert read[1].kept == {"last": {"a.md": "# A"}}  # a build stopped here leaves the last file
    writing.keep(2, [("page", Converted("<p>b</p>", [], None, frozenset(), {}, {}))])
    writing.commit()
    BuildCache(tmp_path).load(*read)
    assert read[1].kept == {"new": {"b.md": "# B"}} and list(read[2].kept) == ["page"]
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]


def test_a_build_that_fails_leaves_the_last_cache_and_no_partial_file(tmp_path: Path):
    writing = _writing_over_a_last_file(tmp_path)
    writing.abandon()
    read = _entries()
    BuildCache(tmp_path).load(*read)
    assert read[1].kept == {"last": {"a.md": "# A"}}
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]


def test_a_cache_cut_short_is_set_aside(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    rendered = _entries()
    rendered[1].kept = {f"note {n}": {"a.md": "# A" * 100} for n in range(50)}
    BuildCache(tmp_path).save(*rendered)
    whole = (tmp_path / FILE_NAME).read_bytes()
    (tmp_path / FILE_NAME).write_bytes(whole[: len(whole) // 2])
    read = _entries()
    with caplog.at_level(logging.INFO):
        BuildCache(tmp_path).load(*read)
    assert "cannot be read" in caplog.records[0].getMessage() and read[1].kept == {}


def test_a_worker_forked_while_the_cache_is_written_writes_nothing_to_it(tmp_path: Path):
    writing = BuildCache(tmp_path)
    writing.begin()
    writing.keep(1, [("before", {"a.md": "# A"})])
    pid = os.fork()
    if pid == 0:  # a worker: its copy of the cache is handed entries too, as a worker's is
        writing.keep(1, [("in the worker", {"w.md": "# W"})])
        writing.commit()
        writing.abandon()
        os._exit(0)
    assert os.waitpid(pid, 0)[1] == 0
    writing.keep(1, [("after", {"b.md": "# B"})])
    writing.commit()
    read = _entries()
    BuildCache(tmp_path).load(*read)
    assert list(read[1].kept) == ["before", "after"]


def test_the_caches_hand_over_what_a_build_used_and_keep_nothing(tmp_path: Path):
    notes, rendered, converted, indexes = _entries()
    rendered.kept = {"old": {"a.md": "# A"}, "still": {"b.md": "# B"}}
    rendered.pages("still", lambda: {})
    assert rendered.handed_over() == {"still": {"b.md": "# B"}}
    assert rendered.kept == {} and rendered.handed_over() == {}
    kept: list[tuple[str, Converted]] = []
    converted.keep = lambda key, page: kept.append((key, page))
    page = Converted("<p>x</p>", [], None, frozenset(), {}, {})
    converted.put("page", page)
    converted.end_build()
    assert kept == [("page", page)] and converted.kept == {}
    indexes.index([SearchDoc("a/", "A", "text", "A", "A", "section")], {})
    assert len(indexes.handed_over()) == 1 and indexes.kept == {}


def test_a_one_off_build_writes_each_entry_when_done_with_it_and_holds_none_after(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "notes").mkdir(parents=True)
    (docs / "notes" / "a.md").write_text("# A\n\n## One\n\ntext\n", "utf-8")
    serve = ServeState()
    serve.keep_in(tmp_path / ".cache")
    serve.before_build()
    serve.notes.read(docs / "notes" / "a.md", docs)
    serve.rendered.pages("key", lambda: {"notes/a/index.md": "# A"})
    serve.notes_done()  # the notes' pages are made
    assert serve.notes.handed_over() == {} and serve.rendered.handed_over() == {}
    serve.converted.put("page", Converted("<p>x</p>", [], None, frozenset(), {}, {}))
    (tmp_path / "site").mkdir()
    serve.finished(str(tmp_path / "site"), [], [], [], [], None)
    assert serve.converted.kept == {} and serve.notes.kept == {} and serve.rendered.kept == {}
    read = _entries()
    BuildCache(tmp_path / ".cache").load(*read)
    assert [key[1] for key in read[0].kept] == [str(docs / "notes" / "a.md")]
    assert read[1].kept == {"key": {"notes/a/index.md": "# A"}} and list(read[2].kept) == ["page"]


def test_entries_kept_as_read_are_written_once_the_build_keeps_something_new(tmp_path: Path):
    first = _entries()
    first[1].kept = {"a": {"a.md": "# A"}, "b": {"b.md": "# B"}}
    BuildCache(tmp_path).save(*first)
    again, stored = _entries(), BuildCache(tmp_path)
    stored.load(*again)
    stored.begin()
    stored.keep(1, [("a", again[1].kept["a"]), ("b", again[1].kept["b"])])  # as read: held back
    assert not list(tmp_path.glob("*.tmp"))
    stored.keep(2, [("page", Converted("<p>x</p>", [], None, frozenset(), {}, {}))])
    stored.commit()
    last = _entries()
    BuildCache(tmp_path).load(*last)
    assert last[1].kept == {"a": {"a.md": "# A"}, "b": {"b.md": "# B"}} and list(last[2].kept) == ["page"]


def test_a_new_file_a_killed_build_left_is_removed_and_one_being_written_stays(tmp_path: Path):
    dead = tmp_path / f"{FILE_NAME}.{2**22 + 12345}.x.tmp"  # above Linux's pid_max: no process
    alive = tmp_path / f"{FILE_NAME}.{os.getppid()}.x.tmp"  # a process that runs
    for path in (dead, alive):
        path.write_bytes(b"half a cache")
    writing = BuildCache(tmp_path)
    writing.begin()
    writing.keep(1, [("new", {"b.md": "# B"})])
    writing.commit()
    assert not dead.exists() and alive.exists()
