"""`notesite export`: the site's sources as the plugin would generate them, for engines that run
no plugins (Zensical) or a plain `mkdocs build` (design contract 8).

The plugin runs once, as in `mkdocs build`, up to `on_files`; every file of the build then lands
in OUT/docs (generated pages, downloads, notes.json, the site's own files) and OUT/mkdocs.yml is
the site's config with its parents (INHERIT) folded in, `!ENV` and `!!python/...` tags kept as
written, the navigation the plugin made, and neither hooks nor the notesite plugin.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml
from mergedeep import merge
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import get_files

from notesite.render.hrefs import toc_slug
from notesite_mkdocs.export_target import ExportRefused, check_target, mark
from notesite_mkdocs.markdown_setup import markdown_setup
from notesite_mkdocs.theme_setup import THEME_OVERRIDES

PLUGIN = "notesite"


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag only MkDocs resolves (`!ENV`, `!!python/...`), kept as written."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(cast(yaml.MappingNode, node), deep=True)
    return Tagged(node.tag, value)


def _represent_tagged(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)
# notesite.render.hrefs.toc_slug as mkdocs.yml writes it.
TOC_SLUGIFY = Tagged(
    "tag:yaml.org,2002:python/object/apply:pymdownx.slugs.slugify", {"kwds": {"case": "lower"}}
)


def raw_config(path: Path) -> dict[str, Any]:
    """The config file as written, its INHERIT parents merged in the way MkDocs merges them."""
    with path.open(encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=_Loader) or {}  # noqa: S506 (a SafeLoader subclass)
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    return merge(raw_config((path.parent / parent).resolve()), data)


def without_plugin(plugins: Any) -> Any:
    """`plugins` (a list or a mapping) without notesite."""
    if isinstance(plugins, dict):
        return {name: options for name, options in plugins.items() if name != PLUGIN}
    return [p for p in plugins or [] if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]


def export(config_file: Path, out: Path, force: bool = False) -> list[str]:
    """Writes OUT/docs and OUT/mkdocs.yml; returns notes for the reader (what is left out).

    Raises ExportRefused, having written nothing, when OUT is no place to write (export_target).
    """
    config = load_config(config_file=str(config_file))
    custom_dir = getattr(config.theme, "custom_dir", None)
    theme_dir = Path(custom_dir) if custom_dir else None
    check_target(out, Path(config.docs_dir), config_file.resolve().parent, theme_dir, force)
    config.plugins.on_startup(command="build", dirty=False)
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None:
        # Zensical rewrites relative links inside raw HTML as it does Markdown links.
        plugin.for_export = True
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = config.plugins.on_files(get_files(config), config=config)

    mark(out)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for file in files:
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content_bytes)

    settings = raw_config(config_file.resolve())
    settings.pop("hooks", None)
    settings["plugins"] = without_plugin(settings.get("plugins"))
    settings["docs_dir"] = "docs"
    settings["site_dir"] = "site"
    settings["nav"] = config.nav
    # The styles and scripts the plugin adds at build time, listed for an engine without it.
    settings["extra_css"] = [str(item) for item in config.extra_css]
    settings["extra_javascript"] = [str(item) for item in config.extra_javascript]
    extra = settings.get("extra")
    if isinstance(extra, dict):
        extra.pop(PLUGIN, None)
    notes = []
    theme = settings.get("theme")
    theme = settings["theme"] = {"name": theme} if isinstance(theme, str) else dict(theme or {})
    # The plugin's template overrides, under the site's own (which win, as in the plugin's build).
    target = out / "overrides"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(THEME_OVERRIDES, target)
    if theme.get("custom_dir"):
        custom_dir = getattr(config.theme, "custom_dir", None)
        custom = Path(custom_dir) if custom_dir else None
        source = Path(config_file).resolve().parent / theme["custom_dir"]
        shutil.copytree(custom if custom and custom.is_dir() else source, target, dirs_exist_ok=True)
    theme["custom_dir"] = "overrides"
    if config.theme.get("font") is False:
        theme["font"] = False
    settings["markdown_extensions"] = _markdown_extensions(settings.get("markdown_extensions"))
    notes.append(
        "pages are Markdown: the plugin's HTML sanitiser (on rendered pages) does not run under "
        "another engine, so a note's raw HTML is published as written"
    )
    (out / "mkdocs.yml").write_text(
        yaml.dump(settings, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return notes


def _markdown_extensions(listed: Any) -> list[Any]:
    """The site's `markdown_extensions` as written, with what the generated pages need added
    (notesite_mkdocs.markdown_setup); the heading slugify as a tag MkDocs and Zensical resolve."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for item in listed or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        configs[name] = dict(options or {})
    setup = markdown_setup(names, configs)
    written: list[Any] = []
    for name in setup.extensions:
        options = {
            key: TOC_SLUGIFY if value is toc_slug else value for key, value in setup.configs[name].items()
        }
        written.append({name: options} if options else name)
    return written


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Write the generated pages, downloads, notes.json and a plain config (the "
        "navigation included, no hooks or notesite plugin) into OUT, for `zensical build` or "
        "`mkdocs build` there.",
    )
    parser.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), help="the site's config")
    parser.add_argument("--out", "-o", type=Path, required=True, help="folder to write into")
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty folder no earlier export made (never into docs/ or over the config)",
    )
    args = parser.parse_args(argv)
    if not args.config.is_file():
        parser.error(f"no config file at {args.config}")
    try:
        notes = export(args.config, args.out, args.force)
    except ExportRefused as error:
        print(f"notesite export: refused, nothing written: {error}", file=sys.stderr)
        return 1
    except MkDocsException as error:
        print(f"notesite export: {error}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"notesite export: note: {note}", file=sys.stderr)
    print(f"notesite export: wrote {args.out / 'docs'} and {args.out / 'mkdocs.yml'}", file=sys.stderr)
    return 0
