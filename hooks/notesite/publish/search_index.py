"""The site's search index, cut into small files a reader's browser fetches only as a query needs.

Material's search loads one JSON file holding every page's text before it can answer anything:
tens of megabytes for a vault of a thousand notes. This index answers a query from the few files
that hold its terms, plus the stored previews of the pages it lists.

Terms. Chinese is indexed as overlapping character pairs ("线程池" → 线程, 程池), so a compound
is found whole by asking for all its pairs in a row, a later part ("蒸馏" of "知识蒸馏") is found
too, and no dictionary decides where words end. Single characters are indexed from titles only.
Latin runs are words ("cuda", "tensorrt"); "CUDA编程" is "cuda" + 编程, split where the script
changes. Text is compared in NFKC, lower case and simplified characters (traditional ones are
mapped, so "線程池" finds "线程池").

Weights. A term's weight in a doc is a BM25 impact over its count in the doc's text and in its
titles: the doc's heading, its page's title and its note's title count several times the text.
Pages derived from a note (comparisons, timeline, bibliography) and site pages weigh less than
the note's own pages, so the note is listed before what repeats it.

Files (under `search/`): `h-N.json` hold the postings of the Chinese pairs and characters
hashed to N, `l-XX.json` those of the Latin words starting with XX (so a typed prefix is found in
one file), `d-N.json` the titles and text of a run of docs, from which the worker cuts each
result's excerpt around the match. The manifest says how many there are, where pages start, and
which pages belong to one note (a run of pages) or to the site; Material's `search_index.json`
carries it to the worker.
"""

from __future__ import annotations

import html
import json
import math
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

# Han characters (CJK unified ideographs, extension A, compatibility ideographs, extension B+).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_TOKEN = re.compile(rf"(?P<han>[{HAN}]+)|(?P<word>(?:(?![{HAN}])[^\W_])+)")
_HAN_CHAR = re.compile(f"[{HAN}]")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")

TEXT_KEPT = 1500  # characters of a doc's text kept for excerpts: sections are mostly shorter
SHARD_BYTES = 24_000  # aim for Chinese postings files about this size
CHUNK_DOCS = 16  # docs per preview file, rounded up to a whole page

# How much each kind of page counts against the note's own pages.
KIND_WEIGHT = {"overview": 1.0, "section": 1.0, "comparison": 0.4, "timeline": 0.4, "bibliography": 0.3}
SITE_WEIGHT = 0.3  # home, tag and other pages that list notes rather than hold them
# What a term in a title adds to its weight; a term's weight from the text is at most K1 + 1.
DOC_TITLE, PAGE_TITLE, NOTE_TITLE, NOTE_TITLE_OVERVIEW = 2.0, 1.0, 0.8, 3.0
K1, B = 1.2, 0.5


