"""The interface words of a site's generated pages: its `theme.language`, its own `labels:`."""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from notesite.model.words import interface_labels


def site_words(config: MkDocsConfig, labels: Mapping[str, str]) -> dict[str, str]:
    """The words in the site's language (Material's `theme.language`, else the theme's locale),
    with the plugin's `labels:` over them."""
    language = config.theme.get("language") or str(config.theme.locale)
    try:
        return interface_labels(language, labels)
    except KeyError as error:
        raise PluginError(
            f"mkdocs.yml plugins.notesite.labels: no generated page uses {error.args[0]}"
            " (the words are the keys of notesite/model/words.py LABELS)"
        ) from None
