"""Review state from front matter, the dashboard at /review/ and the home page that leads to it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from notesite.build import LayoutError
from notesite.knowledge.review import DueStatus, activity, build_date, review_state, schedule
from notesite.read.parser import parse_note
from tests.conftest import Built, build_notes
from tests.knowledge_vault import BUILD_DATE, build_kb, core_site

TODAY = date(2026, 11, 24)


def note(front_matter: str, title: str = "T"):
    return parse_note(f"---\n{front_matter}\n---\n# {title}\n\n## 1. A\n\ntext\n", f"notes/{title}.md")


def state(front_matter: str, title: str = "T"):
    return review_state(note(front_matter, title), TODAY)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_kb(tmp_path_factory.mktemp("kb-review"))
    assert built.returncode == 0, built.log
    return built


# --- the core ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("next_review", "status"),
    [
        ("2026-11-01", DueStatus.DUE),
        ("2026-11-24", DueStatus.DUE),
        ("2026-11-25", DueStatus.WEEK),
        ("2026-12-01", DueStatus.WEEK),
        ("2026-12-02", DueStatus.MONTH),
        ("2026-12-24", DueStatus.MONTH),
        ("2026-12-25", DueStatus.LATER),
    ],
)
def test_due_status_counts_from_the_build_date(next_review, status):
    assert state(f"next_review: {next_review}").status is status


def test_a_note_without_a_next_review_date_is_unscheduled():
    assert state("last_reviewed: 2026-11-01\nmastery_level: 0.5").status is DueStatus.UNSCHEDULED


def test_obsidian_sr_due_stands_for_next_review():
    found = state("sr-due: 2026-11-20\nsr-interval: 12\nsr-ease: 250")
    assert (found.next_review, found.status, found.interval, found.ease) == (
        date(2026, 11, 20),
        DueStatus.DUE,
        12,
        250,
    )


def test_next_review_wins_over_sr_due():
    assert state("next_review: 2026-12-20\nsr-due: 2026-11-20").status is DueStatus.MONTH


def test_schedule_puts_the_most_overdue_first_and_unscheduled_last():
    states = [
        state("next_review: 2026-11-20", "b"),
        state("tags: [x]", "z"),
        state("next_review: 2026-11-10", "a"),
        state("next_review: 2026-11-30", "c"),
    ]
    groups = schedule(states)
    order = [s.title for status in groups for s in groups[status]]
    assert order == ["a", "b", "c", "z"]


def test_activity_counts_last_review_and_creation_days():
    states = [state("created: 2026-10-01\nlast_reviewed: 2026-11-01"), state("created: 2026-11-01")]
    assert activity(states) == {date(2026, 11, 1): 2, date(2026, 10, 1): 1}


def test_build_date_comes_from_source_date_epoch():
    assert build_date({"SOURCE_DATE_EPOCH": "1795521600"}) == date(2026, 11, 24)


# --- the dashboard ----------------------------------------------------------------------------


def rows(kb: Built, group: str) -> list[str]:
    table = kb.html("review/").select_one(f'table[data-status="{group}"]')
    return [row.th.get_text(strip=True) for row in table.select("tbody tr")] if table else []


@pytest.mark.slow
def test_dashboard_lists_due_notes_most_overdue_first(kb):
    assert rows(kb, "due") == ["MySQL 索引失效", "后端开发入门：先学 Go 还是先学 Java？"]


@pytest.mark.slow
def test_dashboard_lists_the_next_seven_days_after_the_due_notes(kb):
    tables = [t["data-status"] for t in kb.html("review/").select("table[data-status]")]
    assert tables == ["due", "week", "unscheduled"]
    assert rows(kb, "week") == ["JVM 垃圾回收"]


@pytest.mark.slow
def test_dashboard_lists_notes_without_review_fields_last(kb):
    assert rows(kb, "unscheduled") == ["数据库事务"]


@pytest.mark.slow
def test_dashboard_row_shows_mastery_difficulty_count_and_dates(kb):
    row = kb.html("review/").select_one('table[data-status="due"] tbody tr')
    cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
    assert row.select_one("meter")["value"] == "0.2"
    assert cells[1:] == ["难", "1", "2026-10-10", "2026-11-10 已逾期 14 天"]
    assert row["data-due"] == "2026-11-10"


@pytest.mark.slow
def test_dashboard_states_its_build_date(kb):
    built = kb.html("review/").select_one(".ns-built")
    assert built["data-built"] == BUILD_DATE.isoformat()
    assert built.time["datetime"] == "2026-11-24"


@pytest.mark.slow
def test_mastery_chart_counts_notes_per_level(kb):
    chart = kb.html("review/").select_one(".ns-mastery-chart")
    counts = {
        row.select_one(".ns-bar-chart__label").get_text(): row.select_one(".ns-bar-chart__value").get_text()
        for row in chart.select(".ns-bar-chart__row")
    }
    assert counts == {
        "0–20%": "0",
        "20–40%": "1",
        "40–60%": "1",
        "60–80%": "0",
        "80–100%": "1",
        "未记录": "1",
    }


@pytest.mark.slow
def test_heatmap_marks_the_days_of_review_activity(kb):
    days = kb.html("review/").select(".ns-heatmap__day")
    active = {d["title"].split(":")[0] for d in days if "ns-heatmap__day--0" not in d["class"]}
    assert days[0]["title"].startswith("2026-06-01") and days[-1]["title"].startswith("2026-11-24")
    assert len(days) % 7 == 2  # whole weeks from a Monday, up to the build date (a Tuesday)
    assert active == {"2026-08-15", "2026-09-01", "2026-10-01", "2026-10-10", "2026-10-20", "2026-11-16"}


@pytest.mark.slow
def test_dashboard_loads_our_script_from_this_site(kb):
    scripts = [s["src"] for s in kb.html("review/").select("script[src]")]
    assert any(src.endswith("assets/notesite/review.js") for src in scripts)
    assert all(not src.startswith(("http:", "https:", "//")) for src in scripts)


# --- the home page ----------------------------------------------------------------------------


@pytest.mark.slow
def test_home_shows_the_due_count_and_links_the_dashboard(kb):
    due = kb.html("").select_one(".ns-home-due")
    assert due.strong.get_text() == "2 篇笔记待复习"
    assert due.select_one("a.md-button--primary")["href"] == "review/"


@pytest.mark.slow
def test_home_lists_each_planned_date_once_with_how_many_notes_share_it(kb):
    # The home page grows with the days planned, not with the notes (5,000 notes: ~55 KB of dates).
    planned = kb.html("").select_one(".ns-home-due")["data-due-dates"].split()
    days = [entry.partition("*")[0] for entry in planned]
    assert len(days) == len(set(days)) and days == sorted(days)
    rows = [row["data-due"] for row in kb.html("review/").select("tr[data-due]")]
    assert sum(int(entry.partition("*")[2] or 1) for entry in planned) == len(rows)
    assert set(days) == set(rows)


@pytest.mark.slow
def test_home_lists_recently_reviewed_notes_newest_first(kb):
    recent = [li.a.get_text() for li in kb.html("").select(".ns-recent li")]
    assert recent == ["JVM 垃圾回收", "后端开发入门：先学 Go 还是先学 Java？", "MySQL 索引失效"]


@pytest.mark.slow
def test_home_groups_notes_by_folder(kb):
    home = kb.html("")
    folders = [h.get_text(strip=True).rstrip("¶") for h in home.select("article h3")]
    assert folders == ["java", "后端", "数据库"]


@pytest.mark.slow
def test_home_search_box_opens_material_search(kb):
    form = kb.html("").select_one("form.ns-home-search")
    assert form.select_one("input")["name"] == "q" and form["method"] == "get"


@pytest.mark.slow
def test_notes_json_lists_site_pages_and_each_notes_due_status(kb):
    index = json.loads((kb.site / "notes.json").read_text("utf-8"))
    kinds = {page["kind"]: page["url"] for page in index["pages"]}
    assert (kinds["home"], kinds["review"], kinds["tags"]) == ("./", "review/", "tags/")
    status = {n["title"]: n["review"]["status"] for n in index["notes"]}
    assert status["MySQL 索引失效"] == "due" and status["数据库事务"] == "unscheduled"


def test_a_note_that_would_take_the_dashboards_address_stops_the_build(tmp_path):
    with pytest.raises(LayoutError) as stopped:
        core_site(tmp_path, {"review.md": "# Review\n\ntext\n"})
    [collision] = stopped.value.plan.collisions
    assert (collision.path, collision.line) == ("notes/review.md", 1)
    assert "docs/notes/review.md would both be published as review/index.html" in collision.message


@pytest.mark.slow
def test_an_english_site_gives_the_dashboard_and_its_script_english_words(tmp_path):
    notes = {"a.md": "---\nnext_review: 2026-11-20\n---\n# Alpha\n\nThe first note.\n"}
    config = {"theme": {"language": "en"}}
    built = build_notes(tmp_path, notes, env={"SOURCE_DATE_EPOCH": "1795521600"}, config=config)
    page = built.html("review/")
    words = json.loads(page.select_one(".ns-table-scroll")["data-ns-words"])
    assert page.select_one(".ns-due").get_text() == "4 days overdue"
    assert words["overdue_days"] == "{count} days overdue"
    assert words["overdue_days_one"] == "{count} day overdue"


def test_the_vaults_own_readme_is_the_front_door_with_what_is_due(tmp_path):
    notes = {
        "README.md": "# 我的笔记\n\n欢迎。\n",
        "a.md": "---\nnext_review: 2026-11-01\n---\n# 甲\n\n正文。\n",
    }
    site = core_site(tmp_path, notes)
    readme = next(layout for layout in site.layouts if layout.folder == "")
    markdown = site.markdown[readme.overview.src_uri]
    assert site.home is None
    assert markdown.index("欢迎。") < markdown.index("1 篇笔记待复习")
    assert 'href="review/"' in markdown
