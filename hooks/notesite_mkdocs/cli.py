"""`notesite check|links|export`: the note checker, the link checker and the export."""

from __future__ import annotations

import sys
from pathlib import Path

USAGE = """usage: notesite {check,links,export} [options]

  check   report every problem the build would log about the notes, as file:line
  links   check the notes' reference URLs (or URLs given) and report each one's status
  export  write the generated pages and a plain config for engines that run no plugins

`notesite COMMAND --help` describes each command's options.
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command, rest = (args[0], args[1:]) if args else ("", [])
    # Imported on demand: `check` must not pay for MkDocs or aiohttp.
    if command == "check":
        from notesite.cli.check import main as check
        from notesite_mkdocs.site_file import site_settings

        docs, site = site_settings(Path.cwd())
        return check(rest, docs=docs, prog="notesite check", site=site)
    if command == "links":
        from notesite.cli.links import main as links

        return links(rest, prog="notesite links")
    if command == "export":
        from notesite_mkdocs.export import main as export

        return export(rest, prog="notesite export")
    if command in ("-h", "--help"):
        print(USAGE, end="")
        return 0
    print(USAGE, end="", file=sys.stderr)
    if command:
        print(f"notesite: unknown command {command!r}", file=sys.stderr)
    return 2
