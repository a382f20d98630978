"""The words the generated pages add around notes: the site's interface, in its language.

A site's language (MkDocs' `theme.language`) decides the interface; Chinese and English are
complete and any other language falls back to English, and a site may change any word
(`interface_labels`). A note's own language (`note_language`) decides only what is derived from its
text, such as the title of a section that has none. English counts have a singular form
(`<key>_one`, said by `counted`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from notesite.model.note import Note

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
        "unparsed": "无法解析的条目，按原文显示",
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
        "show_as_table": "以表格显示",
        "dataview": "Dataview 查询（发布时不执行）",
        "downloads": "下载参考文献",
        "link_broken": "链接可能已失效",
        "archived_copy": "存档副本",
        "link_report_title": "链接检查报告",
        "link_report_intro": (
            "给作者看的页面：每条参考文献链接的检查结果，按笔记分组，失效的排在前面。"
            "本页不在导航和搜索中，也请搜索引擎不要收录。"
        ),
        "report_checked": "检查于 {date}",
        "report_host_ok": "主机与声明的域名 {domain} 一致",
        "report_host_mismatch": "声明的域名 {declared} 与链接主机 {host} 不一致",
        "report_uncited": "正文未引用",
        "report_nothing": "笔记中没有参考文献。",
        "report_status_ok": "正常",
        "report_status_redirected": "已重定向",
        "report_status_broken": "失效",
        "report_status_blocked": "被拦截（无法判断）",
        "report_status_rate_limited": "请求过多（无法判断）",
        "report_status_timeout": "超时",
        "report_status_unreachable": "无法连接",
        "report_status_invalid": "无效链接",
        "report_status_skipped": "未检查（内网地址）",
        "report_status_unchecked": "尚未检查",
        "reading_time": "约 {n} 分钟读完",
        "last_changed": "最后修改于 {date}",
        "heatmap_cell": "每格为一天，颜色越深，当天的复习与创建记录越多",
        "weekdays": "一 二 三 四 五 六 日",
        "months": "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月",
        "linked_from": "被以下页面引用",
        "related": "相关笔记",
        "tags_title": "标签",
        "tag_title": "标签：{tag}",
        "subtags": "子标签",
        "tag_notes": "{count} 篇笔记",
        "no_visible_tags": "还没有标签",
        "whole_title": "全文",
        "review_title": "复习计划",
        "review_due": "待复习",
        "review_week": "未来 7 天",
        "review_month": "未来 30 天",
        "review_later": "30 天以后",
        "review_unscheduled": "未安排复习",
        "built_on": "本页生成于 {date}，“待复习”按这一天计算",
        "checked_today": "已按今天（{date}）重新计算",
        "due_today": "今天到期",
        "overdue_days": "已逾期 {n} 天",
        "due_in_days": "{n} 天后",
        "note": "笔记",
        "mastery_chart": "掌握程度分布",
        "not_recorded": "未记录",
        "activity": "复习记录（近 {weeks} 周，按上次复习与创建日期）",
        "activity_summary": "{days} 天有记录，共 {count} 次",
        "due_count": "{count} 篇笔记待复习",
        "nothing_due": "没有待复习的笔记",
        "open_review": "打开复习计划",
        "recently_reviewed": "最近复习",
        "browse_tags": "按标签浏览",
        "search_label": "搜索笔记",
        "search_button": "搜索",
        "by_folder": "按文件夹",
        "top_level": "根目录",
        "more_reviews": "另有 {count} 篇笔记未列出：每篇笔记的复习卡片上有它的计划",
        "connections": "关联",
        "connections_label": "本笔记与其他笔记的关联：{count} 篇，按联系强弱选出",
        "tie_to": "本笔记链接到它",
        "tie_from": "它链接到本笔记",
        "tie_both": "相互链接",
        "tie_tag": "共同标签",
        "tie_tag_names": "共同标签：{tags}",
        "list_separator": "、",
        "graph_title": "笔记关系图",
        "open_graph": "查看笔记关系图",
        "graph_label": "各文件夹的笔记数与文件夹之间的链接",
        "graph_about": "共 {notes} 篇笔记。圆越大，文件夹中的笔记越多；连线越粗，两个文件夹之间的链接越多。",
        "graph_about_notes": "共 {notes} 篇笔记，都在同一个文件夹中：这里是联系最多的笔记和它们之间的链接。",
        "graph_label_notes": "联系最多的笔记和它们之间的链接",
        "graph_links_notes": "与其他笔记的链接",
        "graph_folder": "文件夹",
        "graph_links_inside": "内部链接",
        "graph_links_out": "与其他文件夹的链接",
        "graph_top_notes": "联系最多的笔记",
        "graph_others": "其他 {count} 个文件夹",
        "links_count": "{count} 个链接",
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
        "sections_count_one": "{count} section",
        "references_count": "{count} references",
        "references_count_one": "{count} reference",
        "cited_by": "Cited at",
        "unparsed": "could not be parsed; shown as written",
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
        "show_as_table": "Show as table",
        "dataview": "Dataview query, not run when published",
        "downloads": "Download the references",
        "link_broken": "link may be broken",
        "archived_copy": "archived copy",
        "link_report_title": "Link report",
        "link_report_intro": (
            "For the author: each reference's link check, by note, broken links first. This page "
            "is in neither the navigation nor the search, and asks search engines not to index it."
        ),
        "report_checked": "checked {date}",
        "report_host_ok": "host matches the declared {domain}",
        "report_host_mismatch": "declared {declared}, but the link's host is {host}",
        "report_uncited": "never cited",
        "report_nothing": "The notes have no references.",
        "report_status_ok": "ok",
        "report_status_redirected": "redirected",
        "report_status_broken": "broken",
        "report_status_blocked": "blocked (says nothing of the page)",
        "report_status_rate_limited": "rate limited (says nothing of the page)",
        "report_status_timeout": "timed out",
        "report_status_unreachable": "unreachable",
        "report_status_invalid": "not a valid link",
        "report_status_skipped": "not checked (private address)",
        "report_status_unchecked": "not checked yet",
        "reading_time": "{n} min read",
        "last_changed": "last changed {date}",
        "heatmap_cell": "Each cell is one day; the darker, the more reviews and new notes that day",
        "weekdays": "Mon Tue Wed Thu Fri Sat Sun",
        "months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        "linked_from": "Linked from",
        "related": "Related notes",
        "tags_title": "Tags",
        "tag_title": "Tag: {tag}",
        "subtags": "Sub-tags",
        "tag_notes": "{count} notes",
        "tag_notes_one": "{count} note",
        "no_visible_tags": "No tags yet",
        "whole_title": "Whole note",
        "review_title": "Review",
        "review_due": "Due for review",
        "review_week": "Next 7 days",
        "review_month": "Next 30 days",
        "review_later": "Later than 30 days",
        "review_unscheduled": "No review scheduled",
        "built_on": "Built on {date}; “due” counts from that day",
        "checked_today": "recomputed for today ({date})",
        "due_today": "due today",
        "overdue_days": "{n} days overdue",
        "overdue_days_one": "{n} day overdue",
        "due_in_days": "in {n} days",
        "due_in_days_one": "in {n} day",
        "note": "Note",
        "mastery_chart": "Mastery distribution",
        "not_recorded": "not recorded",
        "activity": "Review activity (last {weeks} weeks, by last review and creation dates)",
        "activity_summary": "{count} entries on {days} days",
        "due_count": "{count} notes due for review",
        "due_count_one": "{count} note due for review",
        "nothing_due": "Nothing due for review",
        "open_review": "Open the review dashboard",
        "recently_reviewed": "Recently reviewed",
        "browse_tags": "Browse by tag",
        "search_label": "Search the notes",
        "search_button": "Search",
        "by_folder": "By folder",
        "top_level": "Top level",
        "more_reviews": "{count} more notes not listed: each note's review card shows its plan",
        "more_reviews_one": "{count} more note not listed: its review card shows its plan",
        "connections": "Connections",
        "connections_label": "How this note connects to {count} others, strongest first",
        "connections_label_one": "How this note connects to one other",
        "tie_to": "this note links to it",
        "tie_from": "it links to this note",
        "tie_both": "links both ways",
        "tie_tag": "shares a tag",
        "tie_tag_names": "shares tags: {tags}",
        "list_separator": ", ",
        "graph_title": "Vault graph",
        "open_graph": "Vault graph",
        "graph_label": "Notes per folder and the links between folders",
        "graph_about": (
            "{notes} notes. The larger a circle, the more notes in the folder; the thicker a line, "
            "the more links between two folders."
        ),
        "graph_about_notes": (
            "{notes} notes, all in one folder: here are the most connected of them and the links "
            "between them."
        ),
        "graph_label_notes": "The most connected notes and the links between them",
        "graph_links_notes": "Links to other notes",
        "graph_folder": "Folder",
        "graph_links_inside": "Links inside",
        "graph_links_out": "Links to other folders",
        "graph_top_notes": "Most connected notes",
        "graph_others": "{count} other folders",
        "links_count": "{count} links",
        "links_count_one": "{count} link",
    },
}


def note_language(note: Note) -> str:
    """ "zh" when the title or first lines are mostly Chinese, else "en"."""
    sample = note.title + "".join(note.lines[:60])
    return "zh" if len(_CJK.findall(sample)) * 4 > len(re.findall(r"[A-Za-z]", sample)) else "en"


def labels_for(note: Note) -> dict[str, str]:
    """The words in the note's own language, for what is derived from its text."""
    return LABELS[note.language]


