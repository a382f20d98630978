"""What the author's reports know of each reference (knowledge/reference_report.py)."""

from __future__ import annotations

from notesite.knowledge.reference_report import citation_places, reference_findings
from notesite.linkcheck import LinkResult, LinkStatus
from notesite.read.parser import parse_note

NOTE = """# Refs

## 1. Body

Cites [2], then [1][2] and 【1，3】.

## References

[1] Site (example.com). "One". https://example.com/one
[2] Site (example.org). "Two". https://other.net/two
[3] Site. "Three". https://example.com/three
[4] Site. "Four". https://example.com/four
"""


def test_citations_are_counted_in_reading_order_once_per_citation():
    note = parse_note(NOTE, "notes/refs.md")
    assert citation_places(note) == {2: [1, 2], 1: [2, 3], 3: [3]}


def test_broken_links_come_first_then_the_list_order_with_what_the_author_should_know():
    note = parse_note(NOTE, "notes/refs.md")
    results = {
        "https://example.com/one": LinkResult("https://example.com/one", LinkStatus.OK, 200),
        "https://example.com/three": LinkResult("https://example.com/three", LinkStatus.BROKEN, 404),
    }
    findings = reference_findings(note, results)
    assert [(f.reference.number, f.status) for f in findings] == [
        (3, LinkStatus.BROKEN),
        (1, LinkStatus.OK),
        (2, LinkStatus.UNCHECKED),
        (4, LinkStatus.UNCHECKED),
    ]
    assert findings[0].result is results["https://example.com/three"]
    assert findings[2].check.mismatched_host == "other.net"
    assert [f.citations for f in findings] == [[3], [2, 3], [1, 2], []]
