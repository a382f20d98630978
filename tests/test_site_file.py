"""`notesite check` reads the site's mkdocs.yml as MkDocs would, for what decides the layout."""

from __future__ import annotations

from pathlib import Path

from notesite.analyse.sanitize import HtmlPolicy
from notesite.cli.check import SiteSettings
from notesite_mkdocs.site_file import site_settings


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_no_config_is_mkdocs_defaults(tmp_path):
    docs, site = site_settings(tmp_path)
    assert docs == tmp_path / "docs"
    assert site == SiteSettings(labels=site.labels)
    assert site.labels is not None and site.labels["tags_title"] == "Tags"


def test_the_plugins_options_tags_env_and_inherit_are_read_as_mkdocs_reads_them(tmp_path, monkeypatch):
    monkeypatch.setenv("NOTES_DOCS", "content")
    write(
        tmp_path / "base" / "mkdocs.yml",
        "theme:\n  name: material\n  language: zh\n  features: [navigation.tabs]\n"
        "use_directory_urls: false\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
    )
    write(
        tmp_path / "mkdocs.yml",
        "INHERIT: base/mkdocs.yml\n"
        "docs_dir: !ENV [NOTES_DOCS, docs]\n"
        "site_url: !ENV UNSET_SITE_URL\n"
        "theme:\n  palette: {primary: indigo}\n"
        "extra:\n  notesite: {whole_note: true, split_threshold: 9}\n"
        "plugins:\n  - search\n  - notesite:\n      split_threshold: 300\n      html: trusted\n"
        "      link_report: true\n      labels: {tags_title: 主题}\n",
    )
    docs, site = site_settings(tmp_path)
    assert docs == tmp_path / "content"
    assert not site.directory_urls
    # The plugin's own options over the older extra.notesite, key by key.
    assert (site.split_threshold, site.whole_note, site.html, site.link_report) == (
        300,
        True,
        HtmlPolicy.TRUSTED,
        True,
    )
    # The language of the inherited theme, merged with this file's; the site's own word over it.
    assert site.labels is not None and site.labels["tags_title"] == "主题"
    assert site.labels["contents"] == "章节"


def test_values_the_build_rejects_are_left_at_their_defaults(tmp_path):
    write(
        tmp_path / "mkdocs.yml",
        "theme: material\nplugins:\n  notesite:\n    split_threshold: lots\n    html: raw\n"
        "    whole_note: maybe\n    labels: {no_such_word: x}\n",
    )
    _, site = site_settings(tmp_path)
    assert site == SiteSettings(labels=site.labels)
    assert site.labels is not None and site.labels["tags_title"] == "Tags"


def test_an_unreadable_or_looping_config_is_read_as_empty(tmp_path):
    write(tmp_path / "mkdocs.yml", "INHERIT: mkdocs.yml\nplugins: [notesite: {split_threshold: 7}]\n")
    assert site_settings(tmp_path)[1].split_threshold == 7
    write(tmp_path / "mkdocs.yml", "plugins: [unclosed\n")
    assert site_settings(tmp_path) == (tmp_path / "docs", site_settings(tmp_path / "nowhere")[1])
