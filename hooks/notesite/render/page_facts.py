"""The quiet line under a note page's title: how long the page takes to read, and when its note
last changed (a date the caller brings: the core never asks git or the clock)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date

from notesite.model.words import counted
from notesite.render.html import Html

# Reading speeds as usually quoted: Chinese, Japanese and Korean characters, and words otherwise.
CJK_PER_MINUTE = 400
WORDS_PER_MINUTE = 200
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+")


def reading_minutes(lines: Iterable[str]) -> int:
    """Whole minutes to read the lines, at least one."""
    characters = words = 0
    for line in lines:
        characters += len(_CJK.findall(line))
        words += len(_WORD.findall(line))
    return max(1, math.ceil(characters / CJK_PER_MINUTE + words / WORDS_PER_MINUTE))


def page_facts(lines: Iterable[str], changed: date | None, labels: Mapping[str, str]) -> Html:
    """`<p>` with the reading time and, when known, the day of the last change."""
    facts = [Html("<span>{}</span>").format(counted(labels, "reading_time", reading_minutes(lines)))]
    if changed is not None:
        shown = labels["last_changed"].format(date=changed.isoformat())
        facts.append(Html('<time datetime="{}">{}</time>').format(changed.isoformat(), shown))
    return Html('<p class="ns-page-facts">{}</p>').format(Html(" · ").join(facts))
