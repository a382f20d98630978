"""Checks of a reference beyond HTTP, for the author: the declared domain, well-known identifiers,
(the build log, `notesite check` and `notesite links` say them; the bibliography shows readers
none of it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.note import Note, Reference

_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$", re.IGNORECASE)
_ARXIV_NEW = re.compile(r"^\d{4}\.\d{4,5}(?:v\d+)?$")
_ARXIV_OLD = re.compile(r"^[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


@dataclass(frozen=True)
class ReferenceCheck:
    """What is wrong with an entry besides its link's status."""

    declared: str | None = None  # the domain the entry names, when it looks like one
    mismatched_host: str | None = None  # the URL's host when it is not that domain
    identifier_problems: list[str] = field(default_factory=list)


def check_reference(reference: Reference) -> ReferenceCheck:
    return ReferenceCheck(
        declared_domain(reference), domain_mismatch(reference), identifier_problems(reference)
    )


def url_host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return (urlsplit(url).hostname or "").lower() or None
    except ValueError:
        return None


def declared_domain(reference: Reference) -> str | None:
    """The entry's "（sohu.com）" when it looks like a domain, not a place or a publisher."""
    domain = (reference.domain or "").strip().lower()
    return domain if _DOMAIN.match(domain) else None


def domain_mismatch(reference: Reference) -> str | None:
    """The URL's host when it is not the declared domain or one of its subdomains."""
    declared, host = declared_domain(reference), url_host(reference.url)
    if not declared or not host:
        return None
    return None if host == declared or host.endswith("." + declared) else host


def identifier_problems(reference: Reference) -> list[str]:
    """arXiv ids and DOIs in the URL must have their documented form."""
    host, url = url_host(reference.url), reference.url or ""
    path = unquote(urlsplit(url).path) if host else ""
    problems: list[str] = []
    if host and (host == "arxiv.org" or host.endswith(".arxiv.org")):
        match = re.match(r"^/(?:abs|pdf)/(.+?)(?:\.pdf)?/?$", path)
        if match and not (_ARXIV_NEW.match(match.group(1)) or _ARXIV_OLD.match(match.group(1))):
            problems.append(f"'{match.group(1)}' is not an arXiv identifier")
    if host in ("doi.org", "dx.doi.org"):
        doi = path.lstrip("/")
        if not _DOI.match(doi):
            problems.append(f"'{doi}' is not a DOI (10.NNNN/suffix)")
    return problems


def reference_diagnostics(note: Note) -> list[Diagnostic]:
    """Each entry's problems at its line, as INFO: the site is right, so `--strict` passes."""
    found: list[Diagnostic] = []
    for reference in note.references:
        check = check_reference(reference)
        problems = list(check.identifier_problems)
        if check.mismatched_host:
            problems.insert(
                0, f"declared domain {check.declared} does not match the link's host {check.mismatched_host}"
            )
        found += [
            Diagnostic(note.path, reference.line, f"reference [{reference.number}]: {problem}", Severity.INFO)
            for problem in problems
        ]
    return found
