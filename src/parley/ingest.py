"""Ingest: turn paths, directories, JSON Lines and stdin into cleaned articles.

``iter_inputs(sources) -> Iterator[ArticleInput | ItemError]``: every item is
either a clean article or a coded error for that item; nothing here raises for
bad input.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from parley.clean import clean_text
from parley.errors import ItemError
from parley.records import ArticleInput

MAX_BYTES = 20 * 1024 * 1024
MIN_CHARS = 40
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

Item = ArticleInput | ItemError


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode_bytes(raw: bytes, origin: str) -> str | ItemError:
    """Bytes to text: empty, binary and undecodable input get coded errors."""
    if not raw.strip():
        return ItemError("E001", origin)
    if len(raw) > MAX_BYTES:
        return ItemError("E004", origin, f"{len(raw)} bytes > {MAX_BYTES}")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return ItemError("E003", origin, "bad UTF-16")
    sample = raw[:4096]
    if b"\x00" in sample:
        return ItemError("E002", origin)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    nontext = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if nontext > len(sample) * 0.05:
        return ItemError("E002", origin)
    return ItemError("E003", origin, "not valid UTF-8")


def html_to_article(html: str, origin: str, meta: dict[str, Any] | None = None) -> Item:
    """Main text and metadata of an HTML page (trafilatura + htmldate)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=False)
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        return ItemError("E005", origin, type(exc).__name__)
    if doc is None or not getattr(doc, "text", None):
        return ItemError("E005", origin)
    meta = dict(meta or {})
    meta.setdefault("title", doc.title)
    meta.setdefault("author", doc.author)
    meta.setdefault("site", doc.sitename)
    meta.setdefault("url", doc.url)
    if doc.date and not meta.get("published"):
        meta["published"] = doc.date
        meta["published_source"] = "metadata"
    return text_to_article(doc.text, origin, meta)


def text_to_article(text: str, origin: str, meta: dict[str, Any] | None = None) -> Item:
    meta = meta or {}
    cleaned = clean_text(text)
    if not cleaned.strip():
        return ItemError("E001", origin)
    if len(cleaned) < MIN_CHARS:
        return ItemError("E014", origin, f"{len(cleaned)} characters")
    art_id = str(meta.get("id") or "a" + content_hash(cleaned)[:12])
    published = meta.get("published")
    return ArticleInput(
        id=art_id, text=cleaned, url=meta.get("url"), title=meta.get("title"),
        published=str(published)[:10] if published else None,
        published_source=meta.get("published_source") or ("metadata" if published else None),
        author=meta.get("author"), site=meta.get("site"), origin=origin,
    )


def _jsonl_items(lines: Iterable[str], origin: str) -> Iterator[Item]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield ItemError("E006", where, str(exc)[:80])
            continue
        if not isinstance(obj, dict) or not (obj.get("text") or obj.get("html")):
            yield ItemError("E006", where, "no text or html field")
            continue
        meta = {k: obj.get(k) for k in ("id", "url", "title", "published", "author", "site")}
        if obj.get("html"):
            yield html_to_article(str(obj["html"]), where, meta)
        else:
            yield text_to_article(str(obj["text"]), where, meta)


def read_path(path: Path) -> Iterator[Item]:
    """Articles in one file (text, HTML or JSON Lines, optionally gzipped)."""
    origin = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield ItemError("E007", origin, exc.strerror or str(exc))
        return
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            yield ItemError("E010", origin, str(exc)[:80])
            return
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    text = decode_bytes(raw, origin)
    if isinstance(text, ItemError):
        yield text
        return
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_items(text.splitlines(), origin)
    elif suffix in HTML_SUFFIXES or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        yield html_to_article(text, origin)
    else:
        yield text_to_article(text, origin)


def iter_inputs(sources: Iterable[str]) -> Iterator[Item]:
    """Walk files, directories and ``-`` (stdin) and yield articles or coded errors."""
    for src in sources:
        if src == "-":
            data = sys.stdin.buffer.read()
            text = decode_bytes(data, "stdin")
            if isinstance(text, ItemError):
                yield text
            elif text.lstrip().startswith("{"):
                yield from _jsonl_items(text.splitlines(), "stdin")
            else:
                yield text_to_article(text, "stdin")
            continue
        path = Path(src)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield from read_path(sub)
        elif path.exists():
            yield from read_path(path)
        else:
            yield ItemError("E007", src, "no such file or directory")
