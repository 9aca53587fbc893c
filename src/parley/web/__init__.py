"""View models for the API and the web pages: event filters, timeline, network, map, article highlights.

Every function takes a merged :class:`~parley.records.Record` and returns plain JSON-able
data; the pages (``templates/``, ``static/``) render it. No page builds HTML from
article text on the client: the article view is rendered on the server with escaping.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from parley.records import Actor, Event, Mention, Record

WEB_DIR = Path(__file__).resolve().parent
MODALITIES = ("asserted", "planned", "hypothetical", "negated", "reported")


def corroboration(ev: Event) -> int:
    """How many independent reports back an event: the merge's count or its distinct articles."""
    return max(ev.corroboration or 1, len({m.article for m in ev.mentions}))


def event_bounds(ev: Event) -> tuple[str, str] | None:
    """The event's date range as two ISO dates (partial dates widened), or None when undated."""
    d = ev.date
    if d is None:
        return None
    start = _iso(d.start) or _iso(d.value)
    if not start:
        return None
    end = _iso(d.end) or start
    lo, hi = _pad(start, "-01-01"), _pad(end, "-12-31")
    return (lo, hi) if hi >= lo else (lo, lo)


_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _iso(value: str | None) -> str | None:
    """An ISO year, month or day (the first 10 characters), else None ("2025-W11", "PRESENT_REF")."""
    head = (value or "")[:10]
    return head if _ISO.fullmatch(head) else None


def _pad(value: str, tail: str) -> str:
    value = value[:10]
    if len(value) == 4:
        return value + tail
    if len(value) == 7:
        return value + ("-01" if tail == "-01-01" else "-31")
    return value


def actors_of(ev: Event) -> list[str]:
    return list(dict.fromkeys([*ev.sources, *ev.targets, *ev.participants]))


@dataclass
class EventFilter:
    type: list[str] = field(default_factory=list)
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    min_corroboration: int = 1
    article: str | None = None

    def accepts(self, ev: Event) -> bool:
        if self.type and ev.type not in self.type:
            return False
        if self.actor and self.actor not in actors_of(ev):
            return False
        if self.modality and ev.modality != self.modality:
            return False
        if corroboration(ev) < self.min_corroboration:
            return False
        if self.article and self.article not in {m.article for m in ev.mentions}:
            return False
        if self.since or self.until:
            bounds = event_bounds(ev)
            if bounds is None:
                return False
            if self.since and bounds[1] < self.since:
                return False
            if self.until and bounds[0] > self.until:
                return False
        return True


def filter_events(record: Record, flt: EventFilter) -> list[Event]:
    return [ev for ev in record.events if flt.accepts(ev)]


def names(record: Record) -> dict[str, str]:
    return {a.id: a.name for a in record.actors}


def evidence(record: Record, m: Mention, limit: int = 400) -> str | None:
    """The text a mention points at (cut to ``limit`` characters)."""
    for art in record.articles:
        if art.id == m.article:
            snippet = art.text[m.start:m.end]
            return snippet if len(snippet) <= limit else snippet[:limit] + "…"
    return None


def event_view(record: Record, ev: Event, who: dict[str, str] | None = None) -> dict[str, Any]:
    """An event as the API returns it: the contract's fields plus names, bounds, evidence text."""
    who = who if who is not None else names(record)
    out = ev.to_dict()
    bounds = event_bounds(ev)
    out["corroboration"] = corroboration(ev)
    out["bounds"] = {"start": bounds[0], "end": bounds[1]} if bounds else None
    out["actor_names"] = {a: who.get(a, a) for a in actors_of(ev)}
    out["evidence"] = [{**m.to_dict(), "text": evidence(record, m)} for m in ev.mentions]
    return out


def label(ev: Event, who: dict[str, str]) -> str:
    parties = [who.get(a, a) for a in actors_of(ev)][:3]
    return f"{ev.type} " + (", ".join(parties) if parties else "")


def timeline(record: Record, events: list[Event]) -> dict[str, Any]:
    """Dated events for the time axis plus the range, types and actors in view."""
    who = names(record)
    items: list[dict[str, Any]] = []
    for ev in events:
        bounds = event_bounds(ev)
        if bounds is None:
            continue
        items.append({
            "id": ev.id, "type": ev.type, "modality": ev.modality, "mode": ev.mode,
            "start": bounds[0], "end": bounds[1], "date_text": ev.date.text if ev.date else None,
            "corroboration": corroboration(ev), "label": label(ev, who), "actors": actors_of(ev),
            "article": ev.mentions[0].article if ev.mentions else None,
            "location": ev.location.name if ev.location else None,
        })
    items.sort(key=lambda i: (i["start"], i["id"]))
    return {
        "items": items,
        "undated": len(events) - len(items),
        "range": {"start": items[0]["start"], "end": max(i["end"] for i in items)} if items else None,
        "types": sorted({i["type"] for i in items}),
    }


