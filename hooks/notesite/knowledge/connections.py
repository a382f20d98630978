"""How notes connect: each note's strongest neighbours, and the vault as folders linked to folders.

A note's neighbours are the notes it links to (or names as related in its front matter), the notes
that link to it, and the notes that share one of its tags. Links weigh most: each link either way
counts 3 (up to three links each way), each shared tag 1. The strongest `MAX_NEIGHBOURS` are kept,
ties broken by path, so every build picks the same ones. A tag on more than `TAG_PEERS` notes ties
too much together to say anything of two of them, and is not followed: that also keeps the work per
note bounded however large the vault.

The vault view groups notes by folder (the first level of folders below notes/, or the second
when every note sits in one folder): the `MAX_FOLDERS` largest folders, the rest as one group, and
the `MAX_EDGES` heaviest links between them. Its size never grows with the vault.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from notesite.knowledge.backlinks import Backlinks
from notesite.knowledge.related import Related
from notesite.knowledge.tags import Tag, tag_key, visible_tags
from notesite.layout.links import NoteTarget, ResolvedLink
from notesite.layout.pages import NoteLayout

MAX_NEIGHBOURS = 12
TAG_PEERS = 50
LINK_WEIGHT = 3
LINKS_COUNTED = 3  # links one way beyond this many add nothing more
MAX_FOLDERS = 20
MAX_EDGES = 40
TOP_NOTES = 3  # notes named beside each folder of the vault view


@dataclass(frozen=True)
class Neighbour:
    path: str  # the other note
    links_to: int = 0  # links from the note to it, a related note counted as one
    linked_from: int = 0  # pages of it that link to the note
    tags: tuple[str, ...] = ()  # the tags both carry, as the note writes them

    @property
    def score(self) -> int:
        links = min(self.links_to, LINKS_COUNTED) + min(self.linked_from, LINKS_COUNTED)
        return LINK_WEIGHT * links + len(self.tags)


def neighbours(
    path: str,
    links: Iterable[ResolvedLink],
    related: Iterable[Related],
    backlinks: Backlinks,
    tags: Mapping[str, Tag],
    note_tags: Iterable[str],
    notes: Mapping[str, NoteLayout],
) -> list[Neighbour]:
    """The note's strongest neighbours, strongest first (see the module's docstring)."""
    out: Counter[str] = Counter()
    for link in links:
        if isinstance(link.target, NoteTarget) and link.target.path != path:
            out[link.target.path] += 1
    for named in related:
        out[named.path] += 1
    into = Counter(back.source.note.path for back in backlinks.to_note(path))
    shared: dict[str, list[str]] = {}
    for name in note_tags:
        tag = tags.get(tag_key(name))
        if tag is None or len(tag.notes) > TAG_PEERS:
            continue
        for other in tag.notes:
            if other != path:
                shared.setdefault(other, []).append(name)
    found = [
        Neighbour(other, out[other], into[other], tuple(shared.get(other, ())))
        for other in {*out, *into, *shared}
        if other in notes and other != path
    ]
    found.sort(key=lambda n: (-n.score, n.path))
    return found[:MAX_NEIGHBOURS]


def note_neighbours(
    layouts: Iterable[NoteLayout],
    links: Mapping[str, list[ResolvedLink]],
    related: Mapping[str, list[Related]],
    backlinks: Backlinks,
    tags: Mapping[str, Tag],
    show_hidden_tags: bool,
) -> dict[str, list[Neighbour]]:
    """Note path → its neighbours, for every note that has any."""
    by_path = {layout.note.path: layout for layout in layouts}
    found: dict[str, list[Neighbour]] = {}
    for path, layout in by_path.items():
        note_tags = visible_tags(layout.note.tags, show_hidden_tags)
        near = neighbours(
            path, links.get(path, []), related.get(path, []), backlinks, tags, note_tags, by_path
        )
        if near:
            found[path] = near
    return found


# --- the whole vault ----------------------------------------------------------------------------


@dataclass
class FolderNode:
    key: str  # the folder below notes/ ("" for the notes at the top); "*" for the folders merged
    notes: int = 0
    folders: int = 1  # folders it stands for (more than one only for the merged rest)
    links_inside: int = 0
    top: list[str] = field(default_factory=list)  # its most connected notes, most first
    note: str = ""  # the note it stands for, when the vault has one folder and shows notes
    name: str = ""  # the key without the folders every note is in (`docs/java` → `java`)


@dataclass(frozen=True)
class FolderEdge:
    a: int  # indexes into VaultGraph.folders, a < b
    b: int
    links: int  # links between the two folders, either way


@dataclass
class VaultGraph:
    folders: list[FolderNode] = field(default_factory=list)  # largest first, the merged rest last
    edges: list[FolderEdge] = field(default_factory=list)  # heaviest first
    notes: int = 0


OTHERS = "*"


def vault_graph(layouts: Iterable[NoteLayout], links: Mapping[str, list[ResolvedLink]]) -> VaultGraph:
    """The vault as at most MAX_FOLDERS + 1 folders and MAX_EDGES links between them; a vault
    whose notes all sit in one folder, as its MAX_FOLDERS most connected notes."""
    paths = sorted(layout.note.path for layout in layouts)
    known = set(paths)
    degree: Counter[str] = Counter()
    pairs: list[tuple[str, str]] = []
    for path in paths:
        for link in links.get(path, []):
            target = link.target
            if isinstance(target, NoteTarget) and target.path != path and target.path in known:
                degree[path] += 1
                degree[target.path] += 1
                pairs.append((path, target.path))
    group = _grouping(paths)
    by_note = len(set(group.values())) == 1 and len(paths) > 1
    if by_note:
        group = {path: path for path in paths}
    sizes = Counter(group[path] for path in paths)
    weight = Counter({key: 0 for key in sizes})
    for path in paths:
        weight[group[path]] += degree[path]
    kept = sorted(sizes, key=lambda key: (-sizes[key], -weight[key], key))
    shown, rest = kept[:MAX_FOLDERS], kept[MAX_FOLDERS:]
    index = {key: i for i, key in enumerate(shown)}
    shared = _shared_folders(list(sizes)) if not by_note else ""
    folders = [
        FolderNode(key, sizes[key], note=key if by_note else "", name=key.removeprefix(shared))
        for key in shown
    ]
    if rest:
        index.update((key, len(folders)) for key in rest)
        folders.append(FolderNode(OTHERS, sum(sizes[key] for key in rest), len(rest)))
    between: Counter[tuple[int, int]] = Counter()
    for source, goal in pairs:
        a, b = index[group[source]], index[group[goal]]
        if a == b:
            folders[a].links_inside += 1
        else:
            between[min(a, b), max(a, b)] += 1
    for path in sorted(paths, key=lambda p: (-degree[p], p)):
        folder = folders[index[group[path]]]
        if degree[path] and len(folder.top) < TOP_NOTES:
            folder.top.append(path)
    edges = [FolderEdge(a, b, count) for (a, b), count in between.items()]
    edges.sort(key=lambda e: (-e.links, e.a, e.b))
    return VaultGraph(folders, edges[:MAX_EDGES], len(paths))


def _shared_folders(keys: list[str]) -> str:
    """The folders every key starts with, with their slash ("" when they differ at the first)."""
    parts = [key.split("/") for key in keys]
    common = []
    for level in zip(*parts, strict=False):
        if len(set(level)) > 1:
            break
        common.append(level[0])
    # A key that is the shared folder itself keeps its name.
    if any(len(p) <= len(common) for p in parts):
        common = common[: min(len(p) for p in parts) - 1]
    return "".join(f"{part}/" for part in common)


def _grouping(paths: list[str], notes_folder: str = "notes/") -> dict[str, str]:
    """Note path → its folder at the first depth that tells folders apart (at most three deep)."""
    folders = {path: posixpath.dirname(path.removeprefix(notes_folder)) for path in paths}
    group: dict[str, str] = {}
    for depth in (1, 2, 3):
        group = {path: "/".join(folder.split("/")[:depth]) for path, folder in folders.items()}
        if len(set(group.values())) > 1:
            break
    return group
