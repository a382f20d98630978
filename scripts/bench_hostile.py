#!/usr/bin/env python3
"""Our own time on each 1 MB note of tests/test_adversarial.py's MEGABYTE_NOTES, one line a shape.

    python scripts/bench_hostile.py                    # every shape
    python scripts/bench_hostile.py citations --repeat 3

Each note is alone in a temporary docs folder and built by `notesite.build.build_site`, as
`test_a_megabyte_note_builds` does: read, parse, analyse, lay out, render every page's Markdown
(the whole-note page included). MkDocs' own rendering of that Markdown is not counted. The time is
this process's CPU time (`time.process_time`), the best of `--repeat` builds, so other work on the
machine shifts it less than wall time. The code is this checkout's (hooks/ comes first on the path).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "hooks"), str(REPO)]

from notesite.build import BuildOptions, build_site  # noqa: E402
from tests.test_adversarial import MEGABYTE_NOTES  # noqa: E402


def build_time(text: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp)
        (docs / "notes").mkdir()
        (docs / "notes" / "n.md").write_text(text, encoding="utf-8")
        gc.collect()
        start = time.process_time()
        site = build_site(docs, ["notes/n.md"], BuildOptions(whole_note=True))
        elapsed = time.process_time() - start
    assert site.layouts and not site.broken
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("shapes", nargs="*", help="only shapes whose name contains one of these")
    parser.add_argument("--repeat", type=int, default=1, help="builds per shape; the best is shown")
    args = parser.parse_args()
    for name, text in MEGABYTE_NOTES.items():
        if args.shapes and not any(part in name for part in args.shapes):
            continue
        best = min(build_time(text) for _ in range(args.repeat))
        print(f"{best:6.2f} s  {name}", flush=True)


if __name__ == "__main__":
    main()
