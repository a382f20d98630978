"""The connections view: which neighbours a note shows and where they are drawn (the core, no
MkDocs), the vault graph's bounds, and the built pages read with a real HTML parser (slow)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from notesite.knowledge.connections import MAX_EDGES, MAX_FOLDERS, MAX_NEIGHBOURS, OTHERS, Neighbour
from notesite.layout.pages import OverviewPage
from notesite.model.words import LABELS
from notesite.render.connections import Tie, clip, connections_block, ring, sides
from tests.conftest import build_notes, resolve, split_all
from tests.knowledge_vault import core_site


def note(title: str, body: str = "", tags: list[str] | None = None) -> str:
    head = f"---\ntags: [{', '.join(tags)}]\n---\n" if tags else ""
    return f"{head}# {title}\n\n{body}\n"


def neighbours_of(site, path: str) -> list[Neighbour]:
    return site.knowledge.neighbours.get(f"notes/{path}", [])


# --- which neighbours -----------------------------------------------------------------------------


def test_links_weigh_more_than_a_shared_tag_and_every_tie_is_told(tmp_path):
    site = core_site(
        tmp_path,
        {
            "a.md": note("A", "See [[b]] and [[b]] again, and [[c]].", ["x"]),
            "b.md": note("B"),
            "c.md": note("C", "Back to [[a]]."),
            "d.md": note("D", "Nothing linked.", ["x"]),
            "e.md": note("E", "Unrelated."),
        },
    )
    found = neighbours_of(site, "a.md")
    assert [(n.path, n.links_to, n.linked_from, n.tags) for n in found] == [
        ("notes/b.md", 2, 0, ()),  # two links out: 6
        ("notes/c.md", 1, 1, ()),  # one each way: 6, after b by path
        ("notes/d.md", 0, 0, ("x",)),
    ]
    assert [Tie.of(n) for n in found] == [Tie.TO, Tie.BOTH, Tie.TAG]
    assert [n.path for n in neighbours_of(site, "d.md")] == ["notes/a.md"]
    assert neighbours_of(site, "e.md") == []


def test_at_most_twelve_neighbours_chosen_the_same_way_every_build(tmp_path):
    notes = {f"n{i:02}.md": note(f"N{i}", "[[hub]]") for i in range(20)}
    notes["hub.md"] = note("Hub", "Links to [[n19]] and [[n19]].")
    first = neighbours_of(core_site(tmp_path / "1", notes), "hub.md")
    again = neighbours_of(core_site(tmp_path / "2", dict(reversed(notes.items()))), "hub.md")
    assert len(first) == MAX_NEIGHBOURS
    assert first == again
    # The note linked both ways leads; the rest are alike and follow by path.
    assert [n.path for n in first][:3] == ["notes/n19.md", "notes/n00.md", "notes/n01.md"]


def test_a_tag_on_too_many_notes_and_a_hidden_tag_tie_nothing(tmp_path):
    notes = {f"n{i:02}.md": note(f"N{i}", tags=["everything"]) for i in range(60)}
    notes["one.md"] = note("One", tags=["everything", "_inbox"])
    notes["two.md"] = note("Two", tags=["_inbox"])
    site = core_site(tmp_path, notes)
    assert neighbours_of(site, "one.md") == []


# --- where they are drawn -------------------------------------------------------------------------


def _n(path: str, to: int = 0, back: int = 0, tags: tuple[str, ...] = ()) -> Neighbour:
    return Neighbour(path, to, back, tags)


def _paths(column: list[Neighbour]) -> list[str]:
    return [n.path for n in column]


def test_backlinks_go_left_links_right_and_tags_to_the_shorter_side():
    near = [_n("to1", to=1), _n("tag1", tags=("t",)), _n("to2", to=1), _n("from1", back=1)]
    left, right = sides(near)
    # Each column keeps the order of strength from the top.
    assert (_paths(left), _paths(right)) == (["tag1", "from1"], ["to1", "to2"])


def test_neither_side_holds_more_than_half():
    left, right = sides([_n(f"to{i}", to=1) for i in range(MAX_NEIGHBOURS)])
    assert _paths(right) == [f"to{i}" for i in range(6)]
    assert _paths(left) == [f"to{i}" for i in range(6, 12)]


def test_a_label_is_clipped_by_width_a_chinese_character_counting_two():
    assert clip("abcdefgh", 8) == "abcdefgh"
    assert clip("abcdefghij", 8) == "abcdefg…"
    assert clip("数据库索引失效的原因", 8) == "数据库…"


def test_ring_starts_at_the_top_and_goes_round_clockwise():
    assert ring(1, 100, 200) == [(200, 200)]
    top, right, bottom, left = ring(4, 100, 200)
    assert top == (200.0, 100.0) and right == (300.0, 200.0) and bottom == (200.0, 300.0)
    assert left == (100.0, 200.0)


class _Drawing(HTMLParser):
    """The links of a drawing and the legend's words."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.legend: list[str] = []
        self._in_legend = False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))
        if tag == "ul" and ("class", "ns-graph__legend") in attrs:
            self._in_legend = True

    def handle_endtag(self, tag):
        if tag == "ul":
            self._in_legend = False

    def handle_data(self, data):
        if self._in_legend and data.strip():
            self.legend.append(data)


