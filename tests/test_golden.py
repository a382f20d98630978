"""Golden tests: a note in, the generated Markdown of every page out, compared whole.

Each folder of tests/golden/ is a case: `note.md` (published as notes/<case>.md), more notes under
`notes/` when the case needs several, and an optional `options.yaml`:

- `note`: a fixture the tests own to use as `note.md` (the seed);
- `html`: pages whose body is also kept as HTML, as Python-Markdown renders it with mkdocs.yml's
  extensions (the comparison tables, the timeline, the bibliography);
- any other key: a `BuildOptions` field (`whole_note: true`; `today`, the build date the review
  dashboard counts from, is 2026-11-24 unless set).

`expected/` holds every generated page and download by its path in the site, the selected HTML as
`<page>.html`, and `messages.txt` (what the build reports). The core builds each case without
MkDocs, so a rendering change shows up here, in the fast suite, as a readable diff.
`pytest tests/test_golden.py --update-golden` rewrites `expected/` from what the build makes now.
"""

from __future__ import annotations

import difflib
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from notesite.build import BuildOptions, NoteSite, build_site
from tests.test_splitter_differential import EXTENSION_CONFIGS, EXTENSIONS

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if path.is_dir())
BUILD_DATE = date(2026, 11, 24)


def options_of(case: Path) -> dict[str, Any]:
    path = case / "options.yaml"
    return yaml.safe_load(path.read_text("utf-8")) if path.exists() else {}


def build_case(case: Path, docs: Path, options: dict[str, Any]) -> NoteSite:
    notes = docs / "notes"
    if (case / "notes").is_dir():
        shutil.copytree(case / "notes", notes)
    notes.mkdir(parents=True, exist_ok=True)
    source = (case / options["note"]).resolve() if "note" in options else case / "note.md"
    shutil.copyfile(source, notes / f"{case.name}.md")
    paths = sorted(path.relative_to(docs).as_posix() for path in notes.rglob("*.md"))
    settings = {key: value for key, value in options.items() if key not in ("note", "html")}
    return build_site(docs, paths, BuildOptions(**{"today": BUILD_DATE, **settings}))


def generated_files(site: NoteSite, options: dict[str, Any]) -> dict[str, str]:
    """Path below expected/ → text, of everything the case's build generates."""
    files = {**site.markdown, **site.downloads}
    for page in options.get("html", []):
        body, _ = get_data(site.markdown[page])
        html = markdown.markdown(body, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        files[f"{page}.html"] = html + "\n"
    files["messages.txt"] = "".join(
        f"{d.path}:{d.line}: {d.severity.value}: {d.message}\n" for d in site.diagnostics
    )
    return files


def expected_files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text("utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("name", CASES)
def test_every_generated_page_is_as_the_golden_files_say(
    name: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    case = GOLDEN / name
    options = options_of(case)
    actual = generated_files(build_case(case, tmp_path / "docs", options), options)
    expected_folder = case / "expected"
    if request.config.getoption("--update-golden"):
        shutil.rmtree(expected_folder, ignore_errors=True)
        for path, text in actual.items():
            (expected_folder / path).parent.mkdir(parents=True, exist_ok=True)
            (expected_folder / path).write_text(text, "utf-8")
    expected = expected_files(expected_folder)
    problems = [f"generated, not in expected/: {path}" for path in sorted(actual.keys() - expected.keys())]
    problems += [f"in expected/, not generated: {path}" for path in sorted(expected.keys() - actual.keys())]
    problems += [
        "".join(difflib.unified_diff(expected[path].splitlines(True), actual[path].splitlines(True),
                                     f"expected/{path}", f"generated {path}"))
        for path in sorted(actual.keys() & expected.keys())
        if actual[path] != expected[path]
    ]  # fmt: skip
    assert not problems, (
        "\n".join(problems) + "\n(pytest tests/test_golden.py --update-golden rewrites expected/)"
    )
