"""The publication date implied by an undated article's own text.

Evidence is a day relative to the writing date paired with an explicit date:
"Yesterday (30 November)", "today, Monday 1 December", "tomorrow, 2 December".
The writing date is that date minus the offset, in the latest year at or before
the ingest date that agrees with any weekday given (and, among those, with the
most weekday+date pairs elsewhere in the text, such as "on Friday 28 November").
"""

from __future__ import annotations

import datetime as dt
import re

from parley.timex.engine import Match, find

GAP = re.compile(r"^\s*(?:[(\[,\u2013\u2014-]\s*)?(?:on\s+)?$")
YEARS_BACK = 7


def _pairs(ms: list[Match], text: str) -> list[tuple[int, Match]]:
    """(offset in days, explicit date) for each relative day followed by its date."""
    out = []
    for a, b in zip(ms, ms[1:], strict=False):
        if a.kind == "deictic" and "offset" in a.parts and b.kind == "date" \
                and "day" in b.parts and GAP.match(text[a.end:b.start]):
            out.append((a.parts["offset"], b))
    return out


def _date(m: Match, year: int) -> dt.date | None:
    try:
        return dt.date(m.parts.get("year", year), m.parts["month"], m.parts["day"])
    except ValueError:
        return None


def _weekday_ok(m: Match, year: int) -> bool:
    d = _date(m, year)
    return d is not None and ("weekday" not in m.parts or d.isoweekday() == m.parts["weekday"])


def _support(ms: list[Match], year: int) -> int:
    """How many weekday+date mentions in the text fit ``year``."""
    return sum(1 for m in ms if "weekday" in m.parts and "day" in m.parts and "year" not in m.parts
               and _weekday_ok(m, year))


def infer_published(text: str, ingest_date: dt.date) -> dt.date | None:
    """The publication date implied by the text itself (e.g. "Yesterday (30 November)"), or None."""
    ms = find(text, None, None)
    for offset, m in _pairs(ms, text):
        cands = []
        for year in range(ingest_date.year, ingest_date.year - YEARS_BACK, -1):
            d = _date(m, year)
            if d is None or not _weekday_ok(m, year):
                continue
            pub = d - dt.timedelta(days=offset)
            if pub <= ingest_date:
                cands.append((_support(ms, year), pub))
            if "year" in m.parts:
                break
        if cands:
            best = max(c[0] for c in cands)
            return next(pub for score, pub in cands if score == best)
    return None
