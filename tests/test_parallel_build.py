"""Pages made by worker processes (notesite_mkdocs.parallel) are the pages of the serial build.

The fast-path vault of tests/test_fast_paths.py is built in this process with `workers: 1` and
with three workers (the notes' pages converted and every page's template rendered by them), and
every file of the two sites is compared byte for byte. A page whose template fails in a worker
fails the build with the template's message, and no worker is left.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from notesite_mkdocs.note_page import ConvertedAhead
from scripts.scratch_project import write_config
from tests.test_fast_paths import project

pytestmark = pytest.mark.slow


def _configured(root: Path, workers: int, **overrides: object) -> Path:
    docs = project(root).parent / "docs"
    return write_config(
        root, docs, plugins={"notesite": {"split_threshold": 0, "workers": workers}}, **overrides
    )


def _site(config_file: Path) -> dict[str, bytes]:
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    site = Path(config.site_dir)
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _counting_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    forks: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return forks


def _all_reaped(pids: list[int]) -> None:
    """Each worker was waited for (other children of the test process are not ours to judge)."""
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_pages_rendered_by_workers_equal_the_serial_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "cache")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    serial = _site(_configured(tmp_path / "serial", workers=1))
    forks = _counting_forks(monkeypatch)
    taken: list[int] = []
    apply = ConvertedAhead.apply
    monkeypatch.setattr(
        ConvertedAhead, "apply", lambda self, page, files: taken.append(1) or apply(self, page, files)
    )
    parallel = _site(_configured(tmp_path / "parallel", workers=3))
    # Three workers converted the notes' pages, each of which took its worker's result; three rendered.
    assert len(forks) == 6
    assert len(taken) > 60
    assert sum(name.endswith(".html") for name in parallel) > 60
    assert parallel.keys() == serial.keys()
    assert [name for name in parallel if parallel[name] != serial[name]] == []
    _all_reaped(forks)


def test_a_template_failing_in_a_worker_fails_the_build_with_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    monkeypatch.setenv("NOTESITE_LINK_CHECK", "cache")
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "broken.html").write_text("{{ page.meta.missing.key }}", "utf-8")
    config_file = _configured(
        tmp_path / "site", workers=2, theme={"name": "material", "custom_dir": str(overrides)}
    )
    (config_file.parent / "docs" / "broken.md").write_text(
        "---\ntemplate: broken.html\n---\n# Broken\n", "utf-8"
    )
    forks = _counting_forks(monkeypatch)
    with caplog.at_level(logging.ERROR), pytest.raises(Exception, match="missing"):
        _site(config_file)
    assert len(forks) == 4
    assert any("broken.md" in record.getMessage() for record in caplog.records)
    _all_reaped(forks)
