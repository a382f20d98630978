"""The `notesite` plugin: typed options in mkdocs.yml, events handed to the hook module.

`plugins: [search, notesite]` in any mkdocs.yml (MkDocs 1.6 or ProperDocs) turns its docs/notes/
into notes. The build logic stays in `notes_hook` (still usable as `hooks: [notes_hook.py]`),
which reads its options from `extra.notesite`: the plugin validates its own options, takes
anything a site still keeps in `extra.notesite` (with a deprecation warning), and hands the
result to the hook there. Every `on_*` function the hook module defines is this plugin's event.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import notes_hook
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.notesite")

# Where the hook reads its options, below `extra`.
LEGACY_KEY = "notesite"
# The plugin's own events, which call the hook's.
OWN_EVENTS = ("on_config", "on_files")
# Styles and scripts of the generated pages: site path → file shipped in this package.
_ASSET_DIR = Path(__file__).parent / "assets"
ASSETS = {
    f"assets/notesite/{path.name}": path
    for path in sorted(_ASSET_DIR.glob("*/*"))
    if path.suffix in (".css", ".js")
}


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
    # Tags starting with `_` (bookkeeping) are hidden from readers; true shows them.
    show_hidden_tags = c.Optional(c.Type(bool))
    # Front-matter keys notes.json publishes besides its own list (publish/notes_json.py).
    publish_front_matter = c.Optional(c.ListOfItems(c.Type(str)))


class NotesitePlugin(BasePlugin[NotesiteConfig]):
    def __init__(self) -> None:
        super().__init__()
        # The hook's events are the plugin's, as they are (including any `event_priority`).
        for name in dir(notes_hook):
            if name.startswith("on_") and name not in OWN_EVENTS and callable(getattr(notes_hook, name)):
                setattr(self, name, getattr(notes_hook, name))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        files = notes_hook.on_files(files, config)
        for uri, path in ASSETS.items():
            if files.get_file_from_path(uri) is None:  # a site may bring its own copy
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # The generated pages' styles and the dashboard's script come with the plugin.
        for uri in ASSETS:
            listed = config.extra_css if uri.endswith(".css") else config.extra_javascript
            if uri not in [str(item) for item in listed]:
                listed.append(uri)
        extra = dict(config.extra or {})
        options = {**self.config, "link_check": dict(self.config.link_check)}
        extra[LEGACY_KEY] = settings(options, extra.get(LEGACY_KEY))
        config.extra = extra
        hook_on_config = getattr(notes_hook, "on_config", None)
        if hook_on_config is not None:
            return hook_on_config(config)
        return config


def settings(options: dict[str, Any], legacy: Any) -> dict[str, Any]:
    """The hook's `extra.notesite`: the plugin's options over the legacy ones; options set in
    neither place are left out, so the hook's own defaults and checks apply."""
    if legacy is None:
        legacy = {}
    if not isinstance(legacy, dict):
        raise PluginError(f"mkdocs.yml extra.notesite: expected a mapping, got {legacy!r}")
    if legacy:
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
