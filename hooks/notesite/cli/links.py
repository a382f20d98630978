"""`notesite links`: check the reference URLs of the notes, or given URLs, and report each one's status.

    notesite links                      # every reference URL under ./docs/notes
    notesite links --url URL --url URL  # just these
    notesite links --urls-file urls.txt --format json

Exit status: 0 when nothing is broken, 1 when something is, 2 for a usage error (design contract 6).
Results refresh the cache (.linkcheck/cache.json) unless --no-cache; fresh entries are reused.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from notesite.linkcheck import CheckOptions, LinkCache, LinkResult, LinkStatus, check_urls
from notesite.linkcheck.cache import DEFAULT_MAX_AGE, DEFAULT_PATH
from notesite.linkcheck.report import counts, markdown_report, text_summary
from notesite.linkcheck.result import utc_now_iso

DEFAULTS = CheckOptions()


def positive(kind: type[float] | type[int]) -> Callable[[str], float | int]:
    def parse(text: str) -> float | int:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive: {text}")
        return value

    parse.__name__ = kind.__name__  # argparse names the type in its error message
    return parse


def parse_args(argv: list[str] | None, root: Path, prog: str | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Check the reference URLs of the notes, or the URLs given.",
        epilog="Exit status: 0 nothing broken, 1 something broken, 2 usage error.",
    )
    source = parser.add_argument_group("what to check (default: the notes)")
    source.add_argument("--url", action="append", default=[], help="a URL to check (repeatable)")
    source.add_argument("--urls-file", type=Path, help="file with one URL per line ('-' for stdin)")
    source.add_argument(
        "--notes", type=Path, default=root / "docs" / "notes", help="folder of notes (default: docs/notes)"
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--format", choices=["text", "json"], default="text", help="text (default) or json lines"
    )
    output.add_argument("--report-json", type=Path, metavar="FILE", help="also write a JSON report")
    output.add_argument("--report-md", type=Path, metavar="FILE", help="also write a Markdown report")
    checking = parser.add_argument_group("checking")
    checking.add_argument(
        "--allow-private", action="store_true", help="check private and loopback addresses too"
    )
    checking.add_argument(
        "--timeout", type=positive(float), default=DEFAULTS.timeout, help="seconds per request"
    )
    checking.add_argument(
        "--budget", type=positive(float), default=DEFAULTS.budget, help="seconds for the run"
    )
    checking.add_argument(
        "--concurrency", type=positive(int), default=DEFAULTS.max_concurrency, help="requests in flight"
    )
    checking.add_argument(
        "--per-host", type=positive(int), default=DEFAULTS.per_host, help="requests in flight per host"
    )
    cache = parser.add_argument_group("cache")
    cache.add_argument("--cache", type=Path, default=root / DEFAULT_PATH, metavar="PATH", help="cache file")
    cache.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    cache.add_argument(
        "--max-age", type=positive(float), default=DEFAULT_MAX_AGE.days, metavar="DAYS",
        help="reuse cached results up to this age",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.urls_file is not None and str(args.urls_file) != "-" and not args.urls_file.is_file():
        parser.error(f"--urls-file {args.urls_file}: no such file")
    try:
        args.file_urls = read_urls_file(args.urls_file) if args.urls_file else []
    except (OSError, UnicodeDecodeError) as error:
        parser.error(f"--urls-file {args.urls_file}: cannot be read as UTF-8 text ({error})")
    for report in (args.report_json, args.report_md):
        if report is not None and not report.parent.is_dir():
            parser.error(f"{report}: no folder {report.parent} to write the report into")
    if not (args.url or args.urls_file) and not args.notes.is_dir():
        parser.error(f"no URLs given and no notes folder at {args.notes}")
    return args


def read_urls_file(path: Path) -> list[str]:
    """One URL per line; blank lines and lines starting with # are skipped."""
    text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def note_urls(notes: Path) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """Reference URLs of every note, where each is cited ("notes/a.md:12 [3]"), and what else is
    wrong with the entries (declared domain, identifiers, never cited) for the author."""
    from notesite.analyse.reference_checks import reference_diagnostics
    from notesite.knowledge.reference_report import citation_places
    from notesite.model.diagnostics import NoteError
    from notesite.read.parser import parse_note_file

    urls: list[str] = []
    sources: dict[str, list[str]] = defaultdict(list)
    entries: list[str] = []
    for path in sorted(notes.rglob("*.md")):
        try:
            note = parse_note_file(path, docs_dir=notes.parent)
        except NoteError as exc:  # the build reports it too; the other notes still get checked
            print(f"warning: skipping {path}: {exc}", file=sys.stderr)
            continue
        cited = citation_places(note)
        for reference in note.references:
            if reference.url:
                urls.append(reference.url)
                sources[reference.url].append(f"{note.path}:{reference.line} [{reference.number}]")
            if reference.number not in cited:
                entries.append(f"{note.path}:{reference.line}: reference [{reference.number}] is never cited")
        entries += [str(diagnostic) for diagnostic in reference_diagnostics(note)]
    return urls, sources, sorted(entries)


def terminal_progress(done: int, total: int, result: LinkResult) -> None:
    sys.stderr.write(f"\r\033[K[{done}/{total}] {result.status} {result.url[:100]}")
    sys.stderr.flush()


def main(argv: list[str] | None = None, root: Path = Path("."), prog: str | None = None) -> int:
    """`root`: the site's folder (its mkdocs.yml's): docs/notes/ and the link cache are there."""
    args = parse_args(argv, root, prog)
    logging.basicConfig(format="%(levelname)s: %(message)s")
    if args.url or args.urls_file:
        urls = args.url + args.file_urls
        sources: dict[str, list[str]] = {}
        entries: list[str] = []
    else:
        urls, sources, entries = note_urls(args.notes)
    urls = list(dict.fromkeys(urls))

    options = CheckOptions(
        timeout=args.timeout,
        budget=args.budget,
        max_concurrency=args.concurrency,
        per_host=args.per_host,
        allow_private=args.allow_private,
    )
    cache = None if args.no_cache else LinkCache.load(args.cache, timedelta(days=args.max_age))
    show_progress = args.format == "text" and sys.stderr.isatty()
    started = time.monotonic()
    results = check_urls(urls, options, cache=cache, progress=terminal_progress if show_progress else None)
    seconds = time.monotonic() - started
    if show_progress:
        sys.stderr.write("\r\033[K")
    if cache is not None:
        cache.save()

    if args.format == "json":
        for result in results:
            print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(text_summary(results, sources, seconds), end="")
        if entries:
            print("\nAbout the entries:", *(f"  {entry}" for entry in entries), sep="\n")
    checked_at = utc_now_iso()
    try:
        if args.report_json:
            report = {
                "checked_at": checked_at,
                "counts": counts(results),
                "results": [result.to_json() for result in results],
                "sources": sources,
            }
            args.report_json.write_text(
                json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        if args.report_md:
            args.report_md.write_text(markdown_report(results, sources, checked_at), encoding="utf-8")
    except OSError as error:
        print(f"error: cannot write the report: {error}", file=sys.stderr)
        return 2
    return 1 if any(result.status is LinkStatus.BROKEN for result in results) else 0
