"""A server with a certificate nobody vouches for is unreachable with a `tls:` error."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from notesite.linkcheck import CheckOptions, LinkStatus, check_urls

pytestmark = [
    pytest.mark.timeout(30),
    pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command"),
]


class Hello(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def self_signed_server(tmp_path: Path) -> Iterator[str]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_self_signed_certificate_is_unreachable_with_tls_error(self_signed_server: str) -> None:
    [result] = check_urls([self_signed_server], CheckOptions(timeout=2, allow_private=True))
    assert (result.status, result.attempts) == (LinkStatus.UNREACHABLE, 1)
    assert (result.error or "").startswith("tls: certificate rejected")
