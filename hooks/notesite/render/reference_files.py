"""A note's references as BibTeX and CSL-JSON, for reference managers."""

from __future__ import annotations

import json

from notesite.model.note import Note, Reference

_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
    "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
}  # fmt: skip


def _bibtex_text(text: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(char, char) for char in text)


def _key(slug: str, reference: Reference) -> str:
    return f"{slug}-ref{reference.number}"


def to_bibtex(note: Note, slug: str) -> str:
    entries = []
    for reference in note.references:
        fields = [
            ("title", _bibtex_text(reference.title or reference.raw)),
            ("howpublished", _bibtex_text(reference.source or "")),
            ("note", _bibtex_text(reference.description or "")),
            # url is read verbatim by biblatex and the url package; only braces must balance.
            ("url", (reference.url or "").replace("{", "%7B").replace("}", "%7D")),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        entries.append(f"@misc{{{_key(slug, reference)},\n{body}\n}}\n")
    return "\n".join(entries)


def to_csl_json(note: Note, slug: str) -> str:
    items = []
    for reference in note.references:
        item = {
            "id": _key(slug, reference),
            "type": "webpage",
            "title": reference.title or reference.raw,
            "container-title": reference.source,
            "URL": reference.url,
            "abstract": reference.description,
        }
        items.append({key: value for key, value in item.items() if value})
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
