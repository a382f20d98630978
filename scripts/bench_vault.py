#!/usr/bin/env python3
"""A vault built and served by this project and by plain Material, side by side, as ratios.

    .venv/bin/python scripts/bench_vault.py                     # generated vaults of 100, 430, 1000
    .venv/bin/python scripts/bench_vault.py --notes 430 --repeat 3
    .venv/bin/python scripts/bench_vault.py ../shared/corpora/advanced-java
    .venv/bin/python scripts/bench_vault.py --notes 430 --no-serve --no-growth
    .venv/bin/python scripts/bench_vault.py --one-folder 5000 --no-serve --no-growth
    .venv/bin/python scripts/bench_vault.py --corpora --notes 1000 5000   # every real vault too

Both projects get the same files as `docs/notes/` of a scratch project with this repository's
config (scripts/scratch_project.py), or with `--minimal` a config of only `site_name`, `theme:
material` and `plugins: [search, notesite]` (plain: `[search]`), as a user's own site starts;
plain Material's has no hook, so each note is one ordinary
page, which is what a user of plain Material writes. A real vault is first copied, and the copy
made buildable by both in the same way (printed): file names that differ only in case get a
suffix (our build refuses such twins, naming both), and front-matter `icon:` values Material has no
icon for are dropped and a `tags:` of one word becomes a list of one (plain Material stops on
both). Without a folder, a vault of N notes is made by copying the repository's own notes (the
seed fixture and ../shared/corpora/advanced-java when present, with their images) into folders
of varied names until there are N; with `--one-folder N`, N small notes side by side in one
folder (the navigation of a full folder).

Builds are fresh `mkdocs build` processes, alternating (ours, plain, ours, …); the median of
`--repeat` rounds is reported. For each: wall time, CPU time of the process (user + system, from
os.wait4), its peak resident memory, and the size of the site on disk (bytes of all files). Growth
is the build time of the vault of N notes over that of its first N/2 notes. Per note, the largest of
our pages of that note over plain Material's page of that note; the worst is printed. Serve: `mkdocs serve`
of each on a free 127.0.0.1 port; each edit appends a marker to one note's first section and
times the write until the page that shows that section serves the marker: as a browser tab sees
it (livereload's long-poll answers, then the page is loaded again) and by polling the page.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from scripts.bench_serve_latency import LiveReloadWatch, fetch, free_port  # noqa: E402
from scripts.scratch_project import write_config  # noqa: E402

# ../shared/corpora beside the main checkout, or beside the folder of a worktree (../wt/NAME).
CORPORA = next(
    (
        c
        for c in (REPO.parent / "shared" / "corpora", REPO.parent.parent / "shared" / "corpora")
        if c.is_dir()
    ),
    REPO.parent / "shared" / "corpora",
)
SOURCES = [REPO / "tests" / "fixtures" / "seed", CORPORA / "advanced-java"]
# Folder names a real vault has: words, Chinese, spaces, dates, capitals, punctuation.
FOLDER_NAMES = ["java", "系统设计", "Reading Notes", "2024-archive", "Ops_Runbooks", "面试 题",
                "infra.k8s", "misc"]  # fmt: skip
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NOTESITE_LINK_CHECK": "cache"}


@dataclass
class Build:
    wall: float
    cpu: float
    peak_mb: float
    site_mb: float
    largest_kb: float  # the largest page (HTML file) of the site
    ok: bool


def generate_vault(target: Path, notes: int) -> Path:
    """`notes` notes copied from the repository's own, round after round into new folders."""
    sources = [s for s in SOURCES if s.is_dir()]
    files = [(s, p.relative_to(s)) for s in sources for p in sorted(s.rglob("*")) if p.is_file()]
    per_round = sum(1 for _, p in files if p.suffix == ".md")
    copied, round_ = 0, 0
    while copied < notes:
        name = FOLDER_NAMES[round_ % len(FOLDER_NAMES)]
        # At most len(FOLDER_NAMES) folders at the top, as in a real vault; later rounds nest.
        folder = target / name
        if round_ >= len(FOLDER_NAMES):
            folder = folder / f"copy-{round_ // len(FOLDER_NAMES)}"
        for source, relative in files:
            if relative.suffix == ".md":
                if copied >= notes:
                    continue
                copied += 1
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / relative, folder / relative)
        round_ += 1
    assert per_round, "no notes to copy"
    return target


