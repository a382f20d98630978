"""Nothing the seed note says is lost, and each line shows up on exactly one page."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest

from .conftest import SEED, seed_url

pytestmark = pytest.mark.slow

# Generated around the note's own text: cards, source lines, metadata, derived tables and charts.
GENERATED = ".ns-cards, .ns-source, .ns-meta-card, .ns-page-facts, .ns-derived, .headerlink, .ns-backlink"
_SPLIT = re.compile(r"[。；！？!?\"“”]|\.\s|\s(?=https?://)|：")
_MARKUP = re.compile(r"[\s*`|#>]|^\d+\.|^-")


def normalize(text: str) -> str:
    return re.sub(r"\s+|[*`|#]", "", text)


def pieces(line: str) -> list[str]:
    """The sentences and clauses of one source line, without Markdown markup."""
    line = unquote(line.strip())
    line = re.sub(r"^(#+|[-*+]|\d+\.|\[\d+\])\s+", "", line)
    if set(line) <= set("-|: ") or line.startswith(("```", "---")):
        return []
    found = [normalize(part) for part in _SPLIT.split(line)]
    return [part for part in found if len(part) >= 4]


def page_text(soup) -> str:
    article = soup.select_one("article")
    for node in article.select(GENERATED):
        node.decompose()
    return normalize(article.get_text())


def test_every_sentence_of_the_seed_is_on_exactly_one_page(seed_site):
    lines = SEED.read_text("utf-8").splitlines()
    index = json.loads((seed_site.site / "notes.json").read_text("utf-8"))
    pages = [p for p in index["notes"][0]["pages"] if p["source_lines"]]
    texts = {p["url"]: page_text(seed_site.html(p["url"])) for p in pages}
    sources = {
        p["url"]: normalize(unquote("\n".join(lines[p["source_lines"][0] - 1 : p["source_lines"][1]])))
        for p in pages
    }
    covered: set[int] = set()
    missing, copied = [], []
    for page in pages:
        start, end = page["source_lines"]
        covered.update(range(start, end + 1))
        body_start = 13 if start == 1 else start  # the overview shows front matter as a card
        for number in range(body_start, end + 1):
            for piece in pieces(lines[number - 1]):
                if piece not in texts[page["url"]]:
                    missing.append((number, piece, page["url"]))
                for other, text in texts.items():
                    if other != page["url"] and piece in text and piece not in sources[other]:
                        copied.append((number, piece, other))
    assert covered == set(range(1, len(lines) + 1)), "every line belongs to a page"
    assert missing == []
    assert copied == []


def test_front_matter_values_are_on_the_overview(seed_site):
    overview = seed_site.html(seed_url()).select_one("article").get_text()
    for value in ("2025-11-02", "2025-11-04", "2025-11-06", "medium", "23%"):
        assert value in overview
    # Tags starting with `_` are hidden from readers, and notes.json publishes what the site shows.
    index = json.loads((seed_site.site / "notes.json").read_text("utf-8"))
    assert "_seeds/待分类" not in index["notes"][0]["front_matter"]["tags"]
