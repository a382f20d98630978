"""Read a note's YAML front matter into typed fields, reporting problems by line."""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any

import yaml

from notesite.model.diagnostics import Diagnostic, NoteError, Severity
from notesite.model.note import FrontMatter, LineSpan
from notesite.read import safe_yaml

# Reports a problem with one front-matter value.
Warn = Callable[[str], None]

_DELIMITER = re.compile(r"^-{3,}\s*$")
_DATE_KEYS = ("created", "last_reviewed", "next_review")
# Keys that shape the site's URLs: a wrong type is reported and the key ignored.
_LAYOUT_KEYS = {"slug": str, "section_slugs": dict}
_LAYOUT_HINTS = {
    "slug": "should be a short name for the note's URL, like `career-guide`",
    "section_slugs": "should map a section number or heading to a slug, like `一: definitions`",
}
# Where a tag could start: `<`, `</` or `<!`, spaces allowed, as `<\s*/?\s*[A-Za-z!][^>]*>` read
# it. That pattern rescans the rest of the line from every `<`, so `has_html_tag` searches once.
_TAG_START = re.compile(r"<\s*(?:/\s*)?[A-Za-z!]")


def has_html_tag(text: str) -> bool:
    """Whether `text` holds something shaped like an HTML tag: a tag start with a `>` after it.

    Only the first tag start needs a `>` after it: any later one has fewer characters after it.
    """
    start = _TAG_START.search(text)
    return start is not None and text.find(">", start.end()) != -1


# Tags that only colour or emphasise words, and the attributes that do it: a heading made of
# them loses nothing a reader needs when shown as its words. `[^<>]*` stops at the next bracket.
_STYLING_TAGS = frozenset(
    {"span", "font", "b", "i", "u", "em", "strong", "mark", "small", "sup", "sub", "code", "kbd"}
)
_STYLING_ATTRIBUTES = frozenset({"style", "class", "color", "face", "size"})
_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)([^<>]*)>")
_ATTRIBUTE = re.compile(r"([^\s=/]+)\s*(?:=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")


def only_styling_html(text: str) -> bool:
    """Whether every tag in `text` is one that styles words (`<span style="color:…">`), with no
    other attribute: nothing is lost or hidden when the words are shown without them."""
    for tag in _TAG.finditer(text):
        if tag.group(1).lower() not in _STYLING_TAGS:
            return False
        names = (m.group(1).lower() for m in _ATTRIBUTE.finditer(tag.group(2)))
        if any(name not in _STYLING_ATTRIBUTES for name in names):
            return False
    return True


def front_matter_span(path: str, lines: list[str]) -> LineSpan | None:
    """The lines from the opening to the closing `---`, or None when the note has none."""
    if not lines or not _DELIMITER.match(lines[0].lstrip("\ufeff")):
        return None
    for index in range(1, len(lines)):
        if _DELIMITER.match(lines[index]):
            return LineSpan(1, index + 1)
    raise NoteError(
        Diagnostic(
            path,
            1,
            "front matter opened with '---' is never closed: add a '---' line after the last key",
            Severity.ERROR,
        )
    )


def read_front_matter(
    path: str, lines: list[str], span: LineSpan, diagnostics: list[Diagnostic]
) -> FrontMatter:
    """Typed front matter; NoteError when the YAML cannot be read at all."""
    # The text between the delimiters, after a newline that stands for the opening '---': YAML's
    # line 0 is then the delimiter's line, as `_yaml_diagnostic` counts.
    text = "\n" + "".join(line + "\n" for line in lines[span.start : span.end - 1])
    try:
        metadata, unreadable = safe_yaml.load(text)
    except yaml.YAMLError as error:
        raise NoteError(_yaml_diagnostic(path, span, error)) from None
    for line, message in unreadable:
        diagnostics.append(Diagnostic(path, span.start + line, f"front matter: {message}"))
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise NoteError(
            Diagnostic(path, 2, "front matter must be a mapping of keys to values", Severity.ERROR)
        )

    result = FrontMatter(span=span, lines=_key_lines(lines, span))

    def warn(key: str, message: str) -> None:
        diagnostics.append(Diagnostic(path, result.line_of(key), f"front matter '{key}': {message}"))

    for raw_key, raw_value in metadata.items():
        key, value, changes = _plain_entry(raw_key, raw_value)
        for change in changes:
            warn(key, change)
        if _contains_html(value):
            warn(key, "contains HTML; it is shown as plain text")
        if key in _DATE_KEYS:
            setattr(result, key, _as_date(value, partial(warn, key)))
        elif key == "review_count":
            result.review_count = _as_count(value, lambda m: warn("review_count", m))
        elif key == "mastery_level":
            result.mastery_level = _as_fraction(value, lambda m: warn("mastery_level", m))
        elif key == "difficulty":
            result.difficulty = None if value is None else str(value)
        elif key == "tags":
            result.tags = _as_tags(value, lambda m: warn("tags", m))
        elif key in _LAYOUT_KEYS and not isinstance(value, _LAYOUT_KEYS[key]):
            warn(key, _LAYOUT_HINTS[key] + "; it is ignored")
        else:
            result.extra[key] = _jsonable(value)
    return result


