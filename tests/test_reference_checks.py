"""Checks of references beyond HTTP: declared domains, arXiv ids and DOIs, and the exports."""

from __future__ import annotations

import json

import pytest

from notesite.analyse.reference_checks import domain_mismatch, identifier_problems
from notesite.model.note import LineSpan, Reference
from notesite.read.parser import parse_note
from notesite.render.reference_files import to_bibtex, to_csl_json


def ref(url: str, domain: str | None = None) -> Reference:
    return Reference(1, "raw", LineSpan(1, 1), source="S", domain=domain, title="T", url=url)


@pytest.mark.parametrize(
    ("domain", "url", "mismatch"),
    [
        ("sohu.com", "https://www.sohu.com/a/1", None),
        ("xie.infoq.cn", "https://xie.infoq.cn/article/1", None),
        ("sohu.com", "https://evil-sohu.com/a", "evil-sohu.com"),
        ("example.com", "https://other.org/x", "other.org"),
        ("知乎", "https://zhihu.com/x", None),  # not a domain: nothing to compare
        (None, "https://arxiv.org/abs/1802.04799", None),
    ],
)
def test_declared_domain_is_compared_with_the_url_host(domain, url, mismatch):
    assert domain_mismatch(ref(url, domain)) == mismatch


@pytest.mark.parametrize(
    ("url", "problems"),
    [
        ("https://arxiv.org/abs/1802.04799", []),
        ("https://arxiv.org/abs/1802.04799v2", []),
        ("https://arxiv.org/pdf/cs/0112017", []),
        ("https://arxiv.org/abs/18020.4799", ["'18020.4799' is not an arXiv identifier"]),
        ("https://doi.org/10.1145/3458817.3476165", []),
        ("https://doi.org/11.1145/x", ["'11.1145/x' is not a DOI (10.NNNN/suffix)"]),
    ],
)
def test_arxiv_ids_and_dois_must_have_their_form(url, problems):
    assert identifier_problems(ref(url)) == problems


def test_exports_carry_every_reference():
    note = parse_note(
        '# T\n## 1. A\nsee [1]\n## References\n[1] Pub (a.org). "Title_with {braces} & 100%". '
        'Desc. https://a.org/x_y\n[2] P. "Two". https://b.org\n',
        "notes/t.md",
    )
    bibtex = to_bibtex(note, "t")
    assert "@misc{t-ref1," in bibtex and "@misc{t-ref2," in bibtex
    assert r"title = {Title\_with \{braces\} \& 100\%}" in bibtex
    assert "url = {https://a.org/x_y}" in bibtex
    items = json.loads(to_csl_json(note, "t"))
    assert [(i["id"], i["URL"]) for i in items] == [
        ("t-ref1", "https://a.org/x_y"),
        ("t-ref2", "https://b.org"),
    ]
