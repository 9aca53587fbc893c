"""Where articles come from: files, directories, archives, JSON Lines, URLs, feeds and stdin.

``iter_inputs(sources, feeds=()) -> Iterator[ArticleInput | ItemError]``. Each source
yields articles or coded errors; an unexpected failure while reading one item becomes
E099 for that item (or for the rest of that source) and the batch goes on.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from parley.errors import ItemError
from parley.fetch import Fetched, Fetcher
from parley.ingest.decode import MAX_BYTES, decode_bytes, decode_html
from parley.ingest.extract import Item, build_article, html_to_article

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
BINARY_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".docx", ".xlsx", ".mp3",
                   ".mp4", ".exe", ".so", ".bin", ".tar", ".7z", ".bz2", ".xz"}
META_KEYS = ("id", "url", "title", "published", "author", "site")
WARC_HEADER_SLACK = 16 * 1024  # HTTP headers counted in a WARC record's declared length


def is_url(src: str) -> bool:
    return src.lower().startswith(("http://", "https://"))


def looks_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith("<") and any(t in head for t in ("<html", "<body", "<head", "<!doctype html",
                                                            "<article", "<div", "<p>", "<p "))


def looks_feed(data: bytes | str) -> bool:
    head = (data[:2000].decode("utf-8", "replace") if isinstance(data, bytes) else data[:2000]).lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def safely(origin: str, fn: Callable[..., Item], *args: Any, **kwargs: Any) -> Item:
    """``fn(*args)`` with any unexpected exception turned into E099 for ``origin``."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # the batch must go on whatever one item does
        return ItemError("E099", origin, f"{type(exc).__name__}: {str(exc)[:120]}")


def guarded(origin: str, items: Iterator[Item]) -> Iterator[Item]:
    """Yield from ``items``; an exception ends that source with one E099 error."""
    try:
        yield from items
    except Exception as exc:  # the batch must go on whatever one source does
        yield ItemError("E099", origin, f"{type(exc).__name__}: {str(exc)[:120]}")


# ---------------------------------------------------------------- single documents

