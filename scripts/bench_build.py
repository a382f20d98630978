#!/usr/bin/env python3
"""Build time of the seed site next to a plain Material build of the same note as one page.

    python scripts/bench_build.py              # 5 builds of each, alternating
    python scripts/bench_build.py --repeat 9

Both projects live in a temporary folder (the repository's docs/ is only read) and INHERIT the
repository's mkdocs.yml, so theme, overrides, plugins and Markdown extensions are the same:

- notesite: docs/ as it is, with the notesite plugin: the note becomes overview, section, comparison,
  timeline and bibliography pages.
- plain: the same docs/ but the note is `index.md`, one page, and the notesite plugin is off.

Each build is a fresh `mkdocs build` process, run in turn (notesite, plain, notesite, …) after one
untimed warm-up of each. Reported: the wall time of the process (what `make build` costs) and the
time MkDocs itself reports ("Documentation built in …", without Python start-up and imports).
Link checking reads the (empty) cache only, so no network time is included.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from scratch_project import REPO, copy_docs, write_config  # beside this script

SEED = Path("notes") / "inference-vs-operator-dev.md"
_BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")


def project(tmp: Path, name: str, with_plugin: bool) -> Path:
    root = tmp / name
    root.mkdir()
    docs = copy_docs(root)
    if not with_plugin:
        # Every note becomes an ordinary page; the seed is the home page, as on the real site.
        notes = docs / "notes"
        (docs / "index.md").write_text((REPO / "docs" / SEED).read_text("utf-8"), "utf-8")
        for path in sorted(notes.rglob("*.md")):
            if path.name != SEED.name:
                shutil.copy(path, docs / path.name)
        shutil.rmtree(notes)
    return write_config(root, docs, plugin=with_plugin)


def build(config: Path) -> tuple[float, float, int]:
    """(wall seconds, MkDocs' own seconds, pages built) of one `mkdocs build --strict`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NOTESITE_LINK_CHECK": "cache"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    wall = time.perf_counter() - start
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise RuntimeError(f"build of {config} failed:\n{log}")
    own = _BUILT_IN.search(log)
    site = yaml.safe_load(config.read_text("utf-8"))["site_dir"]
    pages = sum(1 for _ in Path(site).rglob("index.html"))  # one per page: directory URLs
    return wall, float(own.group(1)) if own else float("nan"), pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Seed site build time vs a plain Material build.")
    parser.add_argument("--repeat", type=int, default=5, help="timed builds of each (default 5)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="notesite-bench-build-") as folder:
        tmp = Path(folder)
        configs = {"notesite": project(tmp, "notesite", True), "plain": project(tmp, "plain", False)}
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in configs}
        pages: dict[str, int] = {}
        for name, config in configs.items():  # warm-up: caches (.pyc) for both alike
            pages[name] = build(config)[2]
        for round_ in range(1, args.repeat + 1):
            for name, config in configs.items():
                wall, own, _ = build(config)
                times[name].append((wall, own))
                print(f"round {round_} {name:>8}: {wall:.2f} s wall, {own:.2f} s MkDocs")

    print()
    medians = {}
    for name, runs in times.items():
        wall = statistics.median(run[0] for run in runs)
        own = statistics.median(run[1] for run in runs)
        medians[name] = (wall, own)
        print(f"{name:>8}: median {wall:.2f} s wall, {own:.2f} s MkDocs "
              f"(max {max(run[0] for run in runs):.2f} s wall), {pages[name]} pages")  # fmt: skip
    (seed_wall, seed_own), (plain_wall, plain_own) = medians["notesite"], medians["plain"]
    print(f"   ratio: {seed_wall / plain_wall:.2f}x wall, {seed_own / plain_own:.2f}x MkDocs "
          "(notesite / plain)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
