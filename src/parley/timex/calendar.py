"""Calendar arithmetic for TIMEX3 values: points at a granularity, shifting, formatting."""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, replace

# Granularities, coarse to fine.
GRANS = ("CE", "DE", "Y", "S", "Q", "M", "W", "D")
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class Point:
    """A calendar point at a granularity; ``day`` is its first day."""

    gran: str
    day: dt.date
    season: str | None = None
    part: str | None = None  # part of day: MO AF EV NI ...
    clock: str | None = None  # "HH:MM" or "HH"
    weekend: bool = False

    @property
    def last(self) -> dt.date:
        """The last day the point covers."""
        return end_of(self)

    def with_(self, **kw: object) -> Point:
        return replace(self, **kw)  # type: ignore[arg-type]


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, _cal.monthrange(y, m)[1]))


def add_years(d: dt.date, n: int) -> dt.date:
    y = d.year + n
    if not 1 <= y <= 9999:
        raise ValueError("year out of range")
    return dt.date(y, d.month, min(d.day, _cal.monthrange(y, d.month)[1]))


UNIT_DAYS = {"D": 1, "W": 7, "F": 14}
UNIT_MONTHS = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200, "ML": 12000, "S": 3}


def shift_date(d: dt.date, n: int, unit: str) -> dt.date:
    """``d`` moved by ``n`` units (D W F M Q Y DE CE S)."""
    if unit in UNIT_DAYS:
        return d + dt.timedelta(days=n * UNIT_DAYS[unit])
    if unit in UNIT_MONTHS:
        return add_months(d, n * UNIT_MONTHS[unit])
    return d


def start_of(d: dt.date, gran: str) -> dt.date:
    """The first day of the ``gran`` period containing ``d``."""
    if gran == "D":
        return d
    if gran == "W":
        return d - dt.timedelta(days=d.weekday())
    if gran == "M":
        return d.replace(day=1)
    if gran == "Q":
        return dt.date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if gran == "Y":
        return dt.date(d.year, 1, 1)
    if gran == "DE":
        return dt.date(max(1, d.year - d.year % 10), 1, 1)
    if gran == "CE":
        return dt.date(max(1, d.year - d.year % 100), 1, 1)
    return d


def end_of(p: Point) -> dt.date:
    if p.gran == "S":
        return add_months(p.day, 3) - dt.timedelta(days=1)
    if p.gran in UNIT_DAYS:
        return p.day + dt.timedelta(days=UNIT_DAYS[p.gran] - 1)
    return add_months(p.day, UNIT_MONTHS.get(p.gran, 0)) - dt.timedelta(days=1)


def point(d: dt.date, gran: str, **kw: object) -> Point:
    """The point of granularity ``gran`` containing ``d``."""
    return Point(gran, start_of(d, gran), **kw)  # type: ignore[arg-type]


def season_point(year: int, season: str) -> Point:
    """Season of a year; winter starts in December of the year before the next."""
    return Point("S", dt.date(year, SEASON_MONTH[season], 1), season=season)


def shift(p: Point, n: int, unit: str) -> Point:
    """``p`` moved by ``n`` units, keeping its granularity."""
    if p.gran == "S" and p.season:
        return season_point(p.day.year + n * (1 if unit == "Y" else 0), p.season) if unit == "Y" \
            else p
    return Point(p.gran, start_of(shift_date(p.day, n, unit), p.gran), part=p.part,
                 weekend=p.weekend)


def fmt(p: Point) -> str:
    """The TIMEX3 value of a point."""
    d = p.day
    if p.gran == "CE":
        return f"{d.year // 100:02d}"
    if p.gran == "DE":
        return f"{d.year // 10:03d}"
    if p.gran == "Y":
        return f"{d.year:04d}"
    if p.gran == "S":
        return f"{d.year:04d}-{p.season}"
    if p.gran == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if p.gran == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if p.gran == "W":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if p.weekend else "")
    base = d.isoformat()
    if p.clock:
        return f"{base}T{p.clock}"
    if p.part:
        return f"{base}T{p.part}"
    return base


def nth_weekday(year: int, month: int, n: int, weekday: int) -> dt.date:
    """The n-th (1-based, -1 = last) ISO weekday of a month."""
    days = [dt.date(year, month, d) for d in range(1, _cal.monthrange(year, month)[1] + 1)]
    hits = [d for d in days if d.isoweekday() == weekday]
    return hits[n - 1] if n > 0 else hits[n]


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def holiday_date(rule: str, year: int) -> dt.date | None:
    """The date of a holiday rule from the lexicon in ``year``."""
    if rule.startswith("easter"):
        off = int(rule[6:] or 0)
        return easter(year) + dt.timedelta(days=off)
    if rule.startswith("nth-weekday:"):
        _, m, n, w = rule.split(":")
        return nth_weekday(year, int(m), int(n), int(w))
    try:
        m, d = rule.split("-")
        return dt.date(year, int(m), int(d))
    except ValueError:
        return None
