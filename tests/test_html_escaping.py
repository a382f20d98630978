"""Generated HTML is escaped by construction: a hostile value put into any shared builder, figure
or site-wide page comes out as text, read back with an HTML parser."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from notesite.analyse.comparisons import Comparison, ComparisonKind, Row
from notesite.analyse.ratings import NumberRange, RangeChart, Rating
from notesite.analyse.timeline import Lane, Timeline, TimelineItem, TimeSpan, Track, TrackKind
from notesite.model.note import LineSpan
from notesite.render.charts import render_range_chart, render_rating
from notesite.render.comparison import render_comparison
from notesite.render.html import (
    EMPTY,
    Html,
    attributes,
    cell,
    chips,
    link,
    markdown_text,
    mastery_meter,
    time_tag,
)
from notesite.render.inline_html import inline_html
from notesite.render.timeline import render_timeline
from tests.knowledge_vault import core_site

EVIL = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)> & more"
ATTRIBUTE = '" onmouseover="alert(3)'
SCRIPT_URL = "javascript:alert(4)"


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def assert_inert(markup: str) -> BeautifulSoup:
    """No element or event handler came from a value, and no link runs script."""
    page = soup(markup)
    assert page.find(["script", "img"]) is None, markup
    for element in page.find_all(True):
        assert not any(name.startswith("on") for name in element.attrs), element
        assert not element.get("href", "").lower().startswith("javascript:"), element
    return page


def test_html_escapes_what_it_formats_joins_and_adds_but_not_html():
    made = Html("<b>{}</b>").format(EVIL) + EVIL + EMPTY.join([EVIL, Html("<i>ok</i>")])
    page = assert_inert(made)
    assert page.b.get_text() == EVIL
    assert page.i.get_text() == "ok"
    assert page.get_text() == EVIL * 3 + "ok"


def test_html_escapes_quotes_as_html_escape_does():
    assert Html.escape("\"'<>&") == "&quot;&#x27;&lt;&gt;&amp;"


def test_link_escapes_its_text_href_and_class():
    page = assert_inert(link(ATTRIBUTE, EVIL, ATTRIBUTE))
    assert page.a["href"] == ATTRIBUTE
    assert page.a.get_text() == EVIL
    assert " ".join(page.a["class"]) == ATTRIBUTE


@pytest.mark.parametrize("url", [SCRIPT_URL, "JavaScript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_link_to_a_script_url_is_only_text(url):
    page = assert_inert(link(url, EVIL))
    assert page.a is None
    assert page.get_text() == EVIL


@pytest.mark.parametrize("url", ["https://example.com/a?b=1&c=2", "../notes/x/", "./", "#ref-1", "a/b:c"])
def test_link_keeps_web_and_site_urls(url):
    assert soup(link(url, "x")).a["href"] == url


def test_attributes_cell_meter_chips_and_time_escape_values():
    page = assert_inert(Html("<p{}></p>").format(attributes({"data-x": ATTRIBUTE, "data-none": None})))
    assert page.p.attrs == {"data-x": ATTRIBUTE}
    td = assert_inert(cell(ATTRIBUTE, Html("<b>kept</b>"))).td
    assert (td["data-label"], td.b.get_text()) == (ATTRIBUTE, "kept")
    meter = assert_inert(mastery_meter(0.5, ATTRIBUTE)).meter
    assert (meter["aria-label"], meter["value"], meter.get_text()) == (ATTRIBUTE, "0.5", "50%")
    tags = assert_inert(chips([(ATTRIBUTE, EVIL), (SCRIPT_URL, EVIL)]))
    assert [a["href"] for a in tags.find_all("a")] == [ATTRIBUTE]
    assert tags.get_text() == EVIL * 2
    assert soup(time_tag(date(2026, 1, 2))).time["datetime"] == "2026-01-02"
    assert soup(time_tag(None)).get_text() == "—"


def test_markdown_text_lets_no_html_through():
    assert "<" not in markdown_text(EVIL)


def test_inline_html_keeps_bold_and_code_only():
    page = assert_inert(inline_html(f"**{EVIL}** `{EVIL}` [{EVIL}]({SCRIPT_URL})"))
    assert page.strong.get_text() == EVIL
    assert page.code.get_text() == EVIL
    assert page.a is None


def test_comparison_and_charts_escape_every_value():
    row = Row(EVIL, {EVIL: f"{EVIL}\n★★★☆☆", ATTRIBUTE: None}, 1)
    comparison = Comparison(
        ComparisonKind.TABLE, EVIL, [EVIL, ATTRIBUTE], [row], [], LineSpan(1, 2), 2, ratings={}
    )
    comparison.ratings = {"★★★☆☆": Rating(3, 5, ATTRIBUTE)}
    comparison.chart = RangeChart(EVIL, EVIL, [EVIL], [(EVIL, {EVIL: NumberRange(1, 2, "", EVIL)})])
    page = assert_inert(render_comparison(comparison, lambda number: (ATTRIBUTE, ATTRIBUTE)))
    assert page.caption.get_text() == EVIL
    assert page.select_one(".ns-meter")["title"] == ATTRIBUTE
    assert page.figcaption.get_text() == f"{EVIL}（{EVIL}）"
    assert_inert(render_rating(Rating(1, 5, EVIL)))
    assert_inert(render_range_chart(comparison.chart))


def test_timeline_escapes_every_value():
    timed = TimelineItem(EVIL, [EVIL], TimeSpan(EVIL, 0, 6), 3, 2)
    step = TimelineItem(EVIL, [EVIL, EVIL], None, 5, 4)
    lane = Lane(EVIL, [Track(TrackKind.STAGES, EVIL, 2, [timed]), Track(TrackKind.FLOW, EVIL, 4, [step])])
    page = assert_inert(render_timeline(Timeline([EVIL], [lane]), lambda line: SCRIPT_URL))
    assert page.h3.get_text() == EVIL
    assert page.a is None  # the item's link back was no site or web URL


Q = json.dumps(EVIL)  # JSON is YAML: the hostile value, quoted for front matter
HOSTILE_NOTE = f"""---
title: {Q}
tags: [{Q}, {json.dumps("x/" + ATTRIBUTE)}]
difficulty: {Q}
mastery_level: 0.5
last_reviewed: 2026-01-01
next_review: 2026-01-03
description: {Q}
related: [{Q}]
---

