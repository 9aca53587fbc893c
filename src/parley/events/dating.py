"""The date of an event mention: from the governing time expression, never silently the article date."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from parley.records import EventDate
from parley.timex.govern import dated_timexes

CLAUSE_DEPS = {"advcl", "xcomp", "conj", "relcl", "acl", "ccomp"}


def date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a TIMEX3 value covers (day, ISO week, month, year), or None."""
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        d = dt.date(*map(int, m.groups()))
        return d, d
    m = re.match(r"^(\d{4})-W(\d{2})", value)
    if m:
        d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return d, d + dt.timedelta(days=6)
    m = re.match(r"^(\d{4})-(\d{2})$", value)
    if m:
        d = dt.date(int(m[1]), int(m[2]), 1)
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return d, nxt - dt.timedelta(days=1)
    m = re.match(r"^(\d{4})$", value)
    if m:
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    return None


def event_date(value: str | None, text: str | None, anchor: dt.date | None = None) -> EventDate | None:
    """The event's date; "in the coming weeks" (FUTURE_REF) is an open range after the anchor."""
    if value in ("FUTURE_REF", "PAST_REF") and anchor is not None:
        after = value == "FUTURE_REF"
        start = (anchor + dt.timedelta(days=1)).isoformat() if after else None
        end = None if after else anchor.isoformat()
        return EventDate(value=value, start=start, end=end, text=text)
    rng = date_range(value)
    if rng is None:
        return None
    return EventDate(value=value, start=rng[0].isoformat(), end=rng[1].isoformat(), text=text)


def _attachment(span: Span) -> Token:
    """The first verb or noun a timex hangs from (outside the timex itself)."""
    t = span.root
    while t.head.i != t.i and (span.start <= t.head.i < span.end or t.head.pos_ in ("ADP", "ADV", "ADJ", "PART")):
        t = t.head
    return t.head


def governing_timex(doc: Doc, heads: list[Token]) -> Span | None:
    """The timex attached to one of ``heads`` (the trigger, its light verb), else to the clause above."""
    try:  # the time stage may provide its own helper
        from parley import timex as tx
        helper = getattr(tx, "governing_timex", None)
    except ImportError:  # pragma: no cover
        helper = None
    cands = dated_timexes(doc, heads[0].sent.start)
    for h in heads:  # a timex attached to the trigger or its clause verb first ("scheduled for 4 August")
        for s in cands:
            if _attachment(s).i == h.i or s.root.head.i == h.i:
                return s
    if helper is not None:
        for h in heads:
            found = helper(doc, h)
            if found is not None:
                return found  # type: ignore[no-any-return]
        return None
    top = heads[-1]
    if top.dep_ in CLAUSE_DEPS:  # "... later this week, when X travels": the governing clause's time
        for s in cands:
            if _attachment(s).i == top.head.i:
                return s
    return None


def present_tense(tok: Token) -> bool:
    """Is the clause in the present ("is already at ..., welcomed by")? Then it happens on the article date."""
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), tok)
    for t in (tok, verb):
        if t.tag_ in ("VBZ", "VBP"):
            return True
        if any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") and c.lower_ not in ("has", "have")
               for c in t.children):
            return True
    return False