def one_folder(target: Path, notes: int) -> Path:
    """`notes` small notes, each with two sections, in one folder."""
    folder = target / "one-folder"
    folder.mkdir(parents=True)
    for n in range(notes):
        text = f"# Note {n}\n\nA small note, number {n}.\n\n## One\n\nFirst.\n\n## Two\n\nSecond.\n"
        (folder / f"note-{n:05d}.md").write_text(text, encoding="utf-8")
    return target


def first_notes(vault: Path, target: Path, count: int) -> Path:
    """A copy of `vault` with only its first `count` notes (by path) and all its other files."""
    notes = sorted(p.relative_to(vault) for p in vault.rglob("*.md"))
    shutil.copytree(vault, target, ignore=shutil.ignore_patterns("*.md"))
    for note in notes[:count]:
        shutil.copyfile(vault / note, target / note)
    return target


def corpora(target: Path) -> list[Path]:
    """The real vaults of ../shared/corpora: its folders as they are, its tarballs unpacked into
    `target` (the notes of one are NAME/vault/ or NAME/docs/)."""
    if not CORPORA.is_dir():
        raise SystemExit(f"no corpora at {CORPORA}")
    vaults = [p for p in sorted(CORPORA.iterdir()) if p.is_dir()]
    for tarball in sorted(CORPORA.glob("*.tar.xz")):
        with tarfile.open(tarball) as archive:
            archive.extractall(target / tarball.name, filter="data")
        top = next((target / tarball.name).iterdir())
        vaults.append(next(d for d in (top / "vault", top / "docs", top) if d.is_dir()))
    return vaults


ICONS = Path(__import__("material").__file__).parent / "templates" / ".icons"
ICON_LINE = re.compile(r"""icon:[ \t]*["']?([^"'\s]*)["']?[ \t]*""")
TAGS_LINE = re.compile(r"tags:[ \t]*(\S.*?)[ \t]*")


def buildable_copy(vault: Path, target: Path) -> Path:
    """A copy of `vault` both builds accept, the same for both: a file whose path differs from
    another's only in case is renamed NAME-2.md (NAME-3.md, …), and a front-matter `icon:` that
    Material has no icon for (`mdi:home-outline` of VuePress) is dropped, and `tags: word` becomes
    a list of one (Material's tags plugin stops on a string). Prints what it changed."""
    shutil.copytree(vault, target)
    seen: set[str] = set()
    renamed: list[str] = []
    fixed: list[str] = []
    for path in sorted(target.rglob("*.md")):
        key, n, name = path.relative_to(target).as_posix().casefold(), 1, path
        while key in seen:
            n += 1
            name = path.with_name(f"{path.stem}-{n}{path.suffix}")
            key = name.relative_to(target).as_posix().casefold()
        seen.add(key)
        if name != path:
            path.rename(name)
            renamed.append(f"{path.relative_to(target)} → {name.name}")
        fixed += _front_matter_fixes(name)
    if renamed:
        print(f"  {target.name}: renamed {len(renamed)} case twin(s) for both: {'; '.join(renamed)}")
    dropped = [fix.removeprefix("icon ") for fix in fixed if fix.startswith("icon ")]
    if dropped:
        icons = sorted(set(dropped))
        print(
            f"  {target.name}: dropped `icon:` of {len(dropped)} note(s) for both, no such Material "
            f"icon: {', '.join(icons[:5])}{', …' if len(icons) > 5 else ''}"
        )
    if "tags" in fixed:
        print(f"  {target.name}: made `tags: word` a list of one in {fixed.count('tags')} note(s) for both")
    return target


def _front_matter_fixes(note: Path) -> list[str]:
    """What was changed in the note's front matter: an icon Material lacks dropped, a single
    `tags: word` made a list of one (Material's tags plugin stops on a string)."""
    lines = note.read_text("utf-8", errors="surrogateescape").split("\n")
    if not lines or lines[0].strip() != "---":
        return []
    fixes: list[str] = []
    for i, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "..."):
            break
        icon = ICON_LINE.fullmatch(line)
        if icon and not (ICONS / f"{icon.group(1)}.svg").is_file():
            lines[i] = ""
            fixes.append(f"icon {icon.group(1)}")
        tags = TAGS_LINE.fullmatch(line)
        if tags and not tags.group(1).startswith(("[", "|", ">", "#")):
            lines[i] = f"tags:\n  - {tags.group(1)}"
            fixes.append("tags")
    if fixes:
        note.write_text("\n".join(lines), "utf-8", errors="surrogateescape")
    return fixes


