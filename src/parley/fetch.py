"""Polite, bounded HTTP fetching: timeouts, a size cap, retries with back-off, robots.txt.

``Fetcher(config).get(url) -> Fetched | ItemError``. Every request names parley and its
version in the User-Agent; robots.txt is read once per host and obeyed (its Crawl-delay
too); requests to one host are spaced by ``FetchConfig.delay``. Failures come back as
coded errors (E008 fetch failed, E009 robots.txt disallows, E004 too large), never raised.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from parley import __version__
from parley.errors import ItemError

USER_AGENT = f"parley/{__version__} (+https://pypi.org/project/parley/; news ingest)"
RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class FetchConfig:
    timeout: float = 15.0  # seconds for connect and for each read
    deadline: float = 60.0  # seconds for a whole response, body included
    max_bytes: int = 20 * 1024 * 1024
    retries: int = 2  # further tries after a network error or a 429/5xx answer
    backoff: float = 1.0  # seconds, doubled on each retry
    delay: float = 1.0  # minimum seconds between two requests to one host
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    obey_robots: bool = True


@dataclass
class Fetched:
    url: str  # final URL after redirects
    status: int
    content: bytes
    content_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)


class Fetcher:
    """One HTTP client shared by a run; remembers robots.txt and last request time per host."""

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()
        self._client: httpx.Client | None = None
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}  # Crawl-delay from robots.txt

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            c = self.config
            self._client = httpx.Client(
                timeout=httpx.Timeout(c.timeout), follow_redirects=True, max_redirects=c.max_redirects,
                headers={"User-Agent": c.user_agent, "Accept": "text/html,application/xhtml+xml,"
                         "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Fetched | ItemError:
        """GET ``url`` politely; a coded error when it cannot or may not be had."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return ItemError("E008", url, "not an http(s) URL")
        if self.config.obey_robots and not self.allowed(url):
            return ItemError("E009", url)
        result: Fetched | ItemError = ItemError("E008", url)
        for attempt in range(self.config.retries + 1):
            if attempt:
                time.sleep(self.config.backoff * 2 ** (attempt - 1))
            result = self._once(url)
            if isinstance(result, Fetched) or not _retryable(result):
                return result
        return result

    def allowed(self, url: str) -> bool:
        """What the host's robots.txt says of ``url`` for our agent (no robots.txt: allowed)."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            self._robots[host] = self._read_robots(host)
        rp = self._robots[host]
        return True if rp is None else rp.can_fetch(self.config.user_agent, url)

    def _read_robots(self, host: str) -> urllib.robotparser.RobotFileParser | None:
        got = self._once(urljoin(host, "/robots.txt"), max_bytes=512 * 1024)
        if isinstance(got, ItemError) or got.status >= 400:
            return None  # unreachable or absent robots.txt: no rules to obey
        rp = urllib.robotparser.RobotFileParser()
        rp.parse(got.content.decode("utf-8", "replace").splitlines())
        delay = rp.crawl_delay(self.config.user_agent)
        if delay:
            self._host_delay[host] = min(float(delay), 30.0)
        return rp

    def _wait_turn(self, host: str) -> None:
        gap = max(self.config.delay, self._host_delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None and gap > 0:
            wait = last + gap - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last[host] = time.monotonic()

    def _once(self, url: str, max_bytes: int | None = None) -> Fetched | ItemError:
        cap = max_bytes or self.config.max_bytes
        parts = urlsplit(url)
        self._wait_turn(f"{parts.scheme}://{parts.netloc}")
        start = time.monotonic()
        try:
            with self.client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    return ItemError("E008", url, f"HTTP {resp.status_code}")
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    return ItemError("E004", url, f"{declared} bytes > {cap}")
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        return ItemError("E004", url, f"more than {cap} bytes")
                    if time.monotonic() - start > self.config.deadline:
                        return ItemError("E008", url, "timeout: response too slow")
                    chunks.append(chunk)
                return Fetched(str(resp.url), resp.status_code, b"".join(chunks),
                               resp.headers.get("content-type", ""), dict(resp.headers))
        except httpx.TooManyRedirects:
            return ItemError("E008", url, "too many redirects")
        except httpx.TimeoutException:
            return ItemError("E008", url, "timeout")
        except (httpx.HTTPError, OSError, ValueError) as exc:
            return ItemError("E008", url, f"{type(exc).__name__}: {str(exc)[:80]}")


def _retryable(err: ItemError) -> bool:
    d = err.detail
    if err.code != "E008" or "redirect" in d or "not an http" in d:
        return False
    if d.startswith("HTTP "):
        return d[5:].isdigit() and int(d[5:]) in RETRY_STATUS
    return True
