"""Main text and metadata of an HTML page: trafilatura, htmldate, parley's cleaning, language."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from parley.clean import clean_text
from parley.errors import ItemError
from parley.ingest.decode import content_hash
from parley.ingest.language import detect_language
from parley.records import ArticleInput

MIN_CHARS = 40
_COPYRIGHT_YEAR = re.compile(r"(?:©|&copy;|&#169;|copyright|\(c\))\s*(?:\d{4}\s*[-–]\s*)?(\d{4})", re.I)

Item = ArticleInput | ItemError

for _name in ("trafilatura", "htmldate", "courlan"):
    # broken pages are expected: their complaints become coded errors, not stderr noise
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass
class Extracted:
    """What one HTML page gives: cleaned main text and metadata (None where unknown)."""

    text: str
    raw_text: str
    title: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    description: str | None = None
    published: str | None = None
    published_source: str | None = None


def _date_of(html: str, url: str | None) -> tuple[str | None, str | None]:
    """Publication date: htmldate on markup first, then its wider search, refusing copyright-only years."""
    from htmldate import find_date

    try:
        date = find_date(html, original_date=True, extensive_search=False, url=url)
        if date:
            return date, "metadata"
        date = find_date(html, original_date=True, extensive_search=True, url=url)
    except Exception:  # htmldate raises assorted errors on broken markup
        return None, None
    if not date:
        return None, None
    if date.endswith("-01-01"):
        years = {m.group(1) for m in _COPYRIGHT_YEAR.finditer(html)}
        if date[:4] in years:
            return None, None  # only a footer's "© YYYY": low confidence, unknown
    return date, "metadata"


def extract_html(html: str, url: str | None = None) -> Extracted | ItemError:
    """Extract and clean the article of one page; a coded error when there is none."""
    import trafilatura

    origin = url or "html"
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        )
    except Exception as exc:  # trafilatura/lxml raise assorted errors on broken markup
        return ItemError("E005", origin, type(exc).__name__)
    raw = getattr(doc, "text", None) if doc is not None else None
    if not raw or not raw.strip():
        return ItemError("E005", origin)
    title = getattr(doc, "title", None)
    description = getattr(doc, "description", None)
    published, source = _date_of(html, url)
    return Extracted(
        text=clean_text(raw, title=title, description=description), raw_text=raw, title=title,
        author=getattr(doc, "author", None), site=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None) or url, description=description,
        published=published, published_source=source,
    )


def html_to_article(html: str, origin: str, meta: dict[str, Any] | None = None) -> Item:
    """An article from an HTML page; ``meta`` (from a feed, JSON Lines, WARC) wins over the page's."""
    ex = extract_html(html, (meta or {}).get("url"))
    if isinstance(ex, ItemError):
        return ItemError(ex.code, origin, ex.detail)
    merged: dict[str, Any] = {
        "title": ex.title, "author": ex.author, "site": ex.site, "url": ex.url,
        "published": ex.published, "published_source": ex.published_source,
    }
    merged.update({k: v for k, v in (meta or {}).items() if v})
    return build_article(ex.text, origin, merged, cleaned=True)


def build_article(text: str, origin: str, meta: dict[str, Any] | None = None, cleaned: bool = False) -> Item:
    """An :class:`ArticleInput` from text (cleaned here unless ``cleaned``), or a coded error."""
    meta = meta or {}
    if not cleaned:
        text = clean_text(text, title=meta.get("title"))
    if not text.strip():
        return ItemError("E001", origin, "nothing left after cleaning")
    if len(text) < MIN_CHARS:
        return ItemError("E014", origin, f"{len(text)} characters")
    published = meta.get("published")
    return ArticleInput(
        id=str(meta.get("id") or "a" + content_hash(text)[:12]), text=text, url=meta.get("url"),
        title=meta.get("title"), published=str(published)[:10] if published else None,
        published_source=(meta.get("published_source") or "metadata") if published else None,
        language=detect_language(text), author=meta.get("author"), site=meta.get("site"), origin=origin,
    )


def text_to_article(text: str, origin: str, meta: dict[str, Any] | None = None) -> Item:
    """An article from plain text (cleaned here), or a coded error."""
    return build_article(text, origin, meta)
