"""Comparison tables, charts and the timeline, as built pages read with an HTML parser."""

from __future__ import annotations

import json

import pytest

from .conftest import FIXTURES, SEED_FOLDER, build_notes, resolve, seed_url

pytestmark = pytest.mark.slow


def row_labels(table) -> list[str]:
    return [th.get_text(strip=True) for th in table.select("tbody th[scope=row]")]


def test_a_generated_table_follows_the_prose_it_came_from(seed_site):
    page = seed_site.html(seed_url("section-1"))
    derived = page.select("article .ns-derived")
    assert len(derived) == 1
    table = derived[0].select_one("table.ns-compare")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["模型推理优化", "高性能算子开发"]
    assert row_labels(table) == ["定义", "核心工作内容", "技术实例"]
    # Right after 1.2's last paragraph and before the heading of 1.3: next to the prose.
    assert "阿里云也分享了" in derived[0].find_previous("p").get_text()
    assert derived[0].find_next("h2").get_text().startswith("1.3")


def test_the_salary_chart_has_three_stages_for_both_subjects(seed_site):
    chart = seed_site.html(seed_url("section-4")).select_one(".ns-derived figure.ns-range-chart")
    groups = chart.select(".ns-range-chart__group")
    assert [g.select_one(".ns-range-chart__label").get_text() for g in groups] == [
        "应届生起薪",
        "3-5年经验",
        "5年以上资深",
    ]
    values = [[v.get_text() for v in g.select(".ns-range-chart__value")] for g in groups]
    assert values == [
        ["20-35万/年", "25-40万/年"],
        ["40-70万/年", "50-80万/年"],
        ["70-150万/年", "80-120万/年"],
    ]


def test_beside_the_salary_list_the_chart_is_shown_and_the_table_waits_behind_a_summary(seed_site):
    article = seed_site.html(seed_url("section-4")).select_one("article")
    heading = article.find(lambda tag: tag.name == "h2" and tag.get_text().startswith("4.2"))
    salary = heading.find_next(class_="ns-derived")
    # The figures once as the author's list and once as the chart; the table only on demand.
    assert len(article.select("figure.ns-range-chart")) == 1
    assert [child.name for child in salary.children] == ["figure", "details"]
    details = salary.select_one("details.ns-table-on-demand")
    assert details.summary.get_text() == "以表格显示" and "open" not in details.attrs
    assert row_labels(details.select_one("table.ns-compare")) == ["应届生起薪", "3-5年经验", "5年以上资深"]
    # The author's text stays whole, before the chart.
    written = [li.get_text() for li in salary.find_all_previous("li")]
    assert {"推理优化工程师：20-35万/年（一线城市）", "算子库架构师：80-120万/年（含股票）"} <= set(written)
    # A comparison without a chart keeps its table in the open (4.1's market demand).
    assert article.select_one(".ns-derived > .ns-compare-wrap caption").get_text() == "市场需求分析"


def test_star_ratings_get_meters_beside_their_text(seed_site):
    table = seed_site.html(seed_url("section-2")).select("article .ns-derived table")[-1]
    cells = [td.get_text(" ", strip=True) for td in table.select("tbody td")]
    assert any("★★★★☆（4/5）" in cell for cell in cells)
    assert len(table.select(".ns-meter")) == 2


def test_the_comparison_page_gathers_every_comparison_with_links_back(seed_site):
    page = seed_site.html(seed_url("comparisons"))
    titles = [h.get_text().rstrip("¶") for h in page.select("article h2")]
    assert {"核心差异对比", "职业发展对比", "薪资水平对比", "决策矩阵"} <= set(titles)
    assert len(page.select("article table.ns-compare")) == len(titles)
    assert page.select("article details") == []  # the place for tables shows every one open
    for source in page.select("article .ns-from"):
        assert resolve(seed_url("comparisons"), source.select_one("a")["href"]).startswith(
            f"{SEED_FOLDER}section-"
        )
    index = json.loads((seed_site.site / "notes.json").read_text("utf-8"))
    kinds = [p["kind"] for p in index["notes"][0]["pages"]]
    assert kinds[-3:] == ["comparison", "timeline", "bibliography"]


def test_the_timeline_has_both_lanes_and_the_growth_plan_in_order(seed_site):
    page = seed_site.html(seed_url("timeline"))
    timeline = page.select_one("article .ns-timeline")
    text = timeline.get_text(" ")
    for span in ("前6个月", "6-12个月", "1-2年", "2年+", "0-2年", "2-5年", "5年+"):
        assert span in text
    assert text.index("前6个月") < text.index("6-12个月") < text.index("1-2年") < text.index("2年+")
    links = {resolve(seed_url("timeline"), a["href"].split("#")[0]) for a in timeline.select("a[href]")}
    assert links <= {seed_url("section-3"), seed_url("section-7")} and links


def test_the_overview_links_to_the_comparison_and_timeline_pages(seed_site):
    hrefs = [resolve(seed_url(), a["href"]) for a in seed_site.html(seed_url()).select(".ns-cards a")]
    assert seed_url("comparisons") in hrefs and seed_url("timeline") in hrefs


def test_an_english_note_gets_its_comparisons_and_timeline(tmp_path):
    text = (FIXTURES / "compare" / "english.md").read_text("utf-8")
    built = build_notes(tmp_path, {"data-vs-ml.md": text}, "--strict")
    assert built.returncode == 0, built.log
    assert built.html("data-vs-ml/comparisons/").select("table.ns-compare")
    assert "First 3 months" in built.html("data-vs-ml/timeline/").get_text()


def test_a_note_without_parallel_structure_gets_no_empty_pages(tmp_path):
    text = (FIXTURES / "compare" / "no-parallel.md").read_text("utf-8")
    built = build_notes(tmp_path, {"plain.md": text})
    assert built.returncode == 0, built.log
    assert not (built.site / "plain" / "comparisons").exists()
    assert not (built.site / "plain" / "timeline").exists()
