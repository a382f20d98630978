"""Citations in a row read as one piece of raw HTML: the same HTML as Python-Markdown makes of
them one tag at a time, with far fewer rewrites of the paragraph."""

from __future__ import annotations

import markdown
import pytest

from notesite_mkdocs.citation_runs import CitationRunExtension

from .test_golden import EXTENSION_CONFIGS, EXTENSIONS


def _cite(n: int, first: bool = False) -> str:
    anchor = ' id="cite-1"' if first else ""
    return (
        f'<a class="ns-cite"{anchor} href="../references/#ref-{n}" title="T{n} &amp; &quot;x&quot;">{n}</a>'
    )


LINES = [
    "见 " + "".join(f"\\[{_cite(n, n == 1)}\\]" for n in range(1, 40)) + "。",
    f"又见 \\[{_cite(1)}, {_cite(2)}\\] 与 \\[{_cite(3)}-{_cite(5)}\\]，**粗体** `code` \\[not a cite\\]",
    f"| a | b |\n|---|---|\n| x \\[{_cite(1)}\\] | y |",
    f"- item \\[{_cite(7)}\\]\\[{_cite(8)}\\] [a link](https://example.com) <span>x</span>",
]


@pytest.mark.parametrize("text", LINES, ids=["run", "ranges-and-prose", "table", "list"])
def test_citation_runs_make_the_html_python_markdown_makes_of_each_tag(text):
    alone = markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    runs = markdown.markdown(
        text, extensions=[*EXTENSIONS, CitationRunExtension()], extension_configs=EXTENSION_CONFIGS
    )
    assert runs == alone and 'class="ns-cite"' in runs


def test_a_line_of_citations_is_one_match():
    md = markdown.Markdown(extensions=[CitationRunExtension()])
    html = md.convert("".join(f"\\[{_cite(n)}\\]" for n in range(1, 1_001)))
    assert md.htmlStash.html_counter == 1 and html.count('class="ns-cite"') == 1_000