@dataclass(frozen=True)
class SearchDoc:
    """One heading's part of a page, as the search lists it."""

    location: str  # page URL, with "#anchor" below the page's first heading
    title: str  # the heading
    text: str  # plain text
    page_title: str
    note_title: str  # "" for a page that is not part of a note
    kind: str  # a notes.json page kind, or "site"

    @property
    def page(self) -> str:
        return self.location.split("#", 1)[0]


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment, tags as spaces, entities decoded, zero-width spaces gone."""
    text = html.unescape(_TAG.sub(" ", fragment)).replace("\u200b", "")
    return _SPACE.sub(" ", text).strip()


def normalizer(t2s: Mapping[str, str]) -> Callable[[str], str]:
    """NFKC, lower case, traditional → simplified characters: the form terms are compared in."""
    table = str.maketrans(dict(t2s))

    def normalize(text: str) -> str:
        return unicodedata.normalize("NFKC", text).lower().translate(table)

    return normalize


def terms(text: str, *, singles: bool = False) -> list[str]:
    """The index terms of normalized text: Chinese character pairs, Latin words; with `singles`,
    every Chinese character too (used for titles)."""
    found: list[str] = []
    for match in _TOKEN.finditer(text):
        run = match.group("han")
        if run is None:
            found.append(match.group("word"))
            continue
        if singles or len(run) == 1:
            found.extend(run)
        found.extend(run[i : i + 2] for i in range(len(run) - 1))
    return found


def han_shard(term: str, shards: int) -> int:
    """The file of a Chinese term; the worker computes the same hash."""
    value = 0
    for char in term:
        value = (value * 31 + ord(char)) & 0xFFFFFFFF
    return value % shards


def latin_file(term: str) -> str:
    return "l-" + "_".join(f"{ord(c):x}" for c in term[:2])


def term_count(text: str) -> int:
    """len(terms(text)), without making the terms."""
    count = 0
    for match in _TOKEN.finditer(text):
        run = match.group("han")
        count += 1 if run is None else max(1, len(run) - 1)
    return count


def build_index(docs: list[SearchDoc], t2s: Mapping[str, str]) -> dict[str, str]:
    """File name (under search/) → JSON text, "manifest" included."""
    normalize = normalizer(t2s)
    texts = [normalize(doc.text) for doc in docs]
    lengths = [term_count(text) for text in texts]
    average = max(sum(lengths) / len(lengths), 1.0) if lengths else 1.0
    # Each term's postings as one flat array of (doc, impact) pairs, four bytes each: a vault's
    # postings number in the millions, and a tuple for each held most of the build's peak memory.
    postings: dict[str, array[int]] = {}
    # The docs of a page share its title and its note's: their terms are found once.
    title_terms: dict[str, list[str]] = {}
    for number, (doc, text, length) in enumerate(zip(docs, texts, lengths, strict=True)):
        norm = K1 * (1 - B + B * length / average)
        impacts = {term: count * (K1 + 1) / (count + norm) for term, count in Counter(terms(text)).items()}
        # A title counts once whatever the text says, so a long page that repeats a word
        # cannot outweigh the page named for it.
        for title, bonus in _titles(doc):
            found = title_terms.get(title)
            if found is None:
                found = title_terms[title] = list(dict.fromkeys(terms(normalize(title), singles=True)))
            for term in found:
                impacts[term] = impacts.get(term, 0.0) + bonus
        scale = KIND_WEIGHT.get(doc.kind, SITE_WEIGHT) * 10
        for term, impact in impacts.items():
            entries = postings.get(term)
            if entries is None:
                entries = postings[term] = array("I")
            entries.append(number)
            entries.append(max(1, round(scale * impact)))
    del texts

    han_terms = [t for t in postings if not _is_latin(t)]
    size = sum(len(t) * 3 + 3 * len(postings[t]) for t in han_terms)
    shards = max(1, math.ceil(size / SHARD_BYTES))
    in_file: dict[str, list[str]] = defaultdict(list)
    for term in postings:
        in_file[latin_file(term) if _is_latin(term) else f"h-{han_shard(term, shards)}"].append(term)
    used = {char for term in postings for char in term}
    # Each term's postings go once its file is made, before the preview files are.
    out = {
        name: _json({term: _delta(postings.pop(term)) for term in listed}) for name, listed in in_file.items()
    }
    page_starts = [i for i, doc in enumerate(docs) if i == 0 or doc.page != docs[i - 1].page]
    chunk_starts = _chunks(page_starts, len(docs))
    summaries = _summaries(docs, page_starts)
    for number, start in enumerate(chunk_starts):
        end = chunk_starts[number + 1] if number + 1 < len(chunk_starts) else len(docs)
        out[f"d-{number}"] = _json(
            [
                _record(docs[i], docs[i - 1] if i > start else None, summaries.get(i, ""))
                for i in range(start, end)
            ]
        )
    runs, site = _runs(docs, page_starts)
    out["manifest"] = _json(
        {
            "version": 1,
            "docs": len(docs),
            "shards": shards,
            "pages": _delta_plain(page_starts),
            "chunks": _delta_plain(chunk_starts),
            "runs": _delta_plain(runs),
            "site": _delta_plain(site),
            "t2s": "".join(f"{a}{b}" for a, b in sorted(t2s.items()) if b in used),
        }
    )
    return out


def _titles(doc: SearchDoc) -> list[tuple[str, float]]:
    """The titles a doc is known by, each with what it adds to a term's weight."""
    titles = [(doc.title, DOC_TITLE), (doc.page_title, PAGE_TITLE)]
    if doc.note_title:
        overview = doc.kind == "overview" and "#" not in doc.location
        titles.append((doc.note_title, NOTE_TITLE_OVERVIEW if overview else NOTE_TITLE))
    return titles


