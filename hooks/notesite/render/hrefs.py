"""From any generated page, the URL of a resolved link's target: a page, its heading, a file."""

from __future__ import annotations

import posixpath
from bisect import bisect_left
from collections.abc import Mapping
from urllib.parse import quote

from markdown.extensions.toc import unique
from pymdownx.slugs import slugify

from notesite.layout.links import FileTarget, MissingTarget, NoteTarget, Target, UnresolvedTarget
from notesite.layout.pages import NoteLayout, PageKind, PageSpec, relative_path
from notesite.model.plain_text import plain

# The same anchors as the toc extension in mkdocs.yml, so links reach subsection headings.
toc_slug = slugify(case="lower")
# Characters a path keeps in a link; everything else (spaces, parentheses) is escaped.
_SAFE = "/#:?=&%~.-_!$'*+,;@^"  # `^`: Obsidian's block ids, `#^id`


class Hrefs:
    """Where each note's lines ended up, for links from one generated page to another."""

    def __init__(
        self,
        layouts: dict[str, NoteLayout],
        directory_urls: bool,
        unread: Mapping[str, PageSpec] | None = None,
        from_source: bool = False,
    ) -> None:
        # Links in raw HTML written relative to the page's source file (see PageSpec.href_to).
        self.from_source = from_source
        self.layouts = layouts  # docs-relative note path → its layout
        # Notes that could not be read, by path → the one page that says why: links still reach it.
        self.unread = unread or {}
        self.directory_urls = directory_urls
        self._ids: dict[str, dict[int, str]] = {}  # page src_uri → heading line → id

    def href(self, page: PageSpec, layout: NoteLayout, target: Target, html: bool) -> str:
        """`html`: a finished URL (raw HTML is not rewritten by MkDocs); else a Markdown link
        to the target's source, which MkDocs resolves and checks."""
        if isinstance(target, UnresolvedTarget):
            return ""  # shown as text (render/body.py): there is nothing to link to
        if isinstance(target, MissingTarget):
            # From the site's root: MkDocs leaves it as written instead of warning a second time.
            anchor = f"#{target.anchor}" if target.anchor else ""
            return quote(f"/{target.path}{anchor}", safe=_SAFE)
        if isinstance(target, FileTarget):
            if html:
                here = page.url(self.directory_urls)
                folder = here if here.endswith("/") or not here else posixpath.dirname(here)
                return quote(relative_path(target.path, folder), safe=_SAFE)
            return quote(relative_path(target.path, posixpath.dirname(page.src_uri)), safe=_SAFE)
        holder, anchor = self.place(page, layout, target)
        if html:
            return quote(page.href_to(holder, self.directory_urls, anchor, self.from_source), safe=_SAFE)
        return quote(page.link_to(holder, anchor), safe=_SAFE)

    def place(self, page: PageSpec, layout: NoteLayout, target: NoteTarget) -> tuple[PageSpec, str]:
        """The page that shows the target, and the anchor of its heading there."""
        other = self.layouts.get(target.path)
        if other is None:
            return self.unread[target.path], ""
        if target.line is None:
            return other.overview, ""
        # The whole-note page holds every line of its own note.
        whole = page.kind is PageKind.WHOLE and other is layout
        holder = page if whole else other.page_for_line(target.line)
        if target.block:
            return holder, "^" + target.block  # the id the block's anchor has (render/body.py)
        if holder.section is not None and holder.section.heading.line == target.line:
            return holder, ""
        return holder, self.heading_ids(other, holder).get(target.line, "")

    def heading_ids(self, layout: NoteLayout, page: PageSpec) -> dict[int, str]:
        """The ids the toc extension gives the page's headings, in the order it meets them."""
        ids = self._ids.get(page.src_uri)
        if ids is None:
            note, headings = layout.note, layout.headings
            # Only the page's own headings, found by bisection: a note of many pages stays linear.
            lines = []
            for span in page.spans:
                low, high = bisect_left(headings, (span.start,)), bisect_left(headings, (span.end + 1,))
                lines += headings[low:high]
            taken: set[str] = set()
            if page.kind is not PageKind.SECTION:
                unique(toc_slug(note.title, "-"), taken)  # the page's own title comes first
            ids = self._ids[page.src_uri] = {
                line: unique(toc_slug(plain(text), "-"), taken) for line, text in lines
            }
        return ids

    def moved_anchors(self, overview: PageSpec, layout: NoteLayout) -> dict[str, str]:
        """Each heading id the note would have on one page (its title first, then its headings
        in order, as the toc extension gives them) → the URL, from `overview`, of the page and
        anchor that hold the heading now, not yet percent-encoded (the script's URL() does that).
        Headings still on the overview are left out."""
        references = layout.bibliography.spans if layout.bibliography else []
        taken: set[str] = set()
        unique(toc_slug(layout.note.title, "-"), taken)
        moved: dict[str, str] = {}
        for line, text in layout.headings:
            if any(line in span for span in references):
                continue
            anchor = unique(toc_slug(plain(text), "-"), taken)
            holder, there = self.place(overview, layout, NoteTarget(layout.note.path, line))
            if holder is not overview:
                moved[anchor] = overview.href_to(holder, self.directory_urls, there)
        return moved
