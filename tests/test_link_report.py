"""The author's link report page (`link_report: true`): every reference's check by note, broken
first, out of the navigation, the search and search engines; built and read with an HTML parser."""

from __future__ import annotations

import json

import pytest

from . import test_bibliography
from .conftest import build_notes, resolve
from .test_bibliography import NOTE, live

local_server = test_bibliography.local_server  # the fixture: a server on 127.0.0.1 with a 404

pytestmark = pytest.mark.slow

# A second note whose one reference is fine: the note with a broken link comes first though its
# path sorts after this one.
CALM = """# Calm

## 1. Body

Only [1] here.

## References

[1] Local (127.0.0.1). "Works". It answers. {base}/ok
"""


def entries(section) -> list:
    """The report's entries between a note's heading and the next."""
    found = []
    for sibling in section.find_next_siblings():
        if sibling.name == "h2":
            break
        if "ns-report" in (sibling.get("class") or []):
            found.append(sibling)
    return found


def test_the_link_report_lists_every_reference_by_note_broken_first(tmp_path, local_server, monkeypatch):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "auto")
    config = live()
    config["plugins"]["notesite"]["link_report"] = True
    notes = {"refs.md": NOTE.format(base=local_server), "calm.md": CALM.format(base=local_server)}
    built = build_notes(tmp_path, notes, "--strict", config=config)
    assert built.returncode == 0, built.log
    report = built.html("link-report/")
    assert report.select_one('meta[name="robots"]')["content"] == "noindex"
    headings = report.select("article h2")
    assert [h.get_text().rstrip("¶") for h in headings] == ["Refs", "Calm"]
    assert resolve("link-report/", headings[0].a["href"]) == "refs/references/"

    refs = entries(headings[0])
    assert [e.select_one(".ns-ref__number").get_text() for e in refs] == ["[2]", "[1]", "[3]", "[4]"]
    broken, fine, mismatch, invalid = (e.get_text(" ", strip=True) for e in refs)
    day = json.loads((tmp_path / ".linkcheck" / "cache.json").read_text("utf-8"))["results"][
        f"{local_server}/missing"
    ]["checked_at"][:10]
    assert "失效 (404)" in broken and f"检查于 {day}" in broken
    assert "ns-report--broken" in refs[0]["class"] and "ns-report--broken" not in refs[1]["class"]
    assert refs[0].select_one("a.ns-ref__url")["href"] == f"{local_server}/missing"
    assert "正常 (200)" in fine
    assert "声明的域名 example.com 与链接主机 127.0.0.1 不一致" in mismatch
    assert "无效链接" in invalid and "正文未引用" in invalid
    assert refs[3].select("a.ns-ref__url") == [] and refs[3].select('a[href^="javascript:"]') == []
    # Where each is cited: links to the citations on the note's own pages.
    cited = [resolve("link-report/", a["href"]) for a in refs[1].select("a.ns-backlink")]
    assert cited == ["refs/section-1/#cite-1", "refs/section-1/#cite-4"]
    assert [e.select_one(".ns-ref__number").get_text() for e in entries(headings[1])] == ["[1]"]

    # For the author only: no link to it (the home page carries the whole navigation), no place in
    # search or notes.json.
    home = built.html("")
    assert not [a for a in home.select("a[href]") if "link-report" in a["href"]]
    searched = [p for p in built.site.rglob("*") if p.is_file() and "search" in p.parts]
    assert searched and not [p for p in searched if "link-report" in p.read_text("utf-8", "replace")]
    assert "link-report" not in (built.site / "notes.json").read_text("utf-8")


def test_there_is_no_link_report_unless_a_site_asks(tmp_path, monkeypatch):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "cache")
    built = build_notes(tmp_path, {"refs.md": NOTE.format(base="https://example.com")}, "--strict")
    assert built.returncode == 0, built.log
    assert (built.site / "refs" / "references" / "index.html").is_file()
    assert not (built.site / "link-report").exists()
