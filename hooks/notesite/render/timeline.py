"""A `Timeline` as HTML: per track, a grid with the time axis down the side and one lane per subject.

Rows are the distinct spans the lanes use, in time order, so "前6个月" sits level in every lane.
The markup is lane by lane, so on a narrow screen (where compare.css turns the grid into plain
blocks) each subject's path reads top to bottom; each item names its own span and links back to
the section it came from.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from notesite.labels import LABELS
from notesite.render.comparison import inline_html
from notesite.timeline import Timeline, TimelineItem, Track, TrackKind

LinkFor = Callable[[int], str]  # source line → relative URL and anchor of the page holding it

RowKey = tuple[float, float] | tuple[str, int]


def render_timeline(timeline: Timeline, link_for: LinkFor, lang: str = "zh") -> str:
    """Every track of the timeline, in the order the note brings them up."""
    words = LABELS.get(lang, LABELS["en"])
    groups: dict[tuple[TrackKind, str], list[tuple[int, str, Track]]] = {}
    for index, lane in enumerate(timeline.lanes, start=1):
        for track in lane.tracks:
            groups.setdefault((track.kind, track.title), []).append((index, lane.subject, track))
    ordered = sorted(groups.values(), key=lambda tracks: min(t.section_line for _, _, t in tracks))
    body = "".join(_track(tracks, len(timeline.lanes), link_for, words) for tracks in ordered)
    return f'<div class="ns-timeline">{body}</div>'


def _track(tracks: list[tuple[int, str, Track]], lanes: int, link_for: LinkFor, words: dict[str, str]) -> str:
    kind, title = tracks[0][2].kind, tracks[0][2].title
    rows, labels = _rows([track.items for _, _, track in tracks], kind, words)
    cells = [
        f'<div class="ns-tl-when ns-tl-when--head" style="grid-row: 1; grid-column: 1">'
        f"{words['timeline_when'] if kind is not TrackKind.FLOW else words['timeline_step']}</div>"
    ]
    cells += [
        f'<div class="ns-tl-when" style="grid-row: {row}; grid-column: 1">{html.escape(label)}</div>'
        for row, label in enumerate(labels, start=2)
    ]
    for index, subject, track in tracks:
        column = index + 1
        cells.append(
            f'<h3 class="ns-tl-lane ns-series-{index}" style="grid-row: 1; grid-column: {column}">'
            f"{html.escape(subject)}</h3>"
        )
        by_row: dict[int, list[TimelineItem]] = {}
        for item in track.items:
            by_row.setdefault(rows[id(item)], []).append(item)
        for row, items in by_row.items():
            content = "".join(_item(item, kind, link_for, words) for item in items)
            cells.append(
                f'<div class="ns-tl-cell ns-series-{index}" '
                f'style="grid-row: {row}; grid-column: {column}">{content}</div>'
            )
    return (
        f'<section class="ns-tl-track ns-tl-track--{kind.value}">'
        f'<h2 class="ns-tl-track__title">{inline_html(title)}</h2>'
        f'<div class="ns-tl-grid" style="--ns-lanes: {lanes}">{"".join(cells)}</div></section>'
    )


def _rows(
    lanes: list[list[TimelineItem]], kind: TrackKind, words: dict[str, str]
) -> tuple[dict[int, int], list[str]]:
    """Each item's grid row (by id), and the axis label of every row."""
    if kind is TrackKind.FLOW:
        depth = max(len(items) for items in lanes)
        rows = {id(item): position + 2 for items in lanes for position, item in enumerate(items)}
        return rows, [str(n) for n in range(1, depth + 1)]
    keys: dict[RowKey, str] = {}
    for items in lanes:
        for item in items:
            if item.span:
                key = (item.span.start, math.inf if item.span.end is None else item.span.end)
                keys.setdefault(key, item.span.text)
    order: list[RowKey] = sorted(keys)  # type: ignore[arg-type]
    # An item whose span could not be read goes right after the item before it in its lane.
    for items in lanes:
        previous = -1
        for item in items:
            key = _key(item)
            if key not in keys:
                keys[key] = words["timeline_unplaced"]
                order.insert(previous + 1, key)
            previous = order.index(key)
    rows = {id(item): order.index(_key(item)) + 2 for items in lanes for item in items}
    return rows, [keys[key] for key in order]


def _key(item: TimelineItem) -> RowKey:
    if item.span is None:
        return ("?", id(item))
    return (item.span.start, math.inf if item.span.end is None else item.span.end)


def _item(item: TimelineItem, kind: TrackKind, link_for: LinkFor, words: dict[str, str]) -> str:
    href = html.escape(link_for(item.section_line), quote=True)
    unplaced = kind is not TrackKind.FLOW and item.span is None
    unplaced_text = words["timeline_unplaced"]
    marker = f' <span class="ns-tl-item__unplaced">（{unplaced_text}）</span>' if unplaced else ""
    tag = "ol" if kind is TrackKind.FLOW else "ul"
    if len(item.details) == 1 and kind is not TrackKind.FLOW:
        details = f"<p>{inline_html(item.details[0])}</p>"
    else:
        details = f"<{tag}>" + "".join(f"<li>{inline_html(d)}</li>" for d in item.details) + f"</{tag}>"
    classes = "ns-tl-item" + (" ns-tl-item--unplaced" if unplaced else "")
    return (
        f'<article class="{classes}"><p class="ns-tl-item__title">'
        f'<a href="{href}">{inline_html(item.title)}</a>{marker}</p>{details}</article>'
    )
