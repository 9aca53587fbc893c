"""Time expressions: find and normalise them (TIMEX3), anchored on the publication date.

Public entry points:

* :func:`normalise` ``(text, anchor, article_id) -> list[Timex]``;
* the spaCy component ``parley_timex`` (``doc.spans["timexes"]``);
* :func:`infer_published` ``(text, ingest_date) -> date | None``;
* :func:`governing_timex` ``(doc, token_or_span) -> Span | None`` for event dates.

Vocabularies and patterns live in ``parley/data/time/``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from parley.nlp import doc_text
from parley.records import Timex
from parley.timex.engine import Match, find, value_of
from parley.timex.govern import governing_timex
from parley.timex.published import infer_published

__all__ = ["normalise", "normalise_doc", "timex_component", "infer_published", "governing_timex",
           "find"]


@lru_cache(maxsize=1)
def _parser() -> Language:
    """The spaCy model without NER, for tense when a plain text is given."""
    from parley.nlp import MODEL

    return spacy.load(MODEL, exclude=["ner"])


def _to_timex(m: Match, article_id: str) -> Timex:
    return Timex(article=article_id, start=m.start, end=m.end, text=m.text, type=m.type,
                 value=value_of(m), mod=m.mod, rule=m.rule)


def normalise_doc(doc: Doc, anchor: dt.date | None, article_id: str = "") -> list[Timex]:
    """Every time expression of a parsed ``doc`` (the parse gives each its tense)."""
    return [_to_timex(m, article_id) for m in find(doc_text(doc), anchor, doc)]


def normalise(text: str, anchor: dt.date | None, article_id: str = "", parse: bool = True) -> list[Timex]:
    """Every time expression in ``text`` with its TIMEX3 type and value.

    With ``parse`` the text is parsed with the spaCy model to read tense; without
    it, tense is unknown and partial dates take the nearest occurrence.
    """
    doc = _parser()(text) if parse and text.strip() else None
    return [_to_timex(m, article_id) for m in find(text, anchor, doc)]


@Language.component("parley_timex", assigns=["doc.spans"])
def timex_component(doc: Doc) -> Doc:
    """Set ``doc.spans["timexes"]`` with ``span._.timex``, ``timex_value``, ``timex_type``."""
    anchor = doc._.published if Doc.has_extension("published") else None
    article_id = (doc._.article_id if Doc.has_extension("article_id") else None) or ""
    spans = []
    for m in find(doc_text(doc), anchor, doc if doc.has_annotation("DEP") else None):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        tx = _to_timex(m, article_id)
        if Span.has_extension("timex"):
            span._.timex = tx
            span._.timex_value = tx.value
            span._.timex_type = tx.type
        spans.append(span)
    doc.spans["timexes"] = spans
    return doc

