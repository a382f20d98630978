"""Long notes: the navigation stays small on every page and lists every page; lines find their page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from notesite.build import NAV_FLAT, NAV_GROUP, BuildOptions, build_site


def _long_note(sections: int) -> str:
    return "# Long\n\n" + "".join(f"## Part {i}\n\nText {i}.\n\n" for i in range(1, sections + 1))


def _site(tmp_path: Path, sections: int):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "long.md").write_text(_long_note(sections), "utf-8")
    return build_site(tmp_path, ["notes/long.md"], BuildOptions(split_threshold=0))


def _leaves(items: list[Any]) -> list[str]:
    found: list[str] = []
    for item in items:
        if isinstance(item, dict):
            for children in item.values():
                found += _leaves(children)
        else:
            found.append(item)
    return found


def _note_entries(site) -> list[Any]:
    [entry] = [item for item in site.nav() if isinstance(item, dict)]
    return next(iter(entry.values()))


def test_a_note_of_few_sections_lists_its_pages_flat(tmp_path):
    site = _site(tmp_path, NAV_FLAT - 1)
    entries = _note_entries(site)
    assert all(isinstance(item, str) for item in entries)
    assert entries == [page.src_uri for page in site.layouts[0].pages]


def test_many_sections_are_grouped_so_no_level_grows_with_the_note(tmp_path):
    site = _site(tmp_path, 2000)
    entries = _note_entries(site)

    def widest(items: list[Any]) -> int:
        nested = [widest(c) for item in items if isinstance(item, dict) for c in item.values()]
        return max([len(items), *nested])

    assert widest(entries[1:]) <= max(NAV_FLAT, NAV_GROUP)
    # Every page is still in the navigation, once, in reading order.
    assert _leaves(entries) == [page.src_uri for page in site.layouts[0].pages]


def test_groups_are_named_by_the_positions_they_hold(tmp_path):
    site = _site(tmp_path, NAV_FLAT + 1)
    entries = _note_entries(site)
    names = [next(iter(item)) for item in entries[1:]]
    assert names[0] == f"1–{NAV_GROUP}"
    assert names[-1].endswith(f"–{NAV_FLAT + 1}")


def test_every_line_is_found_on_the_page_whose_span_holds_it(tmp_path):
    layout = _site(tmp_path, 60).layouts[0]
    for line in range(1, len(layout.note.lines) + 1):
        holders = [page for page in layout.pages if any(line in span for span in page.spans)]
        assert layout.page_for_line(line) == (holders[0] if holders else layout.overview)


def test_a_folder_of_many_notes_is_grouped_so_no_level_grows_with_the_folder(tmp_path):
    (tmp_path / "notes" / "big").mkdir(parents=True)
    count = 1000
    for n in range(count):
        (tmp_path / "notes" / "big" / f"n{n:04d}.md").write_text(f"# Note {n}\n\ntext\n", "utf-8")
    site = build_site(tmp_path, [f"notes/big/n{n:04d}.md" for n in range(count)])
    [folder] = [item for item in site.nav() if isinstance(item, dict)]
    entries = next(iter(folder.values()))

    def widest(items: list[Any]) -> int:
        nested = [widest(c) for item in items if isinstance(item, dict) for c in item.values()]
        return max([len(items), *nested])

    assert widest(entries) <= max(NAV_FLAT, NAV_GROUP)
    assert _leaves(entries) == [f"big/n{n:04d}/index.md" for n in range(count)]
