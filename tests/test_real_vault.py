"""The real vault beside the project (../shared/corpora/advanced-java), when it is there: built by
this project and by plain Material on the same files, a reader must find nothing more broken."""

from __future__ import annotations

import json

import pytest

from scripts.vault_parity import CORPUS, main

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no real vault at {CORPUS} (only beside the workspace)"),
]


def test_the_real_vault_is_no_worse_than_plain_material(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    ours, plain = report["ours"], report["plain"]
    assert not ours["traceback"]
    assert ours["exit_status"] == 0
    if plain["strict_exit_status"] == 0:
        assert ours["strict_exit_status"] == 0
    for key in ("broken_links", "broken_images", "dead_anchors"):
        assert ours[key] <= plain[key], key
    assert report["urls"]["first_half"] > 0 and report["urls"]["moved_when_all_are_built"] == []
