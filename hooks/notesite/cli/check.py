"""`notesite check`: check notes the way the build reads them, and report every problem as `file:line`.

    notesite check                          # every note under ./docs/notes
    notesite check docs/notes/guide.md      # just these notes
    notesite check --format json            # one JSON object per message

Folders are read by the build's rule (`notesite.read.vault`): names starting with '.' are skipped
(info); symbolic links out of the docs folder, dangling or looping links and folders named `x.md`
are skipped and reported (warning). Each message is one the build logs for the note (front
matter, headings, references and citations, timeline spans, sections it could not pair into a
comparison), because both read the note through `notesite.analyse.checked_note.read_note`, and
lays the notes out as the site does (`SiteSettings`: `notesite check` reads them from the current
folder's mkdocs.yml, its docs folder too). Text output is
`path:line: severity: message`, sorted by file and line; a summary goes to stderr.

Exit status: 0 when there are only info messages (or none), 1 when there is a warning or an error
(exactly when `mkdocs build --strict` would stop on the note), 2 for a usage error such as a
missing file. `--quiet` hides info messages; it does not change the exit status.

Fast enough to run on save: it imports no MkDocs and renders no page.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from notesite.analyse.sanitize import HtmlPolicy
from notesite.knowledge.site_plan import SitePlan, plan_site
from notesite.layout.page_size import DEFAULT_SPLIT_THRESHOLD
from notesite.layout.vault_links import VaultLinks, check_note
from notesite.model.diagnostics import Diagnostic, Severity, sort_diagnostics
from notesite.read.vault import find_notes, note_file_problem, published_files

# As `notesite.build.NOTES_FOLDER`; not imported from there, which would load the renderer and
# the link checker (aiohttp) just to read one name.
NOTES_FOLDER = "notes/"


@dataclass(frozen=True)
class SiteSettings:
    """What the site decides of the notes' layout, as its config says (the MkDocs adapter reads
    mkdocs.yml: notesite_mkdocs.site_file); the defaults are the build's."""

    directory_urls: bool = True
    html: HtmlPolicy = HtmlPolicy.SANITIZE
    whole_note: bool = False
    split_threshold: int = DEFAULT_SPLIT_THRESHOLD
    show_hidden_tags: bool = False
    link_report: bool = False
    labels: Mapping[str, str] | None = None  # the interface words (None: from the notes' own)


class UsageError(Exception):
    """A path that names no note: exit status 2."""


def parse_args(argv: list[str] | None, prog: str | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Report, with file:line, everything the build would say about the notes.",
        epilog="Exit status: 0 clean or info only, 1 a warning or error, 2 usage error.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="notes or folders of notes to check (default: every *.md under docs/notes)",
    )
    parser.add_argument(
        "--docs-dir",
        type=Path,
        help="the docs folder messages are relative to (default: docs/ when the note is in it, "
        "else the folder above the note's 'notes' folder, else the note's own folder)",
    )
    parser.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text (default) or json: one JSON object per line",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="hide info messages")
    return parser.parse_args(argv)


def main(
    argv: list[str] | None = None,
    docs: Path = Path("docs"),
    prog: str | None = None,
    site: SiteSettings = SiteSettings(),
) -> int:
    """`docs`: the site's docs folder (the one beside the current folder's mkdocs.yml); `site`:
    how that site lays notes out."""
    started = time.perf_counter()
    args = parse_args(argv, prog)
    try:
        notes, found, folders = _notes(args.paths or [docs / NOTES_FOLDER], args.docs_dir, docs.resolve())
    except UsageError as error:
        print(f"check_notes: {error}", file=sys.stderr)
        return 2

    # A folder is checked as the build reads the vault (cross-note collisions and related notes
    # included); a note named alone, on save, with its links only.
    checked = {note for note, _ in notes}
    plans: dict[Path, SitePlan] = {}
    for docs_dir in folders:
        inside = [n.relative_to(docs_dir).as_posix() for n, d in notes if d == docs_dir]
        plans[docs_dir] = _plan(docs_dir, inside, site)
    for docs_dir, plan in plans.items():
        found += [
            (docs_dir / d.path, d) for d in sort_diagnostics(plan.diagnostics) if docs_dir / d.path in checked
        ]
    links: dict[Path, VaultLinks] = {}  # per docs folder: its notes and files, walked once
    for note, docs_dir in notes:
        if docs_dir in plans:
            continue
        vault = links.setdefault(docs_dir, VaultLinks(docs_dir))
        found += [(note, diagnostic) for diagnostic in check_note(note, docs_dir, vault)]
    # Skipped files among the notes, by file; each note's own messages stay in their order.
    found.sort(key=lambda pair: pair[0].as_posix())

    shown = [(n, d) for n, d in found if not (args.quiet and d.severity is Severity.INFO)]
    for note, diagnostic in shown:
        print(_json(note, diagnostic) if args.format == "json" else _text(note, diagnostic))
    counts = {severity: sum(d.severity is severity for _, d in found) for severity in Severity}
    elapsed = time.perf_counter() - started
    print(
        f"{len(notes)} note(s) checked in {elapsed * 1000:.0f} ms: {counts[Severity.ERROR]} error(s), "
        f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info",
        file=sys.stderr,
    )
    return 1 if counts[Severity.ERROR] or counts[Severity.WARNING] else 0


