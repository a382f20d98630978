#!/usr/bin/env python3
"""Obsidian vaults built by this project, by plain Material and by roamlinks + callouts, side by side.

    .venv/bin/python scripts/bench_obsidian.py                   # every vault of ../shared/corpora
    .venv/bin/python scripts/bench_obsidian.py owlman-CS_StudyNotes.tar.xz --roam /tmp/roam-venv

Each vault (a folder, or a tarball unpacked into a temporary folder: its notes are NAME/vault/ or
NAME/docs/) is copied into docs/notes/ of a scratch project with this repository's config.
`--roam PYTHON_OR_VENV` names a Python that has mkdocs-material, mkdocs-roamlinks-plugin and
mkdocs-callouts installed (they are no dependency of this project); without it that column is
left out. Printed per vault and build: traceback, warnings, whether `--strict` passes, callouts
rendered, wiki links to existing notes resolved, raw `[^` (and how many markers the notes never
define, which Obsidian shows as text too), dead anchors, raw `[[`, `%%` text, and
inline tags that have a tag page. Read from the built HTML of every page's <article>.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, fields
from html.parser import HTMLParser
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from scripts.scratch_project import write_config  # noqa: E402
from scripts.vault_parity import broken, project  # noqa: E402

# ../shared/corpora beside the checkout, or beside the folder of worktrees.
CORPORA = next((p / "shared" / "corpora" for p in REPO.parents if (p / "shared" / "corpora").is_dir()), REPO)
OBSIDIAN = ("owlman-CS_StudyNotes.tar.xz", "blacklightpy-vaultofknowledge-science.tar.xz")
CALLOUT = re.compile(r"^ {0,3}(?:> ?)+\[![^\]\s]+\][-+]?", re.M)
WIKI = re.compile(r"!?\[\[([^\[\]|#\n]*)[^\[\]\n]*\]\]")
# At any indent (list items, quotes), closed by the same run at the same indent.
FENCE = re.compile(r"^([ \t>]*)(```+|~~~+)[^\n]*\n.*?^\1\2[ \t]*$", re.M | re.S)
# CSS's hex colours (`#fff`, `#00008B`): no tag, as README "Obsidian vaults" says.
COLOUR = re.compile(r"(?i)[0-9a-f]{6}|[0-9a-f]{8}|(?=[0-9a-f]*\d)[0-9a-f]{3,4}|([0-9a-f])\1\1\1?")
CODE = re.compile(r"`[^`\n]*`")
# Obsidian's tag: after a space or at a line's start, letters (any script), digits, `_`, `-`, `/`.
INLINE_TAG = re.compile(r"(?:^|(?<=\s))#([\w/-]+)")


@dataclass
class Row:
    traceback: str = ""
    warnings: str = ""
    strict_passes: str = ""
    callouts_rendered: str = ""
    wiki_links_resolved: str = ""
    raw_footnotes: str = ""
    dead_anchors: str = ""
    raw_wiki_links: str = ""
    comment_text: str = ""
    inline_tags_on_tag_pages: str = ""


class _Article(HTMLParser):
    """Text of <article> outside code, and how many admonitions it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = self.code = 0
        self.text: list[str] = []
        self.boxes = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in ("code", "pre"):
            self.code += 1
        elif self.depth and ((tag == "div" and "admonition" in classes) or tag == "details"):
            self.boxes += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
        elif tag in ("code", "pre") and self.code:
            self.code -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.code:
            self.text.append(data)


@dataclass
class Vault:
    notes: dict[str, str]  # path inside the vault → text without code
    stems: set[str]

    @classmethod
    def read(cls, folder: Path) -> Vault:
        notes = {}
        for path in folder.rglob("*.md"):
            text = path.read_text("utf-8", errors="replace")
            notes[path.relative_to(folder).as_posix()] = CODE.sub("", FENCE.sub("", text))
        names = {Path(p).stem.lower() for p in notes}
        for text in notes.values():
            names.update(alias.lower() for alias in _aliases(text))
        return cls(notes, names)

    def existing(self, target: str) -> bool:
        name = target.strip().rsplit("/", 1)[-1].lower().removesuffix(".md")
        return name in self.stems

    def links_to_notes(self) -> int:
        found = (m.group(1) for text in self.notes.values() for m in WIKI.finditer(text))
        return sum(1 for target in found if self.existing(target))

    def undefined_footnotes(self) -> int:
        """`[^x]` markers whose note defines no `[^x]:`: text in Obsidian too."""
        count = 0
        for text in self.notes.values():
            defined = set(re.findall(r"(?m)^ {0,3}\[\^([^\]\s]+)\]:", text))
            used = re.findall(r"\[\^([^\]\s]+)\](?!:)", text)
            count += sum(1 for label in used if label not in defined)
        return count

    def callouts(self) -> int:
        return sum(len(CALLOUT.findall(text)) for text in self.notes.values())

    def inline_tags(self) -> set[str]:
        found = set()
        for text in self.notes.values():
            body = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
            for line in body.splitlines():
                if not line.startswith("#") or re.match(r"#[^\s#]", line):
                    names = (m.group(1) for m in INLINE_TAG.finditer(line))
                    found.update(name for name in names if not name.isdigit() and not COLOUR.fullmatch(name))
        return found


