"""A site of anyone's (only site_name, theme and plugins in mkdocs.yml) asks no other host.

The repository's own config turns Google Fonts off and overrides the repository widget; a new
user's has none of that, so here the plugin alone must keep every kind of page local.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import new_tab
from tests.conftest import mkdocs_build
from tests.test_any_site import minimal_site

pytestmark = pytest.mark.browser

# Every kind of page: home, review, tags, a tag, an overview, a section (with a diagram), the
# seed's comparisons, timeline and bibliography, an English note, and an unknown address.
KINDS = [
    "",
    "review/",
    "tags/",
    "tags/databases/",
    "inference-vs-operator-dev/",
    "inference-vs-operator-dev/section-1/",
    "inference-vs-operator-dev/comparisons/",
    "inference-vs-operator-dev/timeline/",
    "inference-vs-operator-dev/references/",
    "english/why-b-trees/",
    "mysql-索引/section-2/",
    "404.html",
]


@pytest.fixture(scope="module")
def any_site_url(chromium: str, serve, tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("any-site-offline")
    built = mkdocs_build(minimal_site(root, repo_url="https://github.com/someone/notes"), "--strict")
    assert built.returncode == 0, built.log
    return serve(built.site)


@pytest.mark.parametrize("path", KINDS)
def test_no_page_of_a_minimal_site_requests_another_host(browser, any_site_url, path):
    tab = new_tab(browser, any_site_url)
    tab.open(path)
    tab.page.wait_for_load_state("networkidle")
    assert tab.foreign_requests() == []
    tab.page.context.close()
