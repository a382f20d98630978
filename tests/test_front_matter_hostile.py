"""Hostile and odd YAML front matter: a message with file:line, never a traceback or a hang, and
front matter that notes.json can always hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notesite.analyse.checked_note import read_note
from notesite.model.diagnostics import NoteError, Severity
from notesite.read.parser import parse_note

from .conftest import build_notes
from .growth import assert_linear

BODY = "# Note\n\n## A\n\ntext\n"


def laughs(levels: int) -> str:
    """`levels` levels of nine aliases each: 9**levels strings once expanded."""
    names = [f"l{level}" for level in range(levels)]
    return 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
        for previous, name in zip(names, names[1:], strict=False)
    )


BILLION_LAUGHS = laughs(9)


def note_with(front_matter: str):
    return parse_note(f"---\n{front_matter}\n---\n{BODY}", "notes/t.md")


def error_of(front_matter: str):
    with pytest.raises(NoteError) as raised:
        note_with(front_matter)
    return raised.value.diagnostic


def warnings_of(note) -> list[str]:
    return [f"{d.line}: {d.message}" for d in note.diagnostics if d.severity is Severity.WARNING]


# --- limits: documents without end ----------------------------------------------------------------


def test_a_billion_laughs_stops_at_once_with_an_error_naming_the_line():
    diagnostic = error_of(BILLION_LAUGHS)
    assert (diagnostic.path, diagnostic.line, diagnostic.severity) == ("notes/t.md", 2, Severity.ERROR)
    assert "aliases expand the front matter to more than 10 times its size" in diagnostic.message


@pytest.mark.slow
def test_a_billion_laughs_stops_before_expanding_so_more_levels_cost_only_their_text():
    # Each level multiplies the expanded size by nine: time that grows with it would not be linear.
    assert_linear(lambda levels: error_of(laughs(levels)), 9)


def test_an_alias_inside_the_value_it_names_is_an_error_not_a_recursion_error():
    diagnostic = error_of("tags: [x]\na: &a [*a]")
    assert diagnostic.line == 3
    assert "alias *a is inside the value it names" in diagnostic.message


def test_nesting_beyond_the_limit_is_an_error_not_a_recursion_error():
    diagnostic = error_of("x: " + "[" * 5000 + "]" * 5000)
    assert "nested more than 64 deep" in diagnostic.message


def test_aliases_that_stay_small_are_expanded():
    note = note_with("base: &base {level: 1}\nextended: {<<: *base, more: 2}\nrepeat: [*base, *base]")
    assert note.front_matter.extra["extended"] == {"level": 1, "more": 2}
    assert note.front_matter.extra["repeat"] == [{"level": 1}, {"level": 1}]


# --- values a tag cannot build --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ("x: !!float heavy", "3: front matter: 'heavy' cannot be read as !!float; it is kept as written"),
        ("x: !!timestamp soon", "3: front matter: 'soon' cannot be read as !!timestamp"),
        ("x: !foo bar", "3: front matter: the tag !foo is not one YAML's safe loader knows"),
    ],
)
def test_a_value_its_tag_cannot_build_is_kept_as_text_with_a_warning_at_its_line(front_matter, expected):
    note = note_with(f"tags: [a]\n{front_matter}")
    assert any(w.startswith(expected) for w in warnings_of(note))
    assert note.front_matter.extra["x"] in ("heavy", "soon", "bar")


def test_python_tags_build_nothing_and_run_nothing(tmp_path):
    marker = tmp_path / "ran"
    note = note_with(f"x: !!python/object/apply:os.system ['touch {marker}']")
    assert note.front_matter.extra["x"] == [f"touch {marker}"]
    assert not marker.exists()
    assert any("is not one YAML's safe loader knows" in w for w in warnings_of(note))


def test_untagged_text_yaml_took_for_a_date_gives_one_message_from_the_key():
    note = note_with("created: 2025-13-40")
    assert warnings_of(note) == [
        "2: front matter 'created': '2025-13-40' is not a date; write it as YYYY-MM-DD"
    ]


def test_untagged_digits_beyond_pythons_limit_stay_text_silently():
    note = note_with("serial: " + "9" * 5000)
    assert note.front_matter.extra["serial"] == "9" * 5000
    assert warnings_of(note) == []


# --- values JSON cannot hold ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "kept", "message"),
    [
        ("x: !!set {b, a}", ["a", "b"], "a set (!!set) is kept as a sorted list"),
        ("x: !!binary aGVsbG8=", "aGVsbG8=", "binary data (!!binary) is kept as its base64 text"),
        ("x: .inf", None, "inf is not a finite number; it is ignored"),
        ("x: " + ":".join(["59"] * 3000), None, "an integer too long to write out is dropped"),
    ],
    ids=["set", "binary", "inf", "huge-int"],
)
def test_values_json_cannot_hold_are_converted_or_dropped_with_a_warning(front_matter, kept, message):
    note = note_with(front_matter)
    assert note.front_matter.extra["x"] == kept
    assert f"2: front matter 'x': {message}" in warnings_of(note)
    json.dumps(note.front_matter.as_json(), ensure_ascii=False, allow_nan=False).encode("utf-8")


def test_an_escape_for_half_a_character_never_reaches_notes_json():
    """libyaml refuses the escape (an error at its line); YAML's Python scanner reads it, and the
    lone surrogate it makes is shown as U+FFFD with a warning."""
    try:
        note = note_with('tags: [a]\nx: "a\\ud800b"')
    except NoteError as error:
        assert error.diagnostic.line == 3
        assert "invalid Unicode character escape" in error.diagnostic.message
        return
    assert note.front_matter.extra["x"] == "a\ufffdb"
    assert any("(a lone surrogate) is shown as" in w for w in warnings_of(note))


def test_pairs_and_odd_keys_become_json():
    note = note_with("pairs: !!omap [a: 1, b: 2]\nkeys: {1: one, 2025-01-01: date, null: none}")
    assert note.front_matter.as_json()["pairs"] == [["a", 1], ["b", 2]]
    assert note.front_matter.as_json()["keys"] == {"1": "one", "2025-01-01": "date", "None": "none"}


@pytest.mark.parametrize("value", [".nan", ".NaN", "-.inf", "nan", "'inf%'"])
def test_a_mastery_level_that_is_no_finite_number_is_ignored_with_a_warning(value):
    note = note_with(f"mastery_level: {value}")
    assert note.front_matter.mastery_level is None
    assert any(w.startswith("2: front matter 'mastery_level': ") for w in warnings_of(note))


# --- compare: the one key the analysis reads ------------------------------------------------------


def test_compare_aliases_that_are_no_list_are_a_warning_not_a_type_error(tmp_path: Path):
    path = tmp_path / "notes" / "t.md"
    path.parent.mkdir()
    path.write_text(
        "---\ncompare: {subjects: [A, B], aliases: {A: 5}}\n---\n# A vs B\n\n## 1 A\n\nx\n\n## 2 B\n\ny\n",
        encoding="utf-8",
    )
    checked = read_note(path, tmp_path)
    assert checked.error is None
    assert [s.name for s in checked.analysis.subjects] == ["A", "B"]
    assert any(
        d.line == 2 and "the aliases of 'A' should be a list of short forms" in d.message
        for d in checked.diagnostics
    )


# --- the build -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_note_with_set_and_binary_values_builds_and_notes_json_holds_them(tmp_path):
    text = "---\nkinds: !!set {b, a}\nblob: !!binary aGVsbG8=\nmastery_level: .nan\n---\n" + BODY
    publish = {"plugins": {"notesite": {"publish_front_matter": ["kinds", "blob"]}}}
    built = build_notes(tmp_path, {"t.md": text}, config=publish)
    assert built.returncode == 0, built.log
    assert "WARNING -  notes/t.md:2: front matter 'kinds': a set (!!set) is kept as a sorted" in built.log
    assert "WARNING -  notes/t.md:4: front matter 'mastery_level': nan is not a finite number" in built.log
    index = json.loads((built.site / "notes.json").read_text("utf-8"))
    assert index["notes"][0]["front_matter"] == {"kinds": ["a", "b"], "blob": "aGVsbG8="}
    assert "nan%" not in built.html("t/").get_text()


@pytest.mark.slow
def test_a_billion_laughs_note_is_a_broken_note_page_and_fails_strict_without_a_traceback(tmp_path):
    built = build_notes(tmp_path, {"t.md": f"---\n{BILLION_LAUGHS}---\n{BODY}"}, "--strict")
    assert built.returncode == 1
    assert "ERROR   -  notes/t.md:2: front matter is not valid YAML: aliases expand" in built.log
    assert "Traceback" not in built.log