def _aliases(text: str) -> list[str]:
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    try:
        meta = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        return []
    value = meta.get("aliases") if isinstance(meta, dict) else None
    return [str(v) for v in ([value] if isinstance(value, str) else value or []) if v]


def build(python: str, config: Path, *args: str) -> tuple[int, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTESITE_LINK_CHECK="cache")
    done = subprocess.run(
        [python, "-m", "mkdocs", "build", "-f", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    return done.returncode, done.stdout + done.stderr


def measure(python: str, config: Path, vault: Vault) -> Row:
    status, log = build(python, config)
    strict, strict_log = build(python, config, "--strict")
    site = config.parent / "site"
    boxes, texts = 0, []
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue
        article = _Article()
        article.feed(path.read_text("utf-8", errors="replace"))
        boxes += article.boxes
        texts.append("".join(article.text))
    text = "\n".join(texts)
    left = [m.group(1) for m in WIKI.finditer(text)]
    linked = vault.links_to_notes()
    unresolved = sum(1 for target in left if vault.existing(target))
    tags = vault.inline_tags()
    paged = sum(1 for tag in tags if (site / "tags" / tag.lower()).is_dir() or (site / "tags" / tag).is_dir())
    return Row(
        "YES" if "Traceback" in log + strict_log else "no",
        str(len(re.findall(r"(?m)^WARNING\b", log))),
        "yes" if strict == 0 else "NO" if status == 0 else f"NO (exit {status})",
        f"{min(boxes, vault.callouts())}/{vault.callouts()}",
        f"{max(0, linked - unresolved)}/{linked}",
        f"{text.count('[^')} ({vault.undefined_footnotes()} never defined)",
        str(broken(site)[2]),
        str(len(left)),
        str(text.count("%%")),
        f"{paged}/{len(tags)}",
    )


def plain_config(config: Path, *plugins: str) -> Path:
    """Plain Material's config without the tags plugin (it stops on `tags: one-word`, which
    Obsidian takes), with `plugins` added: `roamlinks` and `callouts`, as a user would pick them."""
    settings = yaml.safe_load(config.read_text("utf-8"))
    settings["plugins"] = [p for p in settings["plugins"] if p != "tags"] + list(plugins)
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    return config


def vault_folder(name: str, scratch: Path) -> Path:
    source = Path(name) if Path(name).exists() else CORPORA / name
    if source.is_dir():
        return source
    with tarfile.open(source) as archive:
        archive.extractall(scratch, filter="data")
    for candidate in sorted(scratch.rglob("*")):
        if candidate.is_dir() and candidate.name in ("vault", "docs"):
            return candidate
    return scratch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vaults", nargs="*", default=list(OBSIDIAN), help="tarballs or folders")
    parser.add_argument("--roam", help="a Python (or venv) with mkdocs-roamlinks-plugin and mkdocs-callouts")
    args = parser.parse_args(argv)
    roam = args.roam and str(Path(args.roam) / "bin" / "python" if Path(args.roam).is_dir() else args.roam)
    for name in args.vaults:
        with tempfile.TemporaryDirectory(prefix="bench-obsidian-") as tmp:
            scratch = Path(tmp)
            folder = vault_folder(name, scratch / "vault")
            vault = Vault.read(folder)
            ours = project(scratch / "ours", folder, ours=True)
            plain = plain_config(project(scratch / "plain", folder, ours=False))
            columns = {
                "ours": measure(sys.executable, ours, vault),
                "plain Material": measure(sys.executable, plain, vault),
            }
            if roam:
                (scratch / "roam").mkdir()
                config = write_config(scratch / "roam", plain.parent / "docs", plugin=False)
                roamed = plain_config(config, "roamlinks", "callouts")
                columns["roamlinks + callouts"] = measure(roam, roamed, vault)
        print(f"\n{name}: {len(vault.notes)} notes")
        print("| | " + " | ".join(columns) + " |")
        print("|---|" + "---|" * len(columns))
        for field in fields(Row):
            cells = " | ".join(getattr(row, field.name) for row in columns.values())
            print(f"| {field.name.replace('_', ' ')} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
