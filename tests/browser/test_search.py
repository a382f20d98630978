"""Material's search, as a reader uses it: type a term, open a result, see the term marked.

The expected pages come from reading the seed note (tests/fixtures/seed/inference-vs-operator-dev.md).
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from scripts.search_box import type_query
from tests.conftest import FIXTURES, SEED, build_notes, seed_path

pytestmark = pytest.mark.browser

TOP = 3  # "among the first results": the first three pages listed

# query → the pages that discuss it; at least one must be among the first results.
EXPECTED = {
    # 1.1 lists 算子融合 under 计算图优化 and 1.2 under the operator developer's work.
    "算子融合": {seed_path("section-1")},
    # 1.1 量化技术 (INT8/INT4量化、动态量化); 2.1 模型压缩理论 (剪枝、量化、蒸馏).
    "量化": {seed_path("section-1"), seed_path("section-2")},
    # 1.1 推理引擎集成 (适配TensorRT); 2.1 推理引擎 skills and 学习并实践TensorRT.
    "TensorRT": {seed_path("section-1"), seed_path("section-2")},
    # 四、行业需求与薪资前景, with 4.2 薪资水平对比.
    "薪资": {seed_path("section-4")},
    # The note's title is about 应届生; 七、应届生选择建议 is the advice for them.
    "应届生": {seed_path(), seed_path("section-7")},
    # 7.4 两个方向的学习路径, and the timeline page built from it.
    "学习路径": {seed_path("section-7"), seed_path("timeline")},
}


# A sample of the judged query set (tests/fixtures/search/queries.yaml) for the fixture notes: one
# of each kind, typed into the search box of a site built from the seed and the fixture notes.
SAMPLE = {"线程池", "索引失效", "CUDA编程", "ThreadPoolExecutor", "线程池 拒绝策略", "線程池", "索引实效"}
JUDGED = {
    q["q"]: q["expect"]
    for q in yaml.safe_load((FIXTURES / "search" / "queries.yaml").read_text("utf-8"))["queries"]
    if q["q"] in SAMPLE
}


@pytest.fixture(scope="module")
def fixture_tab(browser, serve, tmp_path_factory):
    from tests.browser.conftest import new_tab

    folder = FIXTURES / "search" / "notes"
    notes = {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in folder.rglob("*.md")}
    built = build_notes(tmp_path_factory.mktemp("search-site"), {SEED.name: SEED.read_text("utf-8"), **notes})
    assert built.returncode == 0, built.log
    tab = new_tab(browser, serve(built.site))
    yield tab
    tab.page.context.close()


@pytest.mark.parametrize("query", JUDGED)
def test_a_judged_query_typed_into_the_search_box_lists_its_page_first(fixture_tab, query: str) -> None:
    page = fixture_tab.open()
    _search(page, query)
    first = unquote(_result_pages(page, fixture_tab.base)[0])
    expect = JUDGED[query]
    assert any(first.startswith(e[:-1]) if e.endswith("*") else first == e for e in expect), (query, first)
    # The result names its note and its page: "page title · note title" or the note's own title.
    title = page.locator(".md-search-result__item h1").first.inner_text()
    assert title.strip()
    assert fixture_tab.console_errors == []


def test_search_fetches_only_files_of_this_site(fixture_tab) -> None:
    page = fixture_tab.open()
    _search(page, "垃圾回收")
    assert fixture_tab.foreign_requests() == []
    fetched = [urlsplit(url).path for url in fixture_tab.requests if "/search/" in url]
    assert any(path.endswith("search_index.json") for path in fetched)
    assert any("/search/h-" in path for path in fetched) and any("/search/d-" in path for path in fetched)


def _search(page, query: str) -> None:
    assert type_query(page, query), f"{query!r}: no search results after 15 s"


def _result_pages(page, base: str) -> list[str]:
    """The pages listed, in order: the first link of each result item, without query or anchor."""
    hrefs = page.locator(".md-search-result__item").evaluate_all(
        "items => items.map(item => item.querySelector('a').href)"
    )
    return [urlsplit(href).path.removeprefix(urlsplit(base).path) for href in hrefs]


@pytest.mark.parametrize("query", EXPECTED)
def test_search_finds_the_page_and_highlights_the_term(tab, query: str) -> None:
    page = tab.open()
    _search(page, query)
    pages = _result_pages(page, tab.base)
    expected = EXPECTED[query]
    assert expected & set(pages[:TOP]), f"{query!r}: expected one of {sorted(expected)} in {pages[:TOP]}"

    # Open the first link into an expected page that carries the highlight parameter.
    target = next(p for p in pages[:TOP] if p in expected)
    links = page.locator(f'.md-search-result__item a[href^="{tab.base}{target}?h="]')
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    index = next(i for i, href in enumerate(hrefs) if parse_qs(urlsplit(href).query).get("h"))
    terms = parse_qs(urlsplit(hrefs[index]).query)["h"][0].split()
    links.nth(index).click()
    page.wait_for_url(f"{tab.base}{target}?h=*")

    marks = page.locator("article.md-content__inner mark")
    marks.first.wait_for()
    marked = set(marks.all_inner_texts())
    assert marked, f"{query!r}: nothing highlighted on {target}"
    assert all(text.lower() in query.lower() for text in marked), marked
    assert {t.lower() for t in terms} & {m.lower() for m in marked}
    marks.first.scroll_into_view_if_needed()
    assert marks.first.is_visible()
    assert tab.console_errors == []


def test_the_keyboard_opens_search_and_goes_to_the_first_result(fixture_tab) -> None:
    page = fixture_tab.open()
    page.keyboard.press("/")  # Material's shortcut ("s" too) focuses the search box
    box = page.locator("input.md-search__input")
    assert box.evaluate("input => input === document.activeElement")
    page.keyboard.type("线程池")
    _search(page, "线程池")  # typed again until the worker, still loading, answers
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(first)
    assert urlsplit(page.url).path.endswith("/java/thread-pool/")
