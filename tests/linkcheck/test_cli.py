"""scripts/check_links.py as outside checks run it: exit codes, JSON lines, reports, cache."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from faultserver import FaultServer

from notesite.linkcheck.result import FIELDS

# Each test starts the script as a process: the slow suite's.
pytestmark = [pytest.mark.timeout(60), pytest.mark.slow]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_links.py"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, input=stdin, timeout=30
    )


def json_lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_nothing_broken_exits_0_with_one_json_object_per_url(fault_server: FaultServer) -> None:
    urls = [fault_server.url("/ok?cli"), fault_server.url("/chain/a?cli")]
    done = run("--allow-private", "--no-cache", "--format", "json", "--url", urls[0], "--url", urls[1])
    assert done.returncode == 0, done.stderr
    records = json_lines(done.stdout)
    assert [tuple(r) for r in records] == [FIELDS, FIELDS]
    assert [(r["url"], r["status"]) for r in records] == [(urls[0], "ok"), (urls[1], "redirected")]


def test_something_broken_exits_1(fault_server: FaultServer) -> None:
    done = run("--allow-private", "--no-cache", "--format", "json", "--url", fault_server.url("/gone?cli"))
    assert done.returncode == 1
    [record] = json_lines(done.stdout)
    assert (record["status"], record["http_status"]) == ("broken", 410)


@pytest.mark.parametrize(
    "args",
    [["--bogus"], ["--format", "xml", "--url", "https://a.example/"], ["--timeout", "0", "--url", "x"],
     ["--urls-file", "/no/such/file"], ["--notes", "/no/such/folder"]],
)  # fmt: skip
def test_usage_error_exits_2(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "error" in done.stderr


def test_loopback_is_skipped_without_allow_private(fault_server: FaultServer) -> None:
    done = run("--no-cache", "--format", "json", "--url", fault_server.url("/missing?cli-private"))
    assert done.returncode == 0
    assert json_lines(done.stdout)[0]["status"] == "skipped"
    assert fault_server.hits["/missing?cli-private"] == 0


def test_urls_file_and_reports(fault_server: FaultServer, tmp_path: Path) -> None:
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text(
        f"# references\n{fault_server.url('/ok?file')}\n\n{fault_server.url('/missing?file')}\n"
    )
    report_json, report_md = tmp_path / "report.json", tmp_path / "report.md"
    done = run(
        "--allow-private", "--no-cache", "--urls-file", str(urls_file),
        "--report-json", str(report_json), "--report-md", str(report_md),
    )  # fmt: skip
    assert done.returncode == 1
    assert "Checked 2 URLs" in done.stdout and "HTTP 404" in done.stdout
    assert "\r" not in done.stderr  # progress only on a terminal
    report = json.loads(report_json.read_text())
    assert report["counts"] == {"ok": 1, "broken": 1}
    assert "| broken | 404 |" in report_md.read_text()


def test_results_refresh_the_cache(fault_server: FaultServer, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    url = fault_server.url("/ok?cli-cache")
    assert run("--allow-private", "--cache", str(cache), "--url", url).returncode == 0
    assert json.loads(cache.read_text())["results"][url]["status"] == "ok"
    assert run("--allow-private", "--cache", str(cache), "--url", url).returncode == 0
    assert fault_server.hits["/ok?cli-cache"] == 1  # the second run reused the fresh entry


def test_no_cache_writes_nothing(fault_server: FaultServer, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    run("--allow-private", "--no-cache", "--cache", str(cache), "--url", fault_server.url("/ok?nc"))
    assert not cache.exists()


def test_an_unreadable_urls_file_or_report_folder_is_a_usage_error(tmp_path: Path) -> None:
    binary = tmp_path / "urls.txt"
    binary.write_bytes(b"\xff\xfe not text")
    done = run("--urls-file", str(binary))
    assert done.returncode == 2 and "cannot be read as UTF-8 text" in done.stderr
    done = run("--url", "ftp://x", "--report-md", str(tmp_path / "missing" / "r.md"))
    assert done.returncode == 2 and "no folder" in done.stderr
    assert "Traceback" not in done.stderr
