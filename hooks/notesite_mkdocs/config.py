"""The plugin's options: typed in mkdocs.yml, validated once into `SiteOptions`.

`plugins: - notesite:` takes the options below. Older sites keep them under `extra.notesite`,
which is still read (with a deprecation warning naming the plugin option), under the plugin's
own; a site that lists `hooks/notes_hook.py` instead of the plugin keeps them there without one.
The environment decides link checks over both. Options set nowhere take the core's defaults
(`notesite.build.BuildOptions`, `notesite.linkcheck.link_status.LinkCheckSettings`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from notesite.analyse.sanitize import HtmlPolicy
from notesite.build import BuildOptions
from notesite.linkcheck.link_status import LinkCheckSettings
from notesite_mkdocs.parallel import available_cores

log = logging.getLogger("mkdocs.plugins.notesite")

# Where older sites keep the options, below `extra`.
LEGACY_KEY = "notesite"
_DEFAULTS = BuildOptions()
DEFAULT_CACHE_DIR = ".cache/notesite"


class LinkCheckConfig(base.Config):
    """`link_check:` (None: not set here, so a legacy `extra.notesite` value or the default)."""

    # auto: `build` checks missing or stale reference URLs within `budget` seconds; `serve` only
    # reads the cache. cache: never checks. off: shows no status.
    mode = c.Optional(c.Choice(("auto", "cache", "off")))
    budget = c.Optional(c.Type((int, float)))
    timeout = c.Optional(c.Type((int, float)))
    cache = c.Optional(c.Type(str))
    max_age_days = c.Optional(c.Type((int, float)))
    allow_private = c.Optional(c.Type(bool))
    fail_on_broken = c.Optional(c.Type(bool))


class NotesiteConfig(base.Config):
    link_check = c.SubConfig(LinkCheckConfig)
    # Search indexes Chinese as character pairs now, with no dictionary to guide.
    search_dictionary = c.Deprecated(message="has no effect (search needs no dictionary now); remove it")
    # sanitize: note HTML is cleaned (no scripts, handlers, frames...); trusted: kept as written.
    html = c.Optional(c.Choice(("sanitize", "trusted")))
    # Each note also on one page (`full/`), for reading or printing in one piece.
    whole_note = c.Optional(c.Type(bool))
    # A note is split into a page per section when its sections hold more characters than this
    # (notesite.layout.page_size); shorter notes are one page. A note's `split:` overrides it.
    split_threshold = c.Optional(c.Type(int))
    # Tags starting with `_` (bookkeeping) are hidden from readers; true shows them.
    show_hidden_tags = c.Optional(c.Type(bool))
    # Hovering or focusing a link to another page shows its title and first lines (previews.js).
    previews = c.Optional(c.Type(bool))
    # The generated pages' interface follows theme.language; these words replace any of its own.
    labels = c.Optional(c.DictOfItems(c.Type(str)))
    # Front-matter keys notes.json publishes besides its own list (publish/notes_json.py).
    publish_front_matter = c.Optional(c.ListOfItems(c.Type(str)))
    # The author's page of every reference's link check at `link-report/` (not in the navigation,
    # the search or search engines); readers' bibliographies never show the checks.
    link_report = c.Optional(c.Type(bool))
    # Processes converting and rendering pages in `mkdocs build` (notesite_mkdocs.parallel); 1: none.
    workers = c.Optional(c.Type(int))
    # Where `mkdocs build` keeps what the next build can reuse, beside mkdocs.yml unless absolute
    # (notesite_mkdocs.build_cache); false: nowhere.
    cache_dir = c.Optional(c.Type((str, bool)))


@dataclass(frozen=True)
class SiteOptions:
    """The options of one site, validated, every one set."""

    link_check: LinkCheckSettings = field(default_factory=LinkCheckSettings)
    html: HtmlPolicy = _DEFAULTS.html
    whole_note: bool = _DEFAULTS.whole_note
    split_threshold: int = _DEFAULTS.split_threshold
    show_hidden_tags: bool = _DEFAULTS.show_hidden_tags
    previews: bool = True
    labels: Mapping[str, str] = field(default_factory=dict)
    publish_front_matter: tuple[str, ...] = ()
    link_report: bool = _DEFAULTS.link_report
    workers: int = field(default_factory=available_cores)
    cache_dir: str | None = DEFAULT_CACHE_DIR


def site_options(
    plugin: NotesiteConfig, extra: Mapping[str, Any] | None, deprecated: bool = True
) -> SiteOptions:
    """The plugin's options over what `extra.notesite` still holds (`deprecated`: say so)."""
    options = {**plugin, "link_check": dict(plugin.link_check)}
    legacy = (extra or {}).get(LEGACY_KEY)
    return validated(merged_options(options, legacy, deprecated))


