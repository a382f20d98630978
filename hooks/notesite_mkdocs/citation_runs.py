"""A Python-Markdown extension: a run of generated citation links read as one piece of raw HTML.

The citations of a note's prose are raw HTML links (notesite.render.body), `\\[<a class="ns-cite"
…>1</a>\\]`. Python-Markdown's inline processor rewrites the whole paragraph for every tag and
escape it meets, so a line citing 10,000 references cost 40,000 rewrites of a megabyte (tens of
seconds). This pattern takes the citations in a row, with their brackets and separators, in one
match, stored as the HTML the separate matches would have made.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor

_CITE = r'<a class="ns-cite"[^<>\n]*>[0-9]+</a>'
# Separators inside a run of citations: escaped brackets, spaces, commas, dashes of ranges.
_BETWEEN = r"(?:\\[\[\]]|[ ,，、;；\-–])"
# Starts at a citation or the escaped bracket before one; each alternative begins with its own
# character, so the match is linear.
RUN = rf"(?:\\\[)?{_CITE}(?:{_BETWEEN}|{_CITE})*"


class _CitationRun(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
        html = m.group(0).replace("\\[", "[").replace("\\]", "]")
        return self.md.htmlStash.store(html), m.start(0), m.end(0)


class CitationRunExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before backslash escapes (180), which would otherwise take each bracket on its own.
        md.inlinePatterns.register(_CitationRun(RUN, md), "notesite_citation_run", 185)


def makeExtension(**kwargs: object) -> CitationRunExtension:
    return CitationRunExtension(**kwargs)
