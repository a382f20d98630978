"""The vault's front door: what is due, a search box, recently reviewed notes, the notes by folder
(each note while the vault is small, each folder as one card when it is large)."""

from __future__ import annotations

from collections import Counter

from notesite.knowledge.base import KnowledgeBase
from notesite.knowledge.review import DueStatus
from notesite.layout.pages import NoteLayout, PageSpec
from notesite.model.words import counted
from notesite.render.dashboard import script_words
from notesite.render.html import EMPTY, Html, link, time_tag
from notesite.render.overview import card_grid
from notesite.render.text import escape_markdown

RECENT = 5
# Past this many notes, the home lists each folder as one card (its notes counted, linked to its
# first note, whose navigation lists the folder's notes), so the page stays the same size however
# large the vault grows; the top-level notes are listed up to this many. Every card costs its link
# (a deep Chinese path is hundreds of bytes) and every folder a heading that Material lists twice,
# in both tables of contents: at 94 notes in 59 folders the home was 3.2 times plain Material's.
HOME_CARDS = 30


def front_door(
    home: PageSpec,
    kb: KnowledgeBase | None,
    cards_by_folder: dict[str, list[tuple[str, str, str]]],
    layouts: dict[str, NoteLayout],
    labels: dict[str, str],
    directory_urls: bool,
) -> list[str]:
    """Markdown lines for the page `home` (the generated home or the vault's README) below its
    title; `cards_by_folder`: folder → (title, Markdown link, summary) of each note in it."""
    lines: list[str] = []
    lines += [
        Html(
            '<form class="ns-home-search" role="search" action="{}" method="get">'
            '<label for="ns-home-q">{}</label>'
            '<input id="ns-home-q" type="search" name="q" autocomplete="off">'
            '<button class="md-button" type="submit">{}</button></form>'
        ).format(home.href_to(home, directory_urls), labels["search_label"], labels["search_button"]),
        "",
    ]
    if kb is not None and kb.review_page is not None:
        due = [s for s in kb.reviews.values() if s.status is DueStatus.DUE]
        words = counted(labels, "due_count", len(due)) if due else labels["nothing_due"]
        # Every planned date, so review.js can count what is due on the reader's today: each date
        # once, with `*N` when N notes share it, so the home page grows with the days, not the notes.
        planned = Counter(s.next_review.isoformat() for s in kb.reviews.values() if s.next_review)
        dates = " ".join(day if n == 1 else f"{day}*{n}" for day, n in sorted(planned.items()))
        review = home.href_to(kb.review_page, directory_urls)
        links = link(review, labels["open_review"], "md-button md-button--primary")
        if kb.tags_page:
            tags = home.href_to(kb.tags_page, directory_urls)
            links += Html(" ") + link(tags, labels["browse_tags"], "md-button")
        if kb.graph_page:
            graph = home.href_to(kb.graph_page, directory_urls)
            links += Html(" ") + link(graph, labels["open_graph"], "md-button")
        lines += [
            Html(
                '<div class="ns-home-due" data-due-dates="{}" {}><p class="ns-home-due__count">'
                "<strong>{}</strong></p><p>{}</p></div>"
            ).format(dates, script_words(labels), words, links),
            "",
        ]
        recent = sorted(
            (s for s in kb.reviews.values() if s.last_reviewed),
            key=lambda s: (s.last_reviewed, s.title),
            reverse=True,
        )[:RECENT]
        if recent:
            items = EMPTY.join(
                Html("<li>{} {}</li>").format(
                    link(home.href_to(layouts[s.path].overview, directory_urls), s.title),
                    time_tag(s.last_reviewed),
                )
                for s in recent
            )
            lines += [
                f"## {escape_markdown(labels['recently_reviewed'])}",
                "",
                Html('<ul class="ns-recent">{}</ul>').format(items),
                "",
            ]
    several = len(cards_by_folder) > 1 or any(cards_by_folder)
    if several and kb is not None:
        lines += [f"## {escape_markdown(labels['by_folder'])}", ""]
    for folder, cards in _bounded(cards_by_folder, labels).items():
        if several:
            name = folder or labels["top_level"]
            level = "###" if kb is not None else "##"
            lines += [f"{level} {escape_markdown(name)}", ""]
        lines += card_grid(cards)
    return lines


def _bounded(
    cards_by_folder: dict[str, list[tuple[str, str, str]]], labels: dict[str, str]
) -> dict[str, list[tuple[str, str, str]]]:
    """Every note's card while the vault is small; past HOME_CARDS, the top-level notes (at most
    HOME_CARDS of them) and one card for each folder below."""
    if sum(len(cards) for cards in cards_by_folder.values()) <= HOME_CARDS:
        return cards_by_folder
    top = cards_by_folder.get("", [])[:HOME_CARDS]
    folders = [
        (folder, cards[0][1], counted(labels, "tag_notes", len(cards)))
        for folder, cards in cards_by_folder.items()
        if folder and cards
    ]
    return {"": top + folders} if top or folders else {}
