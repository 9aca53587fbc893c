"""Actors: a registry of states, organisations, groups and people, and the ``parley_actors`` component
that links every mention in an article to one identity.

Public entry points: the ``parley_actors`` spaCy component (:class:`ActorLinker`), :func:`actor_at`,
:func:`resolve_text`, :func:`default_registry`, :func:`parley.actors.importer.import_file` and
:func:`parley.actors.explain.explain`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from parley.actors.linker import ActorLinker, make_actor_linker
from parley.actors.registry import Entry, Registry, default_registry, load_registry, slug

__all__ = ["ActorLinker", "Entry", "Registry", "actor_at", "default_registry", "load_registry",
           "make_actor_linker", "resolve_text", "slug"]


def actor_at(doc: Doc, where: Token | Span) -> str | None:
    """The actor id of the mention covering ``where`` (a token, or a span's head token), or None."""
    tok = where.root if isinstance(where, Span) else where
    best: Span | None = None
    for span in doc.spans.get("actors", []):
        if span.start <= tok.i < span.end and (best is None or len(span) < len(best)):
            best = span
    if best is None and isinstance(where, Span):
        for span in doc.spans.get("actors", []):
            if span.start < where.end and where.start < span.end:
                return span._.actor_id
    return best._.actor_id if best is not None else None


def resolve_text(text: str, doc: Doc) -> str | None:
    """The actor id a name/description denotes in ``doc``: a mention with that exact text, else a
    registry alias, else None."""
    for span in doc.spans.get("actors", []):
        if span.text == text or span.text.lower() == text.lower():
            return span._.actor_id
    hits = default_registry().alias_index.get(text, [])
    return hits[0][0] if len({h[0] for h in hits}) == 1 else None
