"""Stable, readable URLs for notes and their pages, from nothing but the note's own path and text.

A note's folder follows its path under `notes/` (`notes/java/jvm/gc.md` → `java/jvm/gc`), and a
folder's `README.md` or `index.md` is that folder's page. Path segments keep their letters in any
script (a Chinese file name stays Chinese in the address bar); only characters that would break
or change a URL become `-`. So a URL never depends on which other notes the vault holds.
"""

from __future__ import annotations

import posixpath
import unicodedata

from notesite.model.note import Section
from notesite.model.plain_text import plain
from notesite.read.headings import number_as_ascii

# File names that stand for their folder, as in GitHub, VuePress and MkDocs.
FOLDER_PAGES = ("readme", "index")
_MAX_SLUG = 80


def _slug(text: str, keep: str, lower: bool) -> str:
    """Letters and digits of any script (and `keep`); every other run becomes one `-`."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for char in text.lower() if lower else text:
        if char.isalnum() or char in keep:
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")[:_MAX_SLUG].strip("-")


def text_slug(text: str) -> str:
    """ "Tools for ML engineers" → "tools-for-ml-engineers"; "面试题剖析" → "面试题剖析"."""
    return _slug(plain(text), keep="_", lower=True)


def path_segment(name: str) -> str:
    """One folder or file name as a URL segment, keeping its case as on disk."""
    return _slug(name, keep="._", lower=False).strip(".")


def note_folder(path: str, override: object = None) -> str:
    """Where a note's pages live, relative to the site root ("" for the vault's own README).

    `path` is relative to the notes folder: "java/jvm/gc.md" → "java/jvm/gc",
    "java/README.md" → "java". Front matter `slug` replaces the note's own last segment.
    """
    folder, name = posixpath.split(path)
    stem = posixpath.splitext(name)[0]
    parents = [path_segment(part) or "-" for part in folder.split("/") if part]
    if stem.lower() in FOLDER_PAGES and not isinstance(override, str):
        return "/".join(parents)
    own = path_segment(override) if isinstance(override, str) else ""
    return "/".join([*parents, own or path_segment(stem) or "note"])


def is_folder_page(path: str) -> bool:
    return posixpath.splitext(posixpath.basename(path))[0].lower() in FOLDER_PAGES


def section_slugs(
    sections: list[Section], overrides: dict[str, str], reserved: tuple[str, ...]
) -> dict[int, str]:
    """Slug per section heading line: override by number or heading, else from the number; never
    one of `reserved` (the names of the note's other pages).

    Sections without a number take a slug of their heading (in its own script), else their
    position, so two sections with the same heading still get distinct pages.
    """
    taken: set[str] = set(reserved)
    slugs: dict[int, str] = {}
    for position, section in enumerate(sections, start=1):
        heading = section.heading
        override = overrides.get(heading.text) or overrides.get(heading.number or "")
        if override and text_slug(override):
            candidate = text_slug(override)
        elif heading.number:
            candidate = "section-" + (text_slug(number_as_ascii(heading.number)) or str(position))
        else:
            candidate = text_slug(heading.label) or f"section-{position}"
        slug, suffix = candidate, 2
        while slug in taken:
            slug, suffix = f"{candidate}-{suffix}", suffix + 1
        taken.add(slug)
        slugs[heading.line] = slug
    return slugs
