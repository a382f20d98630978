"""The theme as notesite leaves it in any site: its template overrides, and no web fonts.

The overrides (`theme_overrides/`: Open Graph and description tags, tab titles that name the note,
the 404 page, a search dialog with a name, a repository link that asks no other host) are searched
after the site's own `custom_dir`, so a site's template of the same name wins, and before the
theme's. Material loads Google Fonts unless `theme.font` is false, and readers in mainland China
cannot reach them: the fonts are off unless the site names fonts of its own. Material writes the
whole navigation into every page unless `navigation.prune` is on; a vault publishes thousands of
pages, each of which would carry every note's entry (a 92-note vault: 26 MB instead of 22 MB, and
growing with the square of the notes), so pruning is on unless the site expands the navigation,
which Material cannot do with it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.theme import Theme

THEME_OVERRIDES = Path(__file__).parent / "theme_overrides"


def theme_setup(theme: Theme) -> bool:
    """Adds the overrides to `theme`'s search path; prunes the navigation unless the site expands
    it; turns its web fonts off unless the site chose its own. Returns whether it turned them off."""
    overrides = str(THEME_OVERRIDES)
    if overrides not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, overrides)
    features = theme.get("features")
    if isinstance(features, list) and not {"navigation.prune", "navigation.expand"} & set(features):
        features.append("navigation.prune")
    font = theme.get("font")
    if font and font == _default_font(theme):
        theme["font"] = False
        return True
    return False


def _default_font(theme: Theme) -> object:
    """The theme's font when a site sets none (Material's: Roboto from Google Fonts)."""
    return Theme(name=theme.name)["font"] if theme.name else None
