"""Spaced-repetition state from front matter: what is due on the build date, and what comes next.

The build date is passed in, never read from the clock here, so a build is reproducible and the
tests can pick the day. Obsidian Spaced Repetition's keys are read too: `sr-due` stands for
`next_review` when that is missing, `sr-interval` and `sr-ease` are reported as they are.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from notesite.model.note import Note


class DueStatus(StrEnum):
    DUE = "due"  # next review on or before the build date
    WEEK = "week"  # within the next 7 days
    MONTH = "month"  # within the next 30 days
    LATER = "later"
    UNSCHEDULED = "unscheduled"  # no review fields at all


# The dashboard's order of groups.
ORDER = (DueStatus.DUE, DueStatus.WEEK, DueStatus.MONTH, DueStatus.LATER, DueStatus.UNSCHEDULED)


@dataclass(frozen=True)
class ReviewState:
    path: str
    title: str
    next_review: date | None
    last_reviewed: date | None
    created: date | None
    review_count: int | None
    difficulty: str | None
    mastery: float | None
    interval: int | None  # sr-interval, in days
    ease: int | None  # sr-ease
    status: DueStatus
    days: int | None  # days from the build date to the next review (negative: overdue)

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "next_review": self.next_review.isoformat() if self.next_review else None,
            "days_until_due": self.days,
            "sr_interval": self.interval,
            "sr_ease": self.ease,
        }


def build_date(environ: dict[str, str] | None = None) -> date:
    """Today, or the day SOURCE_DATE_EPOCH names (reproducible builds set it)."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()


def review_state(note: Note, today: date) -> ReviewState:
    meta = note.front_matter
    extra = meta.extra
    due = meta.next_review or _date(extra.get("sr-due"))
    days = (due - today).days if due else None
    if days is None:
        status = DueStatus.UNSCHEDULED
    elif days <= 0:
        status = DueStatus.DUE
    elif days <= 7:
        status = DueStatus.WEEK
    elif days <= 30:
        status = DueStatus.MONTH
    else:
        status = DueStatus.LATER
    return ReviewState(
        note.path,
        note.title,
        due,
        meta.last_reviewed,
        meta.created,
        meta.review_count,
        meta.difficulty,
        meta.mastery_level,
        _whole(extra.get("sr-interval")),
        _whole(extra.get("sr-ease")),
        status,
        days,
    )


def schedule(states: list[ReviewState]) -> dict[DueStatus, list[ReviewState]]:
    """Groups in dashboard order; the most overdue first, then the soonest, then by title."""
    groups: dict[DueStatus, list[ReviewState]] = {status: [] for status in ORDER}
    for state in states:
        groups[state.status].append(state)
    for members in groups.values():
        members.sort(key=lambda s: (s.next_review or date.max, s.title, s.path))
    return groups


def activity(states: list[ReviewState]) -> Counter[date]:
    """Review activity by day: each note's last review (or its creation when never reviewed)."""
    days: Counter[date] = Counter()
    for state in states:
        day = state.last_reviewed or state.created
        if day:
            days[day] += 1
        if state.created and state.last_reviewed and state.created != state.last_reviewed:
            days[state.created] += 1
    return days


def window(today: date, weeks: int) -> tuple[date, date]:
    """The first and last day of a calendar of `weeks` full weeks (Monday first) ending today."""
    end = today
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    return start, end


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None
