"""Links in notes, resolved against the whole vault: to other notes, to headings, to files.

Authors write links the way their editor taught them: relative paths (`../x.md`, `x.md#标题`),
paths from the vault's root (`/java/gc.md`, VuePress' `/java/gc` or `.html`), same-note anchors
(`#标题`), images (`./images/p.png`, `<img src=…>`) and Obsidian's `[[note]]`, `[[note#标题]]`,
`[[note|文字]]`, `![[p.png]]`. Splitting a note into pages moves every target, so each link is
resolved here to the note and heading line (or file) it means; the renderer turns that into a
URL from whichever generated page shows the link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.inline import Inline, InlineKind
from notesite.model.note import BlockKind, FrontMatter, Note
from notesite.model.plain_text import plain
from notesite.read.blocks import heading_text

NOTE_SUFFIXES = (".md", ".markdown")
# How many leading folders of a `/`-rooted path may name a root above the vault.
_ROOTS_ABOVE = 4
# Link kinds whose target is a place in the vault (autolinks are always absolute URLs).
_RESOLVED_KINDS = {
    InlineKind.LINK,
    InlineKind.IMAGE,
    InlineKind.WIKILINK,
    InlineKind.EMBED,
    InlineKind.HTML,
    InlineKind.DEFINITION,
}


@dataclass(frozen=True)
class NoteTarget:
    """A note, at one of its heading lines (None: the note as a whole), or at the line of one
    of its block ids."""

    path: str  # docs-relative path of the note
    line: int | None = None
    block: str = ""  # the block id (`^id` without its `^`) the line carries


@dataclass(frozen=True)
class FileTarget:
    """A file of docs/ that is published as it is: an image, a PDF, an ordinary page."""

    path: str  # docs-relative


@dataclass(frozen=True)
class MissingTarget:
    """A relative path that names nothing: kept, from the site's root, for the reader to see
    where it pointed (the author was told where it is written)."""

    path: str  # docs-relative, as the note's folder and the written path make it
    anchor: str = ""


@dataclass(frozen=True)
class UnresolvedTarget:
    """A wiki link to a note not written yet: Obsidian shows its text, styled as unresolved."""

    name: str  # as written, without `#heading`


Target = NoteTarget | FileTarget | MissingTarget | UnresolvedTarget


@dataclass(frozen=True)
class ResolvedLink:
    inline: Inline
    line: int
    target: Target


def is_external(target: str) -> bool:
    """Has a scheme (`https:`, `mailto:`) or a host (`//cdn…`): not a place in the vault."""
    parts = urlsplit(target)
    return bool(parts.scheme or parts.netloc) or target.startswith("//")


def anchor_key(text: str) -> str:
    """What two spellings of one heading's anchor share, whichever slugger made them."""
    return "".join(char for char in plain(unquote(text)).lower() if char.isalnum())


