"""Material's search worker, emulated over a built `search/search_index.json`.

Ported from Material 9.8's worker (`integrations/search/query/segment`, `_/index.ts`): the index
is tokenized by the configured separator; a Chinese run in the query is cut into the longest
runs that are tokens of the index (with the build's fix that lets a cut reach the query's last
character, so "算子融合" becomes "算子" and "融合"), and a run with no cut at its start is
searched whole; every term is matched as a prefix of an index token. Material ORs the terms and ranks
pages that match all of them first; `found` keeps just those pages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TAG = re.compile(r"<[^>]+>")


@dataclass
class SearchIndex:
    separator: re.Pattern
    pages: dict[str, set[str]]  # page URL (no anchor) → the tokens of its title and text

    @property
    def vocabulary(self) -> set[str]:
        return set().union(*self.pages.values())

    def terms(self, query: str) -> list[str]:
        """The terms Material searches for: each Han run segmented, then split on the separator."""
        vocabulary = self.vocabulary
        query = _HAN.sub(lambda run: " ".join(segment(run.group(0), vocabulary)), query)
        return [term.lower() for term in self.separator.split(query) if term]

    def found(self, query: str) -> set[str]:
        """Pages with a token starting with every term of the query."""
        terms = self.terms(query)
        return {
            page
            for page, words in self.pages.items()
            if all(any(word.startswith(term) for word in words) for term in terms)
        }


def load_index(site: Path) -> SearchIndex:
    data = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    separator = re.compile(data["config"]["separator"])
    pages: dict[str, set[str]] = {}
    for doc in data["docs"]:
        page = doc["location"].split("#")[0]
        pages.setdefault(page, set()).update(tokens(doc["title"] + " " + doc["text"], separator))
    return SearchIndex(separator, pages)


def raw_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text("utf-8"))


def tokens(text: str, separator: re.Pattern) -> set[str]:
    return {token.lower() for token in separator.split(_TAG.sub(" ", text)) if token}


def segment(query: str, vocabulary: set[str]) -> list[str]:
    """Material's `segment`: longest index tokens with minimum overlap, as the worker does."""
    cuts = [0] * len(query)
    for i in range(len(query)):
        # Material's worker stops at len(query) - 1; the build patches it (material_search.py).
        for j in range(i + 1, len(query) + 1):
            if query[i:j] in vocabulary:
                cuts[i] = j - i
    segments: dict[str, None] = {}
    stack = [0]
    while stack:
        p = stack.pop()
        for q in range(1, cuts[p]):
            if cuts[p + q] > cuts[p] - q:
                segments[query[p : p + q]] = None
                stack.append(p + q)
        q = p + cuts[p]
        if q < len(query) - 1 and cuts[q]:
            stack.append(q)
        segments[query[p:q]] = None
    return [query] if "" in segments else list(segments)
