"""The JSON cache of link results: freshness, atomic and stable saves, corrupt files."""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from faultserver import FaultServer

from notesite.linkcheck import CheckOptions, LinkCache, LinkResult, LinkStatus, check_urls

pytestmark = pytest.mark.timeout(30)

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def result(url: str, status: LinkStatus = LinkStatus.OK, age: timedelta = timedelta(0)) -> LinkResult:
    return LinkResult(url, status, 200, url, attempts=1, checked_at=(NOW - age).isoformat())


def test_missing_file_is_an_empty_cache(tmp_path: Path) -> None:
    cache = LinkCache.load(tmp_path / "none.json")
    assert len(cache) == 0 and cache.problem is None


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / ".linkcheck" / "cache.json"
    cache = LinkCache(path)
    cache.put(result("https://b.example/"))
    cache.put(result("https://a.example/", LinkStatus.BROKEN))
    cache.save()
    loaded = LinkCache.load(path)
    assert loaded.get("https://a.example/") == cache.get("https://a.example/")
    assert loaded.get("https://b.example/") == cache.get("https://b.example/")


def test_saved_file_is_sorted_and_stable(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    cache = LinkCache(path)
    for url in ["https://z.example/", "https://a.example/", "https://m.example/"]:
        cache.put(result(url))
    cache.save()
    first = path.read_text()
    assert list(json.loads(first)["results"]) == sorted(json.loads(first)["results"])
    assert first.endswith("\n") and '"attempts": 1,\n' in first  # one field per line
    LinkCache.load(path).save()
    assert path.read_text() == first


def test_fresh_within_max_age_only(tmp_path: Path) -> None:
    cache = LinkCache(tmp_path / "c.json", max_age=timedelta(days=7))
    cache.put(result("https://new.example/", age=timedelta(days=6)))
    cache.put(result("https://old.example/", age=timedelta(days=8)))
    assert cache.fresh("https://new.example/", now=NOW)
    assert not cache.fresh("https://old.example/", now=NOW)
    assert not cache.fresh("https://unknown.example/", now=NOW)


@pytest.mark.parametrize("status", [LinkStatus.TIMEOUT, LinkStatus.UNREACHABLE, LinkStatus.RATE_LIMITED])
def test_transient_failures_are_kept_but_never_fresh(tmp_path: Path, status: LinkStatus) -> None:
    cache = LinkCache(tmp_path / "c.json")
    cache.put(result("https://x.example/", status))
    assert cache.get("https://x.example/") is not None
    assert not cache.fresh("https://x.example/", now=NOW)


def test_unchecked_result_keeps_the_older_entry(tmp_path: Path) -> None:
    cache = LinkCache(tmp_path / "c.json")
    cache.put(result("https://x.example/"))
    cache.put(LinkResult("https://x.example/", LinkStatus.UNCHECKED, error="budget"))
    assert cache.get("https://x.example/").status is LinkStatus.OK  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    ['{"version": 1, "results": {', "[]", '{"version": 99, "results": {}}', '{"version": 1, "results": 3}',
     '{"version": 1, "results": {"u": {"url": "u", "status": "nope"}}}',
     # Nested deeper than json's recursion (a RecursionError, not a JSONDecodeError).
     "[" * 100_000 + "]" * 100_000,
     '{"version": 1, "results": {"u": ' + "[" * 100_000 + "]" * 100_000 + "}}"],
)  # fmt: skip
def test_corrupt_file_is_ignored_with_a_clear_warning(
    tmp_path: Path, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "cache.json"
    path.write_text(text)
    with caplog.at_level(logging.WARNING):
        cache = LinkCache.load(path)
    assert len(cache) == 0
    assert cache.problem and str(path) in cache.problem and "delete it" in cache.problem
    assert cache.problem in caplog.text


def test_save_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cache.json"
    path.write_text('{"version": 1, "results": {}}\n')
    cache = LinkCache(path)
    cache.put(result("https://x.example/"))

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        cache.save()
    assert path.read_text() == '{"version": 1, "results": {}}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]  # no temporary file left


def test_check_urls_reuses_fresh_entries_and_rechecks_stale(
    tmp_path: Path, fault_server: FaultServer
) -> None:
    fresh_url, stale_url = fault_server.url("/ok?cached-fresh"), fault_server.url("/ok?cached-stale")
    cache = LinkCache(tmp_path / "c.json")
    now = datetime.now(UTC)
    cache.put(LinkResult(fresh_url, LinkStatus.OK, 200, fresh_url, checked_at=now.isoformat()))
    cache.put(
        LinkResult(stale_url, LinkStatus.BROKEN, 404, checked_at=(now - timedelta(days=30)).isoformat())
    )
    results = check_urls([fresh_url, stale_url], CheckOptions(allow_private=True), cache=cache)
    assert [r.status for r in results] == [LinkStatus.OK, LinkStatus.OK]
    assert fault_server.hits["/ok?cached-fresh"] == 0
    assert fault_server.hits["/ok?cached-stale"] == 1
    assert cache.get(stale_url) == results[1]
