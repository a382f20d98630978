"""notes.json: a machine-readable description of every note and the pages made from it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from notesite.build import NoteSite
from notesite.knowledge.base import KnowledgeBase
from notesite.knowledge.tags import visible_tags
from notesite.layout.pages import NoteLayout
from notesite.linkcheck import LinkResult
from notesite.linkcheck.link_status import status_of

# The front-matter keys notes.json publishes: what the site shows of a note (its dates, review
# state, tags, related notes, aliases and the slugs in its URLs). Any other key may be private to
# its author; the plugin's `publish_front_matter` option names more keys to publish.
PUBLISHED_FRONT_MATTER = (
    "title",
    "created",
    "last_reviewed",
    "next_review",
    "review_count",
    "difficulty",
    "mastery_level",
    "tags",
    "related_outlines",
    "related",
    "aliases",
    "slug",
    "section_slugs",
    "split",
)


def site_index(
    site: NoteSite, urls: dict[str, str], docs_dir: str = "docs", more_keys: Iterable[str] = ()
) -> dict[str, Any]:
    """`urls` maps each generated page's src_uri to its URL relative to the site root;
    `docs_dir` is the docs folder as seen from the repository's root, for source paths;
    `more_keys` are front-matter keys to publish beyond PUBLISHED_FRONT_MATTER."""
    pages = [{"url": urls[p.src_uri], "title": p.title, "kind": p.kind.value} for p in site.site_pages]
    keys = {*PUBLISHED_FRONT_MATTER, *more_keys}
    show_hidden = site.knowledge.show_hidden_tags if site.knowledge else False
    notes = [
        _note_entry(layout, urls, site.link_results, docs_dir, _front_matter(layout, keys, show_hidden))
        for layout in site.layouts
    ]
    if site.knowledge is not None:
        layouts = {layout.note.path: layout for layout in site.layouts}
        for layout, entry in zip(site.layouts, notes, strict=True):
            entry.update(_knowledge_entry(layout, site.knowledge, layouts, urls))
    return {"pages": pages, "notes": notes}


def _knowledge_entry(
    layout: NoteLayout, kb: KnowledgeBase, layouts: dict[str, NoteLayout], urls: dict[str, str]
) -> dict[str, Any]:
    """A note's tags (as readers see them), review state, backlinks and related notes."""
    path = layout.note.path
    return {
        "tags": visible_tags(layout.note.tags, kb.show_hidden_tags),
        "review": kb.reviews[path].as_json(),
        "backlinks": [
            {
                "url": urls[link.source_page.src_uri],
                "title": link.source_page.title,
                "note": link.source.note.title,
                "line": link.line,
                "to": urls[link.target_page.src_uri],
                "sentence": link.sentence,
            }
            for link in kb.backlinks.to_note(path)
        ],
        "related": [
            {
                "name": r.name,
                "url": urls[layouts[r.path].overview.src_uri],
                "title": layouts[r.path].note.title,
            }
            for r in kb.related.get(path, [])
        ],
    }


def _front_matter(layout: NoteLayout, keys: set[str], show_hidden_tags: bool) -> dict[str, Any]:
    """The note's front matter as the site shows it: published keys only, hidden tags left out."""
    front_matter = layout.note.front_matter
    shown = {key: value for key, value in front_matter.as_json().items() if key in keys}
    if "tags" in shown:
        shown["tags"] = visible_tags(front_matter.tags, show_hidden_tags)
    return shown


def _note_entry(
    layout: NoteLayout,
    urls: dict[str, str],
    results: Mapping[str, LinkResult],
    docs_dir: str,
    front_matter: dict[str, Any],
) -> dict[str, Any]:
    note = layout.note
    return {
        "title": note.title,
        "source": f"{docs_dir}/{note.path}",
        "folder": layout.folder,
        "front_matter": front_matter,
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
                **_check(reference.url, results),
                "source_lines": reference.span.as_list(),
            }
            for reference in note.references
        ],
    }


def _check(url: str | None, results: Mapping[str, LinkResult]) -> dict[str, Any]:
    """The reference's checked status, in the link checker's own words."""
    status, result = status_of(url, results)
    return {
        "status": status.value,
        "http_status": result.http_status if result else None,
        "final_url": result.final_url if result else None,
        "checked_at": result.checked_at if result else None,
    }
