"""The terms a note defines, for the search's Chinese word segmenter.

jieba's general dictionary knows "算子" and "融合" but not "算子融合"; in context it may also cut
across a term ("如大|模型"). The notes say which words are terms by how they are written: bold
text, headings, table headers and row labels, list labels ("- **量化技术**：…", "- 推理优化：…")
and words glossed in English ("算子融合（Operator Fusion）"). This collects them, drops what
reads like a sentence, and writes them in jieba's user-dictionary format.

Only runs of Han characters matter: Material segments nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from notesite.comparisons import table_cells
from notesite.inline import strong_spans
from notesite.labelled import labelled_groups, without_asides
from notesite.note import BlockKind, Note
from notesite.references import is_reference_heading

# Longest term kept, in Han characters: "计算图优化" is 5, "模型推理优化" 6; longer labels are
# phrases ("模型推理优化所需技能") whose words jieba already knows.
MAX_TERM = 6
MIN_TERM = 2

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(rf"^[{_HAN}]+$")
# A Han word right before an English gloss: "算子融合（Operator Fusion）", "剪枝(Pruning)".
_GLOSSED = re.compile(rf"(?<![{_HAN}])([{_HAN}]+)\s*[（(]\s*[A-Za-z][A-Za-z0-9 &/+-]*[）)]")
# Asides and citations that are not part of a label: "（2025年数据参考）", "[1]".
_CITATION = re.compile(r"\[\d+(?:[-,，]\d+)*\]")
# Characters that make a run read as a clause rather than a name.
_FUNCTION_CHARS = set("的了是在和与及或而把被吗呢吧着过就都也还很更最")


def search_terms(notes: Iterable[Note]) -> list[str]:
    """Every term the notes define, once, sorted."""
    found: set[str] = set()
    for note in notes:
        found.update(term for text in _candidates(note) if (term := _as_term(text)))
    return sorted(found)


def jieba_user_dict(terms: Iterable[str]) -> str:
    """jieba's user-dictionary text: one word a line; jieba picks a frequency that keeps it whole."""
    return "".join(f"{term}\n" for term in terms)


def _candidates(note: Note) -> Iterable[str]:
    """Texts that name something: labels, headings, bold runs, table headers, glossed words."""
    # The reference list names sources, not terms ("知识船（index.zshipu.com）").
    sections = [s for s in note.sections if not is_reference_heading(s.heading.label)]
    for section in (s for top in sections for s in top.walk()):
        yield section.heading.label
        for group in labelled_groups(section, note.inlines):
            if group.label:
                yield group.label
            yield from (item.key for item in group.items if item.key)
    for block in [*note.lead, *(b for section in sections for b in section.all_blocks())]:
        lines = list(enumerate(block.lines, start=block.span.start))
        if block.kind is BlockKind.TABLE and len(block.lines) >= 3:
            yield from table_cells(block.lines[0], note.inlines.get(block.span.start))
            for number, line in lines[2:]:
                yield from table_cells(line, note.inlines.get(number))[:1]
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST, BlockKind.TABLE):
            for number, line in lines:
                for strong in strong_spans(line, note.inlines.get(number)):
                    if strong.delimiter == "**":
                        yield line[strong.text_start : strong.text_end]
            yield from _GLOSSED.findall(block.text)


def _as_term(text: str) -> str | None:
    """The text as a term, or None when it is not one: too long, mixed, numeric, a clause."""
    text = _CITATION.sub("", without_asides(text)).strip().strip("*：:").strip()
    if not _HAN_RUN.match(text) or not MIN_TERM <= len(text) <= MAX_TERM:
        return None
    if any(char in _FUNCTION_CHARS for char in text):
        return None
    return text
