"""Tag chips on a note's overview, the tag index (the tree, with the notes under each tag) and a
page per tag listing its notes with mastery and next review."""

from __future__ import annotations

from notesite.knowledge.base import KnowledgeBase
from notesite.knowledge.review import schedule
from notesite.knowledge.tags import Tag
from notesite.layout.pages import NoteLayout, PageSpec
from notesite.model.words import counted
from notesite.render.dashboard import due_text, mastery, row_attributes, script_words
from notesite.render.html import EMPTY, Html, cell, chips, link
from notesite.render.text import escape_markdown


def tag_chips(
    page: PageSpec, tags: list[tuple[str, PageSpec]], label: str, directory_urls: bool
) -> list[str]:
    """Material's tag chips, each a link to its tag's page."""
    if not tags:
        return []
    found = chips((page.href_to(tag_page, directory_urls), name) for name, tag_page in tags)
    return [Html('<nav class="md-tags ns-tags" aria-label="{}">{}</nav>').format(label, found), ""]


def tags_index_markdown(
    page: PageSpec,
    kb: KnowledgeBase,
    layouts: dict[str, NoteLayout],
    labels: dict[str, str],
    directory_urls: bool,
) -> str:
    """Every tag as a tree: a tag links to its page and lists the notes tagged with it."""

    def branch(tag: Tag) -> Html:
        href = page.href_to(kb.tag_pages[tag.key], directory_urls)
        count = counted(labels, "tag_notes", len(tag.all_notes()))
        notes = EMPTY.join(
            Html("<li>{}</li>").format(
                link(page.href_to(layouts[path].overview, directory_urls), layouts[path].note.title)
            )
            for path in tag.notes
        )
        below = EMPTY.join(branch(child) for child in tag.children)
        return Html(
            '<li class="ns-tag-tree__tag">{} <span class="ns-tag-tree__count">{}</span>{}{}</li>'
        ).format(
            link(href, tag.label, "md-tag"),
            count,
            Html("<ul class=ns-tag-tree__notes>{}</ul>").format(notes) if notes else EMPTY,
            Html("<ul>{}</ul>").format(below) if below else EMPTY,
        )

    tree = EMPTY.join(branch(tag) for tag in kb.tags)
    return "\n".join(
        [f"# {escape_markdown(page.title)}", "", Html('<ul class="ns-tag-tree">{}</ul>').format(tree), ""]
    )


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
        parents.append(link(page.href_to(above, directory_urls), names[depth - 1]))
    index = kb.tags_page
    assert index is not None  # a tag page is made only with the index
    trail = [link(page.href_to(index, directory_urls), labels["tags_title"])]
    lines = [f"# {escape_markdown(page.title)}", ""]
    crumbs = Html(" / ").join([*trail, *parents, Html("<span>{}</span>").format(tag.label)])
    lines += [
        Html('<nav class="ns-tag-trail" aria-label="{}">{}</nav>').format(labels["tags_title"], crumbs),
        "",
    ]
    if tag.children:
        below = chips(
            (page.href_to(kb.tag_pages[child.key], directory_urls), child.label) for child in tag.children
        )
        lines += [
            f"## {escape_markdown(labels['subtags'])}",
            "",
            Html('<p class="md-tags ns-tags">{}</p>').format(below),
            "",
        ]
    states = [kb.reviews[path] for path in tag.all_notes()]
    ordered = [state for group in schedule(states).values() for state in group]
    heads = ("note", "mastery_level", "next_review")
    head = EMPTY.join(Html('<th scope="col">{}</th>').format(labels[key]) for key in heads)
    rows = EMPTY.join(
        Html('<tr{}><th scope="row">{}</th>{}{}</tr>').format(
            row_attributes(state),
            link(page.href_to(layouts[state.path].overview, directory_urls), state.title),
            cell(labels["mastery_level"], mastery(state.mastery, labels)),
            cell(labels["next_review"], due_text(state, labels)),
        )
        for state in ordered
    )
    count = counted(labels, "tag_notes", len(ordered))
    lines += [
        f"## {escape_markdown(count)}",
        "",
        Html(
            '<div class="ns-table-scroll" tabindex="0" role="region" aria-label="{}" {}>'
            '<table class="ns-review-table ns-tag-table"><thead><tr>{}</tr></thead>'
            "<tbody>{}</tbody></table></div>"
        ).format(count, script_words(labels), head, rows),
        "",
    ]
    return "\n".join(lines)