# A top-level key at the start of its line; `[^:]*:` fails in one pass where no colon follows.
_TOP_KEY = re.compile(r"([^\s#:\-][^:]*):")


def _key_lines(lines: list[str], span: LineSpan) -> dict[str, int]:
    """The line of each top-level key, in one pass over the front matter."""
    found: dict[str, int] = {}
    for number in range(span.start + 1, span.end):
        match = _TOP_KEY.match(lines[number - 1])
        if match:
            found.setdefault(match.group(1).rstrip().strip("'\""), number)
    return found


def _yaml_diagnostic(path: str, span: LineSpan, error: yaml.YAMLError) -> Diagnostic:
    """Point at where the broken construct starts (an unclosed '[' say), else where YAML stopped."""
    # The YAML text starts with the newline that ends the opening '---': mark line 0 is that line.
    problem = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    mark = context or problem
    line = span.start + (mark.line if mark else 1)
    message = getattr(error, "problem", None) or str(error).splitlines()[0]
    if context and problem and problem.line != context.line:
        message += f" (YAML gave up at line {span.start + problem.line})"
    return Diagnostic(path, line, f"front matter is not valid YAML: {message}", Severity.ERROR)


def _contains_html(value: Any) -> bool:
    if isinstance(value, str):
        return has_html_tag(value)
    if isinstance(value, list):
        return any(_contains_html(item) for item in value)
    return False


def _as_date(value: Any, warn: Warn) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        warn(f"'{value}' is not a date; write it as YYYY-MM-DD")
        return None


def _as_count(value: Any, warn: Warn) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        warn(f"'{value}' is not a whole number of reviews")
        return None
    return value


def _as_fraction(value: Any, warn: Warn) -> float | None:
    if value is None:
        return None
    try:
        number = float(str(value).rstrip("%"))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        warn(f"'{value}' is not a number between 0 and 1; it is ignored")
        return None
    if isinstance(value, str) and value.strip().endswith("%"):
        number /= 100
    if not 0 <= number <= 1:
        warn(f"{value} is outside 0..1; it is shown clamped")
        number = min(max(number, 0.0), 1.0)
    return number


def _as_tags(value: Any, warn: Warn) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [tag.strip() for tag in value.split(",") if tag.strip()]
    if isinstance(value, list):
        return [str(tag) for tag in value if tag is not None and str(tag).strip()]
    warn("should be a list of tags")
    return []


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


# Integers beyond this many bits can't be written out in decimal (Python's 4,300-digit limit).
_MAX_INT_BITS = 4000


def _plain_entry(key: Any, value: Any) -> tuple[str, Any, list[str]]:
    """A front matter key and value as JSON's types (and dates), and what had to change for that.

    Sets become sorted lists, binary data its base64 text, pairs lists; infinite or NaN numbers,
    integers too long to write out, and values of any other type are dropped; lone surrogates
    (from a YAML escape like "\\ud800") become U+FFFD, since they cannot be written as UTF-8.
    """
    changes: list[str] = []

    def plain(item: Any) -> Any:
        if item is None or isinstance(item, bool | date):
            return item
        if isinstance(item, str):
            return _valid_text(item, changes)
        if isinstance(item, int):
            if item.bit_length() <= _MAX_INT_BITS:
                return item
            changes.append("an integer too long to write out is dropped")
            return None
        if isinstance(item, float):
            if math.isfinite(item):
                return item
            changes.append(f"{item} is not a finite number; it is ignored")
            return None
        if isinstance(item, dict):
            return {text(k): plain(v) for k, v in item.items()}
        if isinstance(item, list | tuple):
            return [plain(v) for v in item]
        if isinstance(item, set | frozenset):
            changes.append("a set (!!set) is kept as a sorted list")
            return sorted((plain(v) for v in item), key=str)
        if isinstance(item, bytes):
            changes.append("binary data (!!binary) is kept as its base64 text")
            return base64.b64encode(item).decode("ascii")
        changes.append(f"a {type(item).__name__} value cannot be kept; it is dropped")
        return None

    def text(item: Any) -> str:
        plain_item = plain(item)
        return plain_item.isoformat() if isinstance(plain_item, date) else str(plain_item)

    return text(key), plain(value), list(dict.fromkeys(changes))


def _valid_text(text: str, changes: list[str]) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        changes.append("an escape for half a character (a lone surrogate) is shown as '\ufffd'")
        return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)
    return text
