"""What the plugin sets up in any site: Markdown extensions and theme parts (fast, no build)."""

from __future__ import annotations

from pymdownx.slugs import slugify

from notesite_mkdocs.markdown_setup import NEEDED, markdown_setup
from notesite_mkdocs.theme_setup import THEME_OVERRIDES, theme_setup


def test_a_site_with_no_extensions_gets_every_one_the_pages_need():
    setup = markdown_setup(["toc", "tables", "fenced_code"], {})
    assert set(NEEDED) <= set(setup.extensions)
    assert setup.configs["pymdownx.tabbed"] == {"alternate_style": True}
    assert setup.configs["toc"]["slugify"]("3.2 最左前缀", "-") == "32-最左前缀"
    assert setup.conflicts == []


def test_the_sites_own_options_stay_and_extensions_are_not_listed_twice():
    configs = {"markdown.extensions.toc": {"permalink": "¶"}, "pymdownx.tasklist": {"custom_checkbox": False}}
    setup = markdown_setup(["markdown.extensions.toc", "pymdownx.tasklist"], configs)
    assert "toc" not in setup.extensions
    assert setup.configs["markdown.extensions.toc"]["permalink"] == "¶"
    assert setup.configs["pymdownx.tasklist"] == {"custom_checkbox": False}
    assert setup.conflicts == []


def test_a_slugify_that_makes_the_same_ids_is_no_conflict():
    setup = markdown_setup(["toc"], {"toc": {"slugify": slugify(case="lower")}})
    assert setup.conflicts == []


def test_a_slugify_that_drops_chinese_is_named_once_with_what_to_change():
    setup = markdown_setup(["toc"], {"toc": {"slugify": lambda text, sep: "x"}})
    [conflict] = setup.conflicts
    assert "slugify" in conflict and "pymdownx.slugs.slugify" in conflict and "case: lower" in conflict


def test_a_needed_option_the_site_sets_otherwise_is_named():
    setup = markdown_setup(["pymdownx.tabbed"], {"pymdownx.tabbed": {"alternate_style": False}})
    assert setup.conflicts == [
        "mkdocs.yml markdown_extensions: notesite's pages need pymdownx.tabbed with"
        " `alternate_style: True`; remove the site's own value or set it so"
    ]


def test_the_overrides_come_first_without_a_custom_dir_and_fonts_go_off():
    from mkdocs.theme import Theme

    theme = Theme(name="material")
    assert theme_setup(theme) is True
    assert theme.dirs[0] == str(THEME_OVERRIDES)
    assert theme["font"] is False
    assert theme["features"] == ["navigation.prune"]


def test_the_navigation_is_pruned_once_unless_the_site_expands_it():
    from mkdocs.theme import Theme

    theme = Theme(name="material", features=["navigation.top"])
    theme_setup(theme)
    theme_setup(theme)
    assert theme["features"] == ["navigation.top", "navigation.prune"]
    expanded = Theme(name="material", features=["navigation.expand"])
    theme_setup(expanded)
    assert expanded["features"] == ["navigation.expand"]


def test_a_sites_custom_dir_and_font_win(tmp_path):
    from mkdocs.theme import Theme

    theme = Theme(name="material", custom_dir=str(tmp_path), font={"text": "Inter"})
    assert theme_setup(theme) is False
    assert theme.dirs[:2] == [str(tmp_path), str(THEME_OVERRIDES)]
    assert theme["font"] == {"text": "Inter"}
    theme_setup(theme)  # a second on_config of the same config adds nothing
    assert theme.dirs.count(str(THEME_OVERRIDES)) == 1
