"""The Markdown extensions the generated pages are written for, set up in any site's config.

The pages notesite generates use attribute lists (`{: .ns-source }`, `{#cite-1 .ns-cite}`),
Markdown inside HTML, admonitions, footnotes, tables, tabs and details, and link to headings by
ids made with `pymdownx.slugs.slugify(case="lower")` (notesite.render.hrefs), which keeps Chinese.
A site that lists only `site_name` and its theme gets them all; a site's own choices stay, and
where one would break the generated pages (another heading slugify) it is named once, with what to
change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from notesite.render.hrefs import toc_slug

# Extension → the options the generated pages need, which a site's own value must agree with.
NEEDED: dict[str, dict[str, Any]] = {
    "abbr": {},
    "admonition": {},
    "attr_list": {},
    "def_list": {},
    "footnotes": {},
    "md_in_html": {},
    "tables": {},
    "toc": {"slugify": toc_slug},
    "pymdownx.details": {},
    # Obsidian's ==highlights== as <mark>.
    "pymdownx.mark": {},
    "pymdownx.superfences": {},
    # Material styles only the alternate markup of tabs.
    "pymdownx.tabbed": {"alternate_style": True},
    "pymdownx.tasklist": {},
    "pymdownx.highlight": {},
    "pymdownx.inlinehilite": {},
}
# Options given when the site has not set them, as this repository's own site has them; a site's
# other value is its choice.
PREFERRED: dict[str, dict[str, Any]] = {
    "toc": {"permalink": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
    "pymdownx.highlight": {"anchor_linenums": True},
}
# Headings a slugify must turn into the ids the generated links point at.
_SAMPLE_HEADINGS = ("3.2 最左前缀", "一、为什么是 B+ 树", "Hello, World: 2 Ways")
_SHORT_PREFIX = "markdown.extensions."


@dataclass
class MarkdownSetup:
    """The site's extensions and their options with what the generated pages need added, and
    each of the site's settings that still conflicts with them, said as what to change."""

    extensions: list[str]
    configs: dict[str, dict[str, Any]]
    conflicts: list[str] = field(default_factory=list)


def markdown_setup(extensions: list[str], configs: Mapping[str, Mapping[str, Any]]) -> MarkdownSetup:
    """`markdown_extensions` and `mdx_configs` as MkDocs validated them, completed."""
    listed = {_short(name): name for name in extensions}
    setup = MarkdownSetup(list(extensions), {name: dict(options) for name, options in configs.items()})
    for short, needed in NEEDED.items():
        name = listed.get(short)
        if name is None:
            name = short
            setup.extensions.append(name)
        options = setup.configs.setdefault(name, {})
        for key, value in {**PREFERRED.get(short, {}), **needed}.items():
            options.setdefault(key, value)
        for key, value in needed.items():
            if not _agrees(key, options[key], value):
                setup.conflicts.append(_conflict(short, key, value))
    return setup


def _short(name: str) -> str:
    return name.removeprefix(_SHORT_PREFIX)


def _agrees(key: str, own: Any, needed: Any) -> bool:
    if key != "slugify":
        return bool(own == needed)
    # A slugify agrees when it makes the same ids, whatever object it is.
    try:
        return all(own(text, "-") == needed(text, "-") for text in _SAMPLE_HEADINGS)
    except Exception:
        return False


def _conflict(extension: str, key: str, value: Any) -> str:
    if key == "slugify":
        example = _SAMPLE_HEADINGS[0]
        return (
            f"mkdocs.yml markdown_extensions: toc's own `slugify` gives headings other ids than the"
            f" ones notesite links to ({example!r} → {toc_slug(example, '-')!r}), so links to"
            " headings break: remove it, or set it to"
            " `!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}`"
        )
    return (
        f"mkdocs.yml markdown_extensions: notesite's pages need {extension} with `{key}: {value!r}`;"
        " remove the site's own value or set it so"
    )
