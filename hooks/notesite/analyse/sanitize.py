"""Note pages made safe to open: nothing a note writes runs in the reader's browser.

A note's body reaches its pages through Python-Markdown, which passes raw HTML through as
written. `sanitize_html` cleans each note page's rendered HTML with nh3 (bindings to the Rust
crate ammonia, maintained); bleach, the usual choice, is deprecated since January 2023. The
allowlist below is what Markdown, the extensions in mkdocs.yml, Material and our own renderers
(render/charts.py, comparison.py, timeline.py, overview.py) emit, plus ordinary HTML a note may
write; everything else goes: scripts, event handlers, `javascript:`, `data:` and `vbscript:`
URLs, `srcdoc`, frames, objects, forms, inline SVG and `<style>`.

`unsafe_html` finds, in a note's source, what the sanitiser will remove, so the author hears of
it with a file and line instead of finding a hole in the page. A site that trusts its notes'
HTML sets `extra.notesite.html: trusted` in mkdocs.yml, and neither runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from html.parser import HTMLParser

import nh3

from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.inline import InlineKind
from notesite.model.note import Block, BlockKind, LineSpan, Note
from notesite.read.front_matter import has_html_tag
from notesite.read.references import is_reference_heading


class HtmlPolicy(StrEnum):
    """The plugin option `html` in mkdocs.yml."""

    SANITIZE = "sanitize"  # the default
    TRUSTED = "trusted"


TRUST_HINT = "set the notesite plugin's option `html: trusted` in mkdocs.yml to trust the notes' HTML"

# Removed with everything inside them: their content is code, or a picture that is no text.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "svg", "noscript", "template", "noembed", "noframes"}
)
# Removed although their content is kept; reported because they stop the page doing something.
REMOVED = frozenset({"embed", "form", "frame", "frameset", "applet", "base", "meta", "link"})
# Presentation MathML, as analyse/formulas.py writes formulas: text and layout only (no href,
# which some browsers honour on MathML elements).
MATHML_TAGS = frozenset(
    {
        "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "mfrac", "msqrt", "mroot",
        "msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts", "mprescripts",
        "none", "mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom", "menclose", "merror",
        "mfenced", "semantics", "annotation",
    }
)  # fmt: skip
_MATHML_ATTRIBUTES = {
    "xmlns", "display", "mathvariant", "mathsize", "stretchy", "fence", "separator", "separators",
    "open", "close", "lspace", "rspace", "accent", "accentunder", "movablelimits", "largeop",
    "symmetric", "minsize", "maxsize", "columnalign", "rowalign", "columnspacing", "rowspacing",
    "columnlines", "rowlines", "frame", "displaystyle", "scriptlevel", "linethickness", "width",
    "height", "depth", "notation", "encoding", "mathcolor", "mathbackground",
}  # fmt: skip
_TAGS = (
    (nh3.ALLOWED_TAGS - {"area", "map"})
    | {
        "input",  # pymdownx.tabbed (type=radio) and pymdownx.tasklist (type=checkbox, disabled)
        "label",
        "meter",  # the overview's mastery meter
        "progress",
        "section",  # the timeline's tracks
        "audio",
        "video",
        "source",
        "track",
    }
    | MATHML_TAGS
)
_ATTRIBUTES: dict[str, set[str]] = {
    # attr_list may put a class, an id, a title or a style on anything; Material's tooltips
    # read titles; ARIA, data-* (pymdownx.tabbed's data-tabs) come as prefixes below. `align`:
    # READMEs centre with <p align="center">.
    "*": {"class", "id", "title", "style", "role", "tabindex", "lang", "dir", "hidden", "align"},
    "a": {"href", "hreflang", "name", "rel", "target"},  # name: pymdownx.highlight's line anchors
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"checked", "disabled", "name"},
    "label": {"for"},
    "details": {"open"},
    "meter": {"min", "max", "low", "high", "optimum", "value"},
    "progress": {"max", "value"},
    "time": {"datetime"},
    "data": {"value"},
    "abbr": {"title"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"scope", "colspan", "rowspan", "headers"},
    "td": {"colspan", "rowspan", "headers"},
    "col": {"span"},
    "colgroup": {"span"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "ins": {"cite", "datetime"},
    "del": {"cite", "datetime"},
    "bdo": {"dir"},
    "audio": {"src", "controls", "loop", "muted", "preload"},
    "video": {"src", "controls", "loop", "muted", "preload", "width", "height", "playsinline"},
    "source": {"src", "type", "media"},
    "track": {"src", "kind", "srclang", "label", "default"},
    **{tag: set(_MATHML_ATTRIBUTES) for tag in MATHML_TAGS},
}
# Only these inputs: a text field or a button in a note could pose as the site asking for data.
_ATTRIBUTE_VALUES = {"input": {"type": {"radio", "checkbox"}}}
# What inline styles may set: our charts' positions and sizes, the tables extension's alignment,
# and plain presentation. No position, no background images (a request to another host).
STYLE_PROPERTIES = frozenset(
    {
        "width",
        "height",
        "max-width",
        "min-width",
        "left",
        "grid-row",
        "grid-column",
        "--ns-lanes",
        "--ns-rows",  # a timeline's row heights: only grid-template-rows reads it
        "text-align",
        "vertical-align",
        "color",
        "background-color",
        "font-weight",
        "font-style",
        "text-decoration",
        "white-space",
    }
)
# ammonia's defaults minus none: javascript:, vbscript:, data: and file: are not among them.
URL_SCHEMES = frozenset(nh3.ALLOWED_URL_SCHEMES)

_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes=_ATTRIBUTES,
    generic_attribute_prefixes={"aria-", "data-"},
    tag_attribute_values=_ATTRIBUTE_VALUES,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
    # Links stay as written: rel="noopener" is what browsers already imply for target=_blank,
    # and a forced "noreferrer" would change every relative link of the site for nothing.
    link_rel=None,
)


def sanitize_html(html: str) -> str:
    """A page's rendered HTML with everything that could run, load or submit removed."""
    return _CLEANER.clean(html)


