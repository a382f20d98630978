"""The site's plan, shared by the build and `notesite check` (issue 20): every address claimed
once on any file system, each collision named at the line to change, and links to a note that
cannot be read leading to the page that says why."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from notesite.build import LayoutError, build_site
from notesite.knowledge.site_plan import plan_site


def _vault(tmp_path: Path, notes: dict[str, str]) -> list[str]:
    for name, text in notes.items():
        (tmp_path / "notes" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "notes" / name).write_text(text, "utf-8")
    return [f"notes/{name}" for name in notes]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Java.md", "java.md"),
        (unicodedata.normalize("NFC", "café.md"), unicodedata.normalize("NFD", "café.md")),
        ("x/README.md", "x/readme.md"),
    ],
)
def test_names_that_differ_in_case_or_unicode_form_collide_naming_both(tmp_path, first, second):
    plan = plan_site(tmp_path, _vault(tmp_path, {first: "# A\n\ntext\n", second: "# B\n\ntext\n"}))
    [collision] = plan.collisions
    assert f"docs/notes/{first}" in collision.message and f"docs/notes/{second}" in collision.message
    with pytest.raises(LayoutError):
        build_site(tmp_path, _vault(tmp_path, {first: "# A\n", second: "# B\n"}))


def test_a_duplicate_slug_is_named_at_its_front_matter_line(tmp_path):
    notes = {"a.md": "---\ntitle: A\nslug: same\n---\n# A\n", "b.md": "---\n\n\nslug: same\n---\n# B\n"}
    [collision] = plan_site(tmp_path, _vault(tmp_path, notes)).collisions
    assert (collision.path, collision.line) == ("notes/b.md", 4)
    pair = "docs/notes/b.md (its `slug:`, line 4) and docs/notes/a.md (its `slug:`, line 3)"
    assert pair in collision.message


def test_a_slug_that_takes_a_site_page_is_named_at_its_line(tmp_path):
    [collision] = plan_site(tmp_path, _vault(tmp_path, {"a.md": "---\nslug: review\n---\n# A\n"})).collisions
    assert (collision.path, collision.line) == ("notes/a.md", 2)


def test_the_link_report_claims_its_address_only_when_asked(tmp_path):
    notes = {"a.md": "---\nslug: link-report\n---\n# A\n"}
    assert plan_site(tmp_path, _vault(tmp_path, notes)).collisions == []
    [collision] = plan_site(tmp_path, _vault(tmp_path, notes), link_report=True).collisions
    assert (collision.path, collision.line) == ("notes/a.md", 2)
    assert "the site's link-report page" in collision.message


def test_links_to_a_broken_note_lead_to_its_page_from_every_form(tmp_path):
    notes = {
        "broken.md": "---\ntitle: [unclosed\n---\n# Broken\n\nsee [[good]]\n",
        "good.md": "# Good\n\nsee [[broken]], [it](broken.md#heading) and [[broken#Broken]]\n",
    }
    site = build_site(tmp_path, _vault(tmp_path, notes))
    assert site.markdown["good/index.md"].count("](../broken/index.md") == 3
