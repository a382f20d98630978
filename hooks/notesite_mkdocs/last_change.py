"""When each note last changed: its last commit where docs/ is in a git repository (one `git log`
pass for all of them), else the file's modification date. Never the network."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

# Each commit's date after this mark, then the files it touched, one a line.
_MARK = "\x01"


def last_changes(docs_dir: Path, note_paths: list[str]) -> dict[str, date]:
    """Note path under docs/ → the day it last changed."""
    committed = _git_dates(docs_dir, set(note_paths))
    found: dict[str, date] = {}
    for path in note_paths:
        if path in committed:
            found[path] = committed[path]
            continue
        try:
            found[path] = date.fromtimestamp((docs_dir / path).stat().st_mtime)
        except OSError:  # gone since it was listed: the build says so elsewhere
            continue
    return found


def _git_dates(docs_dir: Path, wanted: set[str]) -> dict[str, date]:
    """The newest commit date of each wanted path that git knows; {} outside a repository."""
    command = [
        "git", "-c", "core.quotepath=off", "log", f"--format={_MARK}%cI", "--name-only",
        "--relative", "--no-renames", "--", ".",
    ]  # fmt: skip
    try:
        run = subprocess.run(command, cwd=docs_dir, capture_output=True, text=True, check=False)
    except OSError:  # no git installed
        return {}
    if run.returncode != 0:
        return {}
    found: dict[str, date] = {}
    day: date | None = None
    for line in run.stdout.splitlines():
        if line.startswith(_MARK):
            day = date.fromisoformat(line[1:11])
        elif day is not None and line in wanted and line not in found:
            found[line] = day  # the log is newest first
    return found
