"""Datelines ("ISTANBUL —", "Brussels –") become their own sentence before the parser runs.

The pattern is data (``data/dateline.yaml``). The component only sets sentence
starts; the text and its offsets are unchanged. ``dateline(doc)`` returns the
dateline span, if any, for stages that want the place it names.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

import yaml
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from parley.nlp import doc_text


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    data = yaml.safe_load(resources.files("parley").joinpath("data/dateline.yaml").read_text("utf-8"))
    pattern = data["pattern"]
    return re.compile("".join(pattern) if isinstance(pattern, list) else str(pattern))


def dateline_spans(doc: Doc) -> list[Span]:
    """The dateline at the start of each paragraph (at most the first 60 characters of it)."""
    out = []
    for m in _pattern().finditer(doc_text(doc)):
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
    for i in _newline_tokens(doc):
        prev = doc[i]
        if i + 1 >= len(doc):
            continue
        tok = doc[i + 1]
        if tok.is_space:
            continue
        before = doc[i - 1] if prev.is_space and i > 0 else prev
        if "\n\n" in prev.text_with_ws or before.text.endswith(_FINAL):
            tok.is_sent_start = True
    return doc


def _newline_tokens(doc: Doc) -> list[int]:
    """Indices (ascending) of the tokens whose text holds a line break, found from the text
    instead of visiting every token (trailing whitespace is a space, never a line break)."""
    text = doc_text(doc)
    if "\n" not in text:
        return []
    starts = doc.to_array(IDX).tolist()
    out: list[int] = []
    pos = text.find("\n")
    while pos != -1:
        i = bisect_right(starts, pos) - 1
        if not out or out[-1] != i:
            out.append(i)
        pos = text.find("\n", pos + 1)
    return out


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
