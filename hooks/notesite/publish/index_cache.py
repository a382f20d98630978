"""The search index kept for the docs it was made from: a rebuild whose pages say what the last
build's said writes the same index without making it again (kept between builds on disk by
notesite_mkdocs.build_cache)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from notesite.analyse.kept import Kept
from notesite.publish.search_index import SearchDoc, build_index


def docs_key(docs: list[SearchDoc], t2s: Mapping[str, str]) -> str:
    """A digest of every field of every doc, in order, and of the character table."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(repr(sorted(t2s.items())).encode("utf-8", "surrogatepass"))
    for doc in docs:
        for part in (doc.location, doc.title, doc.text, doc.page_title, doc.note_title, doc.kind):
            hasher.update(part.encode("utf-8", "surrogatepass"))
            hasher.update(b"\0")
    return hasher.hexdigest()


class IndexCache(Kept[str, dict[str, str]]):
    """The last index made (file name → JSON text), by `docs_key`; only the one a build used is
    kept after it."""

    def index(self, docs: list[SearchDoc], t2s: Mapping[str, str]) -> dict[str, str]:
        key = docs_key(docs, t2s)
        files = self.kept.get(key)
        if files is None:
            files = build_index(docs, t2s)
        self._used = {key: files}
        return dict(files)  # the caller takes the manifest out of its copy
