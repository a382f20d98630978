"""Obsidian vaults published as Obsidian shows them: each form on a small note of its own."""

from __future__ import annotations

from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from notesite.build import BuildOptions, build_site
from notesite.model.diagnostics import Severity
from notesite.read.callouts import KINDS

from .test_splitter_differential import EXTENSION_CONFIGS, EXTENSIONS


def _vault(tmp_path: Path, notes: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    for name, text in notes.items():
        path = docs / "notes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return docs


def _build(tmp_path: Path, notes: dict[str, str]):
    docs = _vault(tmp_path, notes)
    return build_site(docs, [f"notes/{name}" for name in notes], BuildOptions())


def _pages(site, note: str) -> dict[str, BeautifulSoup]:
    """src_uri → the page as Python-Markdown renders it with mkdocs.yml's extensions."""
    found = {}
    for page, text, source in site.generated():
        if source == f"notes/{note}":
            body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
            md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
            found[page.src_uri] = BeautifulSoup(md.convert(body), "html.parser")
    return found


def _one_page(site, note: str) -> BeautifulSoup:
    (page,) = _pages(site, note).values()
    return page


def test_links_to_a_note_that_could_not_be_read_reach_its_error_page(tmp_path):
    site = _build(
        tmp_path,
        {
            "VM/Vagrant 使用笔记.md": "---\ntitle:Vagrant 使用笔记\n---\n\n正文\n",
            "index-of-tools.md": "# 工具\n\n见 [[Vagrant 使用笔记]] 与 [笔记](VM/Vagrant%20使用笔记.md)。\n",
        },
    )
    assert [broken.path for broken in site.broken] == ["notes/VM/Vagrant 使用笔记.md"]
    page = next(p for p, _, source in site.generated() if source == "notes/index-of-tools.md")
    text = site.markdown[page.src_uri]
    assert text.count("(../VM/Vagrant-%E4%BD%BF%E7%94%A8%E7%AC%94%E8%AE%B0/index.md)") == 2, text
    assert site.broken[0].page.src_uri == "VM/Vagrant-使用笔记/index.md"


MATERIAL_TYPES = sorted(set(KINDS.values()))


def test_every_callout_type_and_alias_becomes_its_admonition(tmp_path):
    written = [*KINDS, "Mystery"]
    text = "# 标注\n\n" + "\n\n".join(f"> [!{kind}] 标题 {kind}\n> 正文 {kind}" for kind in written)
    page = _one_page(_build(tmp_path, {"callouts.md": text}), "callouts.md")
    boxes = page.select("div.admonition")
    assert len(boxes) == len(written)
    for kind, box in zip(written, boxes, strict=True):
        assert box["class"][1] == KINDS.get(kind.lower(), "note"), kind
        assert box.select_one(".admonition-title").get_text() == f"标题 {kind}"
        assert box.select_one("p:not(.admonition-title)").get_text() == f"正文 {kind}"
    assert "[!" not in page.get_text() and not page.select("blockquote")


def test_folded_nested_and_untitled_callouts(tmp_path):
    text = "# 折叠\n\n> [!warning]- 注意\n> 外层\n> > [!tip]+\n> > 内层\n> > > 引用\n\n> [!faq]\n> 问答\n"
    page = _one_page(_build(tmp_path, {"fold.md": text}), "fold.md")
    outer = page.select_one("details.warning")
    assert outer is not None and not outer.has_attr("open")
    assert outer.summary.get_text() == "注意"
    inner = outer.select_one("details.tip")
    assert inner is not None and inner.has_attr("open") and inner.summary.get_text() == "Tip"
    assert inner.select_one("blockquote").get_text(strip=True) == "引用"
    faq = page.select_one("div.admonition.question")
    assert faq.select_one(".admonition-title").get_text() == "Faq"


def test_an_ordinary_quote_stays_a_quote(tmp_path):
    page = _one_page(_build(tmp_path, {"q.md": "# 引用\n\n> 只是引用\n> [!tip] 标注\n"}), "q.md")
    assert page.select_one("blockquote") is not None and not page.select(".admonition")


def test_overview_cards_show_a_callouts_title_and_text_not_its_marker(tmp_path):
    body = "正文。\n" * 30
    sections = "\n\n".join(f"## 第{n}节\n\n> [!tip] 要点{n}\n> 内容{n}\n\n{body}" for n in range(3))
    site = _build(tmp_path, {"cards.md": f"# 卡片\n\n{sections}"})
    layout = site.layouts[0]
    overview = site.markdown[layout.overview.src_uri]
    assert "要点0 内容0" in overview and "[!tip]" not in overview


def _long(n: int) -> str:
    return "正文很长。\n" * n


def test_a_footnote_defined_on_another_page_travels_with_its_reference(tmp_path):
    text = (
        f"---\nsplit: true\n---\n# 脚注\n\n## 第一节\n\n引用一处[^1]，再引用[^长]。\n\n{_long(40)}\n"
        f"## 第二节\n\n又引用[^1]。\n\n{_long(40)}\n"
        "## 注释\n\n[^1]: 第一个脚注，见 [[别处]]。\n[^长]: 第二个脚注\n    续行。\n"
    )
    pages = _pages(_build(tmp_path, {"fn.md": text}), "fn.md")
    first = next(page for uri, page in pages.items() if "第一节" in page.h1.get_text())
    second = next(page for uri, page in pages.items() if "第二节" in page.h1.get_text())
    notes = next(page for uri, page in pages.items() if "注释" in page.h1.get_text())
    for page, labels in ((first, ["1", "长"]), (second, ["1"])):
        assert "[^" not in page.get_text()
        ids = {tag["id"] for tag in page.find_all(id=True)}
        backlinks = [a["href"].lstrip("#") for a in page.select("a.footnote-backref")]
        assert backlinks and all(href in ids for href in backlinks)
        assert len(page.select("div.footnote li")) == len(labels)
    assert "续行" in first.select("div.footnote li")[1].get_text()
    # The page that owns the definitions shows them, with no back-link to a reference it lacks.
    assert not notes.select("a.footnote-backref") and "[^" not in notes.get_text()
    assert "第一个脚注" in notes.get_text() and "续行" in notes.get_text()


def test_wiki_links_by_dotted_names_aliases_partial_paths_and_any_case(tmp_path):
    site = _build(
        tmp_path,
        {
            "web/运行时环境：Node.js.md": "# Node\n\n正文\n",
            "net/IEEE 802.11.md": "---\naliases: [Wi-Fi, 无线局域网]\n---\n\n正文\n",
            "a/tools/git.md": "# Git A\n\n正文\n",
            "b/git.md": "# Git B\n\n正文\n",
            "links.md": (
                "# 链接\n\n[[运行时环境：Node.js]] [[ieee 802.11]] [[无线局域网|WLAN]] [[wi-fi]] "
                "[[tools/git]] [[GIT]]\n"
            ),
        },
    )
    resolved = [
        (link.inline.target, getattr(link.target, "path", None)) for link in site.links["notes/links.md"]
    ]
    assert resolved == [
        ("运行时环境：Node.js", "notes/web/运行时环境：Node.js.md"),
        ("ieee 802.11", "notes/net/IEEE 802.11.md"),
        ("无线局域网", "notes/net/IEEE 802.11.md"),
        ("wi-fi", "notes/net/IEEE 802.11.md"),
        ("tools/git", "notes/a/tools/git.md"),
        ("GIT", "notes/b/git.md"),  # the shortest path of the notes so named
    ]
    page = _one_page(site, "links.md")
    assert "[[" not in page.get_text() and len(page.select("a[href]")) >= 6


def test_a_wiki_link_to_a_note_not_written_is_unresolved_text_told_once(tmp_path):
    site = _build(
        tmp_path, {"gap.md": "# 缺\n\n[[Fermi level]] 与 [[Fermi level|费米能级]]，![[缺图.png]]\n"}
    )
    page = _one_page(site, "gap.md")
    shown = [span.get_text() for span in page.select("span.ns-unresolved")]
    assert shown == ["Fermi level", "费米能级", "缺图.png"]
    assert "[[" not in page.get_text()
    told = [d for d in site.diagnostics if "names no note" in d.message]
    assert len(told) == 2 and all(d.severity is Severity.INFO for d in told)
    assert not [d for d in site.diagnostics if d.severity is Severity.WARNING]


def test_inline_tags_join_the_notes_tags_and_link_to_their_pages(tmp_path):
    text = (
        "---\ntags: [笔记]\n---\n\n#rough\n\n# 数据库\n\n"
        "见 #数据库 与 #面试/高频，`#代码` 与 https://x.org/#frag 与 C# 与 #1 不是。\n"
    )
    site = _build(tmp_path, {"db.md": text})
    note = site.layouts[0].note
    assert note.title == "数据库" and note.tags == ["笔记", "rough", "数据库", "面试/高频"]
    assert set(site.knowledge.tag_by_key()) >= {"rough", "数据库", "面试", "面试/高频"}
    page = _one_page(site, "db.md")
    assert [a.get_text() for a in page.select("a.ns-tag")] == ["#rough", "#数据库", "#面试/高频"]
    assert [h.get_text(strip=True).rstrip("¶") for h in page.select("h1, h2")] == ["数据库"]


def test_comments_are_never_published_and_highlights_are_marked(tmp_path):
    text = (
        "# 注释\n\n可见 %%私下 [[秘密]] #私%% 文字 ==重点==。\n\n%%\n整段\n私下\n%%\n\n之后[1]。\n\n"
        "## 参考资料\n\n1. 某书\n"
    )
    site = _build(tmp_path, {"c.md": text})
    note = site.layouts[0].note
    assert note.inline_tags == [] and not site.links["notes/c.md"]
    text_shown = "".join(page.get_text() for page in _pages(site, "c.md").values())
    assert "私下" not in text_shown and "整段" not in text_shown and "%%" not in text_shown
    assert "可见" in text_shown and "之后" in text_shown
    assert _pages(site, "c.md")[site.layouts[0].overview.src_uri].select_one("mark").get_text() == "重点"


def test_no_warning_for_an_autolink_or_a_reference_list_in_the_authors_style(tmp_path):
    text = (
        "# 说明\n\n见 <https://x.org/a/onmueljdhya> 与 <https://y.org/onclick>[1]。\n\n"
        "## 参考资料\n\n1. 某人的书，第三版\n"
    )
    site = _build(tmp_path, {"s.md": text})
    assert [str(d) for d in site.diagnostics if d.severity is Severity.WARNING] == []
    assert "<https://y.org/onclick>" in site.markdown[site.layouts[0].overview.src_uri]


def test_a_heading_in_the_middle_of_a_note_does_not_name_it(tmp_path):
    text = "开头一段。\n\n# Protocols\n\n正文。\n"
    site = _build(tmp_path, {"net/TCP 笔记.md": text})
    note = site.layouts[0].note
    assert (note.title, note.titled_by) == ("TCP 笔记", "file name")
    page = _one_page(site, "net/TCP 笔记.md")
    assert [h.get_text().rstrip("¶") for h in page.select("h1")] == ["TCP 笔记", "Protocols"]


def test_a_dataview_query_is_labelled_and_kept_as_code(tmp_path):
    text = "# 查询\n\n```dataview\nLIST FROM #数据库\n```\n"
    page = _one_page(_build(tmp_path, {"dv.md": text}), "dv.md")
    label = page.select_one("p.ns-dataview")
    assert label is not None and label.get_text() == "Dataview 查询（发布时不执行）"
    assert "LIST FROM #数据库" in label.find_next("code").get_text()
