"""The knowledge base of one build: backlinks, related notes, review state and tags of every note,
and the site-wide pages made from them (the review dashboard, the tag index, one page per tag)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from notesite.knowledge.backlinks import Backlinks
from notesite.knowledge.connections import Neighbour, VaultGraph, note_neighbours, vault_graph
from notesite.knowledge.related import NoteNames, Related, related_notes
from notesite.knowledge.review import ReviewState, review_state
from notesite.knowledge.tags import Tag, tag_key, tag_tree, visible_tags
from notesite.layout.links import ResolvedLink
from notesite.layout.pages import GraphPage, NoteLayout, PageSpec, ReviewPage, TagIndexPage, TagPage
from notesite.model.diagnostics import Diagnostic
from notesite.model.words import site_labels


@dataclass
class KnowledgeBase:
    today: date
    show_hidden_tags: bool
    backlinks: Backlinks
    related: dict[str, list[Related]] = field(default_factory=dict)  # note path → notes it names
    reviews: dict[str, ReviewState] = field(default_factory=dict)  # note path → review state
    tags: list[Tag] = field(default_factory=list)  # the tree's top level
    review_page: ReviewPage | None = None
    tags_page: TagIndexPage | None = None
    tag_pages: dict[str, TagPage] = field(default_factory=dict)  # tag key → its page
    # Each note's strongest ties to others, and the vault as folders (knowledge/connections.py).
    neighbours: dict[str, list[Neighbour]] = field(default_factory=dict)  # note path → neighbours
    graph: VaultGraph = field(default_factory=VaultGraph)
    graph_page: GraphPage | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def pages(self) -> list[PageSpec]:
        """The site-wide pages, dashboard first, then the vault graph, the tag index and each tag
        in tree order."""
        head = [p for p in (self.review_page, self.graph_page, self.tags_page) if p]
        return head + list(self.tag_pages.values())

    def note_tags(self, layout: NoteLayout) -> list[tuple[str, PageSpec]]:
        """(name, page) of each tag of the note a reader sees."""
        names = visible_tags(layout.note.tags, self.show_hidden_tags)
        return [(name, self.tag_pages[tag_key(name)]) for name in names if tag_key(name) in self.tag_pages]

    def tag_by_key(self) -> dict[str, Tag]:
        return {tag.key: tag for root in self.tags for tag in root.walk()}


def knowledge_base(
    layouts: list[NoteLayout],
    links: Mapping[str, list[ResolvedLink]],
    today: date,
    show_hidden_tags: bool = False,
    labels: Mapping[str, str] | None = None,
) -> KnowledgeBase:
    by_path = {layout.note.path: layout for layout in layouts}
    kb = KnowledgeBase(today, show_hidden_tags, Backlinks(links, by_path))
    names = NoteNames(layout.note for layout in layouts)
    for layout in layouts:
        note = layout.note
        kb.related[note.path], problems = related_notes(note, names)
        kb.diagnostics += problems
        kb.reviews[note.path] = review_state(note, today)
    if not layouts:
        return kb
    labels = labels or site_labels([layout.note for layout in layouts])
    kb.review_page = ReviewPage.in_folder("", labels["review_title"])
    kb.tags = tag_tree({path: layout.note.tags for path, layout in by_path.items()}, show_hidden_tags)
    if kb.tags:
        kb.tags_page = TagIndexPage.in_folder("", labels["tags_title"])
        for root in kb.tags:
            for tag in root.walk():
                title = labels["tag_title"].format(tag=tag.name)
                kb.tag_pages[tag.key] = TagPage.of(tag.key, title)
    by_key = kb.tag_by_key()
    kb.neighbours = note_neighbours(layouts, links, kb.related, kb.backlinks, by_key, show_hidden_tags)
    kb.graph = vault_graph(layouts, links)
    kb.graph_page = GraphPage.in_folder("", labels["graph_title"])
    return kb
