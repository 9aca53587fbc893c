"""Story views of the merged record: a timeline of events and the list of disagreements.

``timeline(record, actor, since, fresh) -> list[TimelineEntry]`` and
``conflicts(record) -> list[ConflictEntry]``; ``parley show timeline`` and
``parley show conflicts`` print them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from parley.merge import date_range
from parley.records import Event, Record

PLANNED = {"planned", "hypothetical"}


@dataclass
class TimelineEntry:
    event: Event
    start: dt.date | None
    end: dt.date | None
    planned: bool
    change: str | None  # "new" | "updated" (mentions from the latest run, or ingest date) | None

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event.id, "type": self.event.type, "modality": self.event.modality,
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
                "planned": self.planned, "corroboration": self.event.corroboration, "change": self.change}


@dataclass
class ConflictEntry:
    kind: str  # events | proposals
    fact: str
    field: str
    values: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "fact": self.fact, "field": self.field, "values": self.values}


def _latest_ingest(record: Record) -> tuple[str | None, dict[str, str | None]]:
    by_article = {a.id: a.ingest_date for a in record.articles}
    dates = [d for d in by_article.values() if d]
    return (max(dates) if dates else None), by_article


def _fresh_by_ingest(record: Record) -> set[str]:
    """Articles of the latest ingest date (none when every article shares one date)."""
    latest, ingest = _latest_ingest(record)
    if latest is None or len({d for d in ingest.values() if d}) < 2:
        return set()
    return {aid for aid, d in ingest.items() if d == latest}


def _change(ev: Event, fresh: Collection[str]) -> str | None:
    """new: every mention comes from a fresh article; updated: some do."""
    marks = [m.article in fresh for m in ev.mentions]
    if marks and all(marks):
        return "new"
    return "updated" if any(marks) else None


def timeline(record: Record, actor: str | None = None, since: dt.date | None = None,
             fresh: Collection[str] | None = None) -> list[TimelineEntry]:
    """Merged events in date order (undated last), optionally for one actor and from a date on.

    ``fresh``: ids of the articles stored since the previous run (the latest run's); events
    whose mentions all come from them are "new", some "updated". Nothing is marked when
    every article of the record is fresh (no earlier state). Without ``fresh``, the
    articles of the latest ingest date stand in for them.
    """
    fresh = _fresh_by_ingest(record) if fresh is None else set(fresh)
    if {a.id for a in record.articles} <= fresh:
        fresh = set()
    out = []
    for ev in record.events:
        if actor and actor not in {*ev.sources, *ev.targets, *ev.participants}:
            continue
        rng = date_range(ev.date)
        if since and (rng is None or rng[1] < since):
            continue
        out.append(TimelineEntry(ev, rng[0] if rng else None, rng[1] if rng else None,
                                 ev.modality in PLANNED, _change(ev, fresh)))
    out.sort(key=lambda t: (t.start is None, t.start or dt.date.max, t.end or dt.date.max, t.event.id))
    return out


def conflicts(record: Record) -> list[ConflictEntry]:
    """Every field where merged sources disagree, with the values and the articles behind each."""
    out = []
    for kind, facts in (("events", record.events), ("proposals", record.proposals)):
        for fact in facts:
            for c in fact.conflicts:
                out.append(ConflictEntry(kind, fact.id, str(c.get("field")), list(c.get("values", []))))
    return out
