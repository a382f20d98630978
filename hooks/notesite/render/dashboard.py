"""The review dashboard: what is due on the build date, what comes next, mastery and activity.

Plain HTML and CSS (knowledge.css) like the other charts; every date is a `<time>` and every row
carries its due date in `data-due`, so review.js can recompute "due" against the reader's today.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

from notesite.knowledge.review import ORDER, DueStatus, ReviewState, activity, schedule, window
from notesite.layout.pages import NoteLayout, PageSpec
from notesite.render.text import escape_html

HEATMAP_WEEKS = 26
_BINS = 5  # mastery 0–20 %, …, 80–100 %


def anchor(href: str, text: str, css: str = "") -> str:
    """A link in generated HTML; `href` a finished URL, `text` plain text, both escaped here."""
    attribute = f' class="{css}"' if css else ""
    return f'<a{attribute} href="{escape_html(href)}">{escape_html(text)}</a>'


def time_tag(day: date | None) -> str:
    if day is None:
        return '<span class="ns-none">—</span>'
    iso = day.isoformat()
    return f'<time datetime="{iso}">{iso}</time>'


def mastery_meter(level: float | None, labels: dict[str, str]) -> str:
    if level is None:
        return f'<span class="ns-none">{escape_html(labels["not_recorded"])}</span>'
    percent = f"{level:.0%}"
    return (
        f'<meter min="0" max="1" low="0.4" high="0.75" optimum="1" value="{level:.4g}" '
        f'aria-label="{escape_html(labels["mastery_level"])}">{percent}</meter> <span>{percent}</span>'
    )


def due_text(state: ReviewState, labels: dict[str, str]) -> str:
    """The due date with how far off it is; `data-due` lets review.js say it again for today."""
    if state.next_review is None or state.days is None:
        return time_tag(None)
    if state.days < 0:
        words = labels["overdue_days"].format(n=-state.days)
    elif state.days == 0:
        words = labels["due_today"]
    else:
        words = labels["due_in_days"].format(n=state.days)
    return (
        f'{time_tag(state.next_review)} <span class="ns-due ns-due--{state.status.value}" '
        f'data-due="{state.next_review.isoformat()}">{escape_html(words)}</span>'
    )


def dashboard_markdown(
    page: PageSpec,
    states: list[ReviewState],
    layouts: dict[str, NoteLayout],
    labels: dict[str, str],
    today: date,
    directory_urls: bool,
) -> str:
    groups = schedule(states)
    built = escape_html(labels["built_on"]).replace("{date}", time_tag(today))
    lines = [
        f"# {escape_html(page.title)}",
        "",
        f'<p class="ns-built" data-built="{today.isoformat()}" {script_words(labels)}>{built}</p>',
        "",
        _summary(groups, labels),
        "",
        # Review data, as on each note's review card: never a search excerpt (nor the tables').
        '<div class="ns-figures" data-search-exclude>'
        + mastery_chart(states, labels)
        + heatmap(states, today, labels)
        + "</div>",
        "",
    ]
    for status in ORDER:
        members = groups[status]
        if not members:
            continue
        lines += [f"## {escape_html(labels['review_' + status.value])}（{len(members)}）", ""]
        lines += [review_table(page, members, layouts, labels, directory_urls, status), ""]
    return "\n".join(lines)


def _summary(groups: dict[DueStatus, list[ReviewState]], labels: dict[str, str]) -> str:
    items = "".join(
        f'<li class="ns-review-summary__{status.value}"><span class="ns-review-summary__count">'
        f"{len(groups[status])}</span> {escape_html(labels['review_' + status.value])}</li>"
        for status in ORDER
    )
    return f'<ul class="ns-review-summary">{items}</ul>'


def review_table(
    page: PageSpec,
    states: list[ReviewState],
    layouts: dict[str, NoteLayout],
    labels: dict[str, str],
    directory_urls: bool,
    status: DueStatus | None = None,
) -> str:
    heads = ("note", "mastery_level", "difficulty", "review_count", "last_reviewed", "next_review")
    head = "".join(f'<th scope="col">{escape_html(labels[key])}</th>' for key in heads)
    rows = []
    for state in states:
        href = page.href_to(layouts[state.path].overview, directory_urls)
        count = state.review_count
        cells = [
            mastery_meter(state.mastery, labels),
            escape_html(state.difficulty) if state.difficulty else time_tag(None),
            str(count) if count is not None else time_tag(None),
            time_tag(state.last_reviewed),
            due_text(state, labels),
        ]
        row = f'<th scope="row">{anchor(href, state.title)}</th>' + "".join(
            cell(labels[key], html) for key, html in zip(heads[1:], cells, strict=True)
        )
        rows.append(f"<tr {row_attributes(state)}>{row}</tr>")
    status_attr = f' data-status="{status.value}"' if status else ""
    return (
        f'<div class="ns-table-scroll" data-search-exclude tabindex="0" role="region" '
        f'aria-label="{escape_html(labels["review_title"])}" {script_words(labels)}>'
        f'<table class="ns-review-table"{status_attr}><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def script_words(labels: dict[str, str]) -> str:
    """The words review.js needs to say "due" again, in the notes' language, as an attribute."""
    keys = ("overdue_days", "due_today", "due_in_days", "due_count", "nothing_due", "checked_today")
    words = {key: labels[key].replace("{n}", "{count}") for key in keys}
    return f'data-ns-words="{escape_html(json.dumps(words, ensure_ascii=False))}"'


