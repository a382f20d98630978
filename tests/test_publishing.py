"""Publishing: the GitHub Pages workflow, link cards, the 404 page, the sitemap and print styles."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from notesite.read.parser import parse_note_file

from .conftest import ROOT, SEED, Built, build_notes, build_seed, seed_url

SEED_TITLE = parse_note_file(SEED).title

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
SITE_URL = "https://octocat.github.io/notes/"
SECTIONS = [seed_url(f"section-{n}") for n in range(1, 9)]


# --- the workflow ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def step_using(workflow: dict, action: str) -> dict:
    matches = [s for s in steps(workflow) if s.get("uses", "").split("@")[0] == action]
    assert len(matches) == 1, f"expected one step using {action}, found {len(matches)}"
    return matches[0]


def build_step(workflow: dict) -> dict:
    matches = [s for s in steps(workflow) if "mkdocs build" in s.get("run", "")]
    assert len(matches) == 1, "expected one step that runs mkdocs build"
    return matches[0]


def check_workflow(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with GitHub's workflow schema, which it ships (vendored from SchemaStore):
    no network needed."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
    return subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_the_workflow_is_valid_against_githubs_workflow_schema():
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    step: []\n")
    result = check_workflow(broken)
    assert result.returncode == 1
    assert "'step' was unexpected" in result.stdout


def test_the_workflow_installs_the_locked_requirements_with_hashes_on_python_3_11(workflow):
    python = step_using(workflow, "actions/setup-python")["with"]
    assert str(python["python-version"]) == "3.11"
    assert python["cache"] == "pip"
    installs = [s["run"] for s in steps(workflow) if "pip install" in s.get("run", "")]
    assert installs == [
        "python -m pip install --require-hashes -r requirements.lock\n"
        "python -m pip install --no-deps --no-build-isolation -e .\n"
    ]
    lines = (ROOT / "requirements.lock").read_text("utf-8").splitlines()
    pins = [line.split(" ")[0] for line in lines if line and not line.startswith((" ", "#"))]
    assert pins and all(re.fullmatch(r"[\w.\[\]-]+==[\w.]+", pin) for pin in pins)
    assert "--hash=sha256:" in (ROOT / "requirements.lock").read_text("utf-8")


def test_the_build_checks_links_live_and_fails_on_broken_ones_only_when_the_site_asks(workflow):
    step = build_step(workflow)
    assert "--strict" in step["run"]
    env = step["env"]
    assert env["NOTESITE_LINK_CHECK"] == "auto"
    # Off unless the repository sets the variable: a cited blog that is down publishes anyway.
    assert env["NOTESITE_FAIL_ON_BROKEN"] == "${{ vars.NOTESITE_FAIL_ON_BROKEN || 'false' }}"
    report = [s for s in steps(workflow) if "notesite links" in s.get("run", "")]
    assert len(report) == 1 and "::warning" in report[0]["run"]
    # mkdocs.yml reads these as !ENV; the values come from the repository, not a hard-coded name.
    assert "${{ steps.pages.outputs.base_url }}" in env["NOTESITE_SITE_URL"]
    assert env["NOTESITE_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert step_using(workflow, "actions/configure-pages")["id"] == "pages"


def test_the_link_cache_and_the_build_cache_are_kept_between_runs(workflow):
    cache = step_using(workflow, "actions/cache")["with"]
    assert cache["path"].split() == [".linkcheck", ".cache/notesite"]
    ordered = [s.get("uses", s.get("run", "")) for s in steps(workflow)]
    assert ordered.index(step_using(workflow, "actions/cache")["uses"]) < ordered.index(
        build_step(workflow)["run"]
    )


def test_the_workflow_deploys_the_built_site_to_pages(workflow):
    # PyYAML reads the bare key `on` as True.
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"]
    assert step_using(workflow, "actions/upload-pages-artifact")["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_every_action_is_pinned_to_a_major_version(workflow):
    for step in steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]


def test_mkdocs_reads_the_site_url_from_the_environment():
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert re.search(r"^site_url: !ENV NOTESITE_SITE_URL$", text, re.MULTILINE)


# --- the built site ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The seed site built as the workflow builds it, with a site URL, from the cache."""
    return build_seed(tmp_path_factory.mktemp("published-site"), env={"NOTESITE_SITE_URL": SITE_URL})


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_urls(built: Built) -> set[str]:
    """The URL of every HTML page in the build, relative to the site root."""
    return {
        "" if path.parent == built.site else path.parent.relative_to(built.site).as_posix() + "/"
        for path in built.site.rglob("index.html")
    }


@pytest.mark.slow
def test_the_site_builds_strict_without_warnings_with_a_site_url(published_site):
    assert published_site.returncode == 0, published_site.log
    assert "WARNING" not in published_site.log