def merged_options(options: dict[str, Any], legacy: Any, deprecated: bool = True) -> dict[str, Any]:
    """The plugin's options over the legacy ones, key by key, and the environment's link checks
    over both; options set in neither place are left out, so the defaults apply."""
    if legacy is None:
        legacy = {}
    if not isinstance(legacy, dict):
        raise PluginError(f"mkdocs.yml extra.notesite: expected a mapping, got {legacy!r}")
    if legacy and deprecated:
        log.warning(
            "mkdocs.yml extra.notesite is deprecated: move %s under `plugins: - notesite:`",
            ", ".join(sorted(legacy)),
        )
    merged = dict(legacy)
    checks = {key: value for key, value in options.pop("link_check").items() if value is not None}
    old = legacy.get("link_check")
    checks = {**(old if isinstance(old, dict) else {}), **checks, **_from_environment()}
    if checks:
        merged["link_check"] = checks
    merged.update({key: value for key, value in options.items() if value is not None})
    return merged


def validated(merged: Mapping[str, Any]) -> SiteOptions:
    """Typed options; PluginError names the key that is wrong (the plugin's own options were
    checked by MkDocs already, so a wrong value comes from `extra.notesite` or the environment)."""
    try:
        link_check = LinkCheckSettings.from_mapping(merged.get("link_check"))
    except (TypeError, ValueError) as error:
        raise PluginError(f"mkdocs.yml extra.notesite.link_check: {error}") from None
    html = merged.get("html", _DEFAULTS.html.value)
    try:
        policy = HtmlPolicy(html)
    except ValueError:
        raise PluginError(
            f"mkdocs.yml extra.notesite.html: expected sanitize or trusted, got {html!r}"
        ) from None
    return SiteOptions(
        link_check,
        policy,
        _flag(merged, "whole_note", _DEFAULTS.whole_note),
        _threshold(merged.get("split_threshold", _DEFAULTS.split_threshold)),
        _flag(merged, "show_hidden_tags", _DEFAULTS.show_hidden_tags),
        _flag(merged, "previews", True),
        _labels(merged.get("labels")),
        _keys(merged, "publish_front_matter"),
        _flag(merged, "link_report", _DEFAULTS.link_report),
        _workers(merged.get("workers")),
        _cache_dir(merged.get("cache_dir", True)),
    )


def _cache_dir(value: Any) -> str | None:
    if value is True:
        return DEFAULT_CACHE_DIR
    if value is False:
        return None
    if not isinstance(value, str) or not value.strip():
        raise PluginError(f"mkdocs.yml notesite cache_dir: expected a folder or false, got {value!r}")
    return value


def _threshold(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PluginError(
            f"mkdocs.yml notesite split_threshold: expected a number of characters, got {value!r}"
        )
    return value


def _workers(value: Any) -> int:
    if value is None:
        return available_cores()
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PluginError(f"mkdocs.yml extra.notesite.workers: expected a number of processes, got {value!r}")
    return value


def _labels(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise PluginError(f"mkdocs.yml extra.notesite.labels: expected words by name, got {value!r}")
    return {str(key): word for key, word in value.items()}


def _keys(merged: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = merged.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PluginError(f"mkdocs.yml extra.notesite.{key}: expected a list of names, got {value!r}")
    return tuple(value)


def _flag(merged: Mapping[str, Any], key: str, default: bool) -> bool:
    value = merged.get(key, default)
    if not isinstance(value, bool):
        raise PluginError(f"mkdocs.yml extra.notesite.{key}: expected true or false, got {value!r}")
    return value


def _from_environment() -> dict[str, Any]:
    """What the environment says of link checks, under whatever mkdocs.yml says: a deploy sets
    NOTESITE_LINK_CHECK=auto and NOTESITE_FAIL_ON_BROKEN=true, a test NOTESITE_LINK_CHECK=cache."""
    found: dict[str, Any] = {}
    if os.environ.get("NOTESITE_LINK_CHECK"):
        found["mode"] = os.environ["NOTESITE_LINK_CHECK"]
    if os.environ.get("NOTESITE_FAIL_ON_BROKEN"):
        found["fail_on_broken"] = os.environ["NOTESITE_FAIL_ON_BROKEN"].strip().lower() in (
            "1",
            "true",
            "yes",
        )
    return found