# {EVIL}

See [[other]] and [x]({SCRIPT_URL}) [1].

## 1. {EVIL}

Text [1].

## 2. Second

More.

## 参考资料

[1] {EVIL}（{EVIL}）《{EVIL}》{SCRIPT_URL}
"""

OTHER_NOTE = f"""---
tags: [{Q}]
last_reviewed: 2026-01-02
next_review: 2026-01-02
---

# other

Links to [[hostile#1. {EVIL}]] with a sentence {EVIL}.
"""


def test_every_generated_part_of_a_hostile_vault_is_inert(tmp_path: Path):
    site = core_site(tmp_path, {"hostile.md": HOSTILE_NOTE, "other.md": OTHER_NOTE}, today=date(2026, 1, 2))
    assert not site.broken
    generated = {page.src_uri for page in site.site_pages}
    assert {page.kind.value for page in site.site_pages} == {"home", "review", "graph", "tags", "tag"}
    generated.add("hostile/references.md")
    title = site.layouts[0].note.title
    connections = soup(site.markdown["other/index.md"]).select_one("section.ns-connections")
    assert title in [a.get_text() for a in connections.select("a")]  # the title, as plain text
    for uri, markdown in site.markdown.items():
        if uri in generated:  # made by us from end to end: home, review, tags, bibliography
            assert_inert(markdown)
        else:  # the note's own lines are sanitised later; the HTML we add is not
            assert_inert("\n".join(line for line in markdown.splitlines() if line.startswith("<")))
    review = soup(site.markdown["review.md"])
    assert "alert(1)\"'> & more" in [a.get_text() for a in review.select("th a")]  # the title, as plain text
    overview = soup(site.markdown["hostile/index.md"])
    assert EVIL in [dd.get_text() for dd in overview.select("dd")]
    assert EVIL in [a.get_text() for a in overview.select("nav.md-tags a")]
    assert EVIL in soup(site.markdown["hostile/references.md"]).select_one(".ns-ref").get_text()
    backlinks = soup(site.markdown["hostile/section-1.md"]).select_one("section.ns-backlinks")
    assert "with a sentence alert(1)\"'> & more" in backlinks.get_text()  # plain text
