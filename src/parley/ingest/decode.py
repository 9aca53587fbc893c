"""Bytes to text, with coded errors for empty, binary, oversized and undecodable input."""

from __future__ import annotations

import hashlib
import re

from parley.errors import ItemError

MAX_BYTES = 20 * 1024 * 1024
_SAMPLE = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)


def content_hash(text: str) -> str:
    """SHA-256 of the cleaned text: the identity of an article's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _printable_share(text: str) -> float:
    if not text:
        return 0.0
    ok = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return ok / len(text)


def _bomless_utf16(raw: bytes) -> str | None:
    """Text of UTF-16 without a byte-order mark, recognised by its NUL pattern; else None."""
    sample = raw[:_SAMPLE]
    if len(raw) % 2 or len(sample) < 8:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    enc = "utf-16-le" if odd > 0.4 and even < 0.05 else "utf-16-be" if even > 0.4 and odd < 0.05 else None
    if enc is None:
        return None
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError:
        return None
    return text if _printable_share(text[:_SAMPLE]) > 0.97 else None


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return control > len(sample) * 0.05


def decode_bytes(raw: bytes, origin: str) -> str | ItemError:
    """Bytes of a text file to str: UTF-8 (with or without BOM) or UTF-16 (with or without BOM).

    Empty input is E001, binary E002, undecodable E003, oversized E004.
    """
    if not raw.strip():
        return ItemError("E001", origin)
    if len(raw) > MAX_BYTES:
        return ItemError("E004", origin, f"{len(raw)} bytes > {MAX_BYTES}")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            return ItemError("E003", origin, "bad UTF-16")
        return text if text.strip() else ItemError("E001", origin)
    utf16 = _bomless_utf16(raw)
    if utf16 is not None:
        return utf16 if utf16.strip() else ItemError("E001", origin)
    if _looks_binary(raw[:_SAMPLE]):
        return ItemError("E002", origin)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ItemError("E003", origin, f"not valid UTF-8 at byte {exc.start}")
    if _printable_share(text[:_SAMPLE]) < 0.95:
        return ItemError("E002", origin, "mostly non-printable characters")
    return text


def decode_html(raw: bytes, origin: str) -> str | ItemError:
    """Bytes of an HTML page to str: BOM, UTF-8, the declared charset, then Windows-1252."""
    first = decode_bytes(raw, origin)
    if not isinstance(first, ItemError) or first.code != "E003":
        return first
    m = _META_CHARSET.search(raw[:_SAMPLE])
    for enc in ([m.group(1).decode("ascii", "replace")] if m else []) + ["cp1252"]:
        try:
            text = raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
        if _printable_share(text[:_SAMPLE]) > 0.95:
            return text
    return first