def _is_latin(term: str) -> bool:
    return _HAN_CHAR.search(term) is None


def _delta(pairs: array[int]) -> list[int]:
    """[doc, impact, doc, impact, …] with each doc number after the first given as a gap."""
    flat = pairs.tolist()
    flat[2::2] = [doc - previous for doc, previous in zip(flat[2::2], flat[0:-2:2], strict=True)]
    return flat


def _delta_plain(numbers: list[int]) -> list[int]:
    return [n - (numbers[i - 1] if i else 0) for i, n in enumerate(numbers)]


def _chunks(page_starts: list[int], total: int) -> list[int]:
    """Doc numbers that start a preview file: whole pages, about CHUNK_DOCS docs each."""
    starts: list[int] = []
    for start in page_starts:
        if not starts or start - starts[-1] >= CHUNK_DOCS:
            starts.append(start)
    return starts or ([0] if total else [])


def _runs(docs: list[SearchDoc], page_starts: list[int]) -> tuple[list[int], list[int]]:
    """The pages (by their number) that start a run of one note's pages or a site page, and the
    runs that are site pages: the worker lists a note's pages together, and site pages last."""
    runs: list[int] = []
    site: list[int] = []
    for number, start in enumerate(page_starts):
        doc = docs[start]
        previous = docs[page_starts[number - 1]] if number else None
        if not doc.note_title or previous is None or previous.note_title != doc.note_title:
            if not doc.note_title:
                site.append(len(runs))
            runs.append(number)
    return runs, site


def _summaries(docs: list[SearchDoc], page_starts: list[int]) -> dict[int, str]:
    """What a note's overview without text of its own shows as its excerpt: the titles of its
    note's other pages, which its list of sections names (never in the index's terms)."""
    found: dict[int, str] = {}
    ends = [*page_starts[1:], len(docs)]
    for number, (start, end) in enumerate(zip(page_starts, ends, strict=True)):
        doc = docs[start]
        if doc.kind != "overview" or any(docs[i].text for i in range(start, end)):
            continue
        titles = []
        for later in page_starts[number + 1 :]:
            if docs[later].note_title != doc.note_title:
                break
            titles.append(docs[later].page_title)
        if titles:
            found[start] = " · ".join(titles)
    return found


def _record(doc: SearchDoc, previous: SearchDoc | None, summary: str = "") -> list[str]:
    """[location, title, text, page title, note title, kind]; "" repeats the doc before."""
    same = previous is not None and previous.page == doc.page
    return [
        doc.location,
        doc.title,
        _kept(doc.text or summary),
        "" if same else doc.page_title,
        "" if same else doc.note_title,
        "" if same else doc.kind,
    ]


def _kept(text: str) -> str:
    if len(text) <= TEXT_KEPT:
        return text
    cut = text[:TEXT_KEPT]
    # End on a sentence when one ends in the last third.
    end = max(cut.rfind(mark) for mark in "。！？；.!?;")
    return cut[: end + 1] if end > TEXT_KEPT * 2 // 3 else cut + "…"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def docs_from_material(
    entries: Iterable[Mapping[str, str]], pages: Mapping[str, tuple[str, str]]
) -> list[SearchDoc]:
    """Material's search entries as docs; `pages` maps a page URL to (note title, kind)."""
    docs: list[SearchDoc] = []
    titles: dict[str, str] = {}
    for entry in entries:
        location = entry["location"]
        page = location.split("#", 1)[0]
        title = plain_text(entry.get("title", ""))
        titles.setdefault(page, title)
        note_title, kind = pages.get(page, ("", "site"))
        docs.append(
            SearchDoc(location, title, plain_text(entry.get("text", "")), titles[page], note_title, kind)
        )
    # Material lists a page's entries together; keep them together even if it ever does not.
    order = {page: i for i, page in reversed(list(enumerate(d.page for d in docs)))}
    return sorted(docs, key=lambda d: order[d.page])
