"""Real `mkdocs build --strict` runs, read back with an HTML parser."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

from notesite.read.parser import parse_note_file

from .conftest import ROOT, SEED, build_notes, resolve, seed_url

pytestmark = pytest.mark.slow

SEED_PAGES = [
    (seed_url(), "应届生第一份职业：应该选择模型推理优化还是高性能算子开发？", "overview"),
    (seed_url("section-1"), "一、两个方向的定义与工作内容对比", "section"),
    (seed_url("section-2"), "二、技能要求对比", "section"),
    (seed_url("section-3"), "三、职业发展路径分析", "section"),
    (seed_url("section-4"), "四、行业需求与薪资前景", "section"),
    (seed_url("section-5"), "五、适合人群画像", "section"),
    (seed_url("section-6"), "六、风险与机遇分析", "section"),
    (seed_url("section-7"), "七、应届生选择建议", "section"),
    (seed_url("section-8"), "八、总结", "section"),
]


def h1(soup) -> str:
    return soup.select_one("article h1").get_text().rstrip("¶").strip()


def pages_of_kind(index: dict, kind: str) -> list[dict]:
    return [p for p in index["notes"][0]["pages"] if p["kind"] == kind]


def test_the_seed_builds_strict_without_warnings(seed_site):
    assert seed_site.returncode == 0, seed_site.log
    assert "WARNING" not in seed_site.log


@pytest.mark.parametrize(("url", "title", "kind"), SEED_PAGES)
def test_each_seed_section_has_its_page_with_the_heading_as_h1(seed_site, url, title, kind):
    soup = seed_site.html(url)
    assert h1(soup) == title
    assert len(soup.select("article h1")) == 1


def other_pages(docs) -> list[str]:
    """URLs of the ordinary pages of docs/, in the order the generated nav lists them."""
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    return [f"/{p.removesuffix('.md')}/" for p in pages if not p.startswith("notes/") and p != "index.md"]


def test_previous_and_next_walk_the_note_in_order(seed_site):
    index = json.loads((seed_site.site / "notes.json").read_text("utf-8"))
    urls = [page["url"] for page in index["notes"][0]["pages"]]
    assert urls[: len(SEED_PAGES)] == [url for url, _, _ in SEED_PAGES]
    for position, url in enumerate(urls):
        soup = seed_site.html(url)
        footer = {
            "prev": soup.select_one("a.md-footer__link--prev"),
            "next": soup.select_one("a.md-footer__link--next"),
        }
        base = "https://x/" + ("" if url == "./" else url)
        resolved = {
            name: urlsplit(urljoin(base, link["href"])).path if link else None
            for name, link in footer.items()
        }
        # Before the note comes the home page.
        expected_prev = "/" + urls[position - 1].lstrip("./") if position else "/"
        # After the note, the review dashboard (the seed's only tags are hidden: no tag index).
        after = "/" + urls[position + 1].lstrip("./") if position + 1 < len(urls) else None
        expected_next = after or "/review/"
        assert (resolved["prev"], resolved["next"]) == (expected_prev, expected_next), url
    # The ordinary pages of docs/ (such as the contributor guide) come after the dashboard.
    after_review = seed_site.html("review/").select_one("a.md-footer__link--next")
    assert urlsplit(urljoin("https://x/review/", after_review["href"])).path == other_pages(seed_site.docs)[0]


def test_section_navigation_lists_pages_in_note_order(seed_site):
    soup = seed_site.html(seed_url())
    titles = [a.get_text(" ", strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    positions = [titles.index(title) for _, title, _ in SEED_PAGES[1:]]
    assert positions == sorted(positions)


def test_subsections_are_in_the_table_of_contents(seed_site):
    soup = seed_site.html(seed_url("section-1"))
    toc = [a.get_text(strip=True) for a in soup.select(".md-sidebar--secondary a.md-nav__link")]
    assert toc == ["1.1 模型推理优化", "1.2 高性能算子开发", "1.3 核心差异对比"]
    assert soup.select_one("article h2").get("id") == "11-模型推理优化"


def test_edit_links_open_the_source_note_at_the_section_lines(seed_site):
    note = parse_note_file(SEED)
    section = note.sections[1]
    edit = seed_site.html(seed_url("section-1")).select_one("a.md-content__button[href]")["href"]
    assert edit.endswith(f"/blob/main/docs/notes/{SEED.name}#L{section.span.start}-L{section.span.end}")
    assert note.lines[section.span.start - 1] == "## 一、两个方向的定义与工作内容对比"


def test_the_overview_has_metadata_lead_and_a_card_per_section(seed_site):
    soup = seed_site.html(seed_url())
    meta = {
        dt.get_text(): dd.get_text(" ", strip=True)
        for dt, dd in zip(soup.select(".ns-meta dt"), soup.select(".ns-meta dd"), strict=True)
    }
    assert meta["创建"] == "2025-11-02"
    assert meta["下次复习"] == "2025-11-06"
    assert meta["复习次数"] == "1"
    assert meta["难度"] == "medium"
    assert soup.select_one(".ns-meta meter")["value"] == "0.23"
    # The seed's only tags start with `_`: bookkeeping, hidden from readers.
    assert soup.select(".md-tag") == []
    assert "建议优先选择模型推理优化方向" in soup.select_one("article").get_text()
    cards = soup.select(".ns-cards a")
    assert [a.get_text(strip=True) for a in cards][:8] == [t for _, t, _ in SEED_PAGES[1:]]


def test_notes_json_describes_every_page_and_reference(seed_site):
    index = json.loads((seed_site.site / "notes.json").read_text("utf-8"))
    (entry,) = index["notes"]
    assert entry["title"] == SEED_PAGES[0][1]
    assert entry["source"] == f"docs/notes/{SEED.name}"
    assert entry["front_matter"]["created"] == "2025-11-02"
    assert entry["front_matter"]["mastery_level"] == 0.23
    assert [(p["url"], p["title"], p["kind"]) for p in entry["pages"][: len(SEED_PAGES)]] == (SEED_PAGES)
    assert entry["pages"][1]["source_lines"] == [31, 74]
    assert pages_of_kind(index, "bibliography")[0]["source_lines"] == [469, 480]
    assert [r["number"] for r in entry["references"]] == [1, 2, 3, 4, 5]
    assert {r["status"] for r in entry["references"]} <= {
        "ok",
        "redirected",
        "broken",
        "blocked",
        "rate_limited",
        "timeout",
        "unreachable",
        "invalid",
        "skipped",
        "unchecked",
    }
    for page in entry["pages"]:
        assert (seed_site.site / (page["url"].lstrip("./") or ".") / "index.html").exists()


def test_the_built_site_requests_nothing_from_another_host(seed_site):
    offenders = []
    for path in seed_site.site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text("utf-8", errors="replace")
        if path.suffix == ".html":
            found = re.findall(
                r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*"
                r'(?:src|href)="(https?:)?//([^"/]+)',
                text,
            )
        else:
            found = re.findall(r"url\(\s*['\"]?(https?:)?//([^'\")/]+)", text)
            found += re.findall(r"@import\s+['\"](https?:)?//([^'\"/]+)", text)
        offenders += [(str(path.relative_to(seed_site.site)), host) for _, host in found]
    assert offenders == []


def test_the_built_seed_note_is_left_as_the_fixture_wrote_it(seed_site):
    assert (seed_site.docs / "notes" / SEED.name).read_bytes() == SEED.read_bytes()


def test_the_seed_fixture_is_the_original_seed_byte_for_byte():
    original = ROOT.parent / "shared" / "seeds" / "000_7bb40bc9dc091390.txt"
    if not original.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    assert SEED.read_bytes() == original.read_bytes()


# The notes below are short: split all the same where a test is about section pages.
SPLIT_ALL = {"plugins": {"notesite": {"split_threshold": 0}}}

TWO_SECTIONS = """---
created: 2025-01-01
tags: [x]
---
# {title}

