"""What a reader types, and the pages of the seed note the search must find for it.

Checked against the index the build writes, queried as Material's search worker does
(tests/search_emulation.py). Material cuts a Chinese query at words of the index ("算子融合"
searches "算子" and "融合", once the build has fixed the worker's last-character slip); a query for
a later part of a term ("融合") needs that part to be an indexed word of its own, which is why the
build cuts the notes' terms as units and indexes them as their words.
"""

from __future__ import annotations

import pytest

from .conftest import SEED, SEED_FOLDER, build_notes, seed_path
from .search_emulation import load_index

pytestmark = pytest.mark.slow

QUERIES = {
    "算子融合": ["section-1"],
    "推理引擎": ["section-1", "section-2"],
    "知识蒸馏": ["section-1"],
    "模型压缩": ["section-1", "section-2"],
    "计算图优化": ["section-1"],
    "量化": ["section-1", "section-2"],
    "应届生": ["section-2", "section-7"],
    "薪资": ["section-4"],
    "TensorRT": ["section-1", "section-2"],
    "学习路径": ["section-7", "timeline"],
    # A later part of a term finds the page that defines the whole term.
    "融合": ["section-1"],
    "蒸馏": ["section-1"],
    "引擎": ["section-1", "section-2"],
    "压缩": ["section-1"],
    "调优": ["section-1"],
}


@pytest.fixture(scope="module")
def index(seed_site):
    return load_index(seed_site.site)


@pytest.fixture(scope="module")
def index_without_dictionary(tmp_path_factory):
    built = build_notes(
        tmp_path_factory.mktemp("no-dictionary"),
        {SEED.name: SEED.read_text("utf-8")},
        config={"plugins": {"notesite": {"search_dictionary": False}}},
    )
    assert built.returncode == 0, built.log
    return load_index(built.site)


@pytest.mark.parametrize(("query", "pages"), QUERIES.items())
def test_query_finds_the_pages_that_discuss_it(index, query, pages):
    found = index.found(query)
    missing = [page for page in pages if seed_path(page) not in found]
    assert not missing, f"{query!r} searched as {index.terms(query)} finds {sorted(found)}"


@pytest.mark.parametrize("query", QUERIES)
def test_the_notes_terms_cost_no_query_a_page(index, index_without_dictionary, query):
    lost = {page for page in index_without_dictionary.found(query) if page.startswith(SEED_FOLDER)}
    lost -= index.found(query)
    assert not lost, f"{query!r} no longer finds {sorted(lost)}"