def _notes(
    paths: list[Path], given_docs_dir: Path | None, docs: Path
) -> tuple[list[tuple[Path, Path]], list[tuple[Path, Diagnostic]], set[Path]]:
    """(note, its docs folder) for the notes named, folders expanded by the build's rule
    (`notesite.read.vault`), each once, in order; why files that look like notes were skipped;
    and the docs folders a folder of notes was named in."""
    notes: dict[Path, Path] = {}
    skipped: list[tuple[Path, Diagnostic]] = []
    folders: set[Path] = set()
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(f"no such file or folder: {path}")
        # The folder resolved, the name kept: a symbolic link is judged by the rule, not followed.
        path = path.parent.resolve() / path.name
        docs_dir = _docs_dir(path / "_" if path.is_dir() else path, given_docs_dir, docs)
        if not path.is_relative_to(docs_dir):
            raise UsageError(f"{path} is not inside the docs folder {docs_dir}")
        relative = path.relative_to(docs_dir).as_posix()
        if path.is_dir():
            found, problems = find_notes(docs_dir, relative)
            folders.add(docs_dir)
        else:
            problem = note_file_problem(docs_dir, relative)
            found, problems = ([], [problem]) if problem else ([relative], [])
        for src_uri in found:
            notes.setdefault(docs_dir / src_uri, docs_dir)
        skipped += [(docs_dir / problem.path, problem) for problem in problems]
    return list(notes.items()), skipped, folders


def _plan(docs_dir: Path, checked: list[str], site: SiteSettings) -> SitePlan:
    """Every note of the docs folder (and those `checked`, wherever they are) laid out as the
    build lays them out, beside its other files at the addresses MkDocs gives them."""
    found, _ = find_notes(docs_dir, NOTES_FOLDER.rstrip("/"))
    notes = sorted({*found, *checked})
    others = [path for path in published_files(docs_dir) if path not in set(notes)]
    dests = {_site_dest(path, site.directory_urls): path for path in others}
    # Each setting is the keyword of plan_site's that it is named for.
    settings = {field.name: getattr(site, field.name) for field in fields(site)}
    return plan_site(docs_dir, notes, other_files=dests, **settings)


def _site_dest(src_uri: str, directory_urls: bool) -> str:
    """Where MkDocs writes a file of docs/: `x.md` as `x/index.html` (`x.html` without directory
    URLs), README.md and index.md as their folder's `index.html`."""
    stem, suffix = posixpath.splitext(src_uri)
    if suffix != ".md":
        return src_uri
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return posixpath.join(folder, "index.html")
    return posixpath.join(stem, "index.html") if directory_urls else stem + ".html"


def _docs_dir(note: Path, given: Path | None, docs: Path) -> Path:
    """Where the build's docs folder would be, so paths in messages match the build log."""
    if given is not None:
        return given.resolve()
    if note.is_relative_to(docs):
        return docs
    folder = NOTES_FOLDER.rstrip("/")
    for parent in note.parents:
        if parent.name == folder:
            return parent.parent
    return note.parent


def _shown_path(note: Path) -> str:
    """The note's path as the user's editor wants it: relative to the current folder if inside."""
    here = Path.cwd().resolve()
    return note.relative_to(here).as_posix() if note.is_relative_to(here) else str(note)


def _text(note: Path, diagnostic: Diagnostic) -> str:
    return f"{_shown_path(note)}:{diagnostic.line}: {diagnostic.severity}: {diagnostic.message}"


def _json(note: Path, diagnostic: Diagnostic) -> str:
    return json.dumps(
        {
            "path": _shown_path(note),
            "docs_path": diagnostic.path,  # as the build log names it, relative to the docs folder
            "line": diagnostic.line,
            "severity": str(diagnostic.severity),
            "message": diagnostic.message,
        },
        ensure_ascii=False,
    )
