"""Mermaid's copy stays in a served site exactly while a page draws a diagram, across dirty
rebuilds that render only the pages an edit changed."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from notesite_mkdocs.diagrams import DIAGRAM_FILES, Diagrams

HEAD = "<html><head></head><body>{}</body></html>"
DRAWN, PLAIN = HEAD.format('<div class="ns-mermaid">'), HEAD.format("<p>text</p>")


def _files(site: Path) -> Files:
    """This package's copies, as the plugin adds them to a build's files."""
    found = []
    for uri, path in DIAGRAM_FILES.items():
        file = File(uri, src_dir=None, dest_dir=str(site), use_directory_urls=True)
        file.abs_src_path = str(path)
        found.append(file)
    return Files(found)


def _copied(files: Files) -> list[str]:
    for file in files:
        Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(file.abs_dest_path).write_text("copy", "utf-8")
    return sorted(f.dest_uri for f in files if Path(f.abs_dest_path).is_file())


def test_the_copy_goes_with_the_last_diagram_and_comes_back_with_a_new_one(tmp_path: Path):
    site = tmp_path / "site"
    diagrams = Diagrams()
    urls = ["a/", "b/"]

    def build(pages: dict[str, str], whole: bool) -> list[str]:
        found = _files(site)
        _copied(found)  # as MkDocs copies them: a dirty build, again where one is missing
        diagrams.start(found, urls, whole)
        for url, html in pages.items():
            diagrams.scripts(html, url)
        diagrams.tidy(str(site))
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())

    assert build({"a/": PLAIN, "b/": PLAIN}, whole=True) == []
    assert build({"a/": DRAWN}, whole=False) != []  # b/ skipped: known to draw none
    assert build({"b/": PLAIN}, whole=False) != []  # a/ skipped: still draws one
    assert build({"a/": PLAIN}, whole=False) == []


def test_a_dirty_build_that_never_saw_every_page_keeps_the_copy(tmp_path: Path):
    site = tmp_path / "site"
    diagrams = Diagrams()
    found = _files(site)
    assert _copied(found)
    diagrams.start(found, ["a/"], whole=False)
    diagrams.scripts(PLAIN, "a/")
    diagrams.tidy(str(site))
    assert [p for p in site.rglob("*") if p.is_file()]
