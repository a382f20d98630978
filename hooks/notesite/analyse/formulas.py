"""A note's formulas as MathML, converted once at build time with latex2mathml (maintained, pure
Python): every current browser reads MathML, so pages need no script and ask no other host.

A formula latex2mathml cannot read stays as its source on the page, and the author hears where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from latex2mathml.converter import convert

from notesite.model.diagnostics import Diagnostic
from notesite.model.inline import InlineKind
from notesite.model.note import Note
from notesite.read.math import formula_text

# Longer formulas are kept as written: the converter's work grows with what it reads.
LONGEST = 5000
# ASCII punctuation in MathML's text, written as character references so Python-Markdown and
# its extensions (emphasis, smart symbols, highlights) leave the formula alone; not `&#;`, which
# spell the references latex2mathml writes itself.
_PUNCTUATION = re.compile(r"[!\"$%'()*+,\-./:<=>?@\[\\\]^_`{|}~]")


@dataclass
class Formulas:
    """MathML by where each formula starts: (line, column) of its `$`, `\\(` or `$$` line."""

    mathml: dict[tuple[int, int], str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def convert_formulas(note: Note) -> Formulas:
    found = Formulas()
    for number, inlines in note.inlines.items():
        for inline in inlines:
            if inline.kind is InlineKind.MATH:
                source = note.lines[number - 1][inline.start : inline.end]
                display = source.startswith("$$")
                width = 2 if display or source.startswith("\\(") else 1
                _convert(note, found, (number, inline.start), source[width:-width], display)
    for start, span in note.math_blocks.items():
        _convert(note, found, (start, 0), formula_text(note.lines, span), True)
    return found


def _convert(note: Note, found: Formulas, place: tuple[int, int], tex: str, display: bool) -> None:
    why = "it is longer than 5000 characters" if len(tex) > LONGEST else ""
    if not why:
        try:
            mathml = convert(tex, display="block" if display else "inline")
        except Exception as error:  # the converter raises many kinds on malformed TeX
            why = f"{type(error).__name__} {error}".strip()
        else:
            found.mathml[place] = _inert(mathml)
            return
    found.diagnostics.append(
        Diagnostic(note.path, place[0], f"formula is shown as written: it could not be converted ({why})")
    )


def _inert(mathml: str) -> str:
    """MathML whose text holds no character Markdown would read as markup."""
    parts = re.split(r"(<[^<>]*>)", mathml)
    return "".join(
        part if part.startswith("<") else _PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", part)
        for part in parts
    )
