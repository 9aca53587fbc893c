"""Story views of the merged record: a timeline of events and the list of disagreements.

``timeline(record, actor, since) -> list[TimelineEntry]`` and
``conflicts(record) -> list[ConflictEntry]``; ``parley show timeline`` and
``parley show conflicts`` print them.
"""

from __future__ import annotations

import datetime as dt
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
    change: str | None  # "new" | "updated" (mentions from the latest ingest date) | None

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


def _change(ev: Event, latest: str | None, ingest: dict[str, str | None]) -> str | None:
    """new: every mention comes from the latest ingest date; updated: some do."""
    if latest is None or len({d for d in ingest.values() if d}) < 2:
        return None
    fresh = [ingest.get(m.article) == latest for m in ev.mentions]
    if fresh and all(fresh):
        return "new"
    return "updated" if any(fresh) else None


def timeline(record: Record, actor: str | None = None, since: dt.date | None = None) -> list[TimelineEntry]:
    """Merged events in date order (undated last), optionally for one actor and from a date on."""
    latest, ingest = _latest_ingest(record)
    out = []
    for ev in record.events:
        if actor and actor not in {*ev.sources, *ev.targets, *ev.participants}:
            continue
        rng = date_range(ev.date)
        if since and (rng is None or rng[1] < since):
            continue
        out.append(TimelineEntry(ev, rng[0] if rng else None, rng[1] if rng else None,
                                 ev.modality in PLANNED, _change(ev, latest, ingest)))
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
