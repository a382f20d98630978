"""The interface words: the site's language, its own words, counts and brackets."""

from __future__ import annotations

import pytest

from notesite.model.words import LABELS, bracketed, counted, interface_labels


def test_the_sites_language_decides_and_others_fall_back_to_english():
    assert interface_labels("zh")["tags_title"] == "标签"
    assert interface_labels("zh-TW")["tags_title"] == "标签"
    assert interface_labels("en_GB")["tags_title"] == "Tags"
    assert interface_labels("fr")["tags_title"] == "Tags"
    assert interface_labels(None) == LABELS["en"]


def test_a_sites_own_words_replace_any_and_an_unknown_word_is_named():
    assert interface_labels("en", {"tags_title": "Topics"})["tags_title"] == "Topics"
    with pytest.raises(KeyError, match="tag_titel"):
        interface_labels("en", {"tag_titel": "Topics"})


def test_english_counts_one_in_the_singular():
    en, zh = interface_labels("en"), interface_labels("zh")
    assert counted(en, "sections_count", 1) == "1 section"
    assert counted(en, "sections_count", 3) == "3 sections"
    assert counted(en, "overdue_days", 1) == "1 day overdue"
    assert counted(zh, "sections_count", 1) == "1 个章节"


def test_brackets_are_full_width_only_beside_chinese():
    assert bracketed("github.com", "GitHub") == " (github.com)"
    assert bracketed("zhihu.com", "知乎") == "（zhihu.com）"
    assert bracketed("时间未注明", "Stage one") == "（时间未注明）"


def test_both_languages_have_every_word_and_a_name_for_every_link_status():
    from notesite.linkcheck import LinkStatus

    # English alone has singular forms (`<key>_one`).
    assert set(LABELS["zh"]) == {key for key in LABELS["en"] if not key.endswith("_one")}
    for status in LinkStatus:
        assert f"report_status_{status.value}" in LABELS["zh"], status
        assert LABELS["zh"][f"report_status_{status.value}"] != LABELS["en"][f"report_status_{status.value}"]
