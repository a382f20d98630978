"""The keys of the page cache (notesite_mkdocs.page_cache): what a page's template reads changes
its key, and what no template of the theme reads does not. That a page written from the cache
equals one rendered afresh, byte for byte, is tests/test_build_cache.py's slow test."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from notesite_mkdocs.page_cache import cacheable, page_key, site_key


def _config(tmp_path: Path, **settings: object) -> MkDocsConfig:
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    (tmp_path / "docs").mkdir(exist_ok=True)
    config.load_dict(
        {"site_name": "Notes", "docs_dir": str(tmp_path / "docs"), "theme": "material", **settings}
    )
    errors, _ = config.validate()
    assert errors == []
    return config


def _site(config: MkDocsConfig, tmp_path: Path, **meta: dict[str, object]) -> tuple[Navigation, list[Page]]:
    pages = []
    for name in ("a", "b"):
        file = File(f"{name}.md", str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)
        page = Page(name.upper(), file, config)
        page.meta = dict(meta.get(name, {}))
        page.content = f"<p>{name}</p>"
        pages.append(page)
    return Navigation(list(pages), list(pages)), pages


def _keys(
    tmp_path: Path, settings: dict[str, object] | None = None, **meta: dict[str, object]
) -> tuple[str, str]:
    config = _config(tmp_path, **(settings or {}))
    nav, pages = _site(config, tmp_path, **meta)
    site = site_key(config, nav)
    return site, page_key(site, pages[0], None)


def test_the_same_site_twice_has_the_same_keys(tmp_path: Path):
    assert _keys(tmp_path) == _keys(tmp_path)


def test_what_a_template_reads_changes_the_keys(tmp_path: Path):
    site, page = _keys(tmp_path)
    assert _keys(tmp_path, {"extra": {"generator": False}})[0] != site  # config.extra
    assert _keys(tmp_path, b={"icon": "material/star"})[0] != site  # another page's entry in the nav
    described = _keys(tmp_path, a={"description": "new"})
    assert described[0] == site and described[1] != page  # the page's own meta


def test_another_pages_meta_the_nav_does_not_show_leaves_the_keys(tmp_path: Path):
    assert _keys(tmp_path, b={"description": "changed with its text"}) == _keys(tmp_path)


def test_a_site_with_its_own_templates_keys_every_meta_of_every_page(tmp_path: Path):
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text("{% extends 'base.html' %}")
    settings = {"theme": {"name": "material", "custom_dir": str(overrides)}}
    site = _keys(tmp_path, settings)[0]
    assert _keys(tmp_path, settings, b={"description": "changed"})[0] != site
    (overrides / "main.html").write_text("{% extends 'base.html' %}{# changed #}")
    assert _keys(tmp_path, settings)[0] != site


def test_a_plugin_not_known_turns_the_cache_off(tmp_path: Path):
    assert cacheable(_config(tmp_path, plugins=["search"]))
    assert not cacheable(_config(tmp_path, plugins=["search", "offline"]))


def test_keys_of_any_type_in_meta_and_config_are_digested_not_a_crash(tmp_path: Path):
    import datetime

    dated = {datetime.date(2024, 5, 1): "released", "2024-05-01": "the same text, a string"}
    site, page = _keys(tmp_path, {"extra": {1: "one", "1": "one"}}, a={"changelog": dated})
    assert _keys(tmp_path, {"extra": {1: "one", "1": "one"}}, a={"changelog": dated}) == (site, page)
    # A date key and the same text as a string are not one key.
    assert _keys(tmp_path, a={"changelog": {"2024-05-01": "released"}})[1] != page


def test_the_themes_version_and_mkdocs_themes_build_date_are_in_the_key(tmp_path: Path, monkeypatch):
    from importlib import metadata

    material = _keys(tmp_path)[0]
    versions = {e.name: e.dist.version for e in metadata.entry_points(group="mkdocs.themes") if e.dist}
    assert versions["material"]  # found as MkDocs finds the theme
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert _keys(tmp_path)[0] == material  # Material prints no build date
    mkdocs_theme = _keys(tmp_path, {"theme": "mkdocs"})[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "172800")
    assert _keys(tmp_path, {"theme": "mkdocs"})[0] != mkdocs_theme  # MkDocs' own theme does
