"""Display formulas written over several lines, as Obsidian and arithmatex read them:

    $$
    E = mc^2
    $$

A line that starts with `$$` and does not close it opens a formula that the next line holding
`$$` closes; a `$$…$$` within one line is the inline scanner's (model/inline.py). An opening never
closed is no formula, so no line is lost to a typo.
"""

from __future__ import annotations

from collections.abc import Iterable

from notesite.model.note import LineSpan


def find_math_blocks(lines: list[str], numbers: Iterable[int]) -> dict[int, LineSpan]:
    """First line → the lines of each multi-line `$$` formula, over the given (unfenced) lines."""
    found: dict[int, LineSpan] = {}
    opened: int | None = None
    for number in numbers:
        text = lines[number - 1].strip()
        if opened is None:
            if text.startswith("$$") and "$$" not in text[2:]:
                opened = number
        elif "$$" in text:
            found[opened], opened = LineSpan(opened, number), None
    return found


def formula_text(lines: list[str], span: LineSpan) -> str:
    """The TeX between the `$$` of a multi-line formula."""
    text = "\n".join(line.strip() for line in lines[span.start - 1 : span.end])
    return text[2 : text.rfind("$$")].strip()
