"""The connections view, drawn at build time: a note among its neighbours on its overview (HTML
and CSS), and the vault's folders with the links between them on the graph page (SVG).

Nothing needs a script: places are worked out here, deterministically; every node is a link with a
name; a link, a backlink and a shared tag differ by line and arrowhead, not by colour alone;
colours are Material's variables and `currentColor` (knowledge.css), so dark mode and print follow.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from enum import StrEnum

from notesite.knowledge.connections import OTHERS, FolderNode, Neighbour, VaultGraph
from notesite.layout.pages import NoteLayout, PageSpec
from notesite.model.plain_text import plain, visible
from notesite.model.words import counted
from notesite.render.html import EMPTY, Html, link
from notesite.render.text import escape_markdown

LABEL_UNITS = 16  # a vault graph label's width in half-em units: eight Chinese characters


class Tie(StrEnum):
    """How a neighbour is tied to the note: the modifier of its edge's class."""

    TO = "to"
    FROM = "from"
    BOTH = "both"
    TAG = "tag"

    @property
    def word(self) -> str:
        """The key of its words in the labels."""
        return f"tie_{self.value}"

    @classmethod
    def of(cls, neighbour: Neighbour) -> Tie:
        if neighbour.links_to and neighbour.linked_from:
            return cls.BOTH
        if neighbour.links_to:
            return cls.TO
        return cls.FROM if neighbour.linked_from else cls.TAG


def sides(neighbours: Sequence[Neighbour]) -> tuple[list[Neighbour], list[Neighbour]]:
    """(left, right): notes that link here go left, notes linked to right, notes tied by tags
    only to the shorter side; neither side holds more than half (the weakest move over), and
    each keeps the order of strength from the top."""
    order = {n.path: i for i, n in enumerate(neighbours)}
    left = [n for n in neighbours if Tie.of(n) == Tie.FROM]
    right = [n for n in neighbours if Tie.of(n) in (Tie.TO, Tie.BOTH)]
    for n in neighbours:
        if Tie.of(n) == Tie.TAG:
            (left if len(left) < len(right) else right).append(n)
    half = math.ceil(len(neighbours) / 2)
    while len(left) > half:
        right.append(left.pop())
    while len(right) > half:
        left.append(right.pop())
    left.sort(key=lambda n: order[n.path])
    right.sort(key=lambda n: order[n.path])
    return left, right


def clip(text: str, units: int) -> str:
    """`text` cut to `units` half-em units (a wide character takes two), with an ellipsis."""
    used = 0
    for i, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > units:
            return text[: max(i - 1, 0)].rstrip() + "…"
    return text


_EDGE = Html('<span class="ns-graph__edge ns-graph__edge--{}" aria-hidden="true"></span>')


def connections_block(
    page: PageSpec,
    neighbours: Sequence[tuple[Neighbour, NoteLayout]],
    graph_page: PageSpec | None,
    labels: Mapping[str, str],
    directory_urls: bool,
    from_source: bool = False,
) -> list[str]:
    """The "Connections" section of a note's overview: the note between two columns of its
    neighbours, each a link to its note joined to it by a line that says how (HTML and CSS: a
    note's page keeps no SVG, analyse/sanitize.py), a legend, and a link to the vault's graph."""
    if not neighbours:
        return []
    layouts = {n.path: layout for n, layout in neighbours}

    def item(n: Neighbour) -> Html:
        tie, title = Tie.of(n), plain(layouts[n.path].note.title)
        ties = [labels[tie.word]] if tie != Tie.TAG else []
        if n.tags:
            ties.append(labels["tie_tag_names"].format(tags=labels["list_separator"].join(n.tags)))
        href = page.href_to(layouts[n.path].overview, directory_urls, from_source=from_source)
        return Html('<li class="ns-graph__note">{}{}</li>').format(
            Html('<a href="{}" aria-label="{}">{}</a>').format(href, f"{title} — {'; '.join(ties)}", title),
            _EDGE.format(tie),
        )

    left, right = sides([n for n, _ in neighbours])
    columns = Html(
        '<ul class="ns-graph__side ns-graph__side--left">{}</ul><p class="ns-graph__self">{}</p>'
        '<ul class="ns-graph__side ns-graph__side--right">{}</ul>'
    ).format(EMPTY.join(item(n) for n in left), plain(page.title), EMPTY.join(item(n) for n in right))
    present = {Tie.of(n) for n, _ in neighbours}
    key = EMPTY.join(
        Html("<li>{}{}</li>").format(_EDGE.format(tie), labels[tie.word]) for tie in Tie if tie in present
    )
    more = (
        Html('<p class="ns-graph__more">{}</p>').format(
            link(page.href_to(graph_page, directory_urls, from_source=from_source), labels["open_graph"])
        )
        if graph_page
        else EMPTY
    )
    name = counted(labels, "connections_label", len(neighbours))
    return [
        Html(
            '<section class="ns-connections" aria-labelledby="ns-connections">'
            '<h2 id="ns-connections">{}</h2><figure class="ns-graph" aria-label="{}">'
            '<div class="ns-graph__ties">{}</div><figcaption><ul class="ns-graph__legend">{}</ul>'
            "</figcaption></figure>{}</section>"
        ).format(labels["connections"], name, columns, key, more),
        "",
    ]