# --- finding, in a note's source, what the sanitiser removes -------------------------------------

_URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "poster", "cite", "background", "xlink:href", "srcset"}
)
_BAD_SCHEMES = ("javascript", "vbscript", "data")
_MARKDOWN_LINKS = (InlineKind.LINK, InlineKind.IMAGE, InlineKind.DEFINITION)
# Python-Markdown's backslash escapes (Markdown.ESCAPED_CHARS, and `|` of the tables extension).
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!|")


def unsafe_html(note: Note) -> list[Diagnostic]:
    """Raw HTML and links in the note's body that `sanitize_html` will remove, once per kind of
    construct per line. Fenced code, code spans, escaped text, headings shown as plain text and
    the reference list (shown escaped) are left alone: none of them reaches a page as HTML."""
    references = next((s for s in reversed(note.sections) if is_reference_heading(s.heading.label)), None)
    skipped = references.span if references else LineSpan(0, -1)
    findings = _Findings(note)
    for first_line, text in _rendered_text(note):
        if first_line not in skipped and "<" in text:
            _scan_tags(findings, first_line, text)
    for number, inlines in note.inlines.items():
        if number in skipped:
            continue
        for inline in (each for outer in inlines for each in (outer, *outer.inner)):
            scheme = _scheme(inline.target) if inline.kind in _MARKDOWN_LINKS else None
            if scheme:
                findings.add(number, f"the {scheme}: URL", "of a Markdown link or image")
    return findings.diagnostics()


def _rendered_text(note: Note) -> list[tuple[int, str]]:
    """(first line, text) of each piece of the body that reaches a page as Markdown or HTML,
    code blanked."""
    pieces: list[tuple[int, str]] = []
    for block in note.blocks():
        if _renders_html(block):
            # Inside a raw HTML block Markdown is not read: a code span there is no code.
            markdown = block.kind is not BlockKind.HTML
            lines = [_blank_code(note, block.span.start + i, markdown) for i in range(len(block.lines))]
            pieces.append((block.span.start, "\n".join(lines)))
    # Titles and section headings are no blocks of the model; with HTML in them they are shown
    # as plain text (render/body.py), else a link in them is a link.
    heading_lines = [s.heading.line for top in note.sections for s in top.walk()]
    for line in ([note.title_line] if note.title_line else []) + heading_lines:
        if not has_html_tag(note.lines[line - 1]):
            pieces.append((line, _blank_code(note, line, True)))
    return pieces


def _renders_html(block: Block) -> bool:
    if block.kind is BlockKind.FENCE:
        return False
    # An indented code block; headings kept as blocks (####, a second title) render as written.
    return not (block.kind is BlockKind.PARAGRAPH and block.lines[0].startswith(("    ", "\t")))


def _blank_code(note: Note, number: int, markdown: bool) -> str:
    """Line `number` with what Markdown shows as text blanked: fenced code (a line the parser
    gave no inline scan), and in Markdown its code spans, autolinks and backslash-escaped characters
    (`\\<` is no escape in Python-Markdown: that `<` starts a tag)."""
    if number not in note.inlines:
        return ""
    line = note.lines[number - 1]
    if not markdown:
        return line
    # Autolinks (`<https://…/onclick>`) are links, not tags.
    texts = [
        inline for inline in note.inlines[number] if inline.kind in (InlineKind.CODE, InlineKind.AUTOLINK)
    ]
    index = line.find("\\")
    if not texts and index == -1:
        return line  # most lines: nothing to blank
    out = list(line)
    for inline in texts:
        out[inline.start : inline.end] = " " * (inline.end - inline.start)
    # From backslash to backslash, not character by character: a line may be a megabyte long.
    while index != -1 and index < len(line) - 1:
        if line[index + 1] in _ESCAPABLE:
            out[index + 1] = " "
            index += 1
        index = line.find("\\", index + 1)
    return "".join(out)


def _scheme(url: str) -> str | None:
    """The dangerous scheme `url` starts with, as a browser reads it (ignoring whitespace and
    control characters, in any case), or None."""
    colon = url.find(":", 0, 40)
    if colon == -1:
        return None
    head = "".join(c for c in url[:colon] if c > " ").lower()
    return head if head in _BAD_SCHEMES else None


