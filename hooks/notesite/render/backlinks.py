"""The blocks that tie a note to others: who links here, and the related notes it names."""

from __future__ import annotations

from collections.abc import Sequence

from notesite.knowledge.backlinks import Backlink
from notesite.layout.pages import PageKind, PageSpec
from notesite.render.html import EMPTY, Html, link


def backlinks_block(page: PageSpec, backlinks: list[Backlink], label: str, directory_urls: bool) -> list[str]:
    """A list of the pages that link here: the linking note's title, its page, the sentence."""
    if not backlinks:
        return []
    items = []
    for backlink in backlinks:
        href = page.href_to(backlink.source_page, directory_urls)
        title = backlink.source.note.title
        if backlink.source_page.kind is not PageKind.OVERVIEW:
            title += f" · {backlink.source_page.title}"
        target = EMPTY
        if page.kind is PageKind.OVERVIEW and backlink.target_page.kind is not PageKind.OVERVIEW:
            target = Html(' <span class="ns-backlinks__to">→ {}</span>').format(backlink.target_page.title)
        items.append(
            Html('<li>{}{}<p class="ns-backlinks__context">{}</p></li>').format(
                link(href, title), target, backlink.sentence
            )
        )
    return _block("ns-backlinks", label, EMPTY.join(items))


def related_block(
    page: PageSpec, related: Sequence[tuple[str, PageSpec]], label: str, directory_urls: bool
) -> list[str]:
    """Links to the notes the front matter names as related: (title, overview) each."""
    if not related:
        return []
    items = EMPTY.join(
        Html("<li>{}</li>").format(link(page.href_to(other, directory_urls), title))
        for title, other in related
    )
    return _block("ns-related", label, items)


def _block(name: str, label: str, items: Html) -> list[str]:
    """A titled section of links below the note's text."""
    return [
        Html('<section class="{0}" aria-label="{1}"><h2 id="{0}">{1}</h2><ul>{2}</ul></section>').format(
            name, label, items
        ),
        "",
    ]
