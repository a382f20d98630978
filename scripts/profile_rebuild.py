#!/usr/bin/env python3
"""Where one serve rebuild's time goes: a project built in this process as `mkdocs serve` builds it,
then one note edited and the site rebuilt as serve's rebuild does, with each phase timed.

    .venv/bin/python scripts/profile_rebuild.py VAULT --edit NOTE [--edits 3] [--profile 25]
    .venv/bin/python scripts/profile_rebuild.py --notes 1000

As under `mkdocs serve`: the config is loaded afresh for every build (MkDocs keeps the notesite
plugin's instance, which handles `on_startup`, and makes the others again), the first build is
clean, and each rebuild after an edit is the dirty one notesite's `on_serve` makes of plain
serve's. Printed per rebuild: the seconds from the config's loading to each build event, and with
`--profile N` the N functions with the most cumulative time of the last rebuild (cProfile).
The project is a scratch copy (scripts/scratch_project.py) in a temporary folder, or `--keep DIR`.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from scripts.bench_vault import ENV, buildable_copy, edit_target, generate_vault, project  # noqa: E402

EVENTS = ("config", "pre_build", "files", "nav", "env", "post_build")
# Functions whose seconds per rebuild are summed (module, attribute path).
PARTS = (
    ("notesite_mkdocs.files", "note_sources"),
    ("notesite_mkdocs.files", "build_notes"),
    ("notesite.build", "plan_site"),
    ("notesite_mkdocs.files", "publish_notes"),
    ("notesite_mkdocs.files", "shared_key"),
    ("notesite_mkdocs.files", "site_index"),
    ("notesite_mkdocs.note_page", "NotePage.__init__"),
    ("notesite_mkdocs.serve", "ServeState.before_build"),
    ("notesite_mkdocs.serve", "ServeState.finished"),
    ("mkdocs.commands.build", "get_files"),
    ("mkdocs.commands.build", "get_navigation"),
    ("mkdocs.commands.build", "_populate_page"),
    ("mkdocs.commands.build", "_build_page"),
)
SPENT: dict[str, float] = {}


def time_collections() -> None:
    """The cyclic garbage collector's seconds, summed into SPENT as [gc]."""
    import gc

    began: list[float] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began.append(time.perf_counter())
        elif began:
            SPENT["gc"] = SPENT.get("gc", 0.0) + time.perf_counter() - began.pop()

    gc.callbacks.append(callback)


def time_parts() -> None:
    """Each of PARTS wrapped, its seconds summed into SPENT."""
    import functools
    import importlib

    for module_name, attribute in PARTS:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for step in path:
            owner = getattr(owner, step)
        inner = getattr(owner, name)

        @functools.wraps(inner)
        def wrapper(*args: Any, _inner: Any = inner, _key: str = attribute, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return _inner(*args, **kwargs)
            finally:
                SPENT[_key] = SPENT.get(_key, 0.0) + time.perf_counter() - start

        setattr(owner, name, wrapper)


def timed_build(config_file: Path, site: Path, dirty: bool, first: bool) -> tuple[dict[str, float], Any]:
    """One build as serve runs it; the seconds from its start until each event began, and the end."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    marks: dict[str, float] = {}
    config = load_config(str(config_file), site_dir=str(site))
    marks["load_config"] = time.perf_counter() - start
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    run_event = config.plugins.run_event

    def timed(name: str, item: Any = None, **kwargs: Any) -> Any:
        if name in EVENTS:
            marks[f"on_{name}"] = time.perf_counter() - start
        result = run_event(name, item, **kwargs)
        if name in EVENTS:
            marks[f"on_{name} done"] = time.perf_counter() - start
        return result

    SPENT.clear()
    config.plugins.run_event = timed  # type: ignore[method-assign]
    config.site_url = "http://127.0.0.1:8000/"
    build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)
    marks["end"] = time.perf_counter() - start
    return {**marks, **{f"[{k}]": v for k, v in SPENT.items()}}, config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", nargs="?", type=Path, help="a folder of notes (default: generated)")
    parser.add_argument("--notes", type=int, default=430, help="size of the generated vault")
    parser.add_argument("--edit", metavar="NOTE", help="the note edited (path in the vault)")
    parser.add_argument("--edits", type=int, default=3, help="rebuilds timed")
    parser.add_argument("--profile", type=int, metavar="N", help="top N functions of the last rebuild")
    parser.add_argument("--minimal", action="store_true", help="a site of only the plugins (bench_vault)")
    parser.add_argument("--log", help="log as serve does (INFO) into this file")
    parser.add_argument("--pause", type=float, default=2.0, help="seconds between rebuilds")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    import os

    os.environ.update(ENV)
    logging.basicConfig(level=logging.INFO if args.log else logging.ERROR, filename=args.log)
    time_parts()
    time_collections()
    tmp = Path(tempfile.mkdtemp(prefix="profile-rebuild-", dir=args.keep))
    try:
        vault = (
            buildable_copy(args.vault, tmp / "vault")
            if args.vault
            else generate_vault(tmp / "vault", args.notes)
        )
        config = project(tmp / "ours", vault, ours=True, minimal=args.minimal)
        note, line = edit_target(vault, args.edit)
        source = config.parent / "docs" / "notes" / note
        site = tmp / "site"
        marks, loaded = timed_build(config, site, dirty=False, first=True)
        print(f"first build: {marks['end']:.2f} s")
        original = source.read_text("utf-8").splitlines(keepends=True)
        for n in range(args.edits):
            source.write_text(
                "".join([*original[:line], f"\nprofile-edit-{n}\n\n", *original[line:]]), "utf-8"
            )
            profiler = cProfile.Profile() if args.profile and n == args.edits - 1 else None
            if profiler:
                profiler.enable()
            marks, loaded = timed_build(config, site, dirty=True, first=False)
            if profiler:
                profiler.disable()
            print(
                f"rebuild {n + 1} after editing {note}: "
                + ", ".join(f"{k} {v:.2f}" for k, v in marks.items())
            )
            if profiler:
                stats = pstats.Stats(profiler)
                stats.sort_stats("cumulative").print_stats(args.profile)
                stats.sort_stats("tottime").print_stats(args.profile)
            time.sleep(args.pause)  # as between edits under serve: the search index is made
        loaded.plugins.on_shutdown()
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
