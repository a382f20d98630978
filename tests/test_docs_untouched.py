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

from scripts.scratch_project import SITE_FILES

from .conftest import SEED, make_project, mkdocs_build, seed_path

pytestmark = pytest.mark.slow

NOTE = Path("notes") / SEED.name
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


def test_a_build_leaves_the_docs_folder_untouched(tmp_path):
    config = make_project(tmp_path, {SEED.name: SEED.read_text("utf-8")}, site_files=SITE_FILES)
    before = tree_hashes(tmp_path / "docs")
    built = mkdocs_build(config, "--strict")
    assert built.returncode == 0, built.log
    assert (built.site / "index.html").is_file()
    assert tree_hashes(built.docs) == before


def test_serve_with_an_edit_leaves_the_source_as_written(tmp_path):
    config = make_project(tmp_path, {SEED.name: SEED.read_text("utf-8")})
    docs = tmp_path / "docs"
    note = docs / NOTE
    copied = tree_hashes(docs)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    page = f"{base}/{seed_path('section-1')}"
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

            # A broken note: the server shows it as written and still leaves the file alone.
            broken = b"---\ncreated: [unclosed\n---\n# Broken\n"
            note.write_bytes(broken)
            wait_for(f"{base}/{seed_path()}", "front matter is not valid YAML")
            assert process.poll() is None
            assert note.read_bytes() == broken
        finally:
            process.terminate()
            process.wait(timeout=20)
    assert note.read_bytes() == broken
    assert set(tree_hashes(docs)) == set(copied), "serving added or removed files in docs/"