def site_labels(notes: list[Note]) -> dict[str, str]:
    """The interface when the caller names no language: the first note's."""
    return labels_for(notes[0]) if notes else LABELS["en"]


def interface_labels(language: str | None, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The interface in `language` (a tag such as "zh", "zh-TW" or "en_GB"; English for one
    without words of its own), with the site's own words over it. Raises KeyError naming a word
    that no page uses."""
    primary = re.split(r"[-_]", language or "en", maxsplit=1)[0].lower()
    words = LABELS.get(primary, LABELS["en"])
    unknown = sorted(set(overrides or {}) - set(words) - {key + "_one" for key in words})
    if unknown:
        raise KeyError(", ".join(unknown))
    return {**words, **(overrides or {})}


def bracketed(text: str, after: str, *, chinese: bool | None = None) -> str:
    """`text` in brackets, to follow `after`: full-width after Chinese or around it (or where
    `chinese` says the surrounding text is Chinese), else ASCII with a space before (so English
    keeps English punctuation)."""
    if chinese is None:
        chinese = bool(_CJK.search(after[-1:] + text))
    return f"（{text}）" if chinese else f" ({text})"


def has_cjk(text: str) -> bool:
    """Whether `text` holds any Chinese, Japanese or Korean character."""
    return _CJK.search(text) is not None


def counted(labels: Mapping[str, str], key: str, count: int) -> str:
    """The words of `key` for `count` things (`{count}` or `{n}` in them): the singular form
    `<key>_one` for exactly one, where the language has it."""
    form = labels.get(f"{key}_one", labels[key]) if count == 1 else labels[key]
    return form.format(count=count, n=count)
