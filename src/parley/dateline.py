"""Datelines ("ISTANBUL —", "Brussels –") become their own sentence before the parser runs.

The pattern is data (``data/dateline.yaml``). The component only sets sentence
starts; the text and its offsets are unchanged. ``dateline(doc)`` returns the
dateline span, if any, for stages that want the place it names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    data = yaml.safe_load(resources.files("parley").joinpath("data/dateline.yaml").read_text("utf-8"))
    pattern = data["pattern"]
    return re.compile("".join(pattern) if isinstance(pattern, list) else str(pattern))


def dateline_spans(doc: Doc) -> list[Span]:
    """The dateline at the start of each paragraph (at most the first 60 characters of it)."""
    out = []
    for m in _pattern().finditer(doc.text):
        if m.end() - m.start() > 60:
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is not None and len(span) and span.end < len(doc):
            out.append(span)
    return out


@Language.component("parley_dateline", assigns=["token.is_sent_start"])
def dateline_component(doc: Doc) -> Doc:
    """Start a new sentence after each dateline; keep the dateline tokens together."""
    for span in dateline_spans(doc):
        for tok in span[1:]:
            tok.is_sent_start = False
        doc[span.end].is_sent_start = True
    return doc


_FINAL = (".", "!", "?", '"', "\u201d", "\u2019", ":", ";", ")")


@Language.component("parley_segment", assigns=["token.is_sent_start"])
def segment_component(doc: Doc) -> Doc:
    """Start a sentence after a paragraph break: a blank line, or a line break after a line
    that ends a sentence. Hard-wrapped lines (a break inside a sentence) are left alone."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.is_space or "\n" not in prev.text_with_ws and not (prev.is_space and "\n" in prev.text):
            continue
        before = doc[prev.i - 1] if prev.is_space and prev.i > 0 else prev
        if "\n\n" in prev.text_with_ws or (prev.is_space and "\n\n" in prev.text) or before.text.endswith(_FINAL):
            tok.is_sent_start = True
    return doc


@Language.component("parley_sentcache", requires=["token.is_sent_start"])
def sentcache_component(doc: Doc) -> Doc:
    """Compute the sentences once after the parser and answer ``doc.sents``, ``span.sent`` and
    ``token.sent`` from that list (spaCy's user hooks); spaCy otherwise rescans the document on each call."""
    sents = list(doc.sents)
    index = [0] * len(doc)
    for k, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            index[i] = k
    doc.user_hooks["sents"] = lambda _doc: iter(sents)
    doc.user_token_hooks["sent"] = lambda tok: sents[index[tok.i]]
    doc.user_span_hooks["sent"] = lambda span: sents[index[span.start]] if len(span) else sents[index[min(span.start, len(index) - 1)]]
    return doc
