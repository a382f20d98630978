"""The header's and footer's icons, drawn from the site's sprite, are painted as Material's were:
in their box, in the colour of the text around them."""

from __future__ import annotations

import pytest

from tests.conftest import seed_path

pytestmark = pytest.mark.browser

# Each icon: whether it is drawn from the sprite, the extent of what is drawn (the symbol's paths,
# reached through `use`: none when the sprite or the symbol is missing), its fill and its text's
# colour, and whether the page shows it at all (the dark-mode toggle and search's own are hidden).
PAINTED = """() => [...document.querySelectorAll('header svg, footer svg, .md-top svg')].map(svg => {
  const use = svg.querySelector('use'), box = (use || svg).getBBox();
  return {use: !!use, width: box.width, height: box.height,
          fill: getComputedStyle(use || svg).fill, color: getComputedStyle(svg).color,
          shown: svg.getBoundingClientRect().width > 0};
})"""
# The sprite is fetched after the page has loaded, as an image is.
SPRITE_LOADED = "() => [...document.querySelectorAll('header svg use')].some(u => u.getBBox().width > 0)"


def test_the_icons_are_drawn_from_the_sprite_in_the_colour_of_their_text(tab) -> None:
    page = tab.open(seed_path(""))
    page.wait_for_function(SPRITE_LOADED)
    icons = page.evaluate(PAINTED)
    assert len(icons) >= 8 and all(icon["use"] for icon in icons), icons
    shown = [icon for icon in icons if icon["shown"]]
    assert len(shown) >= 5
    for icon in shown:
        assert icon["width"] > 0 and icon["height"] > 0, icon  # its symbol was found and drawn
        assert icon["fill"] == icon["color"], icon
    assert not tab.console_errors
