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
from notesite.model.words import bracketed, counted
from notesite.render.html import EMPTY, NONE, Html, attributes, cell, link, mastery_meter, time_tag

HEATMAP_WEEKS = 26
# Rows of all tables together, the most urgent first; the rest of each group is counted, so the
# dashboard of a vault of 5,000 notes stays the size of one of a few hundred (each note's review
# card has its own plan).
REVIEW_ROWS = 200
_BINS = 5  # mastery 0–20 %, …, 80–100 %


def mastery(level: float | None, labels: dict[str, str]) -> Html:
    if level is None:
        return Html('<span class="ns-none">{}</span>').format(labels["not_recorded"])
    return mastery_meter(level, labels["mastery_level"])


def due_text(state: ReviewState, labels: dict[str, str]) -> Html:
    """The due date with how far off it is; `data-due` lets review.js say it again for today."""
    if state.next_review is None or state.days is None:
        return time_tag(None)
    if state.days < 0:
        words = counted(labels, "overdue_days", -state.days)
    elif state.days == 0:
        words = labels["due_today"]
    else:
        words = counted(labels, "due_in_days", state.days)
    return Html('{} <span class="ns-due ns-due--{}" data-due="{}">{}</span>').format(
        time_tag(state.next_review), state.status.value, state.next_review.isoformat(), words
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
    built = Html.escape(labels["built_on"]).replace("{date}", time_tag(today))
    lines = [
        f"# {Html.escape(page.title)}",
        "",
        Html('<p class="ns-built" data-built="{}" {}>{}</p>').format(
            today.isoformat(), script_words(labels), built
        ),
        "",
        _summary(groups, labels),
        "",
        # Review data, as on each note's review card: never a search excerpt (nor the tables').
        Html('<div class="ns-figures" data-search-exclude>{}{}</div>').format(
            mastery_chart(states, labels), heatmap(states, today, labels)
        ),
        "",
    ]
    room = REVIEW_ROWS
    for status in ORDER:
        members = groups[status]
        if not members:
            continue
        heading = labels["review_" + status.value]
        lines += [f"## {Html.escape(heading + bracketed(str(len(members)), heading))}", ""]
        shown, room = members[:room], max(room - len(members), 0)
        if shown:
            lines += [review_table(page, shown, layouts, labels, directory_urls, status), ""]
        if len(members) > len(shown):
            more = counted(labels, "more_reviews", len(members) - len(shown))
            lines += [Html('<p class="ns-review-more">{}</p>').format(more), ""]
    return "\n".join(lines)


def _summary(groups: dict[DueStatus, list[ReviewState]], labels: dict[str, str]) -> Html:
    items = EMPTY.join(
        Html(
            '<li class="ns-review-summary__{0}"><span class="ns-review-summary__count">{1}</span> {2}</li>'
        ).format(status.value, len(groups[status]), labels["review_" + status.value])
        for status in ORDER
    )
    return Html('<ul class="ns-review-summary">{}</ul>').format(items)


def review_table(
    page: PageSpec,
    states: list[ReviewState],
    layouts: dict[str, NoteLayout],
    labels: dict[str, str],
    directory_urls: bool,
    status: DueStatus | None = None,
) -> Html:
    heads = ("note", "mastery_level", "difficulty", "review_count", "last_reviewed", "next_review")
    head = EMPTY.join(Html('<th scope="col">{}</th>').format(labels[key]) for key in heads)
    rows = []
    for state in states:
        href = page.href_to(layouts[state.path].overview, directory_urls)
        count = state.review_count
        cells = [
            mastery(state.mastery, labels),
            Html.escape(state.difficulty) if state.difficulty else NONE,
            Html.escape(count) if count is not None else NONE,
            time_tag(state.last_reviewed),
            due_text(state, labels),
        ]
        row = Html('<th scope="row">{}</th>').format(link(href, state.title)) + EMPTY.join(
            cell(labels[key], content) for key, content in zip(heads[1:], cells, strict=True)
        )
        rows.append(Html("<tr{}>{}</tr>").format(row_attributes(state), row))
    return Html(
        '<div class="ns-table-scroll" data-search-exclude tabindex="0" role="region" aria-label="{}" {}>'
        '<table class="ns-review-table"{}><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>'
    ).format(
        labels["review_title"],
        script_words(labels),
        attributes({"data-status": status.value if status else None}),
        head,
        EMPTY.join(rows),
    )


def script_words(labels: dict[str, str]) -> Html:
    """The words review.js needs to say "due" again, in the notes' language, as an attribute."""
    keys: tuple[str, ...] = (
        "overdue_days",
        "due_today",
        "due_in_days",
        "due_count",
        "nothing_due",
        "checked_today",
    )
    # With each count's singular form, where the language has one (review.js picks it for 1).
    keys += tuple(f"{key}_one" for key in keys if f"{key}_one" in labels)
    words = {key: labels[key].replace("{n}", "{count}") for key in keys}
    return Html('data-ns-words="{}"').format(json.dumps(words, ensure_ascii=False))


def row_attributes(state: ReviewState) -> Html:
    """A review row's class by its group, and its due date for review.js."""
    due = state.next_review.isoformat() if state.next_review else None
    return attributes({"class": f"ns-review-row ns-review-row--{state.status.value}", "data-due": due})


def mastery_chart(states: list[ReviewState], labels: dict[str, str]) -> Html:
    """How many notes sit at each level of mastery, as bars with their counts written beside."""
    counts = Counter(
        min(int(s.mastery * _BINS), _BINS - 1) if s.mastery is not None else None for s in states
    )
    rows: list[tuple[str, int]] = [
        (f"{i * 100 // _BINS}–{(i + 1) * 100 // _BINS}%", counts.get(i, 0)) for i in range(_BINS)
    ]
    rows.append((labels["not_recorded"], counts.get(None, 0)))
    top = max((count for _, count in rows), default=0) or 1
    bars = EMPTY.join(
        Html(
            '<div class="ns-bar-chart__row"><span class="ns-bar-chart__label">{}</span>'
            '<span class="ns-bar-chart__track" aria-hidden="true"><span class="ns-bar-chart__fill" '
            'style="width: {:.1f}%"></span></span><span class="ns-bar-chart__value">{}</span></div>'
        ).format(label, count / top * 100, count)
        for label, count in rows
    )
    return Html(
        '<figure class="ns-chart ns-bar-chart ns-mastery-chart"><figcaption>{}</figcaption>{}</figure>'
    ).format(labels["mastery_chart"], bars)


def heatmap(
    states: list[ReviewState], today: date, labels: dict[str, str], weeks: int = HEATMAP_WEEKS
) -> Html:
    """A calendar of review activity: one column per week (Monday on top), darker for more, with
    the months above, Monday, Wednesday and Friday beside, and what a cell means below."""
    start, end = window(today, weeks)
    days = activity(states)
    shown = {day: count for day, count in days.items() if start <= day <= end}
    weekdays, months = labels["weekdays"].split(), labels["months"].split()
    # Row 1 holds the months and column 1 the weekdays: day cells start at row 2, column 2.
    cells = [
        Html('<span class="ns-heatmap__label" style="grid-row: {}; grid-column: 1">{}</span>').format(
            row + 2, weekdays[row]
        )
        for row in (0, 2, 4)
    ]
    columns = (end - start).days // 7 + 1
    for week, month in _month_starts(start, end):
        # Four weeks of room, within the calendar (a month that begins in its last week has none).
        span = min(4, columns - week)
        if span >= 2:
            cells.append(
                Html(
                    '<span class="ns-heatmap__label" style="grid-row: 1; grid-column: {} / span {}">{}</span>'
                ).format(week + 2, span, months[month - 1])
            )
    day = start
    while day <= end:
        count = shown.get(day, 0)
        place = f"grid-row: {day.weekday() + 2}; grid-column: {(day - start).days // 7 + 2}"
        cells.append(
            Html(
                '<span class="ns-heatmap__day ns-heatmap__day--{}" style="{}" title="{}: {}"></span>'
            ).format(min(count, 4), place, day.isoformat(), count)
        )
        day += timedelta(days=1)
    summary = labels["activity_summary"].format(days=len(shown), count=sum(shown.values()))
    return Html(
        '<figure class="ns-chart ns-heatmap"><figcaption>{}</figcaption>'
        '<div class="ns-heatmap__grid" aria-hidden="true">{}</div>'
        '<p class="ns-heatmap__summary">{} · {}</p></figure>'
    ).format(labels["activity"].format(weeks=weeks), EMPTY.join(cells), summary, labels["heatmap_cell"])


def _month_starts(start: date, end: date) -> list[tuple[int, int]]:
    """(week column from 0, month) where a month begins, and the first week's month when the
    next label is far enough off (four columns) not to overlap it."""
    found = []
    day = start
    while day <= end:
        if day.day == 1:
            found.append(((day - start).days // 7, day.month))
        day += timedelta(days=1)
    if not found or found[0][0] >= 4:
        found.insert(0, (0, start.month))
    return found
