"""Citations, the bibliography page, and reference statuses in real builds."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from notesite.read.parser import parse_note_file

from .conftest import SEED, build_notes, resolve, seed_url

pytestmark = pytest.mark.slow

BIB = seed_url("references")


def citing_pages(seed_site) -> dict[str, object]:
    index = json.loads((seed_site.site / "notes.json").read_text("utf-8"))
    return {
        p["url"]: seed_site.html(p["url"])
        for p in index["notes"][0]["pages"]
        if p["kind"] in ("overview", "section")
    }


def test_every_citation_in_the_seed_links_to_its_reference(seed_site):
    note = parse_note_file(SEED)
    links = [(url, a) for url, soup in citing_pages(seed_site).items() for a in soup.select("a.ns-cite")]
    # The prose's citations carry the ids the back-links point at; generated tables repeat them.
    in_prose = [a for _, a in links if not a.find_parent(class_="ns-derived")]
    assert [a.get("id") for a in in_prose] == ["cite-1", "cite-2", "cite-3"]
    assert len(in_prose) == sum(len(c.numbers) for c in note.citations)
    assert all(a.get("id") is None for _, a in links if a.find_parent(class_="ns-derived"))
    bibliography = seed_site.html(BIB)
    for url, link in links:
        number = link.get_text()
        assert resolve(url, link["href"]) == f"{BIB}#ref-{number}"
        entry = bibliography.select_one(f"#ref-{number}")
        assert entry is not None
        assert link["title"].startswith(entry.select_one(".ns-ref__title").get_text())


def test_each_reference_links_back_to_every_place_that_cites_it(seed_site):
    bibliography = seed_site.html(BIB)
    pages = citing_pages(seed_site)
    for number in (1, 2, 3):
        backlinks = bibliography.select(f"#ref-{number} a.ns-backlink")
        assert backlinks, number
        for backlink in backlinks:
            page_url, _, anchor = resolve(BIB, backlink["href"]).partition("#")
            cited = pages[page_url].select_one(f"#{anchor}")
            assert cited is not None and cited.get_text() == str(number)
            assert backlink["title"].endswith(pages[page_url].select_one("article h1").get_text().rstrip("¶"))
    # An uncited entry is the author's business: the build log says so, the page does not.
    assert bibliography.select("#ref-4 .ns-ref__backlinks") == []
    assert f"notes/{SEED.name}:" in seed_site.log and "reference [4] is never cited" in seed_site.log


def test_the_bibliography_shows_readers_clean_citations_without_the_checkers_details(seed_site):
    bibliography = seed_site.html(BIB)
    entries = bibliography.select(".ns-ref[id^=ref-]")
    assert [e["id"] for e in entries] == [f"ref-{n}" for n in range(1, 6)]
    for entry in entries:
        assert entry.select_one("a.ns-ref__url")["href"].startswith("https://")
        text = entry.get_text()
        assert not any(word in text for word in ("尚未检查", "检查于", "无法连接", "一致", "正文未引用"))
    assert "TVM: An Automated End-to-End" in entries[3].get_text()
    # An offline build found nothing broken: no entry carries a mark.
    assert bibliography.select(".ns-ref__broken, .ns-ref__archived") == []


def test_references_download_as_bibtex_and_csl_json(seed_site):
    bibliography = seed_site.html(BIB)
    hrefs = {a.get_text(): a["href"] for a in bibliography.select(".ns-downloads a")}
    assert set(hrefs) == {"BibTeX", "CSL-JSON"}
    folder = seed_site.site / BIB
    bibtex = (folder / hrefs["BibTeX"]).resolve().read_text("utf-8")
    assert len(re.findall(r"^@misc\{", bibtex, re.M)) == 5
    assert "url = {https://arxiv.org/abs/1802.04799}" in bibtex
    csl = json.loads((folder / hrefs["CSL-JSON"]).resolve().read_text("utf-8"))
    assert [item["title"] for item in csl][1] == "华为发布《算子开发工具指南》"


NOTE = """# Refs

## 1. Body

Cites [1] and [2] and [3] and 【1，3】.

## References

