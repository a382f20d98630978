"""The palette toggle switches to dark (slate) and back; charts and lanes stay readable in both."""

from __future__ import annotations

import pytest

from tests.browser.conftest import new_tab
from tests.conftest import seed_path

pytestmark = pytest.mark.browser

# WCAG 2.1: 4.5:1 for small text (1.4.3), 3:1 for the parts of a graphic one must see (1.4.11).
TEXT, GRAPHIC = 4.5, 3.0

# Contrast of each element's colour (`prop`) against what lies behind it, alpha blended the way
# the browser paints: walk up to the first ancestor with a background, layering what is on the way.
CONTRASTS = """([selector, prop]) => {
  // rgb(a)(...) or, from color-mix(), color(srgb r g b / a) with 0-1 channels
  const parse = c => {
    const m = c.match(/[\\d.]+(e-?\\d+)?/g).map(Number), k = c.startsWith('color(') ? 255 : 1;
    return [m[0] * k, m[1] * k, m[2] * k, m.length > 3 ? m[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const behind = el => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const channel = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const lum = c => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  return [...document.querySelectorAll(selector)].map(el => {
    const back = prop === 'color' ? behind(el) : behind(el.parentElement);
    const fore = over(parse(getComputedStyle(el)[prop]), back);
    const what = el.className + ' ' + el.textContent.trim().slice(0, 20);
    return [what, Math.round(ratio(fore, back) * 100) / 100];
  });
}"""

# (page, selector, colour property, least contrast)
CHECKS = [
    (seed_path("comparisons"), ".ns-range-chart__range", "backgroundColor", GRAPHIC),
    (
        seed_path("comparisons"),
        ".ns-range-chart__subject, .ns-range-chart__value, .ns-range-chart__axis span",
        "color",
        TEXT,
    ),
    (seed_path("comparisons"), ".ns-meter__fill", "backgroundColor", GRAPHIC),
    (seed_path("comparisons"), ".ns-compare th, .ns-compare td", "color", TEXT),
    (seed_path("timeline"), ".ns-tl-lane", "borderBottomColor", GRAPHIC),
    (seed_path("timeline"), ".ns-tl-cell", "borderLeftColor", GRAPHIC),
    (seed_path("timeline"), ".ns-tl-when, .ns-tl-item__title a, .ns-tl-lane", "color", TEXT),
    (seed_path("references"), ".ns-ref__title, .ns-ref__url", "color", TEXT),
]


def test_palette_toggle_switches_to_dark_and_back(browser, site_url: str) -> None:
    tab = new_tab(browser, site_url)  # its own storage: the choice it saves stays here
    try:
        page = tab.open(seed_path("comparisons"))
        scheme = "document.body.dataset.mdColorScheme"
        assert page.evaluate(scheme) == "default"
        page.locator("form[data-md-component=palette] label:visible").click()
        page.wait_for_function(f"{scheme} === 'slate'")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)"
        # The choice holds on the next page and survives a reload.
        page = tab.open(seed_path("timeline"))
        assert page.evaluate(scheme) == "slate"
        page.locator("form[data-md-component=palette] label:visible").click()
        page.wait_for_function(f"{scheme} === 'default'")
        assert tab.console_errors == []
    finally:
        tab.page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("path", "selector", "prop", "least"),
    CHECKS,
    ids=[f"{c[0].split('/')[-2]}:{c[1].split(',')[0]}:{c[2]}" for c in CHECKS],
)
def test_charts_and_lanes_keep_their_contrast(
    tabs, scheme: str, path: str, selector: str, prop: str, least: float
) -> None:
    tab = tabs(scheme=scheme)
    page = tab.page if tab.path() == path else tab.open(path)
    found = page.evaluate(CONTRASTS, [selector, prop])
    assert found, f"nothing matches {selector} on {path}"
    faint = [(what, ratio) for what, ratio in found if ratio < least]
    assert not faint, f"{scheme}: below {least}:1 on {path}: {faint}"
