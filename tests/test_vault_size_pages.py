"""Pages made from the whole vault stay bounded (issue 22): past a few hundred notes the home lists
each folder as one card and the review dashboard lists the soonest of each group, counting the rest."""

from __future__ import annotations

from notesite.render.dashboard import REVIEW_ROWS
from notesite.render.home import HOME_CARDS
from tests.knowledge_vault import core_site


def _note(n: int) -> str:
    return f"---\nnext_review: '2030-01-{n % 28 + 1:02d}'\n---\n# Note {n}\n\nText {n}.\n"


def _vault(count: int) -> dict[str, str]:
    notes = {f"big/note-{n:04d}.md": _note(n) for n in range(count)}
    return {**notes, "small/one.md": _note(0), "top.md": _note(1)}


def test_a_small_vaults_home_lists_every_note(tmp_path):
    site = core_site(tmp_path, _vault(3))
    home = site.markdown["index.md"]
    assert all(f"note-{n:04d}/index.md" in home for n in range(3)) and "top/index.md" in home


def test_a_large_vaults_home_lists_top_notes_and_one_card_per_folder(tmp_path):
    site = core_site(tmp_path, _vault(HOME_CARDS + 50))
    home = site.markdown["index.md"]
    # The top-level note, then each folder linked to its first note with its notes counted.
    assert "(top/index.md)" in home
    assert "[**big**](big/note-0000/index.md)" in home and f"{HOME_CARDS + 50} notes" in home
    assert "[**small**](small/one/index.md)" in home and "1 note" in home
    assert "note-0001/index.md" not in home


def test_past_the_bound_the_home_has_no_heading_per_folder(tmp_path):
    # A vault in many folders: one heading each would fill both of Material's tables of contents.
    notes = {f"f{n:02d}/note.md": _note(n) for n in range(HOME_CARDS + 1)}
    home = core_site(tmp_path, notes).markdown["index.md"]
    assert len([line for line in home.splitlines() if line.startswith("### ")]) <= 1  # "Top level"
    assert all(f"(f{n:02d}/note/index.md)" in home for n in range(HOME_CARDS + 1))  # each folder's card


def test_the_dashboard_lists_the_soonest_rows_and_counts_the_rest(tmp_path):
    site = core_site(tmp_path, _vault(REVIEW_ROWS + 30))
    dashboard = site.markdown["review.md"]
    assert dashboard.count('class="ns-review-row ') == REVIEW_ROWS
    assert "32 more notes not listed" in dashboard
    # The soonest due first: every note due on the first day of the month is listed.
    assert all(f"Note {n}<" in dashboard for n in range(0, REVIEW_ROWS + 30, 28))


def test_the_dashboards_rows_are_shared_by_its_groups_most_urgent_first(tmp_path):
    overdue = {
        f"due/note-{n:04d}.md": f"---\nnext_review: '2020-01-01'\n---\n# Due {n}\n"
        for n in range(REVIEW_ROWS)
    }
    later = {f"later/note-{n:04d}.md": _note(n) for n in range(10)}
    dashboard = core_site(tmp_path, {**overdue, **later}).markdown["review.md"]
    assert dashboard.count('class="ns-review-row ns-review-row--due"') == REVIEW_ROWS
    assert "ns-review-row--later" not in dashboard and "10 more notes not listed" in dashboard
