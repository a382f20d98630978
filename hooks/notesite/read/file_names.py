"""File and folder names that would deceive a reader or a tool: markup, control characters, and
bidi or zero-width characters. Such a name is legal on Linux and macOS, and vaults are shared and
synced, so it is published (escaped, its invisible characters left out of what readers see) with
a warning that says to rename it."""

from __future__ import annotations

import re
import unicodedata

from notesite.model.diagnostics import Diagnostic
from notesite.model.plain_text import visible

# What HTML reads as markup: escaped wherever a name is shown, yet a sign of a crafted name.
_MARKUP = re.compile(r"[<>\"]")


def file_name_problems(path: str) -> list[Diagnostic]:
    """Warnings about the note at `path` (relative to the docs folder) for what its name holds."""
    found = []
    if _MARKUP.search(path):
        found.append('markup (<, > or ")')
    if any(unicodedata.category(char) == "Cc" for char in path):
        found.append("control characters")
    if visible(path) != path:
        found.append("bidi or zero-width characters, which reorder or hide what it shows")
    if not found:
        return []
    held = " and ".join(found)
    return [Diagnostic(path, 1, f"the file's path holds {held}; it is shown escaped, but rename it")]
