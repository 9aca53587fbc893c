"""A local HTTP server on 127.0.0.1 serving the ingest fixtures, for offline fetch tests.

Routes: ``/robots.txt``; ``/news/<fixture>.html``; ``/private/...`` (disallowed by
robots.txt); ``/feed.xml`` (links rewritten to this server); ``/missing`` (404);
``/loop`` (redirects to itself); ``/slow`` (answers after ``SLOW_SECONDS``);
``/flaky`` (503 once, then the page); ``/binary`` (image/png).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SLOW_SECONDS = 3.0


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def do_GET(self) -> None:  # noqa: N802
        self.server.hits.append((self.path, self.headers.get("User-Agent", "")))
        path = self.path.split("?")[0]
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/robots.txt":
            self._send(200, (FIXTURES / "robots.txt").read_bytes(), "text/plain")
        elif path == "/feed.xml":
            body = (FIXTURES / "feed.xml").read_text("utf-8").replace("{base}", base)
            self._send(200, body.encode("utf-8"), "application/rss+xml")
        elif path.startswith(("/news/", "/private/")) and (FIXTURES / Path(path).name).is_file():
            self._send(200, (FIXTURES / Path(path).name).read_bytes())
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, (FIXTURES / "port-deal.html").read_bytes())
        elif path == "/flaky":
            self.server.flaky += 1
            if self.server.flaky % 2:
                self._send(503, b"try later")
            else:
                self._send(200, (FIXTURES / "ceasefire-talks.html").read_bytes())
        elif path == "/binary":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "image/png")
        else:
            self._send(404, b"not found")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    hits: list[tuple[str, str]]
    flaky: int
    base: str


@contextmanager
def serve() -> Iterator[_Server]:
    """Run the server in a thread; yield it (``.base`` is its URL, ``.hits`` its requests)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.hits = []
    server.flaky = 0
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
