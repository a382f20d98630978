"""axe-core on every kind of page, light and dark, wide and narrow: no serious or critical violation."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import NARROW, PAGE_KINDS, WIDE

pytestmark = pytest.mark.browser

VIEWS = [(WIDE, "light"), (WIDE, "dark"), (NARROW, "light")]
BLOCKING = {"serious", "critical"}
# (rule, element) pairs tolerated, each with the reason and the fix that belongs elsewhere.
# Empty: Material's unnamed search dialog is named in the plugin's
# hooks/notesite_mkdocs/theme_overrides/partials/search.html.
KNOWN: set[tuple[str, str]] = set()


def axe_violations(page, axe_script) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def _summary(violations: list[dict]) -> str:
    return json.dumps(
        [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]],
                "why": v["nodes"][0]["failureSummary"],
            }
            for v in violations
        ],
        ensure_ascii=False,
        indent=1,
    )


def _blocking(violations: list[dict]) -> list[dict]:
    """Serious and critical violations, without the known ones' elements."""
    found = []
    for violation in violations:
        nodes = [n for n in violation["nodes"] if (violation["id"], " ".join(n["target"])) not in KNOWN]
        if violation["impact"] in BLOCKING and nodes:
            found.append({**violation, "nodes": nodes})
    return found


def _check(tab, axe_script, path: str) -> None:
    page = tab.open(path)
    blocking = _blocking(axe_violations(page, axe_script))
    assert not blocking, f"{path or '/'}:\n{_summary(blocking)}"


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{s}-{w}" for w, s in VIEWS])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_accessibility_violations(axe_script, tabs, kind: str, width: int, scheme: str) -> None:
    _check(tabs(width, scheme), axe_script, PAGE_KINDS[kind])


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{s}-{w}" for w, s in VIEWS])
def test_multi_note_home_has_no_serious_violations(
    axe_script, tabs, multi_site_url: str, width: int, scheme: str
) -> None:
    _check(tabs(width, scheme, base=multi_site_url), axe_script, "")
