"""Material's search, answered by this project's index (notesite/search_index.py) and worker.

Material's search plugin still reads every page (it honours `data-search-exclude` and
`search: exclude` in page meta) and its search box, keyboard shortcuts, result list and
highlighting stay as readers know them. After the build its one-file index, which a browser must
download whole before the first result, is turned into our index of small files, and its search
worker, which would load that file, into ours (hooks/notesite_mkdocs/search_worker.js), which fetches only the
files a query needs. `search_index.json` stays, holding only Material's settings (the highlighter
on each page reads its separator) and our manifest.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from notesite.search_index import build_index, docs_from_material


def plain_segmenter(config: MkDocsConfig) -> bool:
    """Material's index keeps its text unsegmented: our index (search_index.py) reads it and needs
    no word boundaries, and jieba's segmenting was most of Material's indexing time."""
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if index is None or not search.config.enabled:
        return False
    index._segment_chinese = lambda text: text
    return True


# Generated text that describes the site or repeats the note: out of the index. Material skips an
# element (and a heading's whole section) that carries `data-search-exclude`.
_GENERATED = ("ns-source", "ns-whole", "ns-ref__backlinks", "ns-status", "ns-ref__domain-ok", "ns-downloads")
_CARDS = '<div class="grid cards ns-cards">'


def mark_generated(html: str) -> str:
    """A note page's HTML with its generated parts marked for Material's indexer, and a space at
    the end of each table cell so that cells don't run together in the index ("薪资水平GoRust")."""
    for name in _GENERATED:
        html = html.replace(f'class="{name}', f'data-search-exclude class="{name}')
    cards = html.find(_CARDS)
    heading = html.rfind("<h2 ", 0, cards) if cards >= 0 else -1
    if heading >= 0:
        # The overview's list of sections repeats their summaries: its heading's section goes.
        html = f"{html[:heading]}<h2 data-search-exclude {html[heading + 4 :]}"
    return html.replace("</td>", " </td>").replace("</th>", " </th>")


def write_search(site_dir: Path) -> bool:
    """Replace Material's one-file index by ours, and its worker by ours; False when Material
    wrote no index (search disabled)."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return False
    material = json.loads(index_file.read_text("utf-8"))
    pages = _note_pages(site_dir / "notes.json")
    files = build_index(docs_from_material(material["docs"], pages), traditional_to_simplified())
    manifest = json.loads(files.pop("manifest"))
    for name, content in files.items():
        (site_dir / "search" / f"{name}.json").write_text(content, encoding="utf-8")
    # The search box loads this file and hands its `config` to the worker; the page highlighter
    # reads the separator from it.
    stub = {"config": {**material["config"], "notesite": manifest}, "docs": []}
    index_file.write_text(json.dumps(stub, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    worker = (Path(__file__).parent / "notesite_mkdocs" / "search_worker.js").read_text("utf-8")
    for path in (site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"):
        path.write_text(worker, encoding="utf-8")
        path.with_name(path.name + ".map").unlink(missing_ok=True)
    return True


def _note_pages(path: Path) -> dict[str, tuple[str, str]]:
    """Page URL → (note title, page kind), from notes.json."""
    if not path.is_file():
        return {}
    index = json.loads(path.read_text("utf-8"))
    return {
        page["url"]: (note["title"], page["kind"])
        for note in index.get("notes", [])
        for page in note["pages"]
    }


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
