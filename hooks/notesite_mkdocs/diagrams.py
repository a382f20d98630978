"""Mermaid on the pages that have a diagram, and only there, from the copy this package ships.

Mermaid is 3.5 MB: linked in `extra_javascript` it would load on every page. The page's own
script tags go into its <head>, before Material's bundle, so that Material's Mermaid
integration (a site's `custom_fences` of class `mermaid`) finds `window.mermaid` already there
and never loads it from its CDN.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import get_relative_url

_SCRIPTS = Path(__file__).parent / "assets" / "javascripts"
# Site path → file shipped in this package, in the order the page loads them.
DIAGRAM_FILES = {
    "assets/notesite/vendor/mermaid.min.js": _SCRIPTS / "vendor" / "mermaid.min.js",
    "assets/notesite/vendor/mermaid.LICENSE.txt": _SCRIPTS / "vendor" / "mermaid.LICENSE",
    "assets/notesite/diagrams/mermaid.js": _SCRIPTS / "diagrams" / "mermaid.js",
}
# What marks a diagram in a page: notesite's fences, and Material's own (`pre.mermaid`).
_MARKS = ('class="ns-mermaid', 'class="mermaid"')


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
