"""A vault as people keep one: folders, READMEs, Chinese file names, links in every form, images.

Built from tests/fixtures/vault/ and read back with an HTML parser: every link and image of the
built pages must land on a file that exists, at an anchor that exists.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from scripts.scratch_project import write_config
from tests.conftest import FIXTURES, ROOT, Built, mkdocs_build, split_all

VAULT = FIXTURES / "vault"
pytestmark = pytest.mark.slow


def build_vault(
    tmp: Path, extra: dict[str, str | bytes] | None = None, only: list[str] | None = None, *args: str
) -> Built:
    """The fixture vault (or the files of it named in `only`) as docs/notes of a scratch project."""
    docs = tmp / "docs"
    notes = docs / "notes"
    if only is None:
        shutil.copytree(VAULT, notes)
    for name in only or []:
        (notes / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(VAULT / name, notes / name)
    for name, content in (extra or {}).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (docs / name).write_bytes(content)
        else:
            (docs / name).write_text(content, "utf-8")
    return mkdocs_build(write_config(tmp, docs, **split_all({})), *args)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_vault(tmp_path_factory.mktemp("vault"), None, None, "--strict")


def page(built: Built, url: str) -> BeautifulSoup:
    return built.html(url)


def test_the_vault_builds_strict(vault: Built) -> None:
    assert vault.returncode == 0, vault.log


def test_a_note_url_follows_its_path(vault: Built) -> None:
    assert page(vault, "java/jvm/gc/").h1.get_text(strip=True).startswith("垃圾回收详解")
    assert page(vault, "java/jvm/heap/").h1.get_text(strip=True).startswith("堆内存")


def test_a_folder_readme_is_the_folder_page(vault: Built) -> None:
    assert page(vault, "java/").h1.get_text(strip=True).startswith("Java 笔记")


def test_a_chinese_file_name_keeps_a_readable_url(vault: Built) -> None:
    assert (vault.site / "数据库" / "索引失效" / "index.html").exists()
    assert (vault.site / "数据库" / "索引失效" / "常见原因" / "index.html").exists()


def test_sections_take_their_heading_as_url(vault: Built) -> None:
    soup = page(vault, "java/jvm/gc/标记清除/")
    assert soup.h1.get_text(strip=True).startswith("标记清除")


def test_front_matter_title_names_the_note_everywhere(vault: Built) -> None:
    soup = page(vault, "java/jvm/gc/")
    assert soup.title.get_text().startswith("垃圾回收详解")
    index = json.loads((vault.site / "notes.json").read_text("utf-8"))
    titles = {note["source"]: note["title"] for note in index["notes"]}
    assert titles["docs/notes/java/jvm/gc.md"] == "垃圾回收详解"
    assert titles["docs/notes/java/README.md"] == "Java 笔记"


def test_description_shows_on_an_overview_without_lead(vault: Built) -> None:
    soup = page(vault, "java/jvm/gc/")
    assert "垃圾回收算法与收集器的笔记。" in soup.select_one(".ns-description").get_text()


def _targets(built: Built) -> list[tuple[str, str, str]]:
    """(page, tag, resolved site path with fragment) of every local link and image in articles."""
    found = []
    for html_file in built.site.rglob("*.html"):
        if html_file.name == "404.html":
            continue
        url = html_file.relative_to(built.site).as_posix()
        article = BeautifulSoup(html_file.read_text("utf-8"), "html.parser").select_one("article")
        for tag in article.select("a[href], img[src]") if article else []:
            value = tag.get("href") or tag.get("src")
            if (
                urlsplit(value).scheme
                or value.startswith("#")
                and tag.name == "a"
                and "headerlink" in (tag.get("class") or [])
            ):
                continue
            found.append((url, tag.name, urljoin("http://x/" + url, value)))
    return found


def test_every_link_and_image_lands_on_a_file_and_an_anchor(vault: Built) -> None:
    problems = []
    for url, tag, absolute in _targets(vault):
        parts = urlsplit(absolute)
        target = vault.site / unquote(parts.path).lstrip("/")
        if parts.path.endswith("/"):
            target = target / "index.html"
        if not target.exists():
            problems.append(f"{url}: {tag} → {absolute} (no file)")
            continue
        if parts.fragment and target.suffix == ".html":
            soup = BeautifulSoup(target.read_text("utf-8"), "html.parser")
            if soup.find(id=unquote(parts.fragment)) is None:
                problems.append(f"{url}: {tag} → {absolute} (no anchor)")
    assert not problems, "\n".join(problems)
    assert len(_targets(vault)) > 20


def test_links_in_each_form_reach_their_page(vault: Built) -> None:
    soup = page(vault, "java/jvm/gc/标记清除/")
    hrefs = {a.get_text(strip=True): unquote(a["href"]) for a in soup.select("article a[href]")}
    assert hrefs["heap"] == "../../heap/"  # [[heap]]
    assert hrefs["老年代的回收"] == "../../heap/老年代/"  # [[heap#老年代|…]]
    images = [img["src"] for img in soup.select("article img")]
    assert images == ["../../../../notes/java/jvm/images/gc.png"] * 2  # Markdown and <img>


def test_an_anchor_to_a_subsection_points_into_its_page(vault: Built) -> None:
    soup = page(vault, "java/jvm/heap/老年代/")
    link = next(a for a in soup.select("article a[href]") if "优缺点" in a.get_text())
    assert unquote(link["href"]) == "../../gc/复制算法/#优缺点"


def test_the_table_of_contents_of_a_split_note_still_works(vault: Built) -> None:
    soup = page(vault, "java/jvm/gc/目录/")
    hrefs = [unquote(a["href"]) for a in soup.select("article li a[href]")]
    assert hrefs == ["../标记清除/", "../复制算法/", "../../heap/老年代/"]


def test_navigation_follows_the_folders(vault: Built) -> None:
    soup = page(vault, "java/jvm/heap/")
    labels = [label.get_text(" ", strip=True) for label in soup.select(".md-nav--primary .md-nav__link")]
    text = " | ".join(labels)
    assert "Java 笔记" in text and "jvm" in text and "堆内存" in text


def test_the_home_page_lists_every_note(vault: Built) -> None:
    soup = page(vault, "")
    titles = [a.get_text(strip=True) for a in soup.select("article .ns-cards a")]
    assert {"垃圾回收详解", "堆内存", "Java 笔记", "索引失效"} <= set(titles)


def test_urls_do_not_depend_on_the_other_notes(tmp_path: Path, vault: Built) -> None:
    alone = build_vault(tmp_path, None, ["java/jvm/heap.md"])
    assert alone.returncode == 0, alone.log

    def urls(built: Built) -> list[str]:
        index = json.loads((built.site / "notes.json").read_text("utf-8"))
        note = next(n for n in index["notes"] if n["source"].endswith("java/jvm/heap.md"))
        return [p["url"] for p in note["pages"]]

    assert urls(alone) == urls(vault)


def test_a_link_to_nothing_names_the_note_and_line(tmp_path: Path) -> None:
    built = build_vault(
        tmp_path, {"notes/a.md": "# A\n\n## 一\n\n见 [缺失](./missing.md)。\n"}, [], "--strict"
    )
    assert built.returncode != 0
    assert "notes/a.md:5: link to './missing.md' leads to no note or file" in built.log
    # Not reported a second time against a generated page.
    assert not [line for line in built.log.splitlines() if "WARNING" in line and "Doc file" in line]


def test_a_note_that_would_replace_a_page_stops_the_build(tmp_path: Path) -> None:
    built = build_vault(
        tmp_path, {"notes/contributing.md": "# C\n\ntext\n", "contributing.md": "# Guide\n"}, []
    )
    assert built.returncode != 0
    assert "docs/notes/contributing.md and docs/contributing.md" in built.log


def test_two_notes_at_one_address_stop_the_build(tmp_path: Path) -> None:
    notes = {"notes/a.md": "# A\n\ntext\n", "notes/a/README.md": "# A folder\n\ntext\n"}
    built = build_vault(tmp_path, notes, [])
    assert built.returncode != 0
    assert "docs/notes/a" in built.log and "would both be published as a/index.html" in built.log


def test_setext_headings_start_pages_and_leave_no_rule_behind(tmp_path: Path) -> None:
    note = {
        "notes/s.md": "Title\n=====\n\nlead\n\nFirst part\n----------\n\n"
        "text [a](#second)\n\nSecond\n---\n\nmore\n"
    }
    built = build_vault(tmp_path, note, [], "--strict")
    assert built.returncode == 0, built.log
    first = page(built, "s/first-part/")
    assert first.h1.get_text(strip=True).startswith("First part")
    assert first.select("article hr") == []
    assert unquote(first.select_one("article p a")["href"]) == "../second/"


def test_the_checker_reports_the_links_the_build_reports(tmp_path: Path) -> None:
    notes = {
        "notes/a.md": "# A\n\n## 一\n\n[b](b.md#不存在) [c](./c.md) [[nowhere]] ![p](img/p.png)\n",
        "notes/b.md": "# B\n\n## 二\n\ntext\n",
    }
    built = build_vault(tmp_path, notes, [])
    logged = sorted(
        line.split("-  ", 1)[1] for line in built.log.splitlines() if "notes/a.md:5: link" in line
    )
    checked = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_notes.py"), "--docs-dir", "docs", "docs/notes/a.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    reported = sorted(
        line.replace("docs/notes/a.md:5: warning: ", "notes/a.md:5: ")
        for line in checked.stdout.splitlines()
        if ": link" in line
    )
    # Three links lead nowhere; `[[nowhere]]` is told as information of its own (Obsidian shows a
    # link to a missing note as its text).
    assert len(logged) == 3 and reported == logged


def test_the_vaults_own_readme_is_the_front_door(tmp_path: Path) -> None:
    notes = {
        "notes/README.md": "---\nlayout: home\n---\n\n欢迎来到笔记库。\n",
        "notes/a/b.md": "# 第一篇\n\n## 一\n\n正文\n",
    }
    built = build_vault(tmp_path, notes, [], "--strict")
    assert built.returncode == 0, built.log
    home = page(built, "")
    assert home.h1.get_text(strip=True).startswith("笔记")
    assert "欢迎来到笔记库。" in home.select_one("article").get_text()
    assert [a.get_text(strip=True) for a in home.select("article .ns-cards a")] == ["第一篇"]
    nav = [a.get_text(strip=True) for a in home.select(".md-nav--primary > .md-nav__list > li > a")]
    assert nav.count("笔记") <= 1


def test_a_file_name_with_spaces_still_reaches_its_image(tmp_path: Path) -> None:
    built = build_vault(
        tmp_path, {"notes/a.md": "# A\n\n## 一\n\n![图](img/my pic.png)\n", "notes/img/x": ""}, []
    )
    (tmp_path / "docs" / "notes" / "img" / "my pic.png").write_bytes(
        (VAULT / "java/jvm/images/gc.png").read_bytes()
    )
    built = mkdocs_build(tmp_path / "mkdocs.yml", "--strict")
    assert built.returncode == 0, built.log
    src = page(built, "a/一/").select_one("article img")["src"]
    assert (built.site / "a" / "一" / unquote(src)).resolve().is_file()