def bytes_to_items(raw: bytes, origin: str, hint: str = "", meta: dict[str, Any] | None = None,
                   fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Articles in one document's bytes; ``hint`` is a file suffix or a content type."""
    hint = hint.lower()
    if hint in JSONL_SUFFIXES or "json" in hint:
        yield from jsonl_items(io.BytesIO(raw), origin, fetcher)
        return
    if hint in FEED_SUFFIXES or ("xml" in hint and "html" not in hint) or \
            (hint not in HTML_SUFFIXES and looks_feed(raw)):
        from parley.ingest.feeds import feed_items

        yield from feed_items(raw, origin, fetcher)
        return
    if hint in HTML_SUFFIXES or "html" in hint:
        text = decode_html(raw, origin)
        yield text if isinstance(text, ItemError) else safely(origin, html_to_article, text, origin, meta)
        return
    text = decode_bytes(raw, origin)
    if isinstance(text, ItemError):
        yield text
    elif looks_html(text):
        yield safely(origin, html_to_article, text, origin, meta)
    else:
        yield safely(origin, build_article, text, origin, meta)


def url_items(url: str, fetcher: Fetcher, meta: dict[str, Any] | None = None) -> Iterator[Item]:
    """Fetch one URL: a page gives one article, a feed gives its items."""
    got = fetcher.get(url)
    if isinstance(got, ItemError):
        yield got
        return
    ctype = got.content_type.split(";")[0].strip().lower()
    if ctype and not (ctype.startswith("text/") or "xml" in ctype or "json" in ctype):
        yield ItemError("E030", url, f"content type {ctype}")
        return
    meta = {**(meta or {}), "url": got.url}
    yield from bytes_to_items(got.content, url, _fetched_hint(got), meta, fetcher)


def _fetched_hint(got: Fetched) -> str:
    ctype = got.content_type.split(";")[0].strip().lower()
    if looks_feed(got.content):
        return ".xml"
    return ctype or ".html"


# ---------------------------------------------------------------- streams

def _open_stream(path: Path) -> IO[bytes]:
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def jsonl_items(stream: IO[bytes], origin: str, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """One article per JSON object line (``text`` or ``html``, or a ``url`` to fetch)."""
    n = records = 0
    try:
        for n, raw in enumerate(stream, 1):
            if raw.strip():
                records += 1
                yield _jsonl_record(raw, f"{origin}:{n}", fetcher)
    except (OSError, EOFError, zlib.error) as exc:
        yield ItemError("E010", f"{origin}:{n + 1}", f"{type(exc).__name__}: {str(exc)[:80]}")
        return
    if not records:
        yield ItemError("E001", origin, "no JSON Lines records")


def _jsonl_record(raw: bytes, where: str, fetcher: Fetcher | None) -> Item:
    if len(raw) > MAX_BYTES:
        return ItemError("E004", where, f"{len(raw)} bytes in one line")
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return ItemError("E003", where, "line is not UTF-8")
    except ValueError as exc:
        return ItemError("E006", where, str(exc)[:80])
    if not isinstance(obj, dict):
        return ItemError("E006", where, "not a JSON object")
    meta = {k: obj.get(k) for k in META_KEYS if isinstance(obj.get(k), str | int)}
    if isinstance(obj.get("html"), str) and obj["html"].strip():
        return safely(where, html_to_article, obj["html"], where, meta)
    if isinstance(obj.get("text"), str) and obj["text"].strip():
        return safely(where, build_article, obj["text"], where, meta)
    if isinstance(obj.get("url"), str) and is_url(obj["url"]) and fetcher is not None:
        items = list(url_items(obj["url"], fetcher, meta))
        return items[0] if items else ItemError("E005", where)
    return ItemError("E006", where, "no text, html or url field")


def warc_items(path: Path) -> Iterator[Item]:
    """HTML responses and resources in a WARC file (gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    n = seen = pages = 0
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh, check_digests=True):
                seen += 1
                if record.rec_type not in ("response", "resource"):
                    continue
                n += 1
                item = _warc_record(record, f"{origin}#{n}")
                if item is not None:
                    pages += 1
                    yield item
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
        yield ItemError("E012", f"{origin}#{n + 1}", f"{type(exc).__name__}: {str(exc)[:80]}")
        return
    if not seen:
        yield ItemError("E012", origin, "no WARC records")
    elif not pages:
        yield ItemError("E030", origin, "no HTML pages in the archive")


def _warc_record(record: Any, where: str) -> Item | None:
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None
        status = http.get_statuscode() or ""
        ctype = (http.get_header("Content-Type") or "").lower()
        if not status.startswith("2"):
            return None
    else:
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
    if "html" not in ctype:
        return None
    raw = record.content_stream().read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        return ItemError("E004", where, f"more than {MAX_BYTES} bytes")
    if _truncated(record, len(raw)):
        return ItemError("E012", where, "record truncated or its digest does not match")
    text = decode_html(raw, where)
    if isinstance(text, ItemError):
        return text
    return safely(where, html_to_article, text, where, {"url": url})


def _truncated(record: Any, got: int) -> bool:
    """A record cut short (digest unchecked for want of bytes, or far fewer bytes than declared)."""
    passed = getattr(record.digest_checker, "passed", None)
    if passed is False:
        return True
    if passed is None and record.rec_headers.get_header("WARC-Block-Digest"):
        return True
    declared = record.rec_headers.get_header("Content-Length") or ""
    return declared.isdigit() and got < int(declared) - WARC_HEADER_SLACK


# ---------------------------------------------------------------- files and directories

def _suffix(path: Path) -> tuple[str, bool]:
    """The meaningful suffix of ``path`` and whether it is gzipped."""
    suffixes = [s.lower() for s in path.suffixes][-2:]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), gz


def path_items(path: Path, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Articles in one file: HTML, WARC, JSON Lines, feed or plain text, optionally gzipped."""
    origin = str(path)
    suffix, gz = _suffix(path)
    if suffix in WARC_SUFFIXES:
        yield from warc_items(path)
        return
    if suffix in JSONL_SUFFIXES:
        try:
            with _open_stream(path) as stream:
                yield from jsonl_items(stream, origin, fetcher)
        except OSError as exc:
            yield ItemError("E007", origin, exc.strerror or str(exc))
        return
    if suffix in BINARY_SUFFIXES:
        yield ItemError("E030", origin, f"{suffix} files are not read")
        return
    raw = _read_capped(path, gz)
    if isinstance(raw, ItemError):
        yield raw
        return
    yield from bytes_to_items(raw, origin, suffix, None, fetcher)


def _read_capped(path: Path, gz: bool) -> bytes | ItemError:
    origin = str(path)
    try:
        if not gz:
            size = path.stat().st_size
            if size > MAX_BYTES:
                return ItemError("E004", origin, f"{size} bytes > {MAX_BYTES}")
            return path.read_bytes()
        with gzip.open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        return ItemError("E010", origin, f"{type(exc).__name__}: {str(exc)[:80]}")
    except OSError as exc:
        return ItemError("E007", origin, exc.strerror or str(exc))
    if len(raw) > MAX_BYTES:
        return ItemError("E004", origin, f"more than {MAX_BYTES} bytes once decompressed")
    return raw


def dir_items(path: Path, fetcher: Fetcher | None = None) -> Iterator[Item]:
    files = sorted(p for p in path.rglob("*") if p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    for sub in files:
        yield from guarded(str(sub), path_items(sub, fetcher))


def stdin_items(fetcher: Fetcher | None = None, stream: IO[bytes] | None = None) -> Iterator[Item]:
    """Standard input: JSON Lines, an HTML page or plain text (sniffed)."""
    data = (stream or sys.stdin.buffer).read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        yield ItemError("E004", "stdin", f"more than {MAX_BYTES} bytes")
        return
    if data.lstrip()[:1] == b"{":
        yield from jsonl_items(io.BytesIO(data), "stdin", fetcher)
        return
    yield from bytes_to_items(data, "stdin", "", None, fetcher)


# ---------------------------------------------------------------- entry point

def iter_inputs(sources: Iterable[str], feeds: Iterable[str] = (), *,
                fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Walk URLs, files, directories, ``-`` (stdin) and feed URLs; yield articles or coded errors."""
    from parley.ingest.feeds import iter_feed

    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for src in sources:
            yield from guarded(str(src), _source_items(str(src), fetcher))
        for feed in feeds:
            yield from guarded(str(feed), iter_feed(str(feed), fetcher=fetcher))
    finally:
        if own:
            fetcher.close()


def _source_items(src: str, fetcher: Fetcher) -> Iterator[Item]:
    if src == "-":
        yield from stdin_items(fetcher)
    elif is_url(src):
        yield from url_items(src, fetcher)
    else:
        path = Path(src)
        if path.is_dir():
            yield from dir_items(path, fetcher)
        elif path.is_file():
            yield from path_items(path, fetcher)
        else:
            yield ItemError("E007", src, "no such file or directory")
