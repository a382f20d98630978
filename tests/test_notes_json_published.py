"""notes.json publishes what the site shows (issue 20): hidden tags stay hidden, and front-matter
keys only from its documented list, unless the site names more."""

from __future__ import annotations

from pathlib import Path

import pytest

from notesite.build import BuildOptions, build_site
from notesite.publish.notes_json import PUBLISHED_FRONT_MATTER, site_index

NOTE = """---
title: Private thoughts
created: 2025-01-02
tags: [java, _seeds/todo, "ev\u202eil"]
aliases: [PT]
api_key: sk-do-not-publish
home_address: somewhere
---
# Private thoughts

text
"""


def _front_matter(tmp_path: Path, show_hidden_tags: bool = False, more: tuple[str, ...] = ()) -> dict:
    (tmp_path / "notes").mkdir(exist_ok=True)
    (tmp_path / "notes" / "p.md").write_text(NOTE, "utf-8")
    site = build_site(tmp_path, ["notes/p.md"], BuildOptions(show_hidden_tags=show_hidden_tags))
    urls = {page.src_uri: page.url(True) for page, _, _ in site.generated()}
    return site_index(site, urls, more_keys=more)["notes"][0]["front_matter"]


def test_only_documented_keys_are_published_and_hidden_tags_stay_hidden(tmp_path):
    published = _front_matter(tmp_path)
    assert published == {
        "title": "Private thoughts",
        "created": "2025-01-02",
        "tags": ["java", "evil"],
        "aliases": ["PT"],
    }
    assert set(published) <= set(PUBLISHED_FRONT_MATTER)


def test_hidden_tags_are_published_when_the_site_shows_them(tmp_path):
    assert _front_matter(tmp_path, show_hidden_tags=True)["tags"] == ["java", "_seeds/todo", "evil"]


@pytest.mark.parametrize("more", [("api_key",), ("api_key", "not_there")])
def test_a_site_may_publish_more_keys(tmp_path, more):
    published = _front_matter(tmp_path, more=more)
    assert published["api_key"] == "sk-do-not-publish" and "home_address" not in published