Lead text for {title}.

## 1. First part

First body of {title}.

## 2. Second part

Second body of {title}.
"""


def test_a_second_note_becomes_its_own_part_of_the_site(tmp_path):
    built = build_notes(
        tmp_path,
        {
            "alpha.md": TWO_SECTIONS.format(title="Alpha note"),
            "beta.md": TWO_SECTIONS.format(title="Beta note"),
        },
        "--strict",
        config=SPLIT_ALL,
    )
    assert built.returncode == 0, built.log
    home = built.html("./")
    links = {a.get_text(strip=True): a["href"] for a in home.select(".ns-cards a")}
    assert links == {"Alpha note": "alpha/", "Beta note": "beta/"}
    for slug, title in (("alpha", "Alpha note"), ("beta", "Beta note")):
        assert h1(built.html(f"{slug}/")) == title
        assert h1(built.html(f"{slug}/section-1/")) == "1. First part"
        assert f"Second body of {title}." in built.html(f"{slug}/section-2/").get_text()
    index = json.loads((built.site / "notes.json").read_text("utf-8"))
    assert [n["pages"][0]["url"] for n in index["notes"]] == ["alpha/", "beta/"]


def test_two_sections_with_the_same_heading_get_distinct_pages(tmp_path):
    text = "# Same\n\n## Notes\n\nfirst\n\n## Notes\n\nsecond\n"
    built = build_notes(tmp_path, {"same.md": text}, config=SPLIT_ALL)
    assert built.returncode == 0, built.log
    assert "heading 'Notes' repeats the one at line 3" in built.log
    first, second = built.html("same/notes/"), built.html("same/notes-2/")
    assert ("first" in first.get_text(), "second" in second.get_text()) == (True, True)


def test_slugs_can_be_overridden_in_front_matter(tmp_path):
    text = "---\nslug: guide\nsection_slugs:\n  '1': intro\n---\n# G\n\n## 1. A\n\ntext\n"
    built = build_notes(tmp_path, {"x.md": text}, "--strict", config=SPLIT_ALL)
    assert built.returncode == 0, built.log
    assert h1(built.html("guide/intro/")) == "1. A"


def test_a_note_without_sections_becomes_one_page_with_a_warning(tmp_path):
    built = build_notes(tmp_path, {"flat.md": "# Flat\n\nAll in one.\n"})
    assert built.returncode == 0, built.log
    assert "notes/flat.md:1: the note has no '## ' sections" in built.log
    assert "All in one." in built.html("flat/").get_text()


def test_broken_front_matter_is_an_error_naming_the_line_and_fails_strict(tmp_path):
    bad = "---\ncreated: 2025-01-01\ntags: [a, b\n---\n# Bad\n\n## 1. A\n\ntext\n"
    built = build_notes(tmp_path, {"bad.md": bad}, "--strict")
    assert built.returncode != 0
    assert re.search(r"ERROR\s+-\s+notes/bad\.md:\d: front matter is not valid YAML", built.log)
    assert "Traceback" not in built.log


def test_a_broken_note_is_still_published_as_written_without_strict(tmp_path):
    bad = "---\ntags: [a, b\n---\n# Bad\n\nkeep <this> text\n"
    built = build_notes(tmp_path, {"bad.md": bad})
    assert built.returncode == 0, built.log
    page = built.html("bad/")
    assert "keep <this> text" in page.select_one("article pre").get_text()
    assert page.select_one("article this") is None


def test_html_from_a_note_is_escaped_in_generated_html(tmp_path):
    text = (
        "---\ndifficulty: '<script>alert(1)</script>'\ntags: ['<i>x</i>']\n---\n"
        "# Title <img src=x onerror=alert(1)>\n\n## 1. <b>Bold</b> heading\n\ntext\n"
    )
    built = build_notes(tmp_path, {"x.md": text}, config=SPLIT_ALL)
    assert built.returncode == 0, built.log
    overview, section = built.html("x/"), built.html("x/section-1/")
    assert overview.select("article script, article img, .md-nav img, .md-nav b") == []
    assert "<script>alert(1)</script>" in overview.select_one(".ns-meta").get_text()
    assert overview.select(".md-tags i") == []
    assert overview.select_one(".md-tag").get_text(strip=True) == "<i>x</i>"
    assert h1(section) == "1. Bold heading"  # HTML that only styles words: its words
    assert section.select("article h1 b, .md-nav b, title b") == []


def test_the_whole_note_is_not_built_unless_asked_for(seed_site):
    assert seed_site.html(seed_url()).select(".ns-whole") == []
    assert not (seed_site.site / seed_url("full")).exists()


def test_the_whole_note_reads_on_one_page_outside_nav_and_search(tmp_path):
    config = {"plugins": {"notesite": {"whole_note": True}}}
    seed_site = build_notes(tmp_path, {SEED.name: SEED.read_text("utf-8")}, "--strict", config=config)
    assert seed_site.returncode == 0, seed_site.log
    overview = seed_site.html(seed_url())
    link = resolve(seed_url(), overview.select_one(".ns-whole a")["href"])
    assert link == seed_url("full")
    whole = seed_site.html(link)
    assert h1(whole) == SEED_PAGES[0][1]
    assert [h.get_text().rstrip("¶") for h in whole.select("article h2")][1:9] == [
        title for _, title, _ in SEED_PAGES[1:]
    ]
    assert "TVM: An Automated End-to-End" in whole.get_text()
    # The search lists each doc by its location in the preview files (search/d-N.json).
    listed = [
        r[0] for p in (seed_site.site / "search").glob("d-*.json") for r in json.loads(p.read_text("utf-8"))
    ]
    assert seed_url("section-1") in listed and not any(loc.startswith(seed_url("full")) for loc in listed)
    notes = json.loads((seed_site.site / "notes.json").read_text("utf-8"))
    assert all(p["url"] != seed_url("full") for p in notes["notes"][0]["pages"])


def test_a_section_named_like_a_generated_page_gets_another_slug(tmp_path):
    text = "# A\n\n## Index\n\nfirst\n\n## Full\n\nsecond\n"
    notes = {"a.md": text, "b.md": TWO_SECTIONS.format(title="B")}
    built = build_notes(tmp_path, notes, "--strict", config=SPLIT_ALL)
    assert built.returncode == 0, built.log
    assert h1(built.html("a/")) == "A"
    assert h1(built.html("a/index-2/")) == "Index" and h1(built.html("a/full-2/")) == "Full"


def test_a_generated_page_never_silently_replaces_an_ordinary_page(tmp_path):
    built = build_notes(
        tmp_path,
        {"guide.md": TWO_SECTIONS.format(title="G")},
        other_docs={"guide/section-1.md": "# Mine\n"},
        config=SPLIT_ALL,
    )
    assert built.returncode != 0
    assert (
        "docs/notes/guide.md (its section '1. First part', line 9) and docs/guide/section-1.md would both be "
        "published as guide/section-1/index.html" in built.log
    )
    assert "Traceback" not in built.log
