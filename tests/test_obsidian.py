"""Obsidian vaults published as Obsidian shows them: each form on a small note of its own."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import markdown
from bs4 import BeautifulSoup

from notesite.build import BuildOptions, build_site
from notesite.layout.vault_links import VaultLinks, check_note
from notesite.model.diagnostics import Severity
from notesite.read.callouts import KINDS
from notesite_mkdocs.diagrams import with_diagram_scripts

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
        "见 #数据库 与 #面试/高频，`#代码` 与 https://x.org/#frag 与 C# 与 #1\n"
        "与 #00008B 与 #AFEEEE 与 #fff 不是。\n"
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


def test_a_coloured_heading_shows_its_words_and_an_indented_fence_its_lines_without_warnings(tmp_path):
    text = (
        '# Space\n\ntext\n\n### <span style="color:#8c90f9">[Doubts]</span>\n\nmore\n\n'
        "2. **Chain**\n\n   e.g.\n\n\t``` Dockerfile\n\tRUN apt update\n\t```\n"
    )
    site = _build(tmp_path, {"s.md": text})
    assert [str(d) for d in site.diagnostics if d.severity is Severity.WARNING] == []
    page = BeautifulSoup("".join(str(p) for p in _pages(site, "s.md").values()), "html.parser")
    assert "[Doubts]" in [h.get_text().rstrip("¶") for h in page.select("h1, h2, h3")]
    assert not page.select("h1 span, h2 span, h3 span")
    assert "``` Dockerfile\nRUN apt update\n```" in page.select_one("pre").get_text()


def test_wiki_links_in_a_reference_list_are_links_and_footnote_markers_leave_summaries(tmp_path):
    text = (
        "# 实践\n\nGuido[^1] 设计了它。\n\n## 一、起源\n\n正文。\n\n[^1]:荷兰程序员。\n\n"
        "## 参考资料\n\n- 博客 - [[介绍]]：[名为“沙盒”的专栏](https://x.org/p)\n\n"
        "- 翻译：[[介绍]]；\n  另见 [[不存在的笔记]]\n参考文献：[[介绍|译文]]\n"
    )
    site = _build(tmp_path, {"实践.md": text, "介绍.md": "# 介绍\n\n正文\n"})
    pages = _pages(site, "实践.md")
    shown = "".join(page.get_text() for page in pages.values())
    assert "[[" not in shown and "[^" not in shown
    links = [a.get_text() for page in pages.values() for a in page.select(".ns-ref a:not(.ns-backlink)")]
    assert links == ["介绍", "名为“沙盒”的专栏", "https://x.org/p", "介绍", "译文"]
    unresolved = [s.get_text() for page in pages.values() for s in page.select(".ns-ref .ns-unresolved")]
    assert unresolved == ["不存在的笔记"]
    overview = next(layout.overview.src_uri for layout in site.layouts if layout.note.title == "实践")
    assert 'description: "Guido 设计了它。 正文。 荷兰程序员。"' in site.markdown[overview]  # no [^1]


def test_notesite_check_resolves_wiki_links_by_aliases_as_the_build_does(tmp_path):
    docs = _vault(
        tmp_path,
        {
            "a.md": "# A\n\n[[Bee]] 与 [[bee note]] 与 [[Sea]]\n",
            "b.md": "---\naliases: [Bee, bee note]\n---\n# B\n",
            "bad.md": "---\ntitle:x\n---\n",
        },
    )
    found = check_note(docs / "notes" / "a.md", docs, VaultLinks(docs))
    assert [(d.line, d.message.split("'")[1]) for d in found if "names no note" in d.message] == [
        (3, "[[Sea]]")
    ]


SOURCE_NOTE = (
    "# 源\n\n开头段落 ^intro\n\n## 定义\n\n定义的正文，见[^1]。\n\n### 细节\n\n细节正文。\n\n"
    "## 其他\n\n其他正文。\n\n- 条目一\n- 条目二 ^item\n\n[^1]: 脚注。\n"
)
EMBEDDING_NOTE = (
    "# 用\n\n![[源]]\n\n![[源#定义]]\n\n![[源#^item]]\n\n"
    "见 [[源#^intro]] 与 ![[pic.png|120x80]] 与 ![[pic.png|120]] 与 [[源#^nothing]]\n"
)


def _embeds_site(tmp_path: Path):
    docs = _vault(tmp_path, {"源.md": SOURCE_NOTE, "用.md": EMBEDDING_NOTE})
    (docs / "notes" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    options = BuildOptions(other_files={"notes/pic.png": "notes/pic.png"})
    return build_site(docs, ["notes/源.md", "notes/用.md"], options)


def test_an_embed_shows_the_note_its_section_or_its_block_in_place_with_a_link(tmp_path):
    site = _embeds_site(tmp_path)
    page = _one_page(site, "用.md")
    whole, section, item = page.select("div.ns-embed")
    assert [box.select_one(".ns-embed__title a").get_text() for box in (whole, section, item)] == [
        "源",
        "源 › 定义",
        "源",
    ]
    assert all(
        box.select_one(".ns-embed__title a")["href"].startswith("../") for box in (whole, section, item)
    )
    text = whole.get_text()
    assert all(words in text for words in ("开头段落", "定义的正文", "细节正文", "其他正文", "条目二"))
    assert "^intro" not in text and "[^" not in text and "脚注" not in text
    assert not whole.select("h1, h2, h3") and [s.get_text() for s in whole.select(".ns-embed__heading")] == [
        "定义",
        "细节",
        "其他",
    ]
    assert "细节正文" in section.get_text() and "其他正文" not in section.get_text()
    assert "条目二" in item.get_text() and "条目一" not in item.get_text()
    assert not site.markdown[site.layouts[1].overview.src_uri].count("![[")


def test_a_block_id_is_an_anchor_that_block_links_reach(tmp_path):
    site = _embeds_site(tmp_path)
    link = next(a for a in _one_page(site, "用.md").select("a") if a.get_text() == "源 > ^intro")
    assert unquote(link["href"]) == "../源/index.md#^intro"
    owner = _pages(site, "源.md")["源/index.md"]
    assert owner.find(id="^intro") is not None and "^intro" not in owner.get_text()
    told = [d.message for d in site.diagnostics if d.line == 9 and d.path == "notes/用.md"]
    assert told == ["link '源#^nothing': 'notes/源.md' has no block '^nothing'"]


def test_an_image_embed_takes_its_width_and_height(tmp_path):
    images = _one_page(_embeds_site(tmp_path), "用.md").select("img")
    assert [(i["alt"], i.get("width"), i.get("height")) for i in images] == [
        ("pic.png", "120", "80"),
        ("pic.png", "120", None),
    ]


def test_an_embed_cycle_is_shown_once_round_and_told_at_its_line(tmp_path):
    site = _build(tmp_path, {"A.md": "# A\n\n![[B]]\n", "B.md": "# B\n\n正文 B\n\n![[A]]\n"})
    page = _one_page(site, "A.md")
    (box,) = page.select("div.ns-embed")
    assert "正文 B" in box.get_text() and box.select_one("p a").get_text() == "B"
    assert [a.get_text() for a in box.select("a")][-1] == "A"  # the way back is a link
    told = sorted((d.path, d.line) for d in site.diagnostics if "inside itself" in d.message)
    assert told == [("notes/A.md", 3), ("notes/B.md", 5)]
    assert all(d.severity is Severity.INFO for d in site.diagnostics if "inside itself" in d.message)


def test_formulas_become_mathml_at_build_time_and_a_bad_one_stays_as_written(tmp_path):
    text = (
        "# 公式\n\n质能 $E=mc^2$ 与 $a_1 * b_2 * c$，价格 $5 与 $10，$5/$10。\n\n代码 `$x$`。\n\n"
        "$$\n\\frac{a}{b} [1]\n$$\n\n坏的 $\\begin{matrix} 1$ 在此。\n\n"
        "```\n$$\nnot math\n$$\n```\n"
    )
    site = _build(tmp_path, {"m.md": text})
    page = _one_page(site, "m.md")
    energy, product, display = page.select("math")
    assert energy["display"] == "inline" and energy.get_text() == "E=mc2"
    assert product.get_text() == "a1*b2*c" and not page.select("em")  # no emphasis from `*`
    assert display["display"] == "block" and display.select_one("mfrac") is not None
    shown = page.get_text()
    assert "$5 与 $10" in shown and "$x$" in shown and "$\\begin{matrix} 1$" in shown
    assert "$$\nnot math\n$$" in shown
    told = [(d.line, d.severity) for d in site.diagnostics if "formula" in d.message]
    assert told == [(11, Severity.WARNING)]


def test_a_mermaid_fence_is_marked_for_the_sites_mermaid_and_keeps_its_source(tmp_path):
    text = "# 图\n\n```mermaid\ngraph LR\n  A --> B\n```\n\n> [!note] 图\n> ~~~mermaid\n> graph TD\n> ~~~\n"
    page = _one_page(_build(tmp_path, {"g.md": text}), "g.md")
    assert [d.select_one("code").get_text() for d in page.select("div.ns-mermaid")] == [
        "graph LR\n  A --> B\n",
        "graph TD\n",
    ]
    assert page.select_one(".admonition div.ns-mermaid") is not None


def test_mermaid_is_linked_only_from_pages_with_a_diagram():
    head = "<html><head><title>t</title></head><body>{}</body></html>"
    with_diagram = with_diagram_scripts(head.format('<div class="ns-mermaid highlight">'), "notes/g/")
    assert with_diagram.count("<script") == 2
    assert '<script src="../../assets/notesite/vendor/mermaid.min.js"></script>' in with_diagram
    assert with_diagram.index("mermaid.min.js") < with_diagram.index("diagrams/mermaid.js")
    assert with_diagram_scripts(head.format("<p>text</p>"), "notes/g/") == head.format("<p>text</p>")


def test_embeds_are_followed_three_deep_and_the_fourth_is_a_link_told_once(tmp_path):
    notes = {
        f"{name}.md": f"# {name}\n\n正文 {name}\n\n![[{after}]]\n"
        for name, after in zip("ABCD", "BCDE", strict=True)
    }
    site = _build(tmp_path, {**notes, "E.md": "# E\n\n正文 E\n"})
    page = _one_page(site, "A.md")
    assert len(page.select("div.ns-embed")) == 3 and "正文 D" in page.get_text()
    assert (
        "正文 E" not in page.get_text() and page.select("div.ns-embed")[-1].select("a")[-1].get_text() == "E"
    )
    told = [(d.path, d.line) for d in site.diagnostics if "3 deep" in d.message]
    assert told == [("notes/D.md", 5)]