@pytest.mark.slow
@pytest.mark.parametrize("url", SECTIONS)
def test_a_section_page_card_has_its_title_and_lead_text(seed_site, url):
    soup = seed_site.html(url)
    heading = soup.select_one("article h1").get_text().rstrip("¶").strip()
    # The card names the note too, so cards of like-named pages of two notes differ.
    assert meta(soup, "og:title") == f"{heading} · {SEED_TITLE}"
    description = meta(soup, "og:description")
    assert description and description == meta(soup, "description")
    # The lead text is the start of the page's own text (shortened with an ellipsis); an ordered
    # list's numbers are in the lead text but not in the page's text.
    lead = re.sub(r"(?:^|(?<=\s))\d+\.\s+", "", description.rstrip("…"))
    assert squeeze(lead)[:40] in squeeze(soup.select_one("article").get_text())
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:site_name") == "学习笔记"
    assert meta(soup, "twitter:card") == "summary"


@pytest.mark.slow
def test_a_title_with_markup_characters_is_escaped_once_on_the_card(tmp_path):
    note = "# A & B\n\nLead: x < y & z.\n\n## 1. Tom & Jerry <3\n\nCats & mice.\n"
    built = build_notes(tmp_path, {"amp.md": note}, "--strict")
    assert built.returncode == 0, built.log
    soup = built.html("amp/section-1/")
    assert meta(soup, "og:title") == "1. Tom & Jerry <3 · A & B"
    assert meta(soup, "og:description") == "Cats & mice."
    raw = (built.site / "amp" / "section-1" / "index.html").read_text("utf-8")
    assert 'property="og:title" content="1. Tom &amp; Jerry &lt;3 · A &amp; B"' in raw


@pytest.mark.slow
def test_cards_have_no_url_without_a_site_url_and_load_nothing(seed_site):
    soup = seed_site.html(SECTIONS[0])
    assert meta(soup, "og:url") is None
    assert meta(soup, "og:image") is None
    assert meta(seed_site.html(""), "og:type") == "website"  # the home page


@pytest.mark.slow
def test_cards_and_canonical_links_use_the_site_url(published_site):
    for url in SECTIONS:
        soup = published_site.html(url)
        assert meta(soup, "og:url") == SITE_URL + url
        assert soup.find("link", rel="canonical")["href"] == SITE_URL + url


@pytest.mark.slow
def test_the_sitemap_lists_every_page_when_the_site_url_is_set(published_site):
    sitemap = ElementTree.parse(published_site.site / "sitemap.xml")
    listed = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(listed) == len(set(listed))
    assert set(listed) == {SITE_URL + url for url in page_urls(published_site)}
    index = json.loads((published_site.site / "notes.json").read_text("utf-8"))
    notes_pages = {
        SITE_URL + page["url"].removeprefix("./") for note in index["notes"] for page in note["pages"]
    }
    assert notes_pages <= set(listed)


@pytest.mark.slow
def test_the_404_page_is_in_chinese_and_links_home(seed_site):
    soup = BeautifulSoup((seed_site.site / "404.html").read_text("utf-8"), "html.parser")
    assert soup.html["lang"] == "zh"
    assert soup.title.get_text().startswith("页面不存在")
    assert soup.select_one("article h1").get_text() == "页面不存在"
    assert soup.select_one("article a.md-button")["href"] == "/"


@pytest.mark.slow
def test_the_404_page_links_under_the_site_path_at_any_depth(published_site):
    soup = BeautifulSoup((published_site.site / "404.html").read_text("utf-8"), "html.parser")
    base = urlsplit(SITE_URL).path
    assert soup.select_one("article a.md-button")["href"] == base
    # GitHub Pages serves it for any missing address: its links must not be relative.
    stylesheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert stylesheets and all(href.startswith(base) for href in stylesheets)


@pytest.mark.slow
@pytest.mark.parametrize("url", [SECTIONS[1], seed_url("comparisons"), seed_url("timeline"), seed_url()])
def test_every_page_links_the_print_stylesheet(seed_site, url):
    hrefs = [link["href"] for link in seed_site.html(url).find_all("link", rel="stylesheet")]
    assert any(href.endswith("assets/notesite/print.css") for href in hrefs)


@pytest.mark.slow
def test_the_print_stylesheet_hides_the_chrome_and_prints_link_addresses(seed_site):
    css = (seed_site.site / "assets" / "notesite" / "print.css").read_text("utf-8")
    assert css.count("@media print") == 1
    printed = css.split("@media print", 1)[1]
    assert ".md-search" in printed and "display: none" in printed
    assert 'content: " <" attr(href) ">"' in printed
    assert "break-inside: avoid" in printed
    assert "display: table-header-group" in printed