def project(root: Path, vault: Path, ours: bool, minimal: bool = False) -> Path:
    docs = root / "docs"
    shutil.copytree(vault, docs / "notes")
    if minimal:  # a user's own site: `plugins: [search, notesite]` and nothing else set up
        config = root / "mkdocs.yml"
        plugins = '["search", "notesite"]' if ours else '["search"]'
        config.write_text(f"site_name: Notes\ntheme: material\nplugins: {plugins}\n", "utf-8")
        return config
    return write_config(root, docs, plugin=ours)


def build(config: Path, cold: bool = True) -> Build:
    site = config.parent / "site"
    shutil.rmtree(site, ignore_errors=True)
    if cold:  # without what the last build kept (notesite's cache_dir)
        shutil.rmtree(config.parent / ".cache", ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        print(errors.decode("utf-8", "replace")[-2000:], file=sys.stderr)
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    largest = max((p.stat().st_size for p in site.rglob("*.html")), default=0)
    # ru_maxrss is in KiB on Linux.
    return Build(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, size / 2**20,
                 largest / 1024, process.returncode == 0)  # fmt: skip


def builds(ours: Path, plain: Path, repeat: int) -> tuple[Build, Build]:
    runs: dict[Path, list[Build]] = {ours: [], plain: []}
    for _ in range(repeat):
        for config in (ours, plain):
            runs[config].append(build(config))
    return _median(runs[ours]), _median(runs[plain])


def _median(runs: list[Build]) -> Build:
    return Build(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak_mb for r in runs),
        runs[-1].site_mb,
        runs[-1].largest_kb,
        all(r.ok for r in runs),
    )


# --- serve -------------------------------------------------------------------------------------


def wait_for(
    url: str, text: str, timeout: float, interval: float = 0.02, alive: subprocess.Popen | None = None
) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout and (alive is None or alive.poll() is None):
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def shown_in_browser(
    base: str, url: str, text: str, write: Callable[[], None], timeout: float
) -> float | None:
    """Seconds from `write()` until a browser tab on `url` shows `text`: the tab waits on
    livereload's long-poll, then loads the page again (and waits again if that rebuild came
    before the edit)."""
    watch = LiveReloadWatch(base, fetch(url) or "")
    start = time.perf_counter()
    write()
    while (waited := watch.seconds_after(start, timeout)) is not None and waited < timeout:
        body = fetch(url) or ""
        if text in body:
            return time.perf_counter() - start
        watch = LiveReloadWatch(base, body)
    return None


def edit_target(vault: Path, chosen: str | None = None) -> tuple[Path, int]:
    """A note with sections (the first by path, or `chosen`), and the line its marker goes before
    (its second H2, or the end)."""
    if chosen and not (vault / chosen).is_file():
        raise SystemExit(f"--edit {chosen}: no such note in {vault}")
    for note in [vault / chosen] if chosen else sorted(vault.rglob("*.md")):
        lines = note.read_text("utf-8").splitlines()
        h2 = [i for i, line in enumerate(lines) if line.startswith("## ")]
        if len(h2) >= 2 and "```" not in "\n".join(lines[h2[0] : h2[1]]):
            return note.relative_to(vault), h2[1]
        if chosen:
            return note.relative_to(vault), len(lines)
    raise SystemExit("no note with two sections to edit")


def page_url(config: Path, ours: bool, note: Path, line: int) -> str:
    """Where the edited lines are shown: the note's page (plain) or the section page (ours)."""
    if not ours:
        folder, name = posixpath.split(note.with_suffix("").as_posix())
        return "notes/" + "".join(
            f"{part}/" for part in (folder, name if name not in ("README", "index") else "") if part
        )
    index = json.loads((config.parent / "site" / "notes.json").read_text("utf-8"))
    source = f"docs/notes/{note.as_posix()}"
    entry = next(n for n in index["notes"] if n["source"] == source)
    for page in entry["pages"]:
        span = page["source_lines"]
        if span and span[0] <= line <= span[1]:  # line is 1-based: the line before the marker
            return page["url"]
    return entry["pages"][0]["url"]


