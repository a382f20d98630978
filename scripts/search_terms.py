#!/usr/bin/env python3
"""Print the terms the build gives the search's word segmenter, as a jieba user dictionary.

    .venv/bin/python scripts/search_terms.py                      # every note in docs/notes
    .venv/bin/python scripts/search_terms.py docs/notes/my-note.md

The build reads the same terms from the notes (mkdocs.yml `extra.notesite.search_dictionary`).
A term missing here is one the note does not mark: write it in bold, as a list label
("- **术语**：…") or with an English gloss ("术语（Term）").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from notesite.diagnostics import NoteError  # noqa: E402
from notesite.parser import parse_note_file  # noqa: E402
from notesite.search_terms import jieba_user_dict, search_terms  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notes or folders (default: docs/notes)")
    args = parser.parse_args(argv)
    paths = args.paths or [REPO / "docs" / "notes"]
    files = sorted(f for p in paths for f in (p.rglob("*.md") if p.is_dir() else [p]))
    notes = []
    for file in files:
        try:
            notes.append(parse_note_file(file))
        except NoteError as error:
            print(f"{error.diagnostic} (skipped)", file=sys.stderr)
        except OSError as error:
            parser.error(f"{file}: {error.strerror}")
    sys.stdout.write(jieba_user_dict(search_terms(notes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
