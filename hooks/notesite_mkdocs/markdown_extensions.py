"""The Markdown extensions the generated pages are written for, added to a site that lacks them.

Notes' callouts become admonitions (folded ones `pymdownx.details`), footnotes travel between
pages, `==highlights==` are `pymdownx.mark`, and the pages use `attr_list` and `md_in_html`: a site
whose mkdocs.yml says only `plugins: [search, notesite]` must still show them.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

REQUIRED = ("admonition", "pymdownx.details", "footnotes", "pymdownx.mark", "attr_list", "md_in_html")


def require_extensions(config: MkDocsConfig) -> None:
    listed = config.markdown_extensions
    listed.extend(name for name in REQUIRED if name not in listed)
