"""Pages are generated in memory: neither `mkdocs build` nor `mkdocs serve` writes into docs/.

The source note stays byte-for-byte as the contributor left it (design: "Generated, never written
into docs/"), even while serve rebuilds after an edit.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts.scratch_project import copy_docs, write_config

from .conftest import ROOT

pytestmark = pytest.mark.slow

DOCS = ROOT / "docs"
NOTE = Path("notes") / "inference-vs-operator-dev.md"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NOTESITE_LINK_CHECK": "cache"}


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder`, by relative path, with the SHA-256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, text: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if text in response.read().decode("utf-8"):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {text!r}")


def copy_project(tmp: Path) -> Path:
    """docs/ copied whole, next to a mkdocs.yml that INHERITs the repository's."""
    return write_config(tmp, copy_docs(tmp))


def test_a_build_of_the_repository_leaves_docs_untouched(tmp_path):
    before = tree_hashes(DOCS)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, timeout=240, env=ENV,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert tree_hashes(DOCS) == before


def test_serve_with_an_edit_leaves_the_source_as_written_and_the_repository_untouched(tmp_path):
    repository = tree_hashes(DOCS)
    config = copy_project(tmp_path)
    docs = tmp_path / "docs"
    note = docs / NOTE
    copied = tree_hashes(docs)
    assert copied == repository

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    page = f"{base}/inference-vs-operator-dev/section-1/"
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr",
             f"127.0.0.1:{port}", "--livereload"],
            stdout=log, stderr=subprocess.STDOUT, env=ENV,
        )  # fmt: skip
        try:
            wait_for(page, "<h1")
            assert tree_hashes(docs) == copied, "serving wrote into the docs folder"

            # An edit, with the bytes a contributor's editor would write: CRLF and no BOM.
            text = note.read_text("utf-8").replace("## 二、", "Edited while serving.\n\n## 二、", 1)
            written = text.replace("\n", "\r\n").encode("utf-8")
            note.write_bytes(written)
            wait_for(page, "Edited while serving.")
            assert note.read_bytes() == written
            assert tree_hashes(docs) == {**copied, NOTE.as_posix(): hashlib.sha256(written).hexdigest()}
            assert tree_hashes(DOCS) == repository

            # A broken note: the server shows it as written and still leaves the file alone.
            broken = b"---\ncreated: [unclosed\n---\n# Broken\n"
            note.write_bytes(broken)
            wait_for(f"{base}/", "front matter is not valid YAML")
            assert process.poll() is None
            assert note.read_bytes() == broken
        finally:
            process.terminate()
            process.wait(timeout=20)
    assert note.read_bytes() == broken
    assert set(tree_hashes(docs)) == set(copied), "serving added or removed files in docs/"
    assert tree_hashes(DOCS) == repository
