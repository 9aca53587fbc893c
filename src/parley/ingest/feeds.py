"""RSS/Atom feeds: each item's page is fetched and extracted; the feed's own metadata wins.

``iter_feed(url) -> Iterator[ArticleInput | ItemError]``. When an item's page cannot be
had, the item's own content (``content:encoded`` or a long summary) is used if it is an
article's worth of text; otherwise the fetch error is yielded for that item.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from parley.errors import ItemError
from parley.fetch import Fetcher
from parley.ingest.extract import MIN_CHARS, Item, build_article, html_to_article

FALLBACK_MIN_CHARS = 400


def iter_feed(url: str, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Articles for the items of the feed at ``url`` (coded errors for what fails)."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        got = fetcher.get(url)
        if isinstance(got, ItemError):
            yield ItemError("E011", url, f"feed not fetched: {got.message}")
            return
        yield from feed_items(got.content, url, fetcher)
    finally:
        if own:
            fetcher.close()


def feed_items(raw: bytes, origin: str, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Articles for the items of a feed document already in hand."""
    import feedparser

    try:
        parsed = feedparser.parse(raw)
    except Exception as exc:  # feedparser is lenient, but broken bytes can still raise
        yield ItemError("E011", origin, type(exc).__name__)
        return
    entries = list(parsed.get("entries") or [])
    if not entries:
        detail = str(parsed.get("bozo_exception") or "no items")[:100]
        yield ItemError("E011", origin, detail)
        return
    site = (parsed.get("feed") or {}).get("title")
    for n, entry in enumerate(entries, 1):
        yield _entry_item(entry, f"{origin}#{n}", site, fetcher)


def _entry_meta(entry: Any, site: str | None) -> dict[str, Any]:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return {
        "url": entry.get("link"), "title": entry.get("title"), "author": entry.get("author"),
        "site": site, "published": time.strftime("%Y-%m-%d", stamp) if stamp else None,
        "id": None,
    }


def _entry_item(entry: Any, where: str, site: str | None, fetcher: Fetcher | None) -> Item:
    meta = _entry_meta(entry, site)
    link = meta.get("url")
    failure: ItemError | None = None
    if link and fetcher is not None:
        from parley.ingest.sources import url_items

        items = list(url_items(str(link), fetcher, {k: v for k, v in meta.items() if v}))
        if items and not isinstance(items[0], ItemError):
            return items[0]
        first = items[0] if items else None
        failure = first if isinstance(first, ItemError) else ItemError("E005", str(link))
    fallback = _entry_content(entry)
    if len(fallback) >= FALLBACK_MIN_CHARS or (failure is None and len(fallback) >= MIN_CHARS):
        item = html_to_article(fallback, where, meta) if "<" in fallback else build_article(fallback, where, meta)
        if not isinstance(item, ItemError):
            return item
    return failure or ItemError("E015", where)


def _entry_content(entry: Any) -> str:
    for c in entry.get("content") or []:
        if c.get("value"):
            return str(c["value"])
    return str(entry.get("summary") or "")
