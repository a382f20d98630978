"""A note file's bytes as text: UTF-8 as written, other encodings detected and warned about.

The choice, in order:

1. UTF-8, with or without byte-order marks (any number of them): read silently.
2. A UTF-16 or UTF-32 byte-order mark: read in that encoding, with a warning.
3. UTF-8 with a few stray bytes (at most one in ten of the non-ASCII bytes is invalid): read as
   UTF-8, the stray bytes shown as U+FFFD, with a warning at the first one's line.
4. Anything else: charset-normalizer names the encoding (GB18030 for GBK notes from Windows, say);
   the note is read in it, with a warning naming the encoding. On short texts several encodings
   fit equally well; then the Windows defaults of Chinese and Western editors win (`_PREFERRED`).
5. NUL bytes (outside UTF-16/32), no encoding that fits, or mostly control characters: the file is
   not text, and reading it raises NoteError, which the build shows as a broken note.

Line endings are made `\n` whatever they were: `\r\n` (Windows), a lone `\r` (old Mac editors,
some exports) or a mix of them; each ends a line as the author's editor shows it, so a lone-CR
note is not one long line and every line number counts as the editor does.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field, replace
from pathlib import Path

from charset_normalizer import from_bytes

from notesite.model.diagnostics import Diagnostic, NoteError, Severity

_UTF8_BOM = codecs.BOM_UTF8
_ASCII = bytes(range(128))
# UTF-32's marks first: UTF-32-LE's starts with UTF-16-LE's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# More invalid bytes than this share of the non-ASCII ones means another encoding, not strays.
_STRAY_SHARE = 0.1
# Among encodings the detector rates equally: GBK's superset, then Windows' Western default.
_PREFERRED = ("gb18030", "cp1252")
# Control characters other than tab, newline, carriage return, form feed: a text has almost none.
_CONTROLS = frozenset(chr(code) for code in range(32) if chr(code) not in "\t\n\r\f") | {"\x7f"}
_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class SourceText:
    text: str
    encoding: str  # the Python codec it was read with, "utf-8" for a UTF-8 note
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_source(path: Path, shown: str) -> SourceText:
    """The note at `path` as text; NoteError when it cannot be read or is not text."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise NoteError(Diagnostic(shown, 1, f"the note cannot be read: {reason}", Severity.ERROR)) from None
    return decode_source(data, shown)


def decode_source(data: bytes, shown: str) -> SourceText:
    """Text from a note's bytes, by the rules in this module's docstring."""
    while data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        return _checked(SourceText(data.decode("utf-8"), "utf-8"), shown)
    except UnicodeDecodeError as error:
        first_bad = error.start
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace").lstrip("\ufeff")
            return _checked(SourceText(text, codec, [_read_as(shown, codec, "its byte-order mark")]), shown)
    if b"\0" not in data:
        stray = _with_stray_bytes(data, first_bad, shown)
        if stray is not None:
            return _checked(stray, shown)
    detected = _detect(data)
    if detected is None or (b"\0" in data and not detected.startswith("utf")):
        raise NoteError(_not_text(shown, "it holds NUL bytes" if b"\0" in data else "no text encoding fits"))
    text = data.decode(detected, errors="replace").lstrip("\ufeff")
    return _checked(SourceText(text, detected, [_read_as(shown, detected, "detection")]), shown)


def display_text(path: Path) -> str:
    """The note as text for a page that shows it as written; never raises."""
    try:
        return read_source(path, path.name).text
    except NoteError:
        # Unreadable or not text: the page's message says why, and the file stays on disk.
        return ""


def _with_stray_bytes(data: bytes, first_bad: int, shown: str) -> SourceText | None:
    """UTF-8 with a few invalid bytes, or None when the invalid ones are too many for strays."""
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(data.translate(None, _ASCII))
    if stray > non_ascii * _STRAY_SHARE:
        return None
    line = _line_breaks(data[:first_bad]) + 1
    message = (
        f"{stray} byte(s) are not valid UTF-8 (the first on this line); they are shown as '\ufffd': "
        "retype the characters there"
    )
    return SourceText(text, "utf-8", [Diagnostic(shown, line, message)])


def _detect(data: bytes) -> str | None:
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = (matches[0].chaos, -matches[0].coherence)
    tied = [m.encoding for m in matches if (m.chaos, -m.coherence) == best]
    return next((codec for codec in _PREFERRED if codec in tied), tied[0])


def _line_breaks(data: bytes) -> int:
    """How many lines end in `data`, at `\r\n`, a lone `\r` or `\n`."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _checked(source: SourceText, shown: str) -> SourceText:
    """The decoded text with `\n` line endings, unless it is mostly control characters: then it
    was never text."""
    source = replace(source, text=source.text.replace("\r\n", "\n").replace("\r", "\n"))
    controls = sum(source.text.count(char) for char in _CONTROLS)
    if "\0" in source.text:
        raise NoteError(_not_text(shown, "it holds NUL bytes"))
    if controls > len(source.text) * _CONTROL_SHARE:
        why = f"read as {_name(source.encoding)} it is full of control characters"
        raise NoteError(_not_text(shown, why))
    return source


def _read_as(shown: str, codec: str, how: str) -> Diagnostic:
    return Diagnostic(
        shown,
        1,
        f"the note is not UTF-8: it is read as {_name(codec)} (found by {how}); "
        "save it as UTF-8 so every tool reads it the same way",
    )


def _not_text(shown: str, why: str) -> Diagnostic:
    return Diagnostic(
        shown,
        1,
        f"the file is not a text note ({why}); a note is Markdown text, saved as UTF-8 — "
        "move the file out of the notes folder if it is not a note",
        Severity.ERROR,
    )


def _name(codec: str) -> str:
    return codecs.lookup(codec).name.upper()
