"""Within-article event coreference: mentions of one event become one cluster (precision first)."""

from __future__ import annotations

from parley.events.dating import date_range
from parley.events.extract import EventMention
from parley.places import compatible, more_specific


def _dates_ok(a: EventMention, b: EventMention) -> bool:
    ra = date_range(a.date.value) if a.date else None
    rb = date_range(b.date.value) if b.date else None
    return ra is None or rb is None or (ra[0] <= rb[1] and rb[0] <= ra[1])


def _same_kind(a: EventMention, b: EventMention) -> bool:
    neg = {"negated", "hypothetical"}
    return a.trig.type == b.trig.type and ((a.modality in neg) == (b.modality in neg))


class Cluster:
    def __init__(self, m: EventMention) -> None:
        self.mentions = [m]
        self.occasion: Cluster | None = None  # an event of the same occasion lending its date/place

    @property
    def head(self) -> EventMention:
        return self.mentions[0]

    def actor_ids(self) -> set[str]:
        return set().union(*(m.actor_ids for m in self.mentions))

    def place_ok(self, m: EventMention) -> bool:
        return all(compatible(x.place, m.place) for x in self.mentions)

    def has_place(self) -> bool:
        return any(x.place for x in self.mentions)

    def compatible(self, m: EventMention) -> bool:
        return all(_same_kind(x, m) and _dates_ok(x, m) for x in self.mentions) and self.place_ok(m)

    def add(self, m: EventMention) -> None:
        self.mentions.append(m)


def _antecedent(clusters: list[Cluster], m: EventMention) -> Cluster | None:
    """For "the meeting": a compatible earlier event; one whose place matches first, then the lead event."""
    cands = [c for c in clusters if c.compatible(m)]
    if not cands:
        return None
    if m.place is not None:
        placed = [c for c in cands if c.has_place()]
        return placed[-1] if placed else None
    shared = [c for c in cands if c.actor_ids() & m.actor_ids]
    return (shared or cands)[0]


def _tense_ok(c: Cluster, m: EventMention) -> bool:
    """A planned event and one that happened are two events (unless one refers back to the other)."""
    planned = m.modality == "planned"
    return all((x.modality == "planned") == planned for x in c.mentions if not x.anaphoric)


def _channel_ok(c: Cluster, m: EventMention) -> bool:
    """A phone call and a meeting in person are two events."""
    return all((x.mode == "phone") == (m.mode == "phone") for x in c.mentions if not x.anaphoric)


def _follow_up_ok(c: Cluster, m: EventMention) -> bool:
    """"Their next meeting in Moscow" takes later mentions only when they name its place."""
    if not c.head.notes.get("follow_up"):
        return True
    return m.place is not None and c.place_ok(m) and c.has_place()


def _same_event(c: Cluster, m: EventMention) -> bool:
    if not c.compatible(m) or not _tense_ok(c, m) or not _channel_ok(c, m) or not _follow_up_ok(c, m) \
            or m.notes.get("follow_up") or any(x is m.notes.get("donor") or m is x.notes.get("donor") for x in c.mentions):
        return False
    if c.actor_ids() & m.actor_ids:
        return True
    both_placed = c.has_place() and m.place is not None
    return both_placed and m.trig.type == "x-TRAVEL"


def cluster(ms: list[EventMention]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for m in ms:
        if m.anaphoric:
            target = _antecedent(clusters, m)
            if target is not None:
                target.add(m)
            continue  # an anaphor with nothing to refer to is not coded
        if m.notes.get("follow_up") and (m.place or m.date):
            _follow_up(clusters, m)
        if not m.actor_ids:
            continue  # no actor, no event
        same = next((c for c in clusters if _same_event(c, m)), None)
        if same is not None:
            same.add(m)
        else:
            clusters.append(Cluster(m))
    return clusters


def best_place(c: Cluster) -> EventMention | None:
    placed = [m for m in c.mentions if m.place is not None]
    if not placed:
        return None
    best = placed[0]
    for m in placed[1:]:
        if best.place is not None and m.place is not None and more_specific(m.place, best.place) is m.place \
                and m.place != best.place:
            best = m
    return best


def best_date(c: Cluster) -> EventMention | None:
    dated = [m for m in c.mentions if m.date is not None]
    if not dated:
        return None
    def width(m: EventMention) -> int:
        r = date_range(m.date.value) if m.date else None
        return (r[1] - r[0]).days if r else 10**6
    return min(dated, key=width)


def _follow_up(clusters: list[Cluster], m: EventMention) -> None:
    """"The next round of talks": the parties of the latest event of the same type."""
    prev = next((c for c in reversed(clusters) if c.head.trig.type == m.trig.type), None)
    if prev is None:
        return
    m.sources = m.sources + [a for x in prev.mentions for a in x.sources]
    m.targets = m.targets + [a for x in prev.mentions for a in x.targets]
    m.rule += f"; parties of the previous '{prev.head.tok.text}'"