def test_each_neighbour_is_a_named_link_and_the_legend_names_each_tie_shown(tmp_path):
    site = core_site(
        tmp_path,
        {
            "a.md": note("A", "See [[b]].", ["x"]),
            "b.md": note("B & co", "Back to [[a]]."),
            "c.md": note("C", tags=["x"]),
        },
    )
    layouts = {layout.note.path: layout for layout in site.layouts}
    page = layouts["notes/a.md"].overview
    near = [(n, layouts[n.path]) for n in neighbours_of(site, "a.md")]
    [block, _] = connections_block(page, near, OverviewPage("vault-graph.md", "G"), LABELS["en"], True)
    parsed = _Drawing()
    parsed.feed(block)
    assert [(a["href"], a.get("aria-label")) for a in parsed.links] == [
        ("../c/", "C — shares tags: x"),  # the left column first
        ("../b/", "B & co — links both ways"),
        ("../vault-graph/", None),
    ]
    assert parsed.legend == ["links both ways", "shares a tag"]
    assert "B &amp; co" in block  # escaped where it enters HTML


# --- the whole vault ------------------------------------------------------------------------------


def test_the_vault_graph_stays_bounded_however_many_folders(tmp_path):
    notes = {}
    for folder in range(30):
        for i in range(folder % 3 + 1):
            # Each note links to a note of every other folder: 870 pairs of folders.
            body = " ".join(f"[[f{other:02}/n0]]" for other in range(30) if other != folder)
            notes[f"f{folder:02}/n{i}.md"] = note(f"F{folder} N{i}", body)
    graph = core_site(tmp_path, notes, split_threshold=10_000).knowledge.graph
    assert len(graph.folders) == MAX_FOLDERS + 1
    assert graph.folders[-1].key == OTHERS and graph.folders[-1].folders == 30 - MAX_FOLDERS
    assert sum(f.notes for f in graph.folders) == graph.notes == len(notes)
    assert len(graph.edges) == MAX_EDGES
    assert [e.links for e in graph.edges] == sorted((e.links for e in graph.edges), reverse=True)


def test_folders_every_note_shares_are_left_out_of_the_names(tmp_path):
    notes = {"docs/java/a.md": note("A", "[[b]]"), "docs/db/b.md": note("B"), "docs/db/c.md": note("C")}
    graph = core_site(tmp_path, notes).knowledge.graph
    assert [(f.key, f.name, f.notes) for f in graph.folders] == [
        ("docs/db", "db", 2),
        ("docs/java", "java", 1),
    ]
    assert [(e.a, e.b, e.links) for e in graph.edges] == [(0, 1, 1)]


def test_a_vault_in_one_folder_shows_its_most_connected_notes(tmp_path):
    notes = {f"all/n{i:02}.md": note(f"N{i}") for i in range(30)}
    notes["all/hub.md"] = note("Hub", "[[n03]] [[n07]]")
    graph = core_site(tmp_path, notes).knowledge.graph
    assert [f.note for f in graph.folders[:3]] == ["notes/all/hub.md", "notes/all/n03.md", "notes/all/n07.md"]
    assert len(graph.folders) == MAX_FOLDERS + 1


def test_a_note_named_graph_keeps_its_address(tmp_path):
    site = core_site(tmp_path, {"graph.md": note("Graph theory", "[[tree]]"), "tree.md": note("Trees")})
    assert not site.collisions
    assert site.knowledge.graph_page.url(True) == "vault-graph/"


# --- the built site ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_neighbour_leads_to_a_built_page_and_home_leads_to_the_vault_graph(tmp_path):
    notes = {
        "java/gc.md": note("垃圾回收", "见 [[jvm]]。", ["java"]),
        "java/jvm.md": note("JVM 内存", "回到 [[gc]]。", ["java"]),
        "db/index.md": note("索引", "和 [[gc]] 无关。", ["java"]),
    }
    built = build_notes(tmp_path, notes, "--strict", config=split_all({}))
    assert built.returncode == 0, built.log
    page = "java/gc/"
    view = built.html(page).select_one("section.ns-connections")
    assert view is not None
    hrefs = [a["href"] for a in view.select(".ns-graph__ties a")]
    assert len(hrefs) == 2
    for href in hrefs:
        target = resolve(page, href)
        assert (built.site / target / "index.html").is_file(), target
    assert {a["aria-label"].split(" — ")[0] for a in view.select(".ns-graph__ties a")} == {"JVM 内存", "索引"}
    home = built.html("")
    graph_links = [a["href"] for a in home.select("a") if resolve("", a["href"]) == "vault-graph/"]
    assert graph_links
    vault = built.html("vault-graph/")
    rows = vault.select(".ns-graph__table tbody tr")
    assert {row.th.get_text() for row in rows} == {"java", "db"}
    for a in vault.select("svg a"):
        assert vault.find(id=a["href"].removeprefix("#")) is not None
