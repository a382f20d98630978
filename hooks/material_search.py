"""Material's search plugin, made to segment Chinese with the terms of this build's notes.

Material (9.8) segments each Han run of a page with the module-level `jieba.cut` and joins the
words with zero-width spaces (`SearchIndex._segment_chinese`); its `jieba_dict_user` option
loads a file into jieba's one global tokenizer, where words stay for the life of the process.
Instead, every build gets a fresh `jieba.Tokenizer`: a copy of the global one (so a configured
`jieba_dict`/`jieba_dict_user` still counts) plus the notes' terms. It is handed to the search
index of this build only: Material creates a new `SearchIndex` in every `on_config`, so under
`mkdocs serve` a rebuild starts from Material's own segmenter again; only a rebuild with the
same terms and the same jieba dictionary gets the segmenter of the build before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from backrefs import bre
from mkdocs.config.defaults import MkDocsConfig

try:
    import jieba
except ImportError:  # Material then indexes Chinese unsegmented, and so do we
    jieba = None

_HAN_RUN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)  # as Material finds runs


def use_terms(config: MkDocsConfig, terms: list[str]) -> bool:
    """Segment this build's search index with `terms`; False when there is nothing to hook."""
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if jieba is None or index is None or not search.config.enabled:
        return False
    global _last
    # Serve rebuilds with the same terms reuse the segmenter (and the runs it has cut): it is a
    # function of the terms and of jieba's global dictionary, both part of the key.
    key = (tuple(terms), jieba.dt.total, len(jieba.dt.FREQ))
    if _last is None or _last[0] != key:
        _last = (key, segmenter(terms))
    index._segment_chinese = _last[1]
    return True


_last: tuple[tuple[object, ...], Callable[[str], str]] | None = None


def segmenter(terms: list[str]) -> Callable[[str], str]:
    """Material's `_segment_chinese`, with each term cut as a unit and then into its own words.

    A term is a unit so that no word crosses its edges ("分析|模型", not "分析模型"), and then it
    is split into jieba's words for it, because Material's search can only find a word by the
    start of an indexed word: "融合" must be a word of its own to find "算子融合". (Material
    also cuts a query at index words without ever reaching its last character, so "算子融合"
    searches for "算子" whether or not "算子融合" is indexed whole.)
    """
    tokenizer, known = _tokenizer(terms), set(terms)
    parts: dict[str, list[str]] = {}
    # The same Han runs recur on many pages (headings, phrases, section cards on overviews):
    # each distinct run is cut once per build. Only this build's segmenter holds them.
    cut: dict[str, str] = {}

    def words(run: str) -> str:
        if run in cut:
            return cut[run]
        found = []
        for word in tokenizer.cut(run):
            if word in known:
                found += parts.setdefault(word, list(jieba.dt.cut(word)))
            else:
                found.append(word)
        # Material's format: the words of each Han run joined and surrounded by zero-width spaces.
        cut[run] = "\u200b" + "\u200b".join(found) + "\u200b"
        return cut[run]

    def segment(data: str) -> str:
        return _HAN_RUN.sub(lambda run: words(run.group(0)), data).strip("\u200b")

    return segment


def _tokenizer(terms: Iterable[str]) -> jieba.Tokenizer:
    """A fresh tokenizer: jieba's global dictionary, copied, plus `terms`; the global is untouched."""
    jieba.dt.check_initialized()
    tokenizer = jieba.Tokenizer(jieba.dt.dictionary)
    tokenizer.FREQ, tokenizer.total = dict(jieba.dt.FREQ), jieba.dt.total
    tokenizer.initialized = True
    for term in terms:
        tokenizer.add_word(term)
    return tokenizer


# Material 9.8's search worker cuts a Chinese query into words of the index, but its loop never
# lets a cut reach the query's last character, so "学习路径" searches "学习" alone and "算子融合"
# "算子" alone. Built sites get the one-character fix; a Material whose worker reads differently
# (an upgrade) is left as it is, and the build says so.
_QUERY_CUT_BUG = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
_QUERY_CUT_FIX = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"


def fix_query_segmenter(site_dir: Path) -> bool:
    """Patch the built search worker in place; False when there was nothing to patch."""
    for worker in sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js")):
        code = worker.read_text(encoding="utf-8")
        if _QUERY_CUT_BUG in code:
            worker.write_text(code.replace(_QUERY_CUT_BUG, _QUERY_CUT_FIX, 1), encoding="utf-8")
            return True
    return False