def serve_latency(
    config: Path, ours: bool, note: Path, line: int, edits: int
) -> tuple[list[float], list[float]]:
    """Seconds from writing an edit until its page shows it, for each of `edits` edits: as a
    browser tab sees it (livereload, then the page), and by polling the page 50 times a second
    (which also costs the server's process time while it rebuilds)."""
    source = config.parent / "docs" / "notes" / note
    original = source.read_text("utf-8")
    lines = original.splitlines(keepends=True)
    url_path = page_url(config, ours, note, line)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/{urllib.parse.quote(urllib.parse.unquote(url_path))}"
    # Both as their users type it, plain `mkdocs serve`: the notesite plugin makes its rebuilds
    # dirty itself and keeps them right (navigation, search, deleted notes); plain Material's
    # rebuilds are whole, since its dirty ones are not right.
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr",
               f"127.0.0.1:{port}", "--livereload"]  # fmt: skip
    log = (config.parent / "serve.log").open("w")
    process = subprocess.Popen(command, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    browser: list[float] = []
    polled: list[float] = []
    try:
        if wait_for(url, "<h1", timeout=600, interval=0.2, alive=process) is None:
            raise SystemExit(f"serve never showed {url}; see {log.name}")
        for round_ in range(2 * edits):
            marker = f"bench-edit-{round_}-{uuid.uuid4().hex[:8]}"
            text = "".join([*lines[:line], f"\n{marker}\n\n", *lines[line:]])
            if round_ < edits:
                shown = shown_in_browser(
                    base, url, marker, lambda text=text: source.write_text(text, "utf-8"), 600
                )
                browser.append(float("nan") if shown is None else shown)
            else:
                start = time.perf_counter()
                source.write_text(text, "utf-8")
                shown = wait_for(url, marker, timeout=600)
                polled.append(float("nan") if shown is None else time.perf_counter() - start)
            time.sleep(1.0)  # past the watcher's next poll, so rounds don't overlap
        source.write_text(original, "utf-8")
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
    return browser, polled


def html_file(site: Path, url: str) -> Path:
    path = site / urllib.parse.unquote(url)
    return path / "index.html" if url.endswith("/") or not url else path


def worst_page_ratio(ours_site: Path, plain_site: Path) -> tuple[float, str]:
    """The largest, over notes, of our largest page of a note over plain Material's page of it,
    and which page that is."""
    worst, where = 0.0, "no note"
    index = json.loads((ours_site / "notes.json").read_text("utf-8"))
    for note in index["notes"]:
        source = Path(note["source"]).relative_to("docs/notes")
        plain = html_file(plain_site, page_url(Path(), False, source, 0))
        if not plain.is_file():
            continue
        for page in note["pages"]:
            ours = html_file(ours_site, page["url"])
            if ours.is_file() and (r := ours.stat().st_size / plain.stat().st_size) > worst:
                worst, where = r, f"{page['url']} ({note['source']})"
    return worst, where


# --- report ------------------------------------------------------------------------------------


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "n/a"


def row(what: str, ours: float, plain: float, unit: str) -> str:
    return f"| {what:<28} | {ours:>9.2f} {unit:<2} | {plain:>9.2f} {unit:<2} | {ratio(ours, plain):>7} |"


def bench(vault: Path, tmp: Path, args: argparse.Namespace) -> None:
    notes = sum(1 for _ in vault.rglob("*.md"))
    ours_config = project(tmp / "ours", vault, ours=True, minimal=args.minimal)
    plain_config = project(tmp / "plain", vault, ours=False, minimal=args.minimal)
    ours, plain = builds(ours_config, plain_config, args.repeat)
    print(f"\n{vault.name}: {notes} notes (median of {args.repeat} alternating builds)")
    print(f"| {'':<28} | {'ours':>12} | {'plain':>12} | {'ratio':>7} |")
    print(f"| {'-' * 28} | {'-' * 12}:| {'-' * 12}:| {'-' * 7}:|")
    print(row("build, wall", ours.wall, plain.wall, "s"))
    print(row("build, CPU", ours.cpu, plain.cpu, "s"))
    print(row("peak memory", ours.peak_mb, plain.peak_mb, "MB"))
    print(row("site on disk", ours.site_mb, plain.site_mb, "MB"))
    print(row("largest page", ours.largest_kb, plain.largest_kb, "KB"))
    if ours.ok and plain.ok:
        worst, where = worst_page_ratio(ours_config.parent / "site", plain_config.parent / "site")
        print(f"| {'worst page / plain page':<28} | {'':>12} | {'':>12} | {worst:>6.2f}× | {where}")
    # The cache the last of the builds above left: wall time of rebuilds with nothing changed.
    warm = _median([build(ours_config, cold=False) for _ in range(args.repeat)])
    print(row("rebuild, unchanged (cache)", warm.wall, plain.wall, "s"))
    if not (ours.ok and plain.ok):
        print(f"| build failed: ours {'ok' if ours.ok else 'FAILED'}, plain {'ok' if plain.ok else 'FAILED'}")
    if args.growth and notes >= 4:
        half = first_notes(vault, tmp / "half-vault", notes // 2)
        ours_half, plain_half = builds(
            project(tmp / "ours-half", half, True, args.minimal),
            project(tmp / "plain-half", half, False, args.minimal),
            args.repeat,
        )
        print(row(f"growth {notes // 2}→{notes}, CPU", ours.cpu / ours_half.cpu,
                  plain.cpu / plain_half.cpu, "×"))  # fmt: skip
        print(row(f"growth {notes // 2}→{notes}, wall", ours.wall / ours_half.wall,
                  plain.wall / plain_half.wall, "×"))  # fmt: skip
    if args.serve:
        note, line = edit_target(vault, args.edit)
        ours_browser, ours_polled = serve_latency(ours_config, True, note, line, args.edits)
        plain_browser, plain_polled = serve_latency(plain_config, False, note, line, args.edits)
        print(row("serve: edit → browser (med.)", statistics.median(ours_browser),
                  statistics.median(plain_browser), "s"))  # fmt: skip
        print(row("serve: edit → page polled", statistics.median(ours_polled),
                  statistics.median(plain_polled), "s"))  # fmt: skip
        print(f"|   edits of {note}, browser: ours {_seconds(ours_browser)}; plain {_seconds(plain_browser)}")
        print(f"|   polled: ours {_seconds(ours_polled)}; plain {_seconds(plain_polled)}")


def _seconds(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times) + " s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", nargs="?", type=Path, help="a folder of notes (default: generated)")
    parser.add_argument("--corpora", action="store_true",
                        help="every real vault of ../shared/corpora, then the generated ones")  # fmt: skip
    parser.add_argument("--notes", type=int, nargs="+", default=[100, 430, 1000],
                        help="sizes of generated vaults (default 100 430 1000)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=1, help="alternating builds of each (median)")
    parser.add_argument("--edits", type=int, default=3, help="edits timed under serve")
    parser.add_argument("--edit", metavar="NOTE", help="the note edited under serve (path in the vault)")
    parser.add_argument("--minimal", action="store_true",
                        help="a site of only site_name, theme: material and the plugins")  # fmt: skip
    parser.add_argument("--no-serve", dest="serve", action="store_false", help="skip serve latency")
    parser.add_argument("--no-growth", dest="growth", action="store_false", help="skip N/2 → N")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--one-folder", type=int, metavar="N", help="N small notes in one folder instead")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    if args.vault is not None and not args.vault.is_dir():
        print(f"no vault at {args.vault}", file=sys.stderr)
        return 2
    real = [args.vault] if args.vault else []
    sizes: list[int | None] = [None] * len(real)
    if args.vault is None:
        sizes = [args.one_folder] if args.one_folder else args.notes
    make = one_folder if args.one_folder else generate_vault
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
    unpacked = Path(tempfile.mkdtemp(prefix="bench-corpora-", dir=args.keep))
    try:
        if args.corpora:
            real = corpora(unpacked)
            sizes = [None] * len(real) + ([] if args.one_folder else args.notes)
        for i, size in enumerate(sizes):
            tmp = Path(tempfile.mkdtemp(prefix=f"bench-vault-{size or 'dir'}-", dir=args.keep))
            try:
                if size is None:
                    # A vault kept as NAME/vault/ or NAME/docs/ is called NAME.
                    name = real[i].parent if real[i].name in ("vault", "docs") else real[i]
                    vault = buildable_copy(real[i], tmp / name.name)
                else:
                    vault = make(tmp / f"vault-{size}", size)
                bench(vault, tmp, args)
            finally:
                if args.keep is None:
                    shutil.rmtree(tmp, ignore_errors=True)
    finally:
        if args.keep is None:
            shutil.rmtree(unpacked, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