def network(record: Record, events: list[Event]) -> dict[str, Any]:
    """Actors as nodes; one edge per actor pair that share events (sources x targets, else participants)."""
    by_id: dict[str, Actor] = {a.id: a for a in record.actors}
    edges: dict[tuple[str, str], list[str]] = {}
    degree: Counter[str] = Counter()
    for ev in events:
        pairs = [(s, t) for s in ev.sources for t in ev.targets if s != t]
        if not pairs:
            pairs = list(combinations(sorted(set(actors_of(ev))), 2))
        for a, b in pairs:
            edges.setdefault((a, b), []).append(ev.id)
        for a in actors_of(ev):
            degree[a] += 1
    nodes = [{"id": a, "name": by_id[a].name if a in by_id else a,
              "type": by_id[a].type if a in by_id else None, "events": n}
             for a, n in sorted(degree.items())]
    return {
        "nodes": nodes,
        "edges": [{"source": a, "target": b, "events": ids, "count": len(ids)} for (a, b), ids in sorted(edges.items())],
    }


def map_points(record: Record, events: list[Event]) -> dict[str, Any]:
    who = names(record)
    points = []
    for ev in events:
        loc = ev.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        points.append({"id": ev.id, "type": ev.type, "modality": ev.modality, "lat": loc.lat, "lon": loc.lon,
                       "place": loc.name, "country": loc.country, "corroboration": corroboration(ev),
                       "label": label(ev, who), "article": ev.mentions[0].article if ev.mentions else None})
    return {"points": points, "unplaced": len(events) - len(points)}


# -- the article view --------------------------------------------------------------

@dataclass
class Mark:
    kind: str  # actor | event | statement | timex | proposal | position
    fact: str
    start: int
    end: int
    title: str


def article_marks(record: Record, article_id: str) -> list[Mark]:
    """Every fact mention in one article, as (kind, fact id, offsets, tooltip)."""
    marks: list[Mark] = []
    for a in record.actors:
        marks += [Mark("actor", a.id, m.start, m.end, f"{a.name} ({a.type})")
                  for m in a.mentions if m.article == article_id]
    for kind, facts in (("event", record.events), ("statement", record.statements),
                        ("proposal", record.proposals), ("position", record.positions)):
        for f in facts:
            title = _fact_title(kind, f)
            marks += [Mark(kind, f.id, m.start, m.end, title) for m in f.mentions if m.article == article_id]
    for t in record.timexes:
        if t.article == article_id:
            marks.append(Mark("timex", f"{t.start}-{t.end}", t.start, t.end, f"{t.type} {t.value}"))
    return [m for m in marks if 0 <= m.start < m.end]


def _fact_title(kind: str, f: Any) -> str:
    if kind == "event":
        return f"{f.type} ({f.modality})"
    if kind == "statement":
        return f"quote by {f.speaker or 'unknown'}"
    if kind == "proposal":
        return f"proposal {f.name or ''}".strip()
    return f"{f.stance}: {f.about}"


def segments(text: str, marks: list[Mark]) -> list[dict[str, Any]]:
    """Cut the text at every mark boundary; each piece lists the marks that cover it."""
    cuts = sorted({0, len(text), *(min(m.start, len(text)) for m in marks), *(min(m.end, len(text)) for m in marks)})
    out = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        cover = [m for m in marks if m.start <= lo and hi <= m.end]
        out.append({
            "text": text[lo:hi], "start": lo, "end": hi,
            "kinds": sorted({m.kind for m in cover}),
            "facts": [f"{m.kind}:{m.fact}" for m in cover],
            "title": "; ".join(dict.fromkeys(m.title for m in cover)),
        })
    return out


def article_view(record: Record, article_id: str) -> dict[str, Any] | None:
    """The article, its highlighted segments, and the facts it supports (None if unknown)."""
    art = next((a for a in record.articles if a.id == article_id), None)
    if art is None:
        return None
    marks = article_marks(record, article_id)
    ids = {(m.kind, m.fact) for m in marks}
    who = names(record)

    def has(kind: str, fid: str) -> bool:
        return (kind, fid) in ids

    return {
        "article": art.to_dict(),
        "segments": segments(art.text, marks),
        "counts": dict(Counter(m.kind for m in marks)),
        "actors": [{"id": a.id, "name": a.name, "type": a.type, "role": a.role, "country": a.country}
                   for a in record.actors if has("actor", a.id)],
        "events": [event_view(record, e, who) for e in record.events if has("event", e.id)],
        "statements": [s.to_dict() | {"speaker_name": who.get(s.speaker or "", s.speaker)}
                       for s in record.statements if has("statement", s.id)],
        "proposals": [p.to_dict() for p in record.proposals if has("proposal", p.id)],
        "positions": [p.to_dict() for p in record.positions if has("position", p.id)],
        "timexes": [t.to_dict() for t in record.timexes if t.article == article_id],
    }