def cell(label: str, html: str) -> str:
    """A table cell that names its column, for the stacked rows of a narrow screen."""
    return f'<td data-label="{escape_html(label)}">{html}</td>'


def row_attributes(state: ReviewState) -> str:
    """A review row's class by its group, and its due date for review.js."""
    due = f' data-due="{state.next_review.isoformat()}"' if state.next_review else ""
    return f'class="ns-review-row ns-review-row--{state.status.value}"{due}'


def mastery_chart(states: list[ReviewState], labels: dict[str, str]) -> str:
    """How many notes sit at each level of mastery, as bars with their counts written beside."""
    counts = Counter(
        min(int(s.mastery * _BINS), _BINS - 1) if s.mastery is not None else None for s in states
    )
    rows: list[tuple[str, int]] = [
        (f"{i * 100 // _BINS}–{(i + 1) * 100 // _BINS}%", counts.get(i, 0)) for i in range(_BINS)
    ]
    rows.append((labels["not_recorded"], counts.get(None, 0)))
    top = max((count for _, count in rows), default=0) or 1
    bars = "".join(
        f'<div class="ns-bar-chart__row"><span class="ns-bar-chart__label">{escape_html(label)}</span>'
        f'<span class="ns-bar-chart__track" aria-hidden="true"><span class="ns-bar-chart__fill" '
        f'style="width: {count / top * 100:.1f}%"></span></span>'
        f'<span class="ns-bar-chart__value">{count}</span></div>'
        for label, count in rows
    )
    return (
        f'<figure class="ns-chart ns-bar-chart ns-mastery-chart"><figcaption>'
        f"{escape_html(labels['mastery_chart'])}</figcaption>{bars}</figure>"
    )


def heatmap(
    states: list[ReviewState], today: date, labels: dict[str, str], weeks: int = HEATMAP_WEEKS
) -> str:
    """A calendar of review activity: one column per week (Monday on top), darker for more."""
    start, end = window(today, weeks)
    days = activity(states)
    shown = {day: count for day, count in days.items() if start <= day <= end}
    cells = []
    day = start
    while day <= end:
        count = shown.get(day, 0)
        level = min(count, 4)
        cells.append(
            f'<span class="ns-heatmap__day ns-heatmap__day--{level}" '
            f'title="{day.isoformat()}: {count}"></span>'
        )
        day += timedelta(days=1)
    summary = labels["activity_summary"].format(days=len(shown), count=sum(shown.values()))
    return (
        f'<figure class="ns-chart ns-heatmap"><figcaption>'
        f"{escape_html(labels['activity'].format(weeks=weeks))}"
        f'</figcaption><div class="ns-heatmap__grid" aria-hidden="true">{"".join(cells)}</div>'
        f'<p class="ns-heatmap__summary">{escape_html(summary)}</p></figure>'
    )
