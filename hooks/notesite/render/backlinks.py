"""The blocks that tie a note to others: who links here, and the related notes it names."""

from __future__ import annotations

from notesite.knowledge.backlinks import Backlink
from notesite.layout.pages import PageKind, PageSpec
from notesite.render.text import escape_html


def backlinks_block(page: PageSpec, backlinks: list[Backlink], label: str, directory_urls: bool) -> list[str]:
    """A list of the pages that link here: the linking note's title, its page, the sentence."""
    if not backlinks:
        return []
    items = []
    for link in backlinks:
        href = page.href_to(link.source_page, directory_urls)
        title = link.source.note.title
        if link.source_page.kind is not PageKind.OVERVIEW:
            title += f" · {link.source_page.title}"
        target = ""
        if page.kind is PageKind.OVERVIEW and link.target_page.kind is not PageKind.OVERVIEW:
            target = f' <span class="ns-backlinks__to">→ {escape_html(link.target_page.title)}</span>'
        items.append(
            f'<li><a href="{escape_html(href)}">{escape_html(title)}</a>{target}'
            f'<p class="ns-backlinks__context">{escape_html(link.sentence)}</p></li>'
        )
    heading = escape_html(label)
    return [
        f'<section class="ns-backlinks" aria-label="{heading}"><h2 id="ns-backlinks">{heading}</h2>'
        f"<ul>{''.join(items)}</ul></section>",
        "",
    ]


def related_block(
    page: PageSpec, related: list[tuple[str, PageSpec]], label: str, directory_urls: bool
) -> list[str]:
    """Links to the notes the front matter names as related: (title, overview) each."""
    if not related:
        return []
    items = "".join(
        f'<li><a href="{escape_html(page.href_to(other, directory_urls))}">{escape_html(title)}</a></li>'
        for title, other in related
    )
    heading = escape_html(label)
    return [
        f'<section class="ns-related" aria-label="{heading}"><h2 id="ns-related">{heading}</h2>'
        f"<ul>{items}</ul></section>",
        "",
    ]
