"""Messages about a note, each pointing at a file and a line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    # Worth knowing, but the site is right: logged at info level, so --strict still passes.
    INFO = "info"
    WARNING = "warning"
    # An error means the published site would be wrong: the build fails under --strict.
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    message: str
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class NoteError(Exception):
    """A note that cannot be read at all (for example, broken front matter)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


_DIGITS = re.compile(r"\d+")
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """By file and line; at one line, the most severe first. Duplicates are dropped."""
    unique = list(dict.fromkeys(diagnostics))
    return sorted(unique, key=lambda d: (d.path, d.line, _SEVERITY_ORDER[d.severity], d.message))


# More messages of one kind than this in a note are told once, with a count and where.
REPEAT_LIMIT = 3
_SHOWN_LINES = 5


def collapse_repeats(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """One message per construct, however often the note repeats it.

    The same message at one line (a thousand identical unknown citations on a line) becomes one
    message with a count. More than `REPEAT_LIMIT` messages that differ only in their numbers (ten
    thousand empty headings, each "titled 'Section N'") become the first of them, saying how many
    more there are and at which lines.
    """
    same: dict[Diagnostic, int] = {}
    for diagnostic in diagnostics:
        same[diagnostic] = same.get(diagnostic, 0) + 1
    kinds: dict[tuple[str, Severity, str], list[Diagnostic]] = {}
    for diagnostic in same:
        key = (diagnostic.path, diagnostic.severity, _DIGITS.sub("#", diagnostic.message))
        kinds.setdefault(key, []).append(diagnostic)
    collapsed = []
    for group in kinds.values():
        shown = group if len(group) <= REPEAT_LIMIT else group[:1]
        for diagnostic in shown:
            message = diagnostic.message
            if same[diagnostic] > 1:
                message += f" ({same[diagnostic]:,} times on this line)"
            if len(group) > REPEAT_LIMIT:
                lines = ", ".join(str(d.line) for d in group[1 : 1 + _SHOWN_LINES])
                more = "…" if len(group) > 1 + _SHOWN_LINES else ""
                message += f" (and {len(group) - 1:,} more like it, at lines {lines}{more})"
            collapsed.append(Diagnostic(diagnostic.path, diagnostic.line, message, diagnostic.severity))
    return collapsed
