"""The overview page's own parts: the metadata card and the cards that lead to each page."""

from __future__ import annotations

from datetime import date

from notesite.model.note import FrontMatter, Note, Section
from notesite.model.plain_text import plain, shorten
from notesite.render.html import EMPTY, Html, mastery_meter, time_tag
from notesite.render.text import escape_markdown, line_words


def metadata_card(front_matter: FrontMatter, labels: dict[str, str]) -> list[str]:
    """The review metadata folded into one line (mastery, next review) that opens on a tap into a
    definition list; mastery is a meter, dates are <time>. Closed on every screen: the line says
    what a reader looks for, the rest is bookkeeping, and it needs no script."""
    rows: list[tuple[str, Html]] = []
    for key in ("created", "last_reviewed", "next_review"):
        value: date | None = getattr(front_matter, key)
        if value is not None:
            rows.append((key, time_tag(value)))
    if front_matter.review_count is not None:
        rows.append(("review_count", Html.escape(front_matter.review_count)))
    if front_matter.difficulty:
        rows.append(("difficulty", Html.escape(front_matter.difficulty)))
    if front_matter.mastery_level is not None:
        rows.append(("mastery_level", mastery_meter(front_matter.mastery_level, labels["mastery_level"])))
    if not rows:
        return []
    items = EMPTY.join(
        Html('<div class="ns-meta__item ns-meta__item--{0}"><dt>{1}</dt><dd>{2}</dd></div>').format(
            key, labels[key], value
        )
        for key, value in rows
    )
    summary = [
        f"{labels[key]} {value}"
        for key, value in (
            (
                "mastery_level",
                f"{front_matter.mastery_level:.0%}" if front_matter.mastery_level is not None else None,
            ),
            ("next_review", front_matter.next_review.isoformat() if front_matter.next_review else None),
        )
        if value is not None
    ]
    line = " · ".join(summary) or labels["review_title"]
    return [
        Html(
            '<details class="ns-meta-card"><summary>{}</summary><dl class="ns-meta">{}</dl></details>'
        ).format(line, items),
        "",
    ]


# Paragraphs that are not prose to quote: admonitions, tabs, display math (a quote or callout is
# quoted by its words: line_words).
_NOT_PROSE = ("!!!", "???", "===", "$$")


def section_summary(note: Note, section: Section) -> str:
    """One line about a section: its subsections, else the start of its first paragraph."""
    if section.children:
        return " · ".join(plain(child.title) for child in section.children)
    for block in section.blocks:
        if block.kind.value in ("paragraph", "list") and not block.lines[0].lstrip().startswith(_NOT_PROSE):
            return shorten(
                " ".join(line_words(note, number) for number in range(block.span.start, block.span.end + 1))
            )
    return ""


def card_grid(cards: list[tuple[str, str, str]]) -> list[str]:
    """Material's grid cards: (title, Markdown link target, one-line summary) each."""
    lines = ['<div class="grid cards ns-cards" markdown>', ""]
    for title, target, summary in cards:
        lines.append(f"-   [**{escape_markdown(plain(title))}**]({target})")
        if summary:
            lines += ["", f"    {escape_markdown(summary)}"]
        lines.append("")
    return [*lines, "</div>", ""]
