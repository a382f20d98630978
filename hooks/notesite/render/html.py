"""Generated HTML, escaped by construction, and the fragments several pages share.

Every fragment is `Html`, markupsafe's `Markup`: a value put into one with `Html(template).format`,
`Html(sep).join` or `+` is escaped unless it is `Html` itself, so a note's text, a file name or a
label can only ever arrive as text. Generated Markdown keeps its own escaping (`text.py`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from markupsafe import Markup

from notesite.model.urls import is_web_url
from notesite.render.text import escape_markdown


class Html(Markup):
    """`Markup` that escapes as `html.escape` does (`&quot;`, `&#x27;`): the entities of every
    other escaped value on the site, so the pages read as they always have."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Html:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(html.escape(str(s), quote=True))


EMPTY = Html("")
NONE = Html('<span class="ns-none">—</span>')  # a value not recorded


def markdown_text(text: str) -> Html:
    """Text for Markdown inside an HTML block that md_in_html renders (a `markdown` attribute):
    `escape_markdown` lets no HTML through, so it goes in as it is."""
    return Html(escape_markdown(text))


def attributes(values: Mapping[str, object]) -> Html:
    """` name="value"` for each value that is not None, in order."""
    return EMPTY.join(
        Html(' {}="{}"').format(name, value) for name, value in values.items() if value is not None
    )


def is_link_target(href: str) -> bool:
    """A URL that may become a link: http(s), or inside the site (no scheme such as `javascript:`)."""
    head = href.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return ":" not in head or is_web_url(href)


def link(href: str, text: object, css: str = "") -> Html:
    """A link; a URL that may not be one (see `is_link_target`) leaves the text alone."""
    if not is_link_target(href):
        return Html("<span>{}</span>").format(text)
    return Html('<a{} href="{}">{}</a>').format(attributes({"class": css or None}), href, text)


def time_tag(day: date | None) -> Html:
    """A date as `<time>`; a dash when there is none."""
    if day is None:
        return NONE
    return Html('<time datetime="{0}">{0}</time>').format(day.isoformat())


def mastery_meter(level: float, label: str) -> Html:
    """Mastery (0–1) as a `<meter>` with its percentage written beside it."""
    percent = f"{level:.0%}"
    return Html(
        '<meter min="0" max="1" low="0.4" high="0.75" optimum="1" value="{:.4g}" '
        'aria-label="{}">{}</meter> <span>{}</span>'
    ).format(level, label, percent, percent)


def chips(tags: Iterable[tuple[str, str]]) -> Html:
    """Material's tag chips: (finished URL, name) each, as links."""
    return EMPTY.join(link(href, name, "md-tag") for href, name in tags)


def cell(label: str, content: Html) -> Html:
    """A table cell that names its column, for the stacked rows of a narrow screen."""
    return Html('<td data-label="{}">{}</td>').format(label, content)
