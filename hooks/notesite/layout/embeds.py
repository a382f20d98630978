"""Obsidian's note embeds, `![[note]]`, `![[note#heading]]` and `![[note#^block]]`: which lines
of which note each shows, worked out once from the notes' models and resolved links.

An embed is shown in place when it stands alone on its line (as Obsidian users write them);
anywhere else it stays a link. Embeds inside embedded text are followed to `MAX_DEPTH`; one that
would show a note inside itself, or go deeper, stays a link, and the author hears of it once at
the line where it is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from notesite.layout.links import NoteTarget, ResolvedLink
from notesite.layout.pages import NoteLayout
from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.inline import InlineKind
from notesite.model.note import BlockKind, LineSpan, Note
from notesite.read.blocks import heading_of

MAX_DEPTH = 3  # an embed in an embed in an embed, as far as a reader follows


@dataclass(frozen=True)
class Embed:
    """What one embed line shows: lines of the target note, with the embeds inside them."""

    line: int  # the embedding note's line that holds only the embed
    link: ResolvedLink
    note: Note  # the embedded note
    span: LineSpan  # its lines shown
    links: tuple[ResolvedLink, ...]  # its resolved links on those lines
    inner: Mapping[int, Embed]  # embeds inside the span that are shown, by line
    formulas: Mapping[tuple[int, int], str]  # its formulas as MathML (analyse/formulas.py)


@dataclass
class EmbedPlan:
    by_note: dict[str, dict[int, Embed]]  # embedding note's path → line → embed
    problems: list[Diagnostic]


def plan_embeds(layouts: Mapping[str, NoteLayout], links: Mapping[str, list[ResolvedLink]]) -> EmbedPlan:
    """The embeds of every note, expanded to `MAX_DEPTH`, and one message per embed left a link."""
    plan = EmbedPlan({}, [])
    notes = {path: layout.note for path, layout in layouts.items()}
    formulas = {path: layout.analysis.formulas for path, layout in layouts.items()}
    told: set[tuple[str, int]] = set()
    for path, note in notes.items():
        found = _expand(note, links, notes, formulas, LineSpan(1, len(note.lines)), (path,), plan, told)
        if found:
            plan.by_note[path] = found
    return plan


def _expand(
    note: Note,
    links: Mapping[str, list[ResolvedLink]],
    notes: Mapping[str, Note],
    formulas: Mapping[str, Mapping[tuple[int, int], str]],
    span: LineSpan,
    chain: tuple[str, ...],
    plan: EmbedPlan,
    told: set[tuple[str, int]],
) -> dict[int, Embed]:
    shown: dict[int, Embed] = {}
    for link in links.get(note.path, []):
        target = link.target
        if link.line not in span or not _alone(note, link) or not isinstance(target, NoteTarget):
            continue
        embedded = notes.get(target.path)
        if embedded is None:
            continue  # a note that could not be read: its link leads to the page that says why
        why = ""
        if target.path in chain:
            why = "it would show a note inside itself (" + " → ".join([*chain, target.path]) + ")"
        elif len(chain) > MAX_DEPTH:
            why = f"embeds are shown {MAX_DEPTH} deep at most"
        if why:
            if (note.path, link.line) not in told:
                told.add((note.path, link.line))
                plan.problems.append(
                    Diagnostic(
                        note.path,
                        link.line,
                        f"embed '{link.inline.target}' is shown as a link: {why}",
                        Severity.INFO,
                    )
                )
            continue
        lines = embedded_span(embedded, target)
        inner = _expand(embedded, links, notes, formulas, lines, (*chain, target.path), plan, told)
        own = tuple(each for each in links.get(target.path, []) if each.line in lines)
        shown[link.line] = Embed(link.line, link, embedded, lines, own, inner, formulas[target.path])
    return shown


def _alone(note: Note, link: ResolvedLink) -> bool:
    """An embed that is the whole of its line, at no indent: a block of its own."""
    inline = link.inline
    line = note.lines[link.line - 1]
    return inline.kind is InlineKind.EMBED and inline.start == 0 and not line[inline.end :].strip()


def embedded_span(note: Note, target: NoteTarget) -> LineSpan:
    """The lines an embed of `target` shows: the note's body, a heading's section (to the next
    heading of its level or higher), or the paragraph or list item a block id ends."""
    last = len(note.lines)
    if target.line is None:
        return LineSpan(note.body_start, last)
    if target.block:
        block = next((b for b in note.blocks() if target.line in b.span), None)
        if block is None or block.kind is BlockKind.LIST:
            return LineSpan(target.line, target.line)
        return block.span
    headings = _headings(note)
    level = next((lv for line, lv in headings if line == target.line), 6)
    end = next((line - 1 for line, lv in headings if line > target.line and lv <= level), last)
    return LineSpan(target.line, end)


def _headings(note: Note) -> list[tuple[int, int]]:
    """(line, level) of every heading of the note, in source order."""
    found = [(s.heading.line, s.heading.level) for top in note.sections for s in top.walk()]
    found += [(b.span.start, heading_of(b)[0]) for b in note.blocks() if b.kind is BlockKind.HEADING]
    return sorted(found)


def embeds_key(embeds: Mapping[int, Embed]) -> list[object]:
    """What the embedded text of a note's pages depends on, for the render cache: each embed's
    note, lines and their text, and the targets of their links."""
    return [
        (
            line,
            embed.note.path,
            embed.note.title,
            embed.note.source(embed.span),
            [(link.line, repr(link.target)) for link in embed.links],
            embeds_key(embed.inner),
        )
        for line, embed in embeds.items()
    ]
