"""A `Timeline` as HTML: one time axis down the side, one lane per subject, side by side.

Every timed track (career stages, growth plans) shares one axis whose rows are the points where
some item starts or ends, each as tall as the time it stands for, so "0-2年" spans the rows of
"前6个月", "6-12个月" and "1-2年" beside them. Each lane has a column per track. Stage flows have no
time; they follow as ordered steps, again one lane per subject. The markup is lane by lane, so on a
narrow screen (where compare.css turns the grids into plain blocks) each subject's path reads top
to bottom; each item names its own span and links back to the section it came from."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from notesite.analyse.timeline import Lane, Timeline, TimelineItem, Track, TrackKind
from notesite.model.words import LABELS, bracketed
from notesite.render.html import EMPTY, Html, link
from notesite.render.inline_html import inline_html

LinkFor = Callable[[int], str]  # source line → relative URL and anchor of the page holding it

_HEAD_ROWS = 2  # lane names, then the tracks' titles


def render_timeline(timeline: Timeline, link_for: LinkFor, words: Mapping[str, str] = LABELS["zh"]) -> Html:
    """The shared time axis, then the ordered flows, in the order the note brings them up, with
    the interface `words` of the site."""
    flows: dict[str, list[tuple[int, str, Track]]] = {}
    for index, lane in enumerate(timeline.lanes, start=1):
        for track in lane.tracks:
            if track.kind is TrackKind.FLOW:
                flows.setdefault(track.title, []).append((index, lane.subject, track))
    ordered = sorted(flows.values(), key=lambda tracks: min(t.section_line for _, _, t in tracks))
    body = _time_axis(timeline.lanes, link_for, words)
    body += EMPTY.join(_flow(tracks, len(timeline.lanes), link_for, words) for tracks in ordered)
    return Html('<div class="ns-timeline">{}</div>').format(body)


def _time_axis(lanes: list[Lane], link_for: LinkFor, words: Mapping[str, str]) -> Html:
    timed = [
        (track.title, track) for lane in lanes for track in lane.tracks if track.kind is not TrackKind.FLOW
    ]
    if not timed:
        return EMPTY
    first_line: dict[str, int] = {}
    for title, track in timed:
        first_line[title] = min(first_line.get(title, track.section_line), track.section_line)
    titles = sorted(first_line, key=first_line.__getitem__)
    axis = _Axis([item for _, track in timed for item in track.items])

    columns = []  # (lane index, column, track title, cells of the column)
    for index, lane in enumerate(lanes, start=1):
        for offset, title in enumerate(titles):
            items = [
                i for t in lane.tracks if t.title == title and t.kind is not TrackKind.FLOW for i in t.items
            ]
            columns.append((index, 2 + (index - 1) * len(titles) + offset, title, axis.cells(items)))
    last_row = max((bottom for *_, cells in columns for (_, bottom), _ in cells), default=0)

    cells = [_when(words["timeline_when"], f"1 / span {_HEAD_ROWS}", head=True)]
    cells += [
        _when(label, str(row), open_end=axis.open_ended and row == axis.end - 1)
        for row, label in axis.labels(words, last_row)
    ]
    for index, lane in enumerate(lanes, start=1):
        cells.append(_lane(index, lane.subject, f"{2 + (index - 1) * len(titles)} / span {len(titles)}"))
        for lane_index, column, title, placed in columns:
            if lane_index != index:
                continue
            cells.append(
                Html('<div class="ns-tl-kind" style="grid-row: 2; grid-column: {}">{}</div>').format(
                    column, inline_html(title)
                )
            )
            for (top, bottom), group in placed:
                content = EMPTY.join(_item(item, False, link_for, words) for item in group)
                cells.append(_cell(index, f"{top} / {bottom}", column, content))
    return _grid("time", len(lanes) * len(titles), EMPTY.join(cells), rows=axis.rows(last_row))


def _lane(index: int, subject: str, grid_column: str) -> Html:
    """A lane's heading, on the first row: its subject, in its series' colour."""
    return Html('<h3 class="ns-tl-lane ns-series-{}" style="grid-row: 1; grid-column: {}">{}</h3>').format(
        index, grid_column, subject
    )


def _cell(index: int, grid_row: str, column: int, content: Html) -> Html:
    return Html('<div class="ns-tl-cell ns-series-{}" style="grid-row: {}; grid-column: {}">{}</div>').format(
        index, grid_row, column, content
    )


def _grid(kind: str, columns: int, cells: Html, title: Html = EMPTY, rows: str = "") -> Html:
    """A track: its grid of `columns` lanes' columns, under its title if it has one; `rows` sizes
    its rows (a grid-template-rows value)."""
    style = f"--ns-lanes: {columns}" + (f"; --ns-rows: {rows}" if rows else "")
    return Html(
        '<section class="ns-tl-track ns-tl-track--{}">{}<div class="ns-tl-grid" style="{}">{}</div></section>'
    ).format(kind, title, style, cells)


class _Axis:
    """Grid rows for spans of time: one row per stretch between points where an item starts or
    ends, and an open-ended item ("2年+") runs to the last. An item whose span could not be read
    takes the row after the item before it, or a row of its own at the end."""

    def __init__(self, items: list[TimelineItem]) -> None:
        spans = [item.span for item in items if item.span]
        points = {span.start for span in spans} | {span.end for span in spans if span.end is not None}
        self.points = sorted(points)
        self.row_of = {point: index for index, point in enumerate(self.points)}
        self.open_ended = any(span.end is None for span in spans)
        self.bands = len(self.points) - (0 if self.open_ended else 1)
        self.end = self.bands + 1 + _HEAD_ROWS  # the grid line after the last band

    def rows(self, last_row: int) -> str:
        """Row heights proportional to time: each band `fr` by its months (a grid of no set
        height makes every fr as tall as the fullest band needs, so the proportions hold). An
        open end ("5年+") has no length: it takes the room its items need, under a break mark."""
        lengths = [b - a for a, b in zip(self.points, self.points[1:], strict=False)]
        bands = [f"minmax(2.5em, {max(length, 1)}fr)" for length in lengths]
        tail = ["auto"] * (self.open_ended + (last_row > self.end))
        return " ".join(["auto"] * _HEAD_ROWS + bands + tail)

    def labels(self, words: Mapping[str, str], last_row: int) -> list[tuple[int, str]]:
        """(row, label) down the axis; `last_row` > the end adds the row of unplaced items."""
        rows = []
        for band in range(self.bands):
            open_band = self.open_ended and band == self.bands - 1
            rows.append(
                (band + 1 + _HEAD_ROWS, _point(self.points[band], words) + ("+" if open_band else ""))
            )
        if last_row > self.end:
            rows.append((self.end, words["timeline_unplaced"]))
        return rows

    def cells(self, items: list[TimelineItem]) -> list[tuple[tuple[int, int], list[TimelineItem]]]:
        """One column's items in time order, as (first row, line after the last) and items;
        items whose rows overlap share one cell instead of covering each other."""
        placed: list[tuple[tuple[int, int], TimelineItem]] = []
        after = 1 + _HEAD_ROWS
        for item in items:
            if item.span is None:
                top = after if after < self.end else self.end
                rows = (top, top + 1)
            else:
                start = self.row_of[item.span.start]
                end = self.bands if item.span.end is None else self.row_of[item.span.end]
                rows = (start + 1 + _HEAD_ROWS, max(end, start + 1) + 1 + _HEAD_ROWS)
            placed.append((rows, item))
            after = rows[1]
        merged: list[tuple[tuple[int, int], list[TimelineItem]]] = []
        for (top, bottom), item in sorted(placed, key=lambda entry: entry[0]):
            if merged and top < merged[-1][0][1]:
                (first, last), group = merged[-1]
                group.append(item)  # in place: a plan may put thousands of items in one cell
                merged[-1] = ((first, max(last, bottom)), group)
            else:
                merged.append(((top, bottom), [item]))
        return merged


def _point(months: int, words: Mapping[str, str]) -> str:
    if months == 0:
        return "0"
    if months % 12:
        return words["timeline_months"].format(n=months)
    return words["timeline_years"].format(n=months // 12)


def _flow(
    tracks: list[tuple[int, str, Track]], lanes: int, link_for: LinkFor, words: Mapping[str, str]
) -> Html:
    """Stages without times, in order: row n holds every lane's n-th stage."""
    depth = max(len(track.items) for _, _, track in tracks)
    cells = [_when(words["timeline_step"], "1", head=True)]
    cells += [_when(str(step), str(step + 1)) for step in range(1, depth + 1)]
    for index, subject, track in tracks:
        column = index + 1
        cells.append(_lane(index, subject, str(column)))
        cells += [
            _cell(index, str(step + 1), column, _item(item, True, link_for, words))
            for step, item in enumerate(track.items, start=1)
        ]
    title = Html('<h2 class="ns-tl-track__title">{}</h2>').format(inline_html(tracks[0][2].title))
    return _grid("flow", lanes, EMPTY.join(cells), title)


