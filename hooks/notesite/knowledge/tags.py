"""Tags as a tree: `a/b` sits under `a`, and `a` holds every note tagged anywhere below it.

Tags whose name (or any part of it) starts with `_` are bookkeeping (`_seeds/待分类`): hidden from
readers unless the site asks to show them. A tag's address is its parts slugged (`tags/a/b/`);
tags spelled alike up to case or punctuation are one tag, shown as first spelled.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from notesite.layout.slugs import text_slug
from notesite.model.plain_text import visible


@dataclass
class Tag:
    key: str  # slugged parts joined by "/": the tag's identity and address below tags/
    name: str  # as first written, e.g. "java/jvm"
    notes: list[str] = field(default_factory=list)  # note paths tagged exactly this
    children: list[Tag] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The last part of the name, as a tree shows it."""
        return self.name.rsplit("/", 1)[-1]

    def walk(self) -> list[Tag]:
        return [self, *(tag for child in self.children for tag in child.walk())]

    def all_notes(self) -> list[str]:
        """Notes tagged with this tag or any tag below it, each once."""
        return list(dict.fromkeys(path for tag in self.walk() for path in tag.notes))


def normalize(tag: str) -> str:
    """`#java/ jvm/` → `java/jvm`: Obsidian's `#`, stray slashes and spaces dropped, and the
    characters no reader sees (a right-to-left override would reverse the chip)."""
    parts = [part.strip() for part in visible(tag).strip().lstrip("#").split("/")]
    return "/".join(part for part in parts if part)


def is_hidden(tag: str) -> bool:
    return any(part.startswith("_") for part in normalize(tag).split("/"))


def tag_key(tag: str) -> str:
    # `index` would be the page of the tag above it: it takes a mark of its own.
    parts = (_part_key(part) for part in normalize(tag).split("/"))
    return "/".join("index_" if part == "index" else part for part in parts)


def _part_key(part: str) -> str:
    """A tag's level as a URL segment. A slug drops punctuation, so `C++` and `C#` would share
    `c`: a tag that loses more than spacing keeps a short digest of its text, stable and apart."""
    slug = text_slug(part) or "-"
    if all(char.isalnum() or char in " -_" for char in part):
        return slug
    return f"{slug}-{hashlib.sha1(part.encode('utf-8')).hexdigest()[:6]}"


def visible_tags(tags: Iterable[str], show_hidden: bool) -> list[str]:
    """A note's tags as readers see them, in the order written, each once."""
    kept = [normalize(tag) for tag in tags if normalize(tag) and (show_hidden or not is_hidden(tag))]
    return list(dict.fromkeys(kept))


def tag_tree(tags_by_note: dict[str, list[str]], show_hidden: bool = False) -> list[Tag]:
    """The top-level tags, each with its subtree, sorted by name; parents exist for every child."""
    by_key: dict[str, Tag] = {}
    roots: list[Tag] = []
    for path in sorted(tags_by_note):
        for name in visible_tags(tags_by_note[path], show_hidden):
            parts = name.split("/")
            parent: Tag | None = None
            for depth in range(1, len(parts) + 1):
                prefix = "/".join(parts[:depth])
                key = tag_key(prefix)
                tag = by_key.get(key)
                if tag is None:
                    tag = by_key[key] = Tag(key, prefix)
                    (parent.children if parent else roots).append(tag)
                parent = tag
            assert parent is not None
            if path not in parent.notes:
                parent.notes.append(path)
    for tag in by_key.values():
        tag.children.sort(key=lambda t: t.name.lower())
    return sorted(roots, key=lambda t: t.name.lower())
