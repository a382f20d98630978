"""The words the generated pages add around a note, in the note's own language."""

from __future__ import annotations

import re

from notesite.note import Note

_CJK = re.compile(r"[\u3400-\u9fff]")

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "created": "创建",
        "last_reviewed": "上次复习",
        "next_review": "下次复习",
        "review_count": "复习次数",
        "difficulty": "难度",
        "mastery_level": "掌握程度",
        "tags": "标签",
        "contents": "章节",
        "source": "源文件",
        "source_lines": "第 {start}–{end} 行",
        "notes": "笔记",
        "untitled_section": "第 {n} 节",
        "sections_count": "{count} 个章节",
        "references_count": "{count} 条参考文献",
        "cited_by": "引用位置",
        "not_cited": "正文未引用",
        "unparsed": "无法解析的条目，按原文显示",
        "checked_on": "检查于 {date}",
        "comparisons_title": "对比总览",
        "read_whole": "在一页中阅读全文（便于打印）",
        "timeline_title": "学习路径时间线",
        "timeline_when": "时间",
        "timeline_step": "步骤",
        "timeline_unplaced": "时间未注明",
        "timeline_months": "{n}个月",
        "timeline_years": "{n}年",
        "derived_from": "出自",
        "generated_table": "根据本节内容生成的对照表",
        "domain_mismatch": "声明的域名 {declared} 与链接的主机 {host} 不一致",
        "domain_ok": "链接主机与声明的域名 {declared} 一致",
        "downloads": "下载参考文献",
        "status_ok": "可访问",
        "status_redirected": "已重定向至 {final}",
        "status_broken": "失效（HTTP {code}）",
        "status_blocked": "被反爬虫验证拦截",
        "status_rate_limited": "请求过多，被限流",
        "status_timeout": "超时",
        "status_unreachable": "无法连接",
        "status_invalid": "不是有效的 http(s) 链接",
        "status_skipped": "已跳过（内网地址）",
        "status_unchecked": "尚未检查",
    },
    "en": {
        "created": "Created",
        "last_reviewed": "Last reviewed",
        "next_review": "Next review",
        "review_count": "Reviews",
        "difficulty": "Difficulty",
        "mastery_level": "Mastery",
        "tags": "Tags",
        "contents": "Sections",
        "source": "Source",
        "source_lines": "lines {start}–{end}",
        "notes": "Notes",
        "untitled_section": "Section {n}",
        "sections_count": "{count} sections",
        "references_count": "{count} references",
        "cited_by": "Cited at",
        "not_cited": "not cited in the text",
        "unparsed": "could not be parsed; shown as written",
        "checked_on": "checked {date}",
        "comparisons_title": "Comparisons",
        "read_whole": "Read the whole note on one page (for printing)",
        "timeline_title": "Learning path timeline",
        "timeline_when": "When",
        "timeline_step": "Step",
        "timeline_unplaced": "time not given",
        "timeline_months": "{n} mo",
        "timeline_years": "{n} yr",
        "derived_from": "From",
        "generated_table": "Side by side, generated from this section",
        "domain_mismatch": "declared domain {declared} does not match the link's host {host}",
        "domain_ok": "the link's host matches the declared domain {declared}",
        "downloads": "Download the references",
        "status_ok": "OK",
        "status_redirected": "redirected to {final}",
        "status_broken": "broken (HTTP {code})",
        "status_blocked": "blocked by bot protection",
        "status_rate_limited": "rate-limited",
        "status_timeout": "timed out",
        "status_unreachable": "unreachable",
        "status_invalid": "not a valid http(s) link",
        "status_skipped": "skipped (private address)",
        "status_unchecked": "not checked yet",
    },
}


def note_language(note: Note) -> str:
    """ "zh" when the title or first lines are mostly Chinese, else "en"."""
    sample = note.title + "".join(note.lines[:60])
    return "zh" if len(_CJK.findall(sample)) * 4 > len(re.findall(r"[A-Za-z]", sample)) else "en"


def labels_for(note: Note) -> dict[str, str]:
    return LABELS[note_language(note)]
