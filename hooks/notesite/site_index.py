"""notes.json: a machine-readable description of every note and the pages made from it."""

from __future__ import annotations

from typing import Any

from notesite.pages import NoteLayout
from notesite.site import NoteSite


def site_index(site: NoteSite, urls: dict[str, str]) -> dict[str, Any]:
    """`urls` maps each generated page's src_uri to its URL relative to the site root."""
    return {"notes": [_note_entry(layout, urls) for layout in site.layouts]}


def _note_entry(layout: NoteLayout, urls: dict[str, str]) -> dict[str, Any]:
    note = layout.note
    return {
        "title": note.title,
        "source": f"docs/{note.path}",
        "slug": layout.slug,
        "front_matter": note.front_matter.as_json(),
        "pages": [
            {
                "url": urls[page.src_uri],
                "title": page.title,
                "kind": page.kind.value,
                "source_lines": page.source_span.as_list() if page.source_span else None,
            }
            for page in layout.pages
        ],
        "references": [
            {
                "number": reference.number,
                "title": reference.title,
                "source": reference.source,
                "domain": reference.domain,
                "url": reference.url,
                "status": "unchecked",
                "source_lines": reference.span.as_list(),
            }
            for reference in note.references
        ],
    }
