"""Mermaid on the pages that have a diagram, and only there, from the copy this package ships.

Mermaid is 3.5 MB: linked in `extra_javascript` it would load on every page. The page's own
script tags go into its <head>, before Material's bundle, so that Material's Mermaid
integration (a site's `custom_fences` of class `mermaid`) finds `window.mermaid` already there
and never loads it from its CDN. A site none of whose pages has a diagram publishes no copy
(`Diagrams.tidy`): most vaults have none, and the copy was a fifth of a small vault's site.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from notesite_mkdocs.incremental import delete_from_site

_SCRIPTS = Path(__file__).parent / "assets" / "javascripts"
# Site path → file shipped in this package, in the order the page loads them.
DIAGRAM_FILES = {
    "assets/notesite/vendor/mermaid.min.js": _SCRIPTS / "vendor" / "mermaid.min.js",
    "assets/notesite/vendor/mermaid.LICENSE.txt": _SCRIPTS / "vendor" / "mermaid.LICENSE",
    "assets/notesite/diagrams/mermaid.js": _SCRIPTS / "diagrams" / "mermaid.js",
}
# What marks a diagram in a page: notesite's fences, and Material's own (`pre.mermaid`).
_MARKS = ('class="ns-mermaid', 'class="mermaid"')


class Diagrams:
    """Which pages draw a diagram, and this package's copies of Mermaid for them: published
    only while a page draws one. It lives as long as the plugin, so serve's dirty rebuilds, which
    render only what an edit changed, know what the pages they skip draw."""

    def __init__(self) -> None:
        self.copies: list[str] = []  # where this build writes them (a site may bring its own)
        self.drawing: set[str] = set()  # URLs of the pages that draw a diagram
        self.known = False  # whether `drawing` holds every page's (a build of every page made it)

    def start(self, files: Files, page_urls: Iterable[str], whole: bool) -> None:
        """Before the pages of a build are rendered: `whole`, it renders every page."""
        ours = {(uri, str(path)) for uri, path in DIAGRAM_FILES.items()}
        self.copies = [f.abs_dest_path for f in files if (f.src_uri, f.abs_src_path) in ours]
        self.drawing = set() if whole else self.drawing & set(page_urls)
        self.known = self.known or whole

    def scripts(self, output: str, page_url: str) -> str:
        added = with_diagram_scripts(output, page_url)
        if added is output:
            self.drawing.discard(page_url)
        else:
            self.drawing.add(page_url)
        return added

    def tidy(self, site_dir: str) -> None:
        """After the build: the copies deleted when no page draws a diagram."""
        if self.known and not self.drawing:
            for path in self.copies:
                delete_from_site(Path(path), Path(site_dir))


def with_diagram_scripts(output: str, page_url: str) -> str:
    """The page's HTML, with Mermaid and our script that draws its diagrams when it has any."""
    if not any(mark in output for mark in _MARKS):
        return output
    scripts = "".join(
        f'<script src="{get_relative_url(uri, page_url)}"></script>'
        for uri in DIAGRAM_FILES
        if uri.endswith(".js")
    )
    return output.replace("</head>", scripts + "</head>", 1)
