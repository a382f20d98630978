"""Messages about a note, each pointing at a file and a line."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    # Worth knowing, but the site is right: logged at info level, so --strict still passes.
    INFO = "info"
    WARNING = "warning"
    # An error means the published site would be wrong: the build fails under --strict.
    ERROR = "error"


@dataclass(frozen=True)
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
