"""The overview page's own parts: the metadata card and the cards that lead to each page."""

from __future__ import annotations

from datetime import date

from notesite.model.note import FrontMatter, Section
from notesite.model.plain_text import plain, shorten
from notesite.render.text import escape_html, escape_markdown, line_words


def metadata_card(front_matter: FrontMatter, labels: dict[str, str]) -> list[str]:
    """A definition list of the review metadata; mastery is a meter, dates are <time>."""
    rows: list[tuple[str, str]] = []
    for key in ("created", "last_reviewed", "next_review"):
        value: date | None = getattr(front_matter, key)
        if value is not None:
            iso = value.isoformat()
            rows.append((key, f'<time datetime="{iso}">{iso}</time>'))
    if front_matter.review_count is not None:
        rows.append(("review_count", escape_html(front_matter.review_count)))
    if front_matter.difficulty:
        rows.append(("difficulty", escape_html(front_matter.difficulty)))
    if front_matter.mastery_level is not None:
        level = front_matter.mastery_level
        percent = f"{level:.0%}"
        rows.append(
            (
                "mastery_level",
                f'<meter min="0" max="1" low="0.4" high="0.75" optimum="1" value="{level:.4g}" '
                f'aria-label="{escape_html(labels["mastery_level"])}">{percent}</meter> '
                f"<span>{percent}</span>",
            )
        )
    if not rows:
        return []
    items = "".join(
        f'<div class="ns-meta__item ns-meta__item--{key}"><dt>{escape_html(labels[key])}</dt>'
        f"<dd>{value}</dd></div>"
        for key, value in rows
    )
    return [f'<dl class="ns-meta">{items}</dl>', ""]


def section_summary(section: Section) -> str:
    """One line about a section: its subsections, else the start of its first paragraph."""
    if section.children:
        return " · ".join(plain(child.title) for child in section.children)
    for block in section.blocks:
        if block.kind.value in ("paragraph", "list"):
            return shorten(" ".join(line_words(line) for line in block.lines))
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