class LinkResolver:
    """Every note and published file of one build, for resolving links between them.

    `notes` are the docs-relative paths of the notes; `load` gives the model of one when a link
    names one of its headings (the build has them all parsed; the checker parses on demand).
    """

    def __init__(
        self,
        notes: Iterable[str],
        files: Iterable[str],
        load: Callable[[str], Note | None],
        notes_folder: str = "notes/",
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self.notes = set(notes)
        # `aliases:` of the notes' front matter, lower-cased → note path (Obsidian's other names).
        self.aliases = {alias.lower(): path for alias, path in (aliases or {}).items()}
        self.files = set(files)  # docs-relative paths of the other files (images, pages…)
        self.load = load
        self.notes_folder = notes_folder
        self._by_stem: dict[str, list[str]] = {}
        self._by_name: dict[str, list[str]] = {}
        self._headings: dict[str, dict[str, list[int]]] = {}  # note → anchor key → heading lines
        for path in sorted(self.notes):
            stem = posixpath.splitext(posixpath.basename(path))[0].lower()
            self._by_stem.setdefault(stem, []).append(path)
        for path in sorted(self.files):
            self._by_name.setdefault(posixpath.basename(path).lower(), []).append(path)

    # --- the links of a note ------------------------------------------------------------------

    def links_of(self, note: Note) -> tuple[list[ResolvedLink], list[Diagnostic]]:
        """Every resolvable link of `note` with its target; a message for each that is not."""
        found: list[ResolvedLink] = []
        problems: list[Diagnostic] = []
        unwritten: set[str] = set()  # notes not written yet: told once per note
        for number, inlines in sorted(note.inlines.items()):
            # An image inside a link's text (a badge) is a link of its own.
            for inline in (each for outer in inlines for each in (outer, *outer.inner)):
                if inline.kind not in _RESOLVED_KINDS or not inline.target.strip():
                    continue
                if inline.kind not in (InlineKind.WIKILINK, InlineKind.EMBED) and is_external(inline.target):
                    continue
                target, problem = self.resolve(note, inline)
                if target is not None:
                    found.append(ResolvedLink(inline, number, target))
                if isinstance(target, UnresolvedTarget):
                    if target.name.lower() not in unwritten:
                        unwritten.add(target.name.lower())
                        problems.append(Diagnostic(note.path, number, problem, Severity.INFO))
                elif problem:
                    # As MkDocs does: a path from the root may be meant for another server.
                    absolute = inline.target.strip().startswith(("/", "\\"))
                    severity = Severity.INFO if absolute else Severity.WARNING
                    problems.append(Diagnostic(note.path, number, problem, severity))
        return found, problems

    def resolve(self, note: Note, inline: Inline) -> tuple[Target | None, str]:
        """Where `inline` leads, and what to tell the author when it leads nowhere exactly."""
        wiki = inline.kind in (InlineKind.WIKILINK, InlineKind.EMBED)
        raw = inline.target.strip()
        path, _, anchor = raw.partition("#")
        if not wiki:
            path = urlsplit(path).path
        # Browsers read `\` in a URL as `/`: notes written on Windows link `.\img\p.png`.
        path = unquote(path).strip().replace("\\", "/")
        if not path:
            return self._in_note(note.path, anchor, raw)
        found = self._find(note.path, path, wiki)
        if found is None:
            problem = f"link to '{raw}' leads to no note or file of the site; check the path"
            if wiki:
                # Obsidian's way to say "a note to write": shown as text, never a broken link.
                why = f"'[[{raw}]]' names no note of the vault yet; it is shown as unresolved text"
                return UnresolvedTarget(path), why
            if path.startswith(("/", "\\")):
                return None, problem
            missing = posixpath.normpath(posixpath.join(posixpath.dirname(note.path), path))
            return MissingTarget(missing, anchor), problem
        if found in self.notes:
            return self._in_note(found, anchor, raw)
        return FileTarget(found), ""

    def _in_note(self, path: str, anchor: str, raw: str) -> tuple[Target, str]:
        if not anchor:
            return NoteTarget(path), ""
        if anchor.startswith("^"):
            note = self.load(path)
            block = note.block_ids.get(anchor[1:]) if note else None
            if block is None:
                where = "this note" if raw.startswith("#") else f"'{path}'"
                return NoteTarget(path), f"link '{raw}': {where} has no block '{anchor}'"
            return NoteTarget(path, block, anchor[1:]), ""
        line = self.heading_line(path, anchor)
        if line is None:
            where = "this note" if raw.startswith("#") else f"'{path}'"
            return NoteTarget(path), f"link '{raw}': {where} has no heading '{unquote(anchor)}'"
        return NoteTarget(path, line), ""

    def _find(self, here: str, path: str, wiki: bool) -> str | None:
        """The docs-relative file a written path names, trying the forms vaults use."""
        folder = posixpath.dirname(here)
        if path.startswith(("/", "\\")):
            # From the vault's root, or from a repository root a few folders above it
            # (`/docs/x.md`); the few keep a path of a thousand folders linear.
            parts = path.strip("/").split("/")
            bases = ["/".join(parts[i:]) for i in range(min(len(parts), _ROOTS_ABOVE))]
            # VitePress serves `public/x.png` at `/x.png`.
            roots = (self.notes_folder, "", self.notes_folder + "public/")
            candidates = [root + base for base in bases for root in roots]
        else:
            candidates = [posixpath.normpath(posixpath.join(folder, path))]
            if wiki:
                candidates.append(self.notes_folder + path.strip("/"))
        for candidate in candidates:
            found = self._existing(candidate)
            if found:
                return found
        return self._by_name_only(path) if wiki else None

    def _existing(self, candidate: str) -> str | None:
        if candidate.startswith("../"):
            return None
        stem, suffix = posixpath.splitext(candidate)
        options = [candidate]
        if suffix.lower() in (".html", ".htm"):
            options.append(stem + ".md")
        if suffix.lower() not in NOTE_SUFFIXES:
            options += [candidate + ".md"]
        options += [posixpath.join(candidate, name) for name in ("README.md", "readme.md", "index.md")]
        for option in options:
            option = option.removeprefix("./")
            if option in self.notes or option in self.files:
                return option
        return None

    def _by_name_only(self, path: str) -> str | None:
        """Obsidian's short form, case-insensitive: a note named like this anywhere in the vault
        (a dot in a name is no extension unless it is `.md`; with folders, the shortest path
        ending so), a note's alias, else a file of that name."""
        name = posixpath.basename(path)
        stem, suffix = posixpath.splitext(name)
        key = (stem if suffix.lower() in NOTE_SUFFIXES else name).lower()
        tail = "/" + (posixpath.splitext(path)[0] if suffix.lower() in NOTE_SUFFIXES else path).lower()
        notes = [
            note for note in self._by_stem.get(key, []) if posixpath.splitext(note)[0].lower().endswith(tail)
        ]
        if notes:
            return min(notes, key=lambda note: (note.count("/"), note))
        if path.lower() in self.aliases:
            return self.aliases[path.lower()]
        files = self._by_name.get(name.lower(), [])
        return files[0] if files else None

    # --- headings -----------------------------------------------------------------------------

    def heading_line(self, path: str, anchor: str) -> int | None:
        """The line of the heading an anchor names: by its slug in any common slugger's
        spelling; `x-1`/`x_1` for the second heading named x."""
        headings = self._headings.get(path)
        if headings is None:
            note = self.load(path)
            headings = self._headings[path] = {}
            for line, text in heading_texts(note) if note else []:
                headings.setdefault(anchor_key(text), []).append(line)
        matches = headings.get(anchor_key(anchor))
        if matches:
            return matches[0]
        base, sep, count = anchor.replace("_", "-").rpartition("-")
        if sep and count.isdigit() and len(count) < 4:
            repeats = headings.get(anchor_key(base), [])
            if int(count) < len(repeats):
                return repeats[int(count)]
        return None


def note_aliases(notes: Iterable[tuple[str, FrontMatter]]) -> dict[str, str]:
    """Each note's other names from `aliases:` (a name or a list of names) → the note's path,
    from (path, front matter) of every note."""
    found: dict[str, str] = {}
    for path, front_matter in notes:
        value = front_matter.extra.get("aliases")
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        for name in names:
            if isinstance(name, str | int | float) and str(name).strip():
                found.setdefault(str(name).strip(), path)
    return found


def heading_texts(note: Note) -> Iterable[tuple[int, str]]:
    """(line, text) of every heading of the note, the title included, in source order."""
    found = [(section.heading.line, section.heading.text) for top in note.sections for section in top.walk()]
    found += [
        (block.span.start, heading_text(block.lines[0]))
        for block in note.blocks()
        if block.kind is BlockKind.HEADING
    ]
    if note.title_line:
        found.append((note.title_line, heading_text(note.lines[note.title_line - 1])))
    return sorted(found)
