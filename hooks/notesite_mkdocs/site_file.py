"""What `notesite check` needs of a site's mkdocs.yml, read without loading MkDocs.

The checker lays the notes out as the build does, so it must know what the site decides of the
layout: its docs folder, directory URLs, language, and the plugin's options that change which pages
a note gets (`split_threshold`, `whole_note`, `link_report`, …). Loading the config with MkDocs
would import MkDocs, the theme and every plugin, seconds on each save; reading the few keys here
takes milliseconds. The YAML is read as MkDocs reads it where that matters (`!ENV` values, the
files it INHERITs from, merged key by key); any other tag (`!!python/name:…`) is read as the plain
value beneath it. A value the build would reject is left at its default: the build names it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from notesite.analyse.sanitize import HtmlPolicy
from notesite.cli.check import SiteSettings
from notesite.model.words import interface_labels

CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")


class _Loader(yaml.SafeLoader):
    """Safe YAML that knows MkDocs' `!ENV` and reads any other tag as the value beneath it."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    """MkDocs' `!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the
    default (the last item, when there are two or more)."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    items = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
    names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    return next((os.environ[n] for n in names if isinstance(n, str) and n in os.environ), default)


def _untagged(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _untagged)


def site_settings(folder: Path) -> tuple[Path, SiteSettings]:
    """The docs folder and layout settings of the site whose mkdocs.yml is in `folder` (MkDocs'
    defaults when there is none)."""
    found = next((folder / name for name in CONFIG_FILES if (folder / name).is_file()), None)
    config = _read(found) if found is not None else {}
    docs = config.get("docs_dir")
    docs_dir = (found.parent if found is not None else folder) / (docs if isinstance(docs, str) else "docs")
    return docs_dir, settings_of(config)


def settings_of(config: Mapping[str, Any]) -> SiteSettings:
    """The layout settings of a site's config, as read by `_read`."""
    options = _plugin_options(config)
    defaults = SiteSettings()
    theme = config.get("theme")
    # As the build reads it (site_language.py): Material's `language`, else MkDocs' `locale`.
    language = (theme.get("language") or theme.get("locale")) if isinstance(theme, dict) else None
    labels = options.get("labels")
    try:
        words = interface_labels(language if isinstance(language, str) else "en", _words(labels))
    except KeyError:  # a word no page uses: the build stops on it
        words = interface_labels(language if isinstance(language, str) else "en")
    html = options.get("html")
    threshold = options.get("split_threshold")
    return SiteSettings(
        directory_urls=_flag(config, "use_directory_urls", defaults.directory_urls),
        html=HtmlPolicy(html) if html in {policy.value for policy in HtmlPolicy} else defaults.html,
        whole_note=_flag(options, "whole_note", defaults.whole_note),
        split_threshold=(
            threshold
            if isinstance(threshold, int) and not isinstance(threshold, bool) and threshold >= 0
            else defaults.split_threshold
        ),
        show_hidden_tags=_flag(options, "show_hidden_tags", defaults.show_hidden_tags),
        link_report=_flag(options, "link_report", defaults.link_report),
        labels=words,
    )


def _read(path: Path, seen: frozenset[Path] = frozenset()) -> dict[str, Any]:
    """The config at `path`, over the one it INHERITs from (as MkDocs merges them)."""
    try:
        loaded = yaml.load(path.read_text("utf-8"), Loader=_Loader)  # noqa: S506 — a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    parent = loaded.pop("INHERIT", None)
    if isinstance(parent, str):
        inherited = Path(os.path.normpath(path.parent / parent))
        if inherited not in seen:
            return _merged(_read(inherited, seen | {path}), loaded)
    return loaded


def _merged(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        below = merged.get(key)
        merged[key] = _merged(below, value) if isinstance(below, dict) and isinstance(value, dict) else value
    return merged


def _plugin_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """The notesite options: `plugins: - notesite: {…}` over the older `extra.notesite`."""
    plugins = config.get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else _plugin_entries(plugins)
    own = next((value for name, value in entries if name == "notesite"), None)
    extra = config.get("extra")
    legacy = extra.get("notesite") if isinstance(extra, dict) else None
    return {**(legacy if isinstance(legacy, dict) else {}), **(own if isinstance(own, dict) else {})}


def _plugin_entries(plugins: Any) -> list[tuple[Any, Any]]:
    """A `plugins:` list's entries as (name, options): `- name` or `- name: {options}`."""
    entries: list[tuple[Any, Any]] = []
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, dict):
            entries += item.items()
        else:
            entries.append((item, None))
    return entries


def _words(labels: Any) -> dict[str, str]:
    if not isinstance(labels, dict):
        return {}
    return {str(key): word for key, word in labels.items() if isinstance(word, str)}


def _flag(options: Mapping[str, Any], key: str, default: bool) -> bool:
    value = options.get(key)
    return value if isinstance(value, bool) else default
