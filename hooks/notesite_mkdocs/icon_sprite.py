"""The theme's icons once per site, in a sprite, instead of inline in every page.

Material writes each icon of its header, navigation and footer into every page as an inline
`<svg>`: the logo twice, the menu, the palette toggles, search's four, the repository's icon twice
with its licence comment, previous/next, back to top, edit. That is about 4 KB a page, and a
vault publishes several pages for each note. Each icon drawn with paths only is written once into
the site's `assets/notesite/icons.svg` as a `<symbol>` named by its content, and the page gets
`<svg viewBox=…><use href="…/icons.svg#i-…"/></svg>` instead: the same drawing in the same box,
sized by the same CSS and filled with the same colour (`fill` is inherited through `use`).

A page that is not rebuilt (serve's dirty rebuilds) keeps pointing at the symbols it was written
with, so the sprite only ever gains symbols: one named by its content never changes meaning.
Browsers do not follow `use` to another file of a site opened from disk, so a site made for that
(Material's `offline` plugin) keeps its icons inline.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.utils import get_relative_url

SPRITE = "assets/notesite/icons.svg"
# An icon as Material's templates write it: attributes, then an optional comment (a licence) and
# paths that only have a `d`. Each part stops at a quote or bracket, so a scan stays linear.
_ICON = re.compile(r'<svg( [^<>]*)>((?:<!--[^<>]*-->)?(?:<path d="[^"<>]*"/>)+)</svg>')
_VIEW_BOX = re.compile(r' viewBox="([^"<>]*)"')
_XMLNS = ' xmlns="http://www.w3.org/2000/svg"'
_SYMBOL = re.compile(r'<symbol id="(i-[0-9a-f]+)"[^<>]*>.*?</symbol>', re.DOTALL)


class IconSprite:
    """The icons of one site's pages: `use` rewrites a page, `write` puts the sprite beside it."""

    def __init__(self) -> None:
        self.symbols: dict[str, str] = {}  # id → <symbol> markup

    def use(self, output: str, page_url: str) -> str:
        """The page's HTML with each path-only icon drawn from the sprite."""
        href = get_relative_url(SPRITE, page_url)

        def reference(match: re.Match[str]) -> str:
            attributes, drawing = match.group(1), match.group(2)
            view_box = _VIEW_BOX.search(attributes)
            if view_box is None:  # nothing to size a symbol by
                return match.group(0)
            box = view_box.group(1)
            name = "i-" + hashlib.blake2b(f"{box}\n{drawing}".encode(), digest_size=6).hexdigest()
            self.symbols.setdefault(name, f'<symbol id="{name}" viewBox="{box}">{drawing}</symbol>')
            return f'<svg{attributes.replace(_XMLNS, "")}><use href="{href}#{name}"/></svg>'

        return _ICON.sub(reference, output)

    def write(self, site_dir: str) -> None:
        """The sprite, with every symbol this build used and every one it had before."""
        if not self.symbols:
            return
        path = Path(site_dir) / SPRITE
        known = dict(self.symbols)
        if path.is_file():
            for match in _SYMBOL.finditer(path.read_text("utf-8")):
                known.setdefault(match.group(1), match.group(0))
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "".join(known[name] for name in sorted(known))
        path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>\n', "utf-8")