[1] Local (127.0.0.1). "Works". It answers. {base}/ok
[2] Local (127.0.0.1). "Gone". It is missing. {base}/missing
[3] Elsewhere (example.com). "Mismatch". The host is not the declared one. {base}/ok2
[4] Script. "Never a link". javascript:alert(1)
"""


class _Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802 - the http.server API
        self.send_response(404 if self.path == "/missing" else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def live(**overrides) -> dict:
    settings = {"mode": "auto", "allow_private": True, "budget": 10, **overrides}
    return {"plugins": {"notesite": {"link_check": settings}}}


def test_a_broken_link_gets_one_quiet_mark_and_an_archived_copy(tmp_path, local_server, monkeypatch):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "auto")
    built = build_notes(tmp_path, {"refs.md": NOTE.format(base=local_server)}, "--strict", config=live())
    # Published anyway (strict too): the broken link and the host mismatch go to the log.
    assert built.returncode == 0, built.log
    assert f"notes/refs.md:10: reference [2] link is broken (404): {local_server}/missing" in built.log
    assert "reference [3]: declared domain example.com does not match the link's host 127.0.0.1" in built.log
    bibliography = built.html("refs/references/")
    marked = [e["id"] for e in bibliography.select(".ns-ref[id]") if e.select_one(".ns-ref__broken")]
    assert marked == ["ref-2"]
    [archived] = bibliography.select("#ref-2 a.ns-ref__archived")
    day = json.loads((tmp_path / ".linkcheck" / "cache.json").read_text("utf-8"))["results"][
        f"{local_server}/missing"
    ]["checked_at"][:10]
    assert archived["href"] == f"https://web.archive.org/web/{day.replace('-', '')}/{local_server}/missing"
    assert "127.0.0.1" not in bibliography.select_one("#ref-3").get_text().replace(local_server, "")
    assert bibliography.select('a[href^="javascript:"]') == []
    index = json.loads((built.site / "notes.json").read_text("utf-8"))
    assert [(r["number"], r["status"], r["http_status"]) for r in index["notes"][0]["references"]] == [
        (1, "ok", 200),
        (2, "broken", 404),
        (3, "ok", 200),
        (4, "invalid", None),
    ]
    cache = json.loads((tmp_path / ".linkcheck" / "cache.json").read_text("utf-8"))
    assert set(cache["results"]) == {f"{local_server}/ok", f"{local_server}/missing", f"{local_server}/ok2"}


def test_broken_references_fail_the_build_when_asked(tmp_path, local_server, monkeypatch):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "auto")
    built = build_notes(
        tmp_path, {"refs.md": NOTE.format(base=local_server)}, config=live(fail_on_broken=True)
    )
    assert built.returncode != 0
    assert f"broken reference links: {local_server}/missing (HTTP 404)" in built.log


def test_private_addresses_are_skipped_unless_allowed(tmp_path, local_server, monkeypatch):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "auto")
    built = build_notes(
        tmp_path, {"refs.md": NOTE.format(base=local_server)}, config=live(allow_private=False)
    )
    index = json.loads((built.site / "notes.json").read_text("utf-8"))
    statuses = {r["status"] for r in index["notes"][0]["references"]}
    assert statuses == {"skipped", "invalid"}


def test_a_citation_of_a_missing_reference_fails_strict_with_file_and_line(tmp_path):
    text = '# T\n\n## 1. A\n\nSee [1,7].\n\n## References\n\n[1] S. "T". https://example.com\n'
    built = build_notes(tmp_path, {"t.md": text}, "--strict")
    assert built.returncode != 0
    assert "notes/t.md:5: citation [1,7] names reference [7]" in built.log


def test_citations_in_headings_and_table_cells_are_links_too(tmp_path):
    text = (
        "---\nsplit: true\n---\n"
        "# T\n\n## 1. A\n\n### 1.1 B [1]\n\ntext\n\n| x [2] | y |\n| - | - |\n| a | b |\n\n"
        '## References\n\n[1] S. "A | B". https://e.com\n[2] S. "C | D". https://e.com/2\n'
    )
    built = build_notes(tmp_path, {"t.md": text}, "--strict")
    assert built.returncode == 0, built.log
    page = built.html("t/section-1/")
    heading_cite = page.select_one("article h2 a.ns-cite")
    assert (heading_cite["id"], heading_cite["href"]) == ("cite-1", "../references/#ref-1")
    cell_cite = page.select_one("article table a.ns-cite")
    assert (cell_cite["href"], cell_cite["title"]) == ("../references/#ref-2", "C | D — S")
    assert len(page.select("article table thead th")) == 2  # the cell was not split


def test_a_bibliography_of_ten_thousand_entries_shows_every_entry_with_its_back_link(tmp_path):
    # Each entry is raw HTML in one block, not a Markdown block of its own: md_in_html and the
    # HTML block reader are superlinear in the number of blocks.
    count = 10_000
    cited = " ".join(f"第 {n} 条 [{n}]。" for n in range(1, count + 1))
    references = "".join(
        f'{n}. Author {n}. "Title **{n}**". https://example.com/s{n}\n' for n in range(1, count + 1)
    )
    text = f"# Many\n\n## Prose\n\n{cited}\n\n## 参考资料\n\n{references}"
    built = build_notes(tmp_path, {"many.md": text}, "--strict")
    assert built.returncode == 0, built.log
    entries = built.html("many/references/").select("p.ns-ref[id^=ref-]")
    assert [e["id"] for e in entries] == [f"ref-{n}" for n in range(1, count + 1)]
    for n in (1, 5_000, count):
        entry = entries[n - 1]
        assert entry.select_one("cite.ns-ref__title strong").get_text() == str(n)
        assert entry.select_one("a.ns-ref__url")["href"] == f"https://example.com/s{n}"
        assert entry.select_one("a.ns-backlink")["href"] == f"../prose/#cite-{n}"
