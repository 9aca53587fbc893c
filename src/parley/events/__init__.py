"""Events: PLOVER-coded, with mode, modality, date, place and actors (component ``parley_events``).

``extract_events(doc) -> list[Event]`` is the public entry point; the spaCy component writes its
result to ``doc._.events``. Triggers, PLOVER types/modes/CAMEO codes and modality cues are data in
``parley/data/events/``; see ``docs/events.md``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from parley.events.coref import Cluster, best_date, best_place, cluster
from parley.events.extract import EventMention, lead_place, mentions
from parley.events.lexicon import cameo
from parley.events.tokens import span_text
from parley.places import Place
from parley.records import Event, Location, Mention

__all__ = ["extract_events", "events_component", "explain"]

MODALITY_RANK = ["negated", "hypothetical", "planned", "reported", "asserted"]
# Mentions of one event: if one mention asserts it, the article asserts it (negated/hypothetical mentions
# never merge with the others, planned ones only by reference back).
MERGE_RANK = ["asserted", "reported", "planned", "hypothetical", "negated"]


def _ids(ms: list[Any]) -> list[str]:
    seen: list[str] = []
    for m in ms:
        if m.actor_id not in seen:
            seen.append(m.actor_id)
    return seen


def _actors(c: Cluster) -> tuple[list[str], list[str], list[str]]:
    sources = _ids([a for m in c.mentions for a in m.sources])
    targets = [t for t in _ids([a for m in c.mentions for a in m.targets]) if t not in sources]
    parts = [p for p in _ids([a for m in c.mentions for a in m.participants]) if p not in sources + targets]
    return sources, targets, parts


def _host_place(c: Cluster, doc: Doc) -> tuple[Location, str] | None:
    """A visit hosted by a state's leader with no place given happens in the host's country."""
    from parley import places

    head = c.head
    if head.mode != "host" or not head.sources:
        return None
    actor = (doc._.actors or {}).get(head.sources[0].actor_id)
    country = getattr(actor, "country", None) or (getattr(actor, "name", None) if getattr(actor, "type", "") == "state" else None)
    p = places.resolve(country) if country else None
    if p is None:
        return None
    return p.location(None), f"host's country ({head.sources[0].text})"


def _location(c: Cluster, doc: Doc, date_value: str | None) -> tuple[Location | None, str | None]:
    best = best_place(c)
    if best is not None and best.place is not None:
        return best.place.location(best.place_text), best.place_rule
    occ = best_place(c.occasion) if c.occasion is not None else None
    if occ is not None and occ.place is not None:
        return occ.place.location(occ.place_text), f"same occasion as '{occ.tok.text}' (previous sentence)"
    host = _host_place(c, doc)
    if host is not None:
        return host
    dateline: Place | None = lead_place(doc)
    published = doc._.published
    if dateline is not None and published is not None and date_value == published.isoformat() \
            and c.head.trig.type != "x-TRAVEL":
        return dateline.location(None), "dateline (an event of the article's day, no place given)"
    return None, None


def _explain(c: Cluster, loc_rule: str | None, date_m: EventMention | None) -> dict[str, Any]:
    h = c.head
    return {
        "trigger": h.tok.text, "trigger_lemma": h.trig.label, "lexicon_line": h.trig.line,
        "rule": h.rule, "sentence": span_text(h.tok.doc, h.span.start, h.span.end),
        "modality_cue": h.modality_cue or None,
        "date_from": (date_m.date_rule if date_m in c.mentions else f"same occasion as '{date_m.tok.text}': "
                      f"{date_m.date_rule}") if date_m else None,
        "place_from": loc_rule,
        "actors_from": {a.actor_id: f"{a.rule}: '{a.text}'" for m in c.mentions
                        for a in m.sources + m.targets + m.participants},
        "mentions": [{"trigger": m.tok.text, "rule": m.rule, "start": m.tok.idx, "end": m.tok.idx + len(m.tok.text)}
                     for m in c.mentions],
    }


def to_event(c: Cluster, doc: Doc, n: int) -> Event:
    h = c.head
    date_m = best_date(c) or (best_date(c.occasion) if c.occasion is not None else None)
    date = date_m.date if date_m else None
    loc, loc_rule = _location(c, doc, date.value if date else None)
    sources, targets, parts = _actors(c)
    modality = min((m.modality for m in c.mentions if not m.anaphoric), key=MERGE_RANK.index, default=h.modality)
    mode = next((m.mode for m in c.mentions if m.mode), None)
    if mode is None and h.trig.type == "CONSULT" and any(m.notes.get("hosted") for m in c.mentions):
        mode = "third-party"  # "talks in X hosted by Y"
    aid = doc._.article_id or "a1"
    return Event(
        id=f"{aid}-e{n}", type=h.trig.type, mode=mode, cameo=cameo(h.trig.type, mode), modality=modality,
        date=date, location=loc, sources=sources, targets=targets, participants=parts,
        mentions=[Mention(aid, m.span.start_char, m.span.end_char, m.tok.text) for m in c.mentions],
        trigger=h.tok.text, rule=h.rule, confidence=None, explain=_explain(c, loc_rule, date_m),
    )


def _occasion(c: Cluster, before: list[Cluster]) -> Cluster | None:
    """"X and Y signed ... at the White House on Friday. Z hosted the two leaders": an asserted past event
    with no date or place of its own, told in the next sentence with a shared actor, is of the same occasion."""
    if best_date(c) is not None or best_place(c) is not None or c.head.modality != "asserted" \
            or c.head.clause.tag_ != "VBD":
        return None
    sent = c.head.tok.sent
    prev_start = sent.doc[sent.start - 1].sent.start if sent.start > 0 else -1
    for p in reversed(before):
        starts = {m.tok.sent.start for m in p.mentions}
        dated, placed = best_date(p), best_place(p)
        if (sent.start in starts or prev_start in starts) and dated and placed and p.head.modality == "asserted" \
                and p.actor_ids() & c.actor_ids():
            return p
    return None


def extract_events(doc: Doc) -> list[Event]:
    """Every event the article reports, one per real-world event, in order of first mention."""
    clusters = cluster(mentions(doc))
    for i, c in enumerate(clusters):
        c.occasion = _occasion(c, clusters[:i])
    return [to_event(c, doc, i) for i, c in enumerate(clusters, 1)]


@Language.component("parley_events", requires=["doc.spans"], assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    doc._.events = extract_events(doc)
    return doc


def explain(event: Event) -> Any:
    """A rich renderable telling why an event was coded (see ``parley explain``)."""
    from parley.events.explain import render

    return render(event)