# Frames and plug-ins that load another site into the page: removed, since the site requests
# nothing from another host, yet nothing of the note's own runs, so the build still passes --strict.
_EMBEDS = frozenset({"iframe", "object", "embed"})


@dataclass
class _Finding:
    line: int
    kind: str
    where: str
    count: int = 1
    severity: Severity = Severity.WARNING


class _Findings:
    """What was found, once per kind of construct per line, with a count."""

    def __init__(self, note: Note) -> None:
        self.note = note
        self.found: dict[tuple[int, str], _Finding] = {}

    def add(self, line: int, kind: str, where: str = "", severity: Severity = Severity.WARNING) -> None:
        key = (line, kind)
        if key in self.found:
            self.found[key].count += 1
        else:
            self.found[key] = _Finding(line, kind, where, severity=severity)

    def diagnostics(self) -> list[Diagnostic]:
        return [
            Diagnostic(self.note.path, finding.line, _message(finding), finding.severity)
            for finding in sorted(self.found.values(), key=lambda f: (f.line, f.kind))
        ]


def _message(finding: _Finding) -> str:
    what = f"{finding.kind} {finding.where}".strip()
    times = f" ({finding.count} on this line)" if finding.count > 1 else ""
    return f"removed {what}{times}; {TRUST_HINT}"


def _scan_tags(findings: _Findings, first_line: int, text: str) -> None:
    """Report each start tag of `text` that the sanitiser cuts down."""
    reader = _TagReader()
    line, counted = first_line, 0
    for offset, tag in _start_tags(text):
        line += text.count("\n", counted, offset)
        counted = offset
        name, attributes = reader.read(tag)
        if name:
            _check_tag(findings, line, name, attributes)


def _check_tag(findings: _Findings, line: int, tag: str, attributes: list[tuple[str, str | None]]) -> None:
    if tag in DROPPED_WITH_CONTENT or tag in REMOVED:
        content = " and its content" if tag in DROPPED_WITH_CONTENT else ""
        embed = tag in _EMBEDS
        findings.add(
            line,
            f"<{tag}>{content}",
            "(it loads another site)" if embed else "",
            Severity.INFO if embed else Severity.WARNING,
        )
    for name, value in attributes:
        if name.startswith("on") and len(name) > 2:
            findings.add(line, "the event handler", f"{name} of <{tag}>")
        elif name == "srcdoc":
            findings.add(line, "the srcdoc", f"of <{tag}>")
        elif name in _URL_ATTRIBUTES and value:
            scheme = _scheme(value)
            if scheme:
                findings.add(line, f"the {scheme}: URL", f"in {name} of <{tag}>")


def _start_tags(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each start tag, skipping comments, declarations, end tags and the raw
    text of <script> and <style>, in one forward pass.

    html.parser alone reads each tag well but not whole text: on Python 3.11 it takes quadratic
    time on runs of unfinished constructs (`<a<a<a…`, `<!--<!--…`: a minute for 400 kB). So this
    pass finds where each tag ends, and the parser reads one finished tag at a time. A tag that
    never ends takes the rest of the text with it, as it does in a browser.
    """
    lowered = text.lower()
    position = 0
    while (start := text.find("<", position)) != -1:
        following = text[start + 1 : start + 2]
        if text.startswith("<!--", start):
            end = text.find("-->", start + 4)
            if end == -1:
                return
            position = end + 3
        elif following in ("!", "?", "/"):
            end = text.find(">", start + 2)
            if end == -1:
                return
            position = end + 1
        elif following.isascii() and following.isalpha():
            end = _tag_end(text, start)
            if end == -1:
                return
            tag = text[start : end + 1]
            yield start, tag
            position = end + 1
            name = lowered[start + 1 : start + 8]
            for raw in ("script", "style"):
                if name.startswith(raw) and not name[len(raw) : len(raw) + 1].isalnum():
                    close = lowered.find(f"</{raw}", position)
                    if close == -1:
                        return
                    position = close
        else:
            position = start + 1


def _tag_end(text: str, start: int) -> int:
    """Index of the `>` that ends the tag opened at `start`, past quoted values, or -1."""
    index = start + 1
    while index < len(text):
        char = text[index]
        if char == ">":
            return index
        if char == "=":
            index += 1
            while index < len(text) and text[index] in " \t\n\r\f":
                index += 1
            if index < len(text) and text[index] in "\"'":
                close = text.find(text[index], index + 1)
                if close == -1:
                    return -1
                index = close + 1
            continue
        index += 1
    return -1


class _TagReader(HTMLParser):
    """The standard library's reading of one start tag: its name and attributes, unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: tuple[str, list[tuple[str, str | None]]] = ("", [])

    def read(self, tag: str) -> tuple[str, list[tuple[str, str | None]]]:
        self.reset()
        self.found = ("", [])
        self.feed(tag)
        return self.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = (tag, attrs)

    handle_startendtag = handle_starttag
