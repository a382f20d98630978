"""Material's search, answered by this project's index (notesite/publish/search_index.py) and worker.

Material's search box, keyboard shortcuts, result list and highlighting stay as readers know them.
What is behind them changes: Material's search plugin hands each built page to its index object;
`SearchCollector` takes that object's place and keeps each page's text, heading by heading
(notesite/publish/search_sections.py: one linear pass, where Material's reads every page with Python's
HTML parser and, given jieba, segments all its Chinese). After the build that text becomes our
index of small files, and Material's worker, which would load one file holding the whole site,
becomes ours (hooks/notesite_mkdocs/search_worker.js), which fetches only the files a query needs.
`search_index.json` stays, holding Material's settings (the highlighter on each page reads its
separator) and our manifest. Pages marked `search: exclude` and elements marked
`data-search-exclude` stay out, as with Material.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from notesite.publish.search_index import SearchDoc, build_index, plain_text
from notesite.publish.search_sections import page_sections

# Generated text that describes the site or repeats the note, out of the index (and so out of
# search excerpts and link previews): the source line, the review card, tag chips, tables and
# charts made from a section's own lists, backlinks, related notes and connections (other notes' words).
_GENERATED = (
    "ns-source", "ns-whole", "ns-ref__backlinks", "ns-ref__broken", "ns-page-facts", "ns-downloads",
    "ns-meta", "md-tags ns-tags", "ns-derived", "ns-chart", "ns-backlinks", "ns-related",
    "ns-connections",
)  # fmt: skip
_CARDS = '<div class="grid cards ns-cards">'
# What makes the index files from the docs and the traditional → simplified table.
Indexer = Callable[[list[SearchDoc], Mapping[str, str]], dict[str, str]]


class SearchCollector:
    """Stands in for Material's `SearchIndex`: the docs of every page built, for our index.

    `pages` maps a page URL to the title of its note and its kind (notes.json's words); other
    pages are "site" pages.
    """

    def __init__(self, config: Mapping[str, Any], site_dir: Path) -> None:
        self.config = config
        self.site_dir = site_dir
        self.pages: Mapping[str, tuple[str, str]] = {}
        self.by_page: dict[str, list[SearchDoc]] = {}  # page URL → its docs, in build order
        # Page URL → its docs as the build cache kept them (notesite_mkdocs.page_cache).
        self.known: dict[str, list[SearchDoc]] = {}

    def add_entry_from_context(self, page: Page) -> None:
        if (known := self.known.pop(page.url, None)) is not None:
            self.by_page[page.url] = known
            return
        docs = self.by_page[page.url] = []
        search = page.meta.get("search") or {}
        if isinstance(search, dict) and search.get("exclude"):
            return
        note_title, kind = self.pages.get(page.url, ("", "site"))
        page_title = ""
        for number, section in enumerate(page_sections(page.content or "")):
            # A page without a title of its own is known by its title in MkDocs, as in Material.
            title = section.title or (
                plain_text(str(page.meta.get("title", page.title) or "")) if number == 0 else ""
            )
            page_title = page_title or title
            location = f"{page.url}#{section.anchor}" if section.anchor else page.url
            docs.append(SearchDoc(location, title, section.text, page_title, note_title, kind))

    def generate_search_index(self, prev: Any) -> str:
        """What Material writes to search_index.json: its settings, to which `write_search` adds
        our manifest; while a served site's index is being rewritten, the manifest it has."""
        settings = {key: self.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        index_file = self.site_dir / "search" / "search_index.json"
        if index_file.is_file():
            try:
                manifest = json.loads(index_file.read_text("utf-8"))["config"]["notesite"]
            except (ValueError, KeyError, TypeError):
                manifest = None
            if manifest is not None:
                settings["notesite"] = manifest
        return json.dumps({"config": settings, "docs": []}, separators=(",", ":"), default=str)


def collect_search(config: MkDocsConfig) -> SearchCollector | None:
    """Put a collector in place of Material's index for this build; None when search is off."""
    search = config.plugins.get("material/search")
    if search is None or getattr(search, "search_index", None) is None or not search.config.enabled:
        return None
    collector = SearchCollector(search.search_index.config, Path(config.site_dir))
    search.search_index = collector
    return collector


def mark_generated(html: str) -> str:
    """A note page's HTML with its generated parts marked `data-search-exclude`, which
    `page_sections` leaves out of the index as Material's search does (the mark stays on the
    page, where it does nothing)."""
    for name in _GENERATED:
        html = html.replace(f'class="{name}', f'data-search-exclude class="{name}')
    cards = html.find(_CARDS)
    heading = html.rfind("<h2 ", 0, cards) if cards >= 0 else -1
    if heading >= 0:
        # The overview's list of sections repeats their summaries: its heading's section goes.
        html = f"{html[:heading]}<h2 data-search-exclude {html[heading + 4 :]}"
    return html


def write_search(site_dir: Path, docs: list[SearchDoc], index: Indexer = build_index) -> bool:
    """Our index of `docs` (made by `index`), and our worker in place of Material's; False when
    Material wrote no index (search disabled). Each file is replaced whole, as a served site may
    be read meanwhile."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return False
    files = index(docs, traditional_to_simplified())
    manifest = json.loads(files.pop("manifest"))
    for name, content in files.items():
        _replace(site_dir / "search" / f"{name}.json", content)
    # The search box loads this file and hands its `config` to the worker; the page highlighter
    # reads the separator from it. Written after the files it names.
    material = json.loads(index_file.read_text("utf-8"))
    stub = {"config": {**material["config"], "notesite": manifest}, "docs": []}
    _replace(index_file, json.dumps(stub, ensure_ascii=False, separators=(",", ":")))
    # A served site is not cleaned between builds: files of terms no page holds any more go,
    # once the index no longer names them.
    written = {f"{name}.json" for name in files}
    for path in (site_dir / "search").glob("[hld]-*.json"):
        if path.name not in written:
            path.unlink(missing_ok=True)
    worker = (Path(__file__).parent / "search_worker.js").read_text("utf-8")
    replaced = list((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    for path in replaced:
        _replace(path, worker)
        path.with_name(path.name + ".map").unlink(missing_ok=True)
    # Lunr and its languages (0.9 MB) are loaded by Material's worker only, once it is gone.
    if replaced:
        shutil.rmtree(site_dir / "assets" / "javascripts" / "lunr", ignore_errors=True)
    return True


def _replace(path: Path, content: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(content, encoding="utf-8")
    os.replace(partial, path)


@cache
def traditional_to_simplified() -> dict[str, str]:
    """OpenCC's character table (opencc-python-reimplemented's copy); empty when not installed."""
    try:
        import opencc
    except ImportError:
        return {}
    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    pairs = {}
    for line in table.read_text("utf-8").splitlines():
        traditional, _, simplified = line.partition("\t")
        simplified = simplified.split(" ")[0]
        if len(traditional) == 1 and len(simplified) == 1 and traditional != simplified:
            pairs[traditional] = simplified
    return pairs
