"""Obsidian vaults published as Obsidian shows them: each form on a small note of its own."""

from __future__ import annotations

from pathlib import Path

from notesite.build import build_site


def _vault(tmp_path: Path, notes: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    for name, text in notes.items():
        path = docs / "notes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return docs


def _build(tmp_path: Path, notes: dict[str, str]):
    docs = _vault(tmp_path, notes)
    return build_site(docs, [f"notes/{name}" for name in notes], whole_note=False)


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
