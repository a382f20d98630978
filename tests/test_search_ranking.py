"""The search a reader gets: the built site's worker, run in node over the built index.

The judged queries of tests/fixtures/search/queries.yaml that need only the seed note and the
fixture notes are asked here (scripts/bench_search.py asks them all, in Chromium, against plain
Material and Pagefind too); the browser tests type a sample into the real search box.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from .conftest import FIXTURES, SEED, build_notes

pytestmark = pytest.mark.slow

HARNESS = Path(__file__).parent / "search_node.js"
QUERIES = [q for q in yaml.safe_load((FIXTURES / "search" / "queries.yaml").read_text("utf-8"))["queries"]]
FIXTURE_QUERIES = [q for q in QUERIES if q.get("corpus") == "fixtures"]
TOP = 3


def fixture_notes() -> dict[str, str]:
    notes = {SEED.name: SEED.read_text("utf-8")}
    folder = FIXTURES / "search" / "notes"
    notes.update({p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in folder.rglob("*.md")})
    return notes


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    built = build_notes(tmp_path_factory.mktemp("search"), fixture_notes(), "--strict")
    assert built.returncode == 0, built.log
    return built.site


def run_worker(site: Path, *queries: str) -> dict:
    done = subprocess.run(
        ["node", str(HARNESS), str(site), *queries], capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(done.stdout)


def ask(site: Path, *queries: str) -> dict[str, list[list[list]]]:
    """query → its result groups, each a list of [location, title, preview, terms]."""
    return run_worker(site, *queries)["items"]


def pages(groups: list[list[list]]) -> list[str]:
    """Result pages in order: each group's page, as a path below the site root."""
    return [unquote(group[0][0].split("#")[0]) for group in groups]


def expected(page: str, expect: list[str]) -> bool:
    return any(page.startswith(e[:-1]) if e.endswith("*") else page == e for e in expect)


@pytest.fixture(scope="module")
def answers(site) -> dict[str, list[list[list]]]:
    return ask(site, *(q["q"] for q in FIXTURE_QUERIES))


@pytest.mark.parametrize("query", FIXTURE_QUERIES, ids=[q["q"] for q in FIXTURE_QUERIES])
def test_the_page_about_the_query_is_among_the_first_results(answers, query):
    listed = pages(answers[query["q"]])[:TOP]
    assert any(expected(page, query["expect"]) for page in listed), f"{query['q']!r}: {listed}"


def test_a_compound_is_found_whole_before_pages_with_its_parts(site):
    # "线程" alone is in every fixture note about threads; the pool note is named for 线程池.
    assert pages(ask(site, "线程池")["线程池"])[0] == "java/thread-pool/"


def test_a_mixed_query_finds_the_phrase_in_the_text(site):
    groups = ask(site, "CUDA编程")["CUDA编程"]
    assert pages(groups)[0] == "cuda/programming/"
    assert "<mark>CUDA编程</mark>" in groups[0][0][2]


def test_each_result_names_its_page_and_its_note(site):
    group = ask(site, "拒绝策略")["拒绝策略"][0]
    # One result for the page: its own title marked, its note named quietly and never marked.
    assert len(group) == 1
    assert group[0][1] == (
        '<span class="ns-result__title">三、<mark>拒绝策略</mark></span> '
        '<small class="ns-result__note">Java 线程池</small>'
    )


def test_site_pages_are_listed_after_the_notes_and_each_result_has_an_excerpt(site):
    groups = ask(site, "推理优化")["推理优化"]
    pages = [group[0][0] for group in groups]
    assert pages[0] == "inference-vs-operator-dev/"
    site_pages = [i for i, page in enumerate(pages) if page in ("", "review/") or page.startswith("tags/")]
    assert site_pages and min(site_pages) > max(i for i in range(len(pages)) if i not in site_pages)
    assert all('<p class="ns-result__excerpt">' in group[0][2] for group in groups)
    assert not any("掌握程度" in group[0][2] or "上次复习" in group[0][2] for group in groups)


def test_a_result_marks_the_query_in_a_preview_that_starts_at_a_sentence(site):
    group = ask(site, "合并访存")["合并访存"][0]
    previews = [item[2] for item in group if "<mark>" in item[2]]
    assert previews and all(not p.startswith("…") or "。" not in p[:3] for p in previews)


@pytest.mark.parametrize("text", ["源文件", "在一页中阅读全文", "尚未检查", "链接主机与声明的域名"])
def test_generated_text_about_the_site_is_not_indexed(site, text):
    previews = [json.loads(p.read_text("utf-8")) for p in (site / "search").glob("d-*.json")]
    assert not [r[0] for chunk in previews for r in chunk if text in r[2]]
    assert all(text not in group[0][2] for group in ask(site, text)[text])


def test_the_overview_list_of_sections_is_not_indexed_again(site):
    previews = [r for p in (site / "search").glob("d-*.json") for r in json.loads(p.read_text("utf-8"))]
    assert not [r[0] for r in previews if r[0].startswith("java/thread-pool/#")]


def test_table_cells_do_not_run_together_in_previews(site):
    text = " ".join(item[2] for group in ask(site, "共享内存")["共享内存"] for item in group)
    assert "共享内存 片上" in text.replace("<mark>", "").replace("</mark>", "")


def test_search_terms_name_each_run_of_the_query_for_the_page_highlight(site):
    terms = ask(site, "CUDA编程")["CUDA编程"][0][0][3]
    assert terms == {"cuda": True, "编程": True}


def test_a_query_with_nothing_to_find_lists_nothing(site):
    assert ask(site, "量子纠缠", "!!!") == {"量子纠缠": [], "!!!": []}


def test_a_latin_word_being_typed_is_completed_by_the_word_it_most_often_begins(site):
    suggest = run_worker(site, "threadpool", "tensorrt", "线程")["suggest"]
    assert suggest == {"threadpool": "threadpoolexecutor", "tensorrt": None, "线程": None}


def test_a_pasted_sentence_is_found_from_half_its_pairs(site):
    sentence = "提交任务时线程数小于核心线程数就新建线程"  # 20 characters, 19 overlapping pairs
    answer = run_worker(site, sentence)
    assert pages(answer["items"][sentence])[0].startswith("java/thread-pool/")
    assert len([name for name in answer["fetched"][sentence] if name.startswith("h-")]) <= 10


def test_markup_written_in_a_note_reaches_the_result_list_as_text(tmp_path):
    note = "# 转义\n\n## 一、代码\n\n用 `<img src=x onerror=alert(1)>` 测试转义，标题 **A & B**。\n"
    built = build_notes(tmp_path, {"escape.md": note})
    assert built.returncode == 0, built.log
    group = ask(built.site, "测试转义")["测试转义"][0]
    text = " ".join(item[2] for item in group)
    assert "<img" not in text and "&#60;img src=x onerror=alert(1)&#62;" in text
