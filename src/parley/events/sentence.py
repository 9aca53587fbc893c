"""Code one sentence with its one most confident event: the path ``parley eval plover`` measures.

The sentence is parsed, events are extracted by the same rules as in articles (``extract_events``), and
the trained classifier (if shipped) decides the type of the sentence's main event; without it the
extracted event's lexicon type is the answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language

from parley.events import classifier as C
from parley.records import Event

YIELD = {"RETREAT", "CONCEDE", "YIELD"}


@dataclass
class Coding:
    type: str | None
    event: Event | None
    n_events: int
    source_text: str | None
    target_text: str | None
    rule: str


@lru_cache(maxsize=1)
def parser() -> Language:
    import spacy

    from parley.nlp import MODEL

    return spacy.load(MODEL)


def _texts(doc_text: str, ev: Event, role: str) -> str:
    return " ".join(str(v) for v in ev.explain.get("actors_from", {}).values()) if ev else ""


def _pick(events: list[Event], ex: C.Example) -> Event | None:
    """Prefer the event whose actors' surface text overlaps the gold source/target."""
    if not events:
        return None
    want = [ex.text[a:b].lower() for a, b in (s for s in (ex.source, ex.target) if s)]
    def score(ev: Event) -> int:
        got = " ".join(ev.explain.get("actors_from", {}).values()).lower()
        return sum(1 for w in want if any(part in got for part in w.split() if len(part) > 3))
    return max(events, key=score)


def code(examples: Iterable[C.Example], batch_size: int = 64) -> Iterator[Coding]:
    from parley.events import extract_events

    nlp = parser()
    model = C.load()
    exs = list(examples)
    docs = list(nlp.pipe([e.text for e in exs], batch_size=batch_size))
    preds = model.predict([C.views(d, e) for d, e in zip(docs, exs, strict=True)]) if model else None
    for i, (doc, ex) in enumerate(zip(docs, exs, strict=True)):
        doc._.article_id, doc._.published = f"s{i}", None
        events = extract_events(doc)
        ev = _pick(events, ex)
        typ, rule = (preds[i][0], "classifier") if preds else ((ev.type, "lexicon") if ev else (None, "none"))
        src = ex.text[ex.source[0]:ex.source[1]] if ex.source else None
        tgt = ex.text[ex.target[0]:ex.target[1]] if ex.target else None
        yield Coding(typ, ev, len(events), src, tgt, rule)
