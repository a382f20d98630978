"""The notesite plugin's options: typed in `plugins:`, old `extra.notesite` still read."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from mkdocs.exceptions import PluginError

from notesite.analyse.sanitize import HtmlPolicy
from notesite.linkcheck.link_status import LinkCheckSettings
from notesite_mkdocs.config import SiteOptions, merged_options, validated
from tests.conftest import ROOT, build_notes

NOTE = "# T\n\n## S\n\n<b onclick='x()'>bold</b>\n"


def test_plugin_options_win_over_legacy_ones_key_by_key():
    options = {"link_check": {"mode": "cache", "budget": None}, "html": None, "show_hidden_tags": False}
    legacy = {"link_check": {"budget": 3}, "html": "trusted"}
    assert merged_options(options, legacy) == {
        "link_check": {"mode": "cache", "budget": 3},
        "html": "trusted",
        "show_hidden_tags": False,
    }


def test_options_set_nowhere_are_left_to_the_hooks_defaults():
    assert merged_options({"link_check": {"mode": None}, "html": None}, None) == {}


def test_the_environment_decides_link_checks_over_the_config(monkeypatch):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "cache")
    monkeypatch.setenv("NOTESITE_FAIL_ON_BROKEN", "true")
    assert merged_options({"link_check": {"mode": "auto", "budget": 10}}, None) == {
        "link_check": {"mode": "cache", "budget": 10, "fail_on_broken": True}
    }


def test_options_set_nowhere_are_the_documented_defaults():
    assert validated({}) == SiteOptions(
        LinkCheckSettings(mode="auto", budget=10.0),
        HtmlPolicy.SANITIZE,
        whole_note=False,
        show_hidden_tags=False,
        link_report=False,
    )


@pytest.mark.parametrize(
    ("merged", "message"),
    [
        ({"whole_note": "yes"}, "extra.notesite.whole_note: expected true or false, got 'yes'"),
        ({"show_hidden_tags": None}, "extra.notesite.show_hidden_tags: expected true or false, got None"),
        ({"html": "raw"}, "extra.notesite.html: expected sanitize or trusted, got 'raw'"),
        ({"link_report": "on"}, "extra.notesite.link_report: expected true or false, got 'on'"),
        ({"link_check": {"mode": "always"}}, "extra.notesite.link_check: link_check mode must be one of"),
    ],
)
def test_a_wrong_legacy_value_is_named_by_its_key(merged, message):
    with pytest.raises(PluginError) as raised:
        validated(merged)
    assert str(raised.value).startswith(f"mkdocs.yml {message}")


@pytest.mark.slow
def test_legacy_extra_notesite_is_read_with_a_deprecation_warning(tmp_path):
    # The repository's config sets `html` in the plugin; unset (null) there, the legacy key counts.
    config = {
        "plugins": {"notesite": {"html": None, "split_threshold": 5000}},  # one page: t/
        "extra": {"notesite": {"html": "trusted"}},
    }
    built = build_notes(tmp_path, {"t.md": NOTE}, config=config)
    assert built.returncode == 0, built.log
    assert "extra.notesite is deprecated: move html under `plugins: - notesite:`" in built.log
    assert built.html("t/").find("b", onclick="x()") is not None


@pytest.mark.slow
def test_the_check_command_imports_no_mkdocs_aiohttp_or_jieba(tmp_path):
    (tmp_path / "docs" / "notes").mkdir(parents=True)
    (tmp_path / "docs" / "notes" / "t.md").write_text("# T\n\n## S\n\ntext\n", "utf-8")
    code = (
        "import sys; from notesite_mkdocs.cli import main; rc = main(['check']); "
        "print(sorted(m for m in ('mkdocs', 'aiohttp', 'jieba', 'markdown') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]"), result.stdout


@pytest.mark.slow
def test_the_plugin_brings_the_styles_and_script_of_its_pages(tmp_path):
    built = build_notes(tmp_path, {"t.md": NOTE})
    assert built.returncode == 0, built.log
    soup = built.html("t/")
    styles = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    scripts = [script.get("src", "") for script in soup.find_all("script")]
    for name in ("notesite.css", "compare.css", "print.css", "knowledge.css"):
        assert any(href.endswith(f"assets/notesite/{name}") for href in styles), name
        assert (built.site / "assets" / "notesite" / name).is_file()
    assert any(src.endswith("assets/notesite/review.js") for src in scripts)


@pytest.mark.slow
def test_a_site_that_lists_the_hook_file_builds_with_its_extra_options(tmp_path):
    # `hooks:` instead of `plugins:`: the options are extra.notesite, read without a warning.
    hook = str(ROOT / "hooks" / "notes_hook.py")
    config = {"plugin": False, "hooks": [hook], "extra": {"notesite": {"html": "trusted"}}}
    built = build_notes(tmp_path, {"t.md": NOTE}, config=config)
    assert built.returncode == 0, built.log
    assert "deprecated" not in built.log
    assert built.html("t/").find("b", onclick="x()") is not None
    assert json.loads((built.site / "notes.json").read_text("utf-8"))["notes"][0]["title"] == "T"