# --- the whole vault ------------------------------------------------------------------------------

VAULT_SIZE = 560
RING = 180
NODE_MIN, NODE_MAX = 6, 30
LABEL_ROOM = NODE_MAX + 6 + 8 * 12  # beside a node on the ring's side: eight Chinese characters


def ring(count: int, radius: float = RING, centre: float = VAULT_SIZE / 2) -> list[tuple[float, float]]:
    """`count` points evenly round a circle, the first at the top, clockwise (one: the centre)."""
    if count == 1:
        return [(centre, centre)]
    return [
        (
            round(centre + radius * math.sin(2 * math.pi * i / count), 1),
            round(centre - radius * math.cos(2 * math.pi * i / count), 1),
        )
        for i in range(count)
    ]


def folder_name(folder: FolderNode, labels: Mapping[str, str], layouts: Mapping[str, NoteLayout]) -> str:
    """What a node is called: its folder, its note's title, or how many folders it merges."""
    if folder.note:
        layout = layouts.get(folder.note)
        return plain(layout.note.title) if layout else visible(folder.note)
    if folder.key == OTHERS:
        return counted(labels, "graph_others", folder.folders)
    return visible(folder.name or folder.key) or labels["top_level"]


def vault_markdown(
    page: PageSpec,
    graph: VaultGraph,
    layouts: Mapping[str, NoteLayout],
    labels: Mapping[str, str],
    directory_urls: bool,
) -> str:
    """The graph page: the folders on a ring, sized by their notes, joined by lines as thick as the
    links between them; then the same as a table, each folder with its most connected notes."""
    folders = graph.folders
    by_note = any(folder.note for folder in folders)
    about, label = ("graph_about_notes", "graph_label_notes") if by_note else ("graph_about", "graph_label")
    points = ring(len(folders)) if folders else []
    largest = max((f.notes for f in folders), default=1)
    heaviest = max((e.links for e in graph.edges), default=1)
    lines = EMPTY.join(
        Html('<line class="ns-graph__link ns-graph__link--w{}" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(
            max(1, math.ceil(4 * edge.links / heaviest)), *points[edge.a], *points[edge.b]
        )
        for edge in graph.edges
    )
    # Radii by notes, no larger than keeps neighbours on the ring apart.
    room = math.pi * RING / max(len(folders), 1) * 0.7
    nodes = []
    for i, (folder, (x, y)) in enumerate(zip(folders, points, strict=True)):
        r = round(min(room, NODE_MIN + (NODE_MAX - NODE_MIN) * math.sqrt(folder.notes / largest)), 1)
        dx, dy = x - VAULT_SIZE / 2, y - VAULT_SIZE / 2
        away = math.hypot(dx, dy) or 1.0
        anchor = "start" if dx / away > 0.3 else "end" if dx / away < -0.3 else "middle"
        lx = x + dx / away * (r + 6)
        ly = y + (dy / away * (r + 6)) + (12 if dy > 0 and anchor == "middle" else 4)
        name = folder_name(folder, labels, layouts)
        shape = Html(
            '<circle class="ns-graph__folder" cx="{}" cy="{}" r="{}"/><text x="{:.1f}" y="{:.1f}" '
            'text-anchor="{}">{}</text>'
        ).format(x, y, r, lx, ly, anchor, clip(name, LABEL_UNITS))
        # A folder leads to its row of the table below; a note, to the note.
        href = _note_href(page, folder, layouts, directory_urls) or f"#ns-folder-{i}"
        named = name if folder.note else f"{name}: {counted(labels, 'tag_notes', folder.notes)}"
        nodes.append(Html('<a href="{}" aria-label="{}">{}</a>').format(href, named, shape))
    svg = Html(
        '<div class="ns-vault-graph"><svg class="ns-graph__svg" viewBox="{}" role="group" '
        'aria-label="{}">{}{}</svg></div>'
    ).format(_bounds(points), labels[label], lines, EMPTY.join(nodes))
    return "\n".join(
        [
            f"# {escape_markdown(page.title)}",
            "",
            Html('<p class="ns-graph__about">{}</p>').format(labels[about].format(notes=graph.notes)),
            "",
            svg,
            "",
            _folder_table(page, graph, layouts, labels, directory_urls),
            "",
        ]
    )


