"""Which files under the docs folder are notes: the one rule the build and the checker share.

Every `*.md` file under `docs/notes/`, at any depth, is a note, except:

- names starting with '.' (files and folders): MkDocs leaves them out of the site (its default
  `exclude_docs` is `.*` and `/templates/`, and `/templates/` lies outside `notes/`): info;
- symbolic links that lead outside the docs folder: not published, so a link can't leak a file
  such as `mkdocs.yml` into the site: warning;
- symbolic links that lead nowhere, or round in a loop (including a folder linked to a folder it
  is in): warning;
- folders named like a note (`x.md/`), and anything else that is not a regular file: warning (a
  folder's notes are still read);
- `README.md` beside `index.md`: MkDocs publishes both at one address and leaves README.md out:
  warning.

`find_notes` walks a folder by this rule; `note_file_problem` applies it to one path, for files
MkDocs found by its own walk, so both agree file by file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from notesite.model.diagnostics import Diagnostic, Severity

NOTE_SUFFIX = ".md"


def find_notes(
    docs_dir: Path, folder: str = "notes", *, allow_outside_links: bool = False
) -> tuple[list[str], list[Diagnostic]]:
    """Paths (relative to `docs_dir`, with '/') of the notes under `docs_dir/folder`, sorted, and
    why each thing there that looks like a note or a folder of notes was skipped."""
    docs_real = Path(os.path.realpath(docs_dir))
    notes: list[str] = []
    skipped: list[Diagnostic] = []
    root = docs_dir / folder
    shown_root = Path(folder).as_posix()
    folders: dict[tuple[str, ...], tuple[Diagnostic | None, list[Path]]] = {(): (None, [docs_real])}
    problem, chain = _folder(docs_dir, Path(folder).parts, folders, allow_outside_links)
    if problem is not None:
        return [], [problem]
    if root.is_dir():
        _walk(root, shown_root, chain, notes, skipped, allow_outside_links)
    return sorted(notes), skipped


def published_files(docs_dir: Path) -> list[str]:
    """Every file MkDocs would publish from `docs_dir` (paths relative to it, with '/'): all but
    names starting with '.' (its default `exclude_docs`)."""
    found: list[str] = []
    for folder, folders, files in os.walk(docs_dir):
        folders[:] = [name for name in folders if not name.startswith(".")]
        base = Path(folder).relative_to(docs_dir)
        found += [(base / name).as_posix() for name in files if not name.startswith(".")]
    return sorted(found)


def note_file_problem(
    docs_dir: Path, src_uri: str, *, allow_outside_links: bool = False
) -> Diagnostic | None:
    """Why the file at `src_uri` (relative to `docs_dir`) is not read as a note, or None."""
    return note_file_problems(docs_dir, [src_uri], allow_outside_links=allow_outside_links)[src_uri]


def note_file_problems(
    docs_dir: Path, src_uris: list[str], *, allow_outside_links: bool = False
) -> dict[str, Diagnostic | None]:
    """`note_file_problem` of each of `src_uris`; the folders they share are looked at once."""
    docs_real = Path(os.path.realpath(docs_dir))
    folders: dict[tuple[str, ...], tuple[Diagnostic | None, list[Path]]] = {(): (None, [docs_real])}
    found: dict[str, Diagnostic | None] = {}
    for src_uri in src_uris:
        parts = Path(src_uri).parts
        problem, chain = _folder(docs_dir, parts[:-1], folders, allow_outside_links)
        if problem is None:
            problem = _entry_problem(docs_dir / src_uri, src_uri, chain, docs_real, allow_outside_links)
        found[src_uri] = problem or _file_problem(docs_dir / src_uri, src_uri)
    return found


def _folder(
    docs_dir: Path,
    parts: tuple[str, ...],
    folders: dict[tuple[str, ...], tuple[Diagnostic | None, list[Path]]],
    allow_outside_links: bool,
) -> tuple[Diagnostic | None, list[Path]]:
    """What rules out the folder `parts` (or one above it), and the real folders down to it."""
    if parts not in folders:
        problem, chain = _folder(docs_dir, parts[:-1], folders, allow_outside_links)
        if problem is None:
            path = docs_dir.joinpath(*parts)
            problem = _entry_problem(path, "/".join(parts), chain, chain[0], allow_outside_links)
            # Only a link needs resolving: below a real folder, a plain entry is where it is named.
            chain = [*chain, Path(os.path.realpath(path)) if path.is_symlink() else chain[-1] / parts[-1]]
        folders[parts] = (problem, chain)
    return folders[parts]


def _walk(
    folder: Path,
    shown: str,
    chain: list[Path],
    notes: list[str],
    skipped: list[Diagnostic],
    allow_outside_links: bool,
) -> None:
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as error:
        skipped.append(Diagnostic(shown, 1, f"skipped: the folder cannot be read ({error.strerror})"))
        return
    for name in names:
        path, entry_shown = folder / name, f"{shown}/{name}" if shown != "." else name
        problem = _entry_problem(path, entry_shown, chain, chain[0], allow_outside_links)
        if problem is not None:
            # Dot-files that are no notes (.DS_Store, .obsidian's settings) go unmentioned.
            if problem.severity is not Severity.INFO or name.endswith(NOTE_SUFFIX) or path.is_dir():
                skipped.append(problem)
            continue
        if path.is_dir():
            if name.endswith(NOTE_SUFFIX):
                skipped.append(_folder_named_like_a_note(entry_shown))
            _walk(
                path, entry_shown, [*chain, Path(os.path.realpath(path))], notes, skipped, allow_outside_links
            )
        elif name.endswith(NOTE_SUFFIX):
            problem = _file_problem(path, entry_shown)
            if problem is None and name == "README.md" and "index.md" in names:
                problem = Diagnostic(entry_shown, 1, _BESIDE_INDEX)
            if problem is None:
                notes.append(entry_shown)
            else:
                skipped.append(problem)


def _entry_problem(
    path: Path, shown: str, chain: list[Path], docs_real: Path, allow_outside_links: bool
) -> Diagnostic | None:
    """Why this one file or folder is skipped; `chain` holds the real folders above it."""
    if path.name.startswith("."):
        return Diagnostic(
            shown, 1, "skipped: MkDocs leaves out files and folders whose names start with '.'", Severity.INFO
        )
    if not path.is_symlink():
        return None
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Diagnostic(shown, 1, "skipped: a symbolic link that leads round in a loop")
        return Diagnostic(shown, 1, f"skipped: a symbolic link to '{_link_text(path)}', which does not exist")
    target = Path(os.path.realpath(path))
    # The place for a setting that lets a site publish notes kept outside its docs folder.
    if not allow_outside_links and not target.is_relative_to(docs_real):
        return Diagnostic(
            shown,
            1,
            f"skipped: a symbolic link to '{target}', outside the docs folder; "
            "move the note into the docs folder to publish it",
        )
    if target.is_dir() and any(folder.is_relative_to(target) for folder in chain):
        return Diagnostic(shown, 1, f"skipped: a symbolic link to '{target}', a folder it is in (a loop)")
    return None


def _file_problem(path: Path, shown: str) -> Diagnostic | None:
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return Diagnostic(shown, 1, f"skipped: the file cannot be read ({error.strerror})")
    if stat.S_ISDIR(mode):
        return _folder_named_like_a_note(shown)
    if not stat.S_ISREG(mode):
        return Diagnostic(shown, 1, "skipped: not a regular file (a pipe, socket or device), so not a note")
    return None


# MkDocs publishes both at the folder's index.html and keeps index.md (with a warning of its own).
_BESIDE_INDEX = (
    "skipped: index.md beside it is published at the same address, and MkDocs leaves README.md out; "
    "merge the two notes or rename one"
)


def _folder_named_like_a_note(shown: str) -> Diagnostic:
    message = "a folder named like a note: rename it without '.md' (the notes in it are read)"
    return Diagnostic(shown, 1, message)


def _link_text(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"