def _when(label: str, grid_row: str, head: bool = False, open_end: bool = False) -> Html:
    """An axis label; `open_end` marks the band that has no end (the axis breaks there)."""
    classes = "ns-tl-when" + (" ns-tl-when--head" if head else "") + (" ns-tl-when--open" if open_end else "")
    return Html('<div class="{}" style="grid-row: {}; grid-column: 1">{}</div>').format(
        classes, grid_row, label
    )


def _item(item: TimelineItem, ordered: bool, link_for: LinkFor, words: Mapping[str, str]) -> Html:
    """One item: its title linking back to its section, then its lines (numbered for a flow)."""
    unplaced = not ordered and item.span is None
    marker = bracketed(words["timeline_unplaced"], item.title).removeprefix(" ")
    shown = Html(' <span class="ns-tl-item__unplaced">{}</span>').format(marker) if unplaced else EMPTY
    if len(item.details) == 1 and not ordered:
        details = Html("<p>{}</p>").format(inline_html(item.details[0]))
    else:
        tag = "ol" if ordered else "ul"
        lines = EMPTY.join(Html("<li>{}</li>").format(inline_html(d)) for d in item.details)
        details = Html("<{0}>{1}</{0}>").format(tag, lines)
    classes = "ns-tl-item" + (" ns-tl-item--unplaced" if unplaced else "")
    title = link(link_for(item.section_line), inline_html(item.title))
    return Html('<article class="{}"><p class="ns-tl-item__title">{}{}</p>{}</article>').format(
        classes, title, shown, details
    )
