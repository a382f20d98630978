"""Stable, readable, collision-free URL slugs for notes and their pages."""

from __future__ import annotations

import re
import unicodedata

from notesite.headings import number_as_ascii
from notesite.note import Section

# Names of the pages every note may have besides its sections: no section may take them.
RESERVED = ("index", "comparisons", "timeline", "references", "full")


def ascii_slug(text: str) -> str:
    """ "Tools for ML engineers" → "tools-for-ml-engineers"; "" when nothing ASCII is left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:60].strip("-")


def note_slug(stem: str, override: object, index: int) -> str:
    """The note's folder: front matter `slug`, else the file name, else `note-N`."""
    for candidate in (override, stem):
        if isinstance(candidate, str) and ascii_slug(candidate):
            return ascii_slug(candidate)
    return f"note-{index}"


def section_slugs(sections: list[Section], overrides: dict[str, str]) -> dict[int, str]:
    """Slug per section heading line: override by number or heading, else from the number.

    Sections without a number take an ASCII slug of their heading, else their position,
    so two sections with the same heading still get distinct pages.
    """
    taken: set[str] = set(RESERVED)
    slugs: dict[int, str] = {}
    for position, section in enumerate(sections, start=1):
        heading = section.heading
        override = overrides.get(heading.text) or overrides.get(heading.number or "")
        if override and ascii_slug(override):
            candidate = ascii_slug(override)
        elif heading.number:
            candidate = "section-" + ascii_slug(number_as_ascii(heading.number))
        else:
            candidate = ascii_slug(heading.label) or f"section-{position}"
        slug, suffix = candidate, 2
        while slug in taken:
            slug, suffix = f"{candidate}-{suffix}", suffix + 1
        taken.add(slug)
        slugs[heading.line] = slug
    return slugs
