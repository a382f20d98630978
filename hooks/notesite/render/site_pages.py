"""Markdown of the pages made from every note at once: the review dashboard, the vault graph, the
tag index and a page per tag, one renderer per page class (the home is `home.py`, for it wraps the
notes' cards)."""

from __future__ import annotations

from collections.abc import Callable

import yaml

from notesite.knowledge.base import KnowledgeBase
from notesite.layout.pages import GraphPage, NoteLayout, PageSpec, ReviewPage, TagIndexPage, TagPage
from notesite.render.connections import vault_markdown
from notesite.render.dashboard import dashboard_markdown
from notesite.render.tags import tag_markdown, tags_index_markdown
from notesite.render.text import escape_html


class SitePages:
    """Renders the knowledge base's pages; `layouts` by note path, `labels` in the site's language."""

    def __init__(
        self, kb: KnowledgeBase, layouts: dict[str, NoteLayout], labels: dict[str, str], directory_urls: bool
    ) -> None:
        self.kb = kb
        self.layouts = layouts
        self.labels = labels
        self.directory_urls = directory_urls
        self.tags = kb.tag_by_key()

    def markdown(self) -> dict[str, str]:
        """src_uri → Markdown of every page of the knowledge base."""
        renderers: dict[type[PageSpec], Callable[[PageSpec], str]] = {
            ReviewPage: self._review,
            GraphPage: self._graph,
            TagIndexPage: self._tag_index,
            TagPage: self._tag,
        }
        return {page.src_uri: _meta(page) + renderers[type(page)](page) for page in self.kb.pages}

    def _review(self, page: PageSpec) -> str:
        states = list(self.kb.reviews.values())
        return dashboard_markdown(page, states, self.layouts, self.labels, self.kb.today, self.directory_urls)

    def _graph(self, page: PageSpec) -> str:
        return vault_markdown(page, self.kb.graph, self.layouts, self.labels, self.directory_urls)

    def _tag_index(self, page: PageSpec) -> str:
        return tags_index_markdown(page, self.kb, self.layouts, self.labels, self.directory_urls)

    def _tag(self, page: PageSpec) -> str:
        assert isinstance(page, TagPage)
        tag = self.tags[page.key]
        return tag_markdown(page, tag, self.kb, self.layouts, self.labels, self.directory_urls)


def _meta(page: PageSpec) -> str:
    # MkDocs puts page titles into the navigation and <title> unescaped: give it escaped.
    meta: dict[str, object] = {"title": escape_html(page.title)}
    if isinstance(page, GraphPage):  # names every folder and many notes: a search would find it for all
        meta["search"] = {"exclude": True}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n"
