"""Chinese search, checked against the search index the build writes.

The browser tests run the real search; this reads the same index and queries it the way
Material's search worker does: split on its separator, segment Han text greedily by the tokens
the index holds, and match every term as a prefix.
"""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.slow

SLUG = "inference-vs-operator-dev"
QUERIES = {
    "量化": f"{SLUG}/section-1/",
    "算子融合": f"{SLUG}/section-1/",
    "应届生": f"{SLUG}/section-2/",
    "薪资": f"{SLUG}/section-4/",
    "TensorRT": f"{SLUG}/section-2/",
}


def load_index(site) -> tuple[dict, re.Pattern]:
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    return index, re.compile(index["config"]["separator"])


def tokens(text: str, separator: re.Pattern) -> set[str]:
    text = re.sub(r"<[^>]+>", " ", text)
    return {token.lower() for token in separator.split(text) if token}


def segment(query: str, vocabulary: set[str]) -> list[str]:
    """Material's query segmentation: longest runs of the query that are index tokens."""
    cuts = [0] * len(query)
    for i in range(len(query)):
        for j in range(i + 1, len(query)):
            if query[i:j] in vocabulary:
                cuts[i] = j - i
    segments: list[str] = []
    position = 0
    while position < len(query):
        step = cuts[position] or len(query) - position
        segments.append(query[position : position + step])
        position += step
    return segments


@pytest.fixture(scope="module")
def index(seed_site):
    return load_index(seed_site.site)


def test_chinese_text_is_segmented_in_the_index(index):
    data, _ = index
    # jieba joins segments with zero-width spaces; the separator must split on them.
    assert "\\u200b" in data["config"]["separator"]
    texts = "".join(doc["text"] for doc in data["docs"])
    assert "\u200b算子\u200b融合\u200b" in texts or "\u200b算子融合\u200b" in texts


@pytest.mark.parametrize(("query", "page"), QUERIES.items())
def test_each_query_finds_the_page_that_discusses_it(index, query, page):
    data, separator = index
    per_page: dict[str, set[str]] = {}
    for doc in data["docs"]:
        location = doc["location"].split("#")[0]
        per_page.setdefault(location, set()).update(
            tokens(doc["title"] + " " + doc["text"], separator))
    vocabulary = set().union(*per_page.values())
    terms = [t.lower() for part in separator.split(query) for t in segment(part, vocabulary)]
    matches = {
        location
        for location, words in per_page.items()
        if all(any(word.startswith(term) for word in words) for term in terms)
    }
    assert page in matches, (terms, sorted(matches))
