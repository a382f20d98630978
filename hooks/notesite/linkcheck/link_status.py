"""What the build knows about each reference URL: the cache, topped up by a short live check."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import timedelta
from pathlib import Path
from typing import Any

from notesite.linkcheck import CheckOptions, LinkCache, LinkResult, LinkStatus, check_urls
from notesite.linkcheck.cache import REUSABLE
from notesite.model.diagnostics import Diagnostic, Severity
from notesite.model.note import Note
from notesite.model.urls import is_web_url

MODES = ("auto", "cache", "off")


@dataclass(frozen=True)
class LinkCheckSettings:
    """`extra.notesite.link_check` in mkdocs.yml.

    mode: "auto" checks missing or stale URLs during `mkdocs build` within `budget` seconds
    (`mkdocs serve` never waits on the network and only reads the cache); "cache" never checks;
    "off" shows no status at all.
    """

    mode: str = "auto"
    budget: float = 10.0
    timeout: float = 5.0
    cache: str = ".linkcheck/cache.json"
    max_age_days: float = 7.0
    allow_private: bool = False
    fail_on_broken: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> LinkCheckSettings:
        """Typed settings; ValueError names the key that is wrong."""
        data = dict(data or {})
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(
                f"unknown link_check setting(s): {', '.join(unknown)}; known: {', '.join(known)}"
            )
        settings = cls(**data)
        if settings.mode not in MODES:
            raise ValueError(f"link_check mode must be one of {', '.join(MODES)}, not {settings.mode!r}")
        if settings.budget <= 0 or settings.timeout <= 0:
            raise ValueError("link_check budget and timeout must be positive")
        return settings


def reference_statuses(
    urls: Iterable[str | None], settings: LinkCheckSettings, base: Path, may_use_network: bool
) -> dict[str, LinkResult]:
    """URL → its latest known result; URLs nobody has checked yet are simply absent."""
    if settings.mode == "off":
        return {}
    web = list(dict.fromkeys(url for url in urls if url and is_web_url(url)))
    cache = LinkCache.load(base / settings.cache, timedelta(days=settings.max_age_days))
    if settings.mode == "auto" and may_use_network and web:
        options = CheckOptions(
            timeout=settings.timeout, budget=settings.budget, allow_private=settings.allow_private
        )
        results = check_urls(web, options, cache=cache)
        # Only servers' answers are worth keeping: an offline build leaves the file alone.
        if any(result.status in REUSABLE for result in results):
            cache.save()
        return {result.url: result for result in results}
    return {url: result for url in web if (result := cache.get(url)) is not None}


def status_of(url: str | None, results: Mapping[str, LinkResult]) -> tuple[LinkStatus, LinkResult | None]:
    """A reference URL's status: invalid unless http(s), unchecked until someone checked it."""
    if not is_web_url(url):
        return LinkStatus.INVALID, None
    result = results.get(url or "")
    return (result.status if result else LinkStatus.UNCHECKED), result


def broken(results: Mapping[str, LinkResult]) -> list[LinkResult]:
    return [result for result in results.values() if result.status is LinkStatus.BROKEN]


def broken_references(notes: Iterable[Note], results: Mapping[str, LinkResult]) -> list[Diagnostic]:
    """A message at each entry whose link was found broken, for the build log. INFO, so a strict
    build still publishes (readers get an archived copy); `fail_on_broken` is the opt-in to stop."""
    found = []
    for note in notes:
        for reference in note.references:
            result = results.get(reference.url or "")
            if result is not None and result.status is LinkStatus.BROKEN:
                code = result.http_status or result.error or "?"
                message = f"reference [{reference.number}] link is broken ({code}): {reference.url}"
                found.append(Diagnostic(note.path, reference.line, message, Severity.INFO))
    return found
