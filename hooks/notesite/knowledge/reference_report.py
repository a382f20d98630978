"""What the author needs to know of each reference, which readers never see: its link's status and
check date, whether its host is the domain the entry declares, and where it is cited, if anywhere.
`notesite links`, the bibliography's back-links and the optional link report page
(render/link_report.py) all count citations here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from notesite.analyse.reference_checks import ReferenceCheck, check_reference
from notesite.linkcheck import LinkResult, LinkStatus
from notesite.linkcheck.link_status import status_of
from notesite.model.note import Note, Reference


@dataclass(frozen=True)
class ReferenceFindings:
    reference: Reference
    status: LinkStatus
    result: LinkResult | None  # the latest check, if any
    check: ReferenceCheck
    citations: list[int]  # the index (from 1, as the pages' `cite-N` ids count) of each citation

    @property
    def broken(self) -> bool:
        return self.status is LinkStatus.BROKEN


def citation_places(note: Note) -> dict[int, list[int]]:
    """Reference number → the index (from 1) of every citation naming it, in reading order."""
    found: dict[int, list[int]] = {}
    for index, citation in enumerate(note.citations, start=1):
        for number in dict.fromkeys(citation.numbers):
            found.setdefault(number, []).append(index)
    return found


def reference_findings(note: Note, results: Mapping[str, LinkResult]) -> list[ReferenceFindings]:
    """The note's entries, broken links first, then in the order of the list."""
    places = citation_places(note)
    findings = [
        ReferenceFindings(
            reference,
            *status_of(reference.url, results),
            check_reference(reference),
            places.get(reference.number, []),
        )
        for reference in note.references
    ]
    return sorted(findings, key=lambda found: not found.broken)
