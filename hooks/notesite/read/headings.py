"""The author's section numbering: "一、定义", "1.1 模型推理优化", "2. Tools", "Step 1：…"."""

from __future__ import annotations

import re

CHINESE_DIGITS = {
    "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
}  # fmt: skip

# DOTALL: `(.*)$` then always takes the rest, so `\s*` never has to give characters back.
_CHINESE_NUMBER = re.compile(
    r"^(第?)([零一二三四五六七八九十]{1,3})([章节部分]?)[、.．:：\s]\s*(.*)$", re.DOTALL
)
_ARABIC_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)(?:[.、)）:：]\s*|\s+)(.*)$", re.DOTALL)


def chinese_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; None for anything else."""
    if not text or any(ch not in CHINESE_DIGITS for ch in text):
        return None
    if "十" not in text:
        return CHINESE_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return CHINESE_DIGITS.get(tens, 1) * 10 + (CHINESE_DIGITS[ones] if ones else 0)


def split_number(text: str) -> tuple[str | None, str]:
    """("1.1", "模型推理优化") for "1.1 模型推理优化"; (None, text) when there is no number."""
    arabic = _ARABIC_NUMBER.match(text)
    if arabic and arabic.group(2):
        return arabic.group(1), arabic.group(2).strip()
    chinese = _CHINESE_NUMBER.match(text)
    if chinese and chinese.group(4) and chinese_to_int(chinese.group(2)) is not None:
        return chinese.group(2), chinese.group(4).strip()
    return None, text


def number_as_ascii(number: str) -> str:
    """ "一" → "1", "1.1" → "1.1": for URLs and sorting."""
    value = chinese_to_int(number)
    return str(value) if value is not None else number