def _bounds(points: Sequence[tuple[float, float]]) -> str:
    """The viewBox around the ring's nodes and their labels, so no empty band is drawn."""
    xs, ys = [x for x, _ in points] or [VAULT_SIZE / 2], [y for _, y in points] or [VAULT_SIZE / 2]
    left, top = min(xs) - LABEL_ROOM, min(ys) - NODE_MAX - 24
    return f"{left:g} {top:g} {max(xs) + LABEL_ROOM - left:g} {max(ys) + NODE_MAX + 24 - top:g}"


def _folder_table(
    page: PageSpec,
    graph: VaultGraph,
    layouts: Mapping[str, NoteLayout],
    labels: Mapping[str, str],
    directory_urls: bool,
) -> Html:
    """Every folder the graph shows: its notes, its links inside and out, its most connected notes."""
    folders = graph.folders
    outside: dict[int, list[tuple[int, int]]] = {}
    for edge in graph.edges:
        outside.setdefault(edge.a, []).append((edge.b, edge.links))
        outside.setdefault(edge.b, []).append((edge.a, edge.links))
    by_note = any(folder.note for folder in folders)
    rows = []
    for i, folder in enumerate(folders):
        others = Html(", ").join(
            Html('<a href="#ns-folder-{}">{}</a> ({})').format(
                j, folder_name(folders[j], labels, layouts), count
            )
            for j, count in outside.get(i, [])[:3]
        )
        name = folder_name(folder, labels, layouts)
        href = _note_href(page, folder, layouts, directory_urls)
        cells: list[object] = [link(href, name) if href else name]
        if by_note:
            cells.append(others)
        else:
            top = Html(" · ").join(
                link(page.href_to(layouts[path].overview, directory_urls), plain(layouts[path].note.title))
                for path in folder.top
                if path in layouts
            )
            cells += [folder.notes, folder.links_inside, others, top]
        row = Html(
            '<tr id="ns-folder-{}"><th scope="row">{}</th>' + "<td>{}</td>" * (len(cells) - 1) + "</tr>"
        )
        rows.append(row.format(i, *cells))
    columns = ("note", "graph_links_notes") if by_note else (
        "graph_folder", "notes", "graph_links_inside", "graph_links_out", "graph_top_notes"
    )  # fmt: skip
    head = EMPTY.join(Html('<th scope="col">{}</th>').format(labels[key]) for key in columns)
    return Html('<div class="ns-table-scroll ns-graph__table"><table><thead><tr>{}</tr></thead>'
                "<tbody>{}</tbody></table></div>").format(head, EMPTY.join(rows))  # fmt: skip


def _note_href(
    page: PageSpec, folder: FolderNode, layouts: Mapping[str, NoteLayout], directory_urls: bool
) -> str:
    """The address of the note a node stands for, if it stands for one."""
    layout = layouts.get(folder.note) if folder.note else None
    return page.href_to(layout.overview, directory_urls) if layout else ""
