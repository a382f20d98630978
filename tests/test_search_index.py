"""Chinese search, checked against the search index the build writes.

The browser tests run the real search; this reads the same index and queries it the way
Material's search worker does (tests/search_emulation.py). The query set with the pages each
must find is in test_search_queries.py.
"""

from __future__ import annotations

import pytest

from .conftest import seed_path
from .search_emulation import load_index, raw_index

pytestmark = pytest.mark.slow

# Pages as the search index names them: paths below the site root.
QUERIES = {
    "量化": seed_path("section-1"),
    "算子融合": seed_path("section-1"),
    "应届生": seed_path("section-2"),
    "薪资": seed_path("section-4"),
    "TensorRT": seed_path("section-2"),
}


def test_chinese_text_is_segmented_in_the_index(seed_site):
    data = raw_index(seed_site.site)
    # jieba joins segments with zero-width spaces; the separator must split on them.
    assert "\\u200b" in data["config"]["separator"]
    texts = "".join(doc["text"] for doc in data["docs"])
    assert "\u200b算子\u200b融合\u200b" in texts or "\u200b算子融合\u200b" in texts


@pytest.fixture(scope="module")
def index(seed_site):
    return load_index(seed_site.site)


@pytest.mark.parametrize(("query", "page"), QUERIES.items())
def test_each_query_finds_the_page_that_discusses_it(index, query, page):
    assert page in index.found(query), (index.terms(query), sorted(index.found(query)))


def test_the_built_search_worker_cuts_queries_up_to_their_last_character(seed_site):
    # hooks/material_search.py patches Material's worker; an upgrade that changes it fails here.
    (worker,) = (seed_site.site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    code = worker.read_text("utf-8")
    assert "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e" in code
    assert "o<t.length;o++)t.slice(s,o)in e" not in code
