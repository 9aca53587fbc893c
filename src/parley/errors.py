"""Coded errors. Every rejected input gets one of these codes, a message and a count.

``parley errors`` prints this catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

CATALOGUE: dict[str, str] = {
    "E001": "input is empty or whitespace only",
    "E002": "input looks binary (NUL bytes or mostly non-text)",
    "E003": "input bytes could not be decoded as text",
    "E004": "input is larger than the size cap",
    "E005": "HTML had no extractable main text",
    "E006": "JSON Lines record is malformed (not JSON, or no text/html)",
    "E007": "file or path not found / unreadable",
    "E008": "URL could not be fetched (network error, timeout, HTTP error)",
    "E009": "fetching disallowed by robots.txt",
    "E010": "compressed input is truncated or corrupt",
    "E011": "feed could not be parsed",
    "E012": "WARC record could not be read",
    "E013": "article language is not English (stored and flagged, not processed)",
    "E014": "text too short to be an article",
    "E020": "NLP pipeline failed on this article",
    "E021": "store write failed for this article",
    "E030": "unknown input format",
    # added by ingest
    "E015": "feed item has no link and no usable content",
    "E099": "unexpected internal error while reading this item (the batch went on)",
}


@dataclass
class ItemError:
    """A coded failure for one input item; the batch goes on."""

    code: str
    origin: str
    detail: str = ""

    @property
    def message(self) -> str:
        base = CATALOGUE.get(self.code, "unknown error")
        return f"[{self.code}] {base}" + (f": {self.detail}" if self.detail else "")

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "origin": self.origin, "message": self.message}


class ParleyError(Exception):
    """An error with a catalogue code."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"[{code}] {CATALOGUE.get(code, 'unknown error')}" + (f": {detail}" if detail else ""))
