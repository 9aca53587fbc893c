"""Ingest: URLs, feeds, HTML, WARC, JSON Lines, text, directories and stdin to cleaned articles.

``iter_inputs(sources, feeds=()) -> Iterator[ArticleInput | ItemError]``: every item is
either a clean article (``language`` set; non-English ones are for the caller to flag,
E013) or a coded error for that item; nothing raises out of it.
"""

from __future__ import annotations

from parley.ingest.decode import MAX_BYTES, content_hash, decode_bytes, decode_html
from parley.ingest.extract import Extracted, build_article, extract_html, html_to_article, text_to_article
from parley.ingest.feeds import iter_feed
from parley.ingest.language import detect_language
from parley.ingest.sources import iter_inputs

__all__ = [
    "MAX_BYTES", "Extracted", "build_article", "content_hash", "decode_bytes", "decode_html",
    "detect_language", "extract_html", "html_to_article", "iter_feed", "iter_inputs", "text_to_article",
]
