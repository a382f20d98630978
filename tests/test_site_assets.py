"""The built site ships what its pages load, not what the search worker it replaced would have."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, Built, build_notes

pytestmark = pytest.mark.slow


def test_materials_search_worker_is_ours_and_lunr_is_not_shipped(seed_site: Built):
    scripts = seed_site.site / "assets" / "javascripts"
    ours = (ROOT / "hooks" / "notesite_mkdocs" / "search_worker.js").read_text("utf-8")
    (worker,) = (scripts / "workers").glob("search.*.min.js")
    assert worker.read_text("utf-8") == ours and "lunr" not in ours
    assert not (scripts / "lunr").exists()
    assert any(Path(scripts).glob("bundle.*.min.js"))  # Material's own page script stays


def test_the_themes_source_maps_are_left_out_and_the_sites_own_files_kept(tmp_path: Path):
    built = build_notes(
        tmp_path, {"a.md": "# A\n\ntext\n"}, other_docs={"assets/javascripts/own.min.js.map": "{}"}
    )
    assert built.returncode == 0, built.log
    maps = sorted(p.relative_to(built.site).as_posix() for p in built.site.rglob("*.map"))
    assert maps == ["assets/javascripts/own.min.js.map"]
    assert any((built.site / "assets" / "javascripts").glob("bundle.*.min.js"))


MERMAID = "assets/notesite/vendor/mermaid.min.js"


def test_mermaid_is_published_only_with_a_page_that_draws_a_diagram(tmp_path: Path):
    plain = build_notes(tmp_path / "plain", {"a.md": "# A\n\ntext\n"})
    assert plain.returncode == 0, plain.log
    assert not (plain.site / MERMAID).exists() and not (plain.site / "assets/notesite/vendor").exists()
    assert not (plain.site / "assets/notesite/diagrams").exists()
    # Nothing else is gone: the note's page, the home, the site's other assets.
    assert plain.html("a/").select_one("h1") is not None and (plain.site / "index.html").is_file()
    assert (plain.site / "assets/notesite/notesite.css").is_file()
    drawn = build_notes(tmp_path / "drawn", {"a.md": "# A\n\n```mermaid\ngraph LR\n  A --> B\n```\n"})
    assert drawn.returncode == 0, drawn.log
    scripts = [s["src"] for s in drawn.html("a/").select("script[src]")]
    assert any(src.endswith(MERMAID) for src in scripts) and (drawn.site / MERMAID).is_file()
    # A site's own copy in docs/ is its own: published even where no page draws a diagram.
    own = build_notes(tmp_path / "own", {"a.md": "# A\n\ntext\n"}, other_docs={MERMAID: "// own"})
    assert (own.site / MERMAID).read_text("utf-8") == "// own"
