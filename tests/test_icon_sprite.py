"""The theme's icons drawn from one sprite (notesite_mkdocs.icon_sprite), not inline in each page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from notesite_mkdocs.icon_sprite import SPRITE, IconSprite

from .conftest import Built

SEARCH = '<path d="M9.5 3A6.5 6.5 0 0 1 16 9.5"/>'
LICENCE = "<!--! Font Awesome Free by @fontawesome (Icons: CC BY 4.0)-->"


def _symbols(site: Path) -> dict[str, BeautifulSoup]:
    sprite = BeautifulSoup((site / SPRITE).read_text("utf-8"), "html.parser")
    return {symbol["id"]: symbol for symbol in sprite.find_all("symbol")}


def test_a_path_icon_becomes_a_reference_to_one_symbol_named_by_its_drawing(tmp_path):
    icons = IconSprite()
    icon = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">{SEARCH}</svg>'
    page = icons.use(f"<header>{icon}<a>{icon}</a></header>", "notes/a/b/")
    uses = re.findall(r'<svg viewBox="0 0 24 24"><use href="([^"]+)"/></svg>', page)
    assert len(uses) == 2 and uses[0] == uses[1]
    assert uses[0].startswith("../../../assets/notesite/icons.svg#i-")
    icons.write(str(tmp_path))
    (symbol,) = _symbols(tmp_path).values()
    assert f"../../../{SPRITE}#{symbol['id']}" == uses[0]
    assert symbol["viewbox"] == "0 0 24 24" and symbol.path["d"] == "M9.5 3A6.5 6.5 0 0 1 16 9.5"


def test_a_licence_comment_travels_with_its_icon_and_other_drawings_stay_inline(tmp_path):
    icons = IconSprite()
    licensed = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 448 512">{LICENCE}{SEARCH}</svg>'
    circle = '<svg viewBox="0 0 2 2"><circle r="1"/></svg>'
    no_box = f"<svg>{SEARCH}</svg>"
    page = icons.use(licensed + circle + no_box, "")
    assert page.endswith(circle + no_box) and "<use href=" in page
    icons.write(str(tmp_path))
    assert LICENCE in (tmp_path / SPRITE).read_text("utf-8")


def test_the_sprite_keeps_the_symbols_pages_of_an_earlier_build_still_use(tmp_path):
    first, second = IconSprite(), IconSprite()
    first.use(f'<svg viewBox="0 0 24 24">{SEARCH}</svg>', "")
    first.write(str(tmp_path))
    second.use('<svg viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>', "")
    second.write(str(tmp_path))
    assert len(_symbols(tmp_path)) == 2


@pytest.mark.slow
def test_every_icon_of_every_built_page_is_a_symbol_of_the_sprite(seed_site: Built):
    symbols = _symbols(seed_site.site)
    pages = [p for p in seed_site.site.rglob("*.html") if p.name != "404.html"]
    used = 0
    for path in pages:
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        header = soup.find("header", class_="md-header")
        assert header is not None and not header.find("path"), f"{path}: an icon left inline"
        for use in soup.find_all("use"):
            target = (path.parent / use["href"].split("#")[0]).resolve()
            assert target == (seed_site.site / SPRITE).resolve(), f"{path}: {use['href']}"
            assert use["href"].split("#")[1] in symbols, f"{path}: {use['href']}"
            assert use.parent.name == "svg" and use.parent.get("viewbox")
            used += 1
    assert len(pages) > 5 and used > 10 * len(pages)
    # The drawing is Material's own: its search icon, as its theme ships it.
    magnify = Path(__import__("material").__file__).parent / "templates/.icons/material/magnify.svg"
    drawing = re.search(r'<path d="([^"]+)"', magnify.read_text("utf-8"))
    assert drawing and any(s.path and s.path["d"] == drawing.group(1) for s in symbols.values())
