"""Where a note's pages live: from its own path and text, never from its neighbours."""

from __future__ import annotations

import pytest

from notesite.layout.slugs import note_folder, path_segment, text_slug


@pytest.mark.parametrize(
    ("path", "folder"),
    [
        ("java/jvm/gc.md", "java/jvm/gc"),
        ("java/README.md", "java"),
        ("java/index.md", "java"),
        ("README.md", ""),
        ("数据库/索引失效.md", "数据库/索引失效"),
        ("My Notes/Why MQ?.md", "My-Notes/Why-MQ"),
        ("a/50% off#1.md", "a/50-off-1"),
        ("CamelCase.md", "CamelCase"),
        ("v1.2/notes.v2.md", "v1.2/notes.v2"),
    ],
)
def test_a_note_folder_follows_its_path(path: str, folder: str) -> None:
    assert note_folder(path) == folder


def test_front_matter_slug_replaces_the_last_segment() -> None:
    assert note_folder("java/jvm/gc.md", "垃圾 回收") == "java/jvm/垃圾-回收"
    assert note_folder("java/README.md", "guide") == "java/guide"


def test_a_name_of_punctuation_only_still_has_a_segment() -> None:
    assert note_folder("???.md") == "note"
    assert path_segment("...") == ""


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("面试题剖析", "面试题剖析"),
        ("Tools for ML engineers", "tools-for-ml-engineers"),
        ("**Redis** 与 [Memcached](x.md) 的区别？", "redis-与-memcached-的区别"),
        ("snake_case name", "snake_case-name"),
    ],
)
def test_heading_slugs_keep_their_script(heading: str, slug: str) -> None:
    assert text_slug(heading) == slug
