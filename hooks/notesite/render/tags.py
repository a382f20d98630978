"""Tag chips on a note's overview, the tag index (the tree, with the notes under each tag) and a
page per tag listing its notes with mastery and next review."""

from __future__ import annotations

from notesite.knowledge.base import KnowledgeBase
from notesite.knowledge.review import schedule
from notesite.knowledge.tags import Tag
from notesite.layout.pages import NoteLayout, PageSpec
from notesite.model.words import counted
from notesite.render.dashboard import anchor, cell, due_text, mastery_meter, row_attributes, script_words
from notesite.render.text import escape_html, escape_markdown


def tag_chips(
    page: PageSpec, tags: list[tuple[str, PageSpec]], label: str, directory_urls: bool
) -> list[str]:
    """Material's tag chips, each a link to its tag's page."""
    if not tags:
        return []
    chips = "".join(anchor(page.href_to(tag_page, directory_urls), name, "md-tag") for name, tag_page in tags)
    return [f'<nav class="md-tags ns-tags" aria-label="{escape_html(label)}">{chips}</nav>', ""]


def tags_index_markdown(
    page: PageSpec,
    kb: KnowledgeBase,
    layouts: dict[str, NoteLayout],
    labels: dict[str, str],
    directory_urls: bool,
) -> str:
    """Every tag as a tree: a tag links to its page and lists the notes tagged with it."""

    def branch(tag: Tag) -> str:
        href = page.href_to(kb.tag_pages[tag.key], directory_urls)
        count = counted(labels, "tag_notes", len(tag.all_notes()))
        notes = "".join(
            f'<li><a href="{escape_html(page.href_to(layouts[path].overview, directory_urls))}">'
            f"{escape_html(layouts[path].note.title)}</a></li>"
            for path in tag.notes
        )
        below = "".join(branch(child) for child in tag.children)
        return (
            f'<li class="ns-tag-tree__tag">{anchor(href, tag.label, "md-tag")}'
            f' <span class="ns-tag-tree__count">{escape_html(count)}</span>'
            f"{f'<ul class=ns-tag-tree__notes>{notes}</ul>' if notes else ''}"
            f"{f'<ul>{below}</ul>' if below else ''}</li>"
        )

    tree = "".join(branch(tag) for tag in kb.tags)
    return "\n".join([f"# {escape_markdown(page.title)}", "", f'<ul class="ns-tag-tree">{tree}</ul>', ""])


def tag_markdown(
    page: PageSpec,
    tag: Tag,
    kb: KnowledgeBase,
    layouts: dict[str, NoteLayout],
    labels: dict[str, str],
    directory_urls: bool,
) -> str:
    """One tag: where it sits in the tree, the tags below it, and every note under it."""
    parents = []
    parts = tag.key.split("/")
    names = tag.name.split("/")
    for depth in range(1, len(parts)):
        above = kb.tag_pages["/".join(parts[:depth])]
        parents.append(anchor(page.href_to(above, directory_urls), names[depth - 1]))
    # Tag pages come with the index of tags (knowledge/base.py).
    index = kb.tags_page
    trail = [anchor(page.href_to(index, directory_urls), labels["tags_title"])] if index else []
    lines = [f"# {escape_markdown(page.title)}", ""]
    crumbs = " / ".join([*trail, *parents, f"<span>{escape_html(tag.label)}</span>"])
    lines += [
        f'<nav class="ns-tag-trail" aria-label="{escape_html(labels["tags_title"])}">{crumbs}</nav>',
        "",
    ]
    if tag.children:
        chips = "".join(
            f'<a class="md-tag" href="{escape_html(page.href_to(kb.tag_pages[child.key], directory_urls))}">'
            f"{escape_html(child.label)}</a>"
            for child in tag.children
        )
        lines += [
            f"## {escape_markdown(labels['subtags'])}",
            "",
            f'<p class="md-tags ns-tags">{chips}</p>',
            "",
        ]
    states = [kb.reviews[path] for path in tag.all_notes()]
    ordered = [state for group in schedule(states).values() for state in group]
    heads = ("note", "mastery_level", "next_review")
    head = "".join(f'<th scope="col">{escape_html(labels[key])}</th>' for key in heads)
    rows = "".join(
        f"<tr {row_attributes(state)}>"
        f'<th scope="row">{anchor(page.href_to(layouts[state.path].overview, directory_urls), state.title)}'
        f"</th>{cell(labels['mastery_level'], mastery_meter(state.mastery, labels))}"
        f"{cell(labels['next_review'], due_text(state, labels))}</tr>"
        for state in ordered
    )
    count = counted(labels, "tag_notes", len(ordered))
    lines += [
        f"## {escape_markdown(count)}",
        "",
        f'<div class="ns-table-scroll" tabindex="0" role="region" aria-label="{escape_html(count)}" '
        f"{script_words(labels)}>"
        f'<table class="ns-review-table ns-tag-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>",
        "",
    ]
    return "\n".join(lines)
