"""Normalisers: from a pattern match to a TIMEX3 type and value, anchored on the article date.

Each pattern ``kind`` in patterns.yaml names a resolver here. A resolver gets the
match and the context (anchor, tense of the governing verb, what the document
mentioned last) and returns ``(type, value)``, or ``None`` to drop the match.
Anchoring rules (news conventions, tuned on TimeBank/AQUAINT):

* a weekday or partial date takes the occurrence before the anchor in a past
  clause, after it in a future clause, the nearest one otherwise;
* "last/next/this" + unit is the calendar unit before/after/containing the anchor;
* "N units ago" counts back from the anchor, "N units earlier/later" from the
  last date the text mentioned;
* "the quarter", "a year ago" in an article about a quarter refer to that quarter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from parley.timex import calendar as cal
from parley.timex.calendar import Point
from parley.timex.lexicon import lookup

Result = tuple[str, str | None]


@dataclass
class Match:
    """A candidate timex: extent, the pattern that found it and its groups."""

    start: int
    end: int
    text: str
    kind: str
    type: str
    rule: str
    groups: dict[str, str]
    left: str = ""
    right: str = ""
    mod: str | None = None
    modword: str | None = None
    tense: str | None = None
    point: Point | None = None  # the calendar point it denotes, if any
    parts: dict[str, int] = field(default_factory=dict)  # year/month/day/weekday as written


@dataclass
class Context:
    anchor: dt.date | None
    ref: Point | None = None  # last absolute date mentioned (for "that day", "a year earlier")
    quarter: Point | None = None  # last quarter mentioned


# ---------------------------------------------------------------- helpers

def num_value(word: str | None) -> int | float | str | None:
    """An integer (or "X" for fuzzy amounts) from digits or number words."""
    if not word:
        return None
    w = word.lower().replace(",", "").strip()
    half = re.fullmatch(r"(\d+)\s+1/2", w)
    if half:
        return int(half.group(1)) + 0.5
    if re.fullmatch(r"\d+(\.\d+)?", w):
        f = float(w)
        return int(f) if f.is_integer() else f
    val = lookup("numbers", w)
    if val is not None:
        return val  # type: ignore[no-any-return]
    parts = re.split(r"[\s-]+", w)
    if len(parts) == 2:
        a, b = lookup("numbers", parts[0]), lookup("numbers", parts[1])
        if isinstance(a, int) and isinstance(b, int):
            return a + b if a >= 20 and b < 10 else a * b if b == 100 else None
    return None


def month_of(word: str | None) -> int | None:
    if not word:
        return None
    if word.isdigit():
        return int(word)
    v = lookup("months", word)
    return int(v) if v is not None else None


def weekday_of(word: str | None) -> int | None:
    v = lookup("weekdays", word) if word else None
    return int(v) if v is not None else None


def day_of(word: str | None) -> int | None:
    return int(re.sub(r"\D", "", word)) if word else None


def year_of(word: str | None) -> int | None:
    if not word:
        return None
    y = int(re.sub(r"\D", "", word))
    if y < 100:
        y += 1900 if y >= 40 else 2000
    return y


def pick(anchor: dt.date, make: Callable[[int], Point | None], tense: str | None) -> Point | None:
    """The occurrence (one year before, of, or after the anchor) that fits the tense."""
    cands = [p for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (p := make(y))]
    if not cands:
        return None
    if tense == "past":
        before = [p for p in cands if p.day <= anchor]
        return max(before, key=lambda p: p.day) if before else cands[0]
    if tense == "future":
        after = [p for p in cands if p.last >= anchor]
        return min(after, key=lambda p: p.day) if after else cands[-1]

    def dist(p: Point) -> int:
        if p.day <= anchor <= p.last:
            return 0
        return min(abs((p.day - anchor).days), abs((p.last - anchor).days))

    return min(cands, key=lambda p: (dist(p), p.day > anchor))


TENSE_WINDOW = 300  # days: tense overrides the nearest reading only this close (TBAQ: 150->.791, 300->.798, always->.790)


def pick_near(anchor: dt.date, make: Callable[[int], Point | None], tense: str | None) -> Point | None:
    """The nearest occurrence, unless the tense points to one no further than TENSE_WINDOW."""
    near = pick(anchor, make, None)
    if tense not in ("past", "future") or near is None:
        return near
    by_tense = pick(anchor, make, tense)
    if by_tense is not None and abs((by_tense.day - anchor).days) <= TENSE_WINDOW:
        return by_tense
    return near


def weekday_near(anchor: dt.date, wd: int, tense: str | None, rel: str | None) -> dt.date:
    back = anchor - dt.timedelta(days=(anchor.isoweekday() - wd) % 7)
    fwd = anchor + dt.timedelta(days=(wd - anchor.isoweekday()) % 7)
    r = (rel or "").lower().split()
    if r and r[-1] in ("last", "past", "previous"):
        return back if back != anchor else back - dt.timedelta(days=7)
    if r and r[-1] in ("next", "coming", "following"):
        return fwd if fwd != anchor else fwd + dt.timedelta(days=7)
    if tense == "future":
        return fwd
    if tense == "present":
        return back if (anchor - back) <= (fwd - anchor) else fwd
    return back


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# ---------------------------------------------------------------- resolvers

def r_date(m: Match, ctx: Context) -> Result | None:
    g = m.groups
    month, day, year = month_of(g.get("month")), day_of(g.get("day")), year_of(g.get("year"))
    wd = weekday_of(g.get("weekday"))
    if month is None or not 1 <= month <= 12:
        return None
    m.parts = {k: v for k, v in (("year", year), ("month", month), ("day", day), ("weekday", wd))
               if v is not None}
    if m.rule == "month" and not _month_word_ok(m):
        return None
    if year is None and g.get("relyear") and ctx.anchor:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(g["relyear"].lower(), 0)
    if year is None and g.get("rel") and ctx.anchor:
        year = _rel_month_year(ctx.anchor, month, day, g["rel"])
    if year is not None:
        if day is None:
            m.point = cal.point(dt.date(year, month, 1), "M")
            return m.type, cal.fmt(m.point)
        d = _safe_date(year, month, day)
        if d is None:
            return None
        m.point = cal.point(d, "D")
        return m.type, d.isoformat()
    if ctx.anchor is None:
        return m.type, f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
    if day is None:
        m.point = pick_near(ctx.anchor, lambda y: cal.point(dt.date(y, month, 1), "M"), m.tense)
    elif wd is not None:
        m.point = _by_weekday(ctx.anchor, month, day, wd, m.tense)
    else:
        m.point = pick_near(ctx.anchor, lambda y: _day_point(y, month, day), m.tense)
    return (m.type, cal.fmt(m.point)) if m.point else None


def _day_point(y: int, month: int, day: int) -> Point | None:
    d = _safe_date(y, month, day)
    return cal.point(d, "D") if d else None


def _by_weekday(anchor: dt.date, month: int, day: int, wd: int, tense: str | None) -> Point | None:
    """A day-month whose weekday is given: the year (within 6 around the anchor) where it fits."""
    for off in (0, -1, 1, -2, 2, -3, 3, -4, -5, -6):
        d = _safe_date(anchor.year + off, month, day)
        if d and d.isoweekday() == wd:
            return cal.point(d, "D")
    return pick(anchor, lambda y: _day_point(y, month, day), tense)


def _rel_month_year(anchor: dt.date, month: int, day: int | None, rel: str) -> int:
    r = rel.lower().split()[-1]
    here = (month, day or 1) if day else (month, 0)
    now = (anchor.month, anchor.day) if day else (anchor.month, 0)
    if r in ("last", "past"):
        return anchor.year if here < now else anchor.year - 1
    if r in ("next", "coming"):
        return anchor.year if here > now else anchor.year + 1
    return anchor.year


PREPS = re.compile(r"(?:\b(?:in|since|until|till|by|from|through|to|before|after|of|during|early|"
                   r"late|mid|last|next|this|and|or|between)[\s-]+|-)$", re.IGNORECASE)
AMBIGUOUS_MONTHS = ("may", "march")


def _month_word_ok(m: Match) -> bool:
    """A bare month name is a month only when written as one (not the verb "may")."""
    word = m.groups.get("month") or ""
    if not word[:1].isupper():
        return False
    if m.groups.get("rel"):
        return True
    if len(word) <= 4 and word.lower() not in ("may", "june", "july"):
        return m.text.endswith(".") or m.right.startswith(".")
    if word.lower() in AMBIGUOUS_MONTHS:
        return bool(PREPS.search(m.left))
    return True


def r_year(m: Match, ctx: Context) -> Result | None:
    year = year_of(m.groups.get("year"))
    if year is None:
        return None
    m.parts = {"year": year}
    if m.rule == "year" and not m.groups.get("fiscal") and not _year_ok(m):
        return None
    if m.rule == "year-period" and ctx.quarter is not None and re.search(r"period|quarter", m.text, re.I):
        m.point = cal.point(dt.date(year, ctx.quarter.day.month, 1), "Q")
        return m.type, cal.fmt(m.point)
    m.point = cal.point(dt.date(year, 1, 1), "Y")
    return m.type, f"{year:04d}"


NOT_YEAR_AFTER = re.compile(r"^(?:\.\d|\s*(?:%|percent|per\s*cent|(?:people|troops|tonnes|tons|"
                            r"miles|metres|meters|feet|km|kg|dollars|euros|pounds|shares|points|"
                            r"barrels|acres|hectares|units|cars|jobs|votes|[A-Z][a-z]+\s+[A-Z][a-z]+)\b))")
NOT_YEAR_BEFORE = re.compile(r"(?:\$|US\$|€|£|No\.|number|about|some|nearly|almost|over|than|at|"
                             r"Flight|flight|Room|room|Route|route|[\d.]+\s*(?:-|to))\s*$")


def _year_ok(m: Match) -> bool:
    """A bare four-digit number is a year unless it counts something ("2000 troops")."""
    return not (NOT_YEAR_AFTER.match(m.right) or NOT_YEAR_BEFORE.search(m.left))


DECADE_WORDS = {"twenties": 192, "thirties": 193, "forties": 194, "fifties": 195, "sixties": 196,
                "seventies": 197, "eighties": 198, "nineties": 199}


def r_decade(m: Match, ctx: Context) -> Result | None:
    if m.groups.get("decw"):
        return m.type, str(DECADE_WORDS[m.groups["decw"].lower()])
    raw = (m.groups.get("dec") or "").lstrip("'\u2019")
    y = int(raw) + (1900 if len(raw) == 2 else 0)
    return m.type, f"{y // 10:03d}"


def r_spoken_year(m: Match, ctx: Context) -> Result | None:
    g = m.groups
    if g.get("yw"):
        n = num_value(g["yw"])
        year = 1900 + n if isinstance(n, int) else None
    else:
        n = num_value(g["yw2"]) if g.get("yw2") else 0
        year = 2000 + n if isinstance(n, int) else None
    if year is None:
        return None
    m.parts = {"year": year}
    if g.get("month") and month_of(g["month"]):
        m.point = cal.point(dt.date(year, month_of(g["month"]) or 1, 1), "M")
    elif g.get("season"):
        m.point = cal.season_point(year, str(lookup("seasons", g["season"])))
    else:
        m.point = cal.point(dt.date(year, 1, 1), "Y")
    return m.type, cal.fmt(m.point)


def r_half(m: Match, ctx: Context) -> Result | None:
    """"the second half of 2025" -> 2025-H2; "the first half of next year" -> next year's H1."""
    g = m.groups
    year = year_of(g.get("year") or g.get("year2"))
    if year is None and ctx.anchor is not None:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get((g.get("rel") or "").lower(), 0)
    if year is None:
        return None
    half = 1 if g["half"].lower() == "first" else 2
    m.point = cal.point(dt.date(year, 6 * half - 5, 1), "Y")
    return m.type, f"{year:04d}-H{half}"


def r_century(m: Match, ctx: Context) -> Result | None:
    c = int(m.groups["cent"])
    return m.type, f"{c - 1:02d}"


def r_holiday(m: Match, ctx: Context) -> Result | None:
    rule = str(lookup("holidays", m.groups["holiday"]))
    year = year_of(m.groups.get("year"))
    gran = "W" if m.groups.get("week") else "D"  # "Easter week": the ISO week of the day
    if year is not None:
        p = _hol_point(rule, year, gran)
    elif ctx.anchor is not None:
        p = pick(ctx.anchor, lambda y: _hol_point(rule, y, gran), m.tense)
    else:
        return m.type, None
    if p is None:
        return m.type, None
    m.point = p
    return m.type, cal.fmt(p)


def r_week_of(m: Match, ctx: Context) -> Result | None:
    """"the week of March 6" is the ISO week containing that day."""
    day = _copy_groups(m, month=m.groups.get("month") or m.groups.get("month2"),
                       day=m.groups.get("day") or m.groups.get("day2"))
    res = r_date(day, ctx)
    if res is None or day.point is None:
        return res
    m.point = cal.point(day.point.day, "W")
    return m.type, cal.fmt(m.point)


def _copy_groups(m: Match, **groups: str | None) -> Match:
    g = {k: v for k, v in {**m.groups, **groups}.items() if v is not None}
    return Match(m.start, m.end, m.text, m.kind, m.type, m.rule, g, m.left, m.right, tense=m.tense)


def _hol_point(rule: str, y: int, gran: str = "D") -> Point | None:
    d = cal.holiday_date(rule, y)
    return cal.point(d, gran) if d else None


def r_weekday(m: Match, ctx: Context) -> Result | None:
    wd = weekday_of(m.groups.get("weekday"))
    if wd is None or not _weekday_word_ok(m):
        return None
    m.parts = {"weekday": wd}
    part = lookup("parts_of_day", m.groups["part"]) if m.groups.get("part") else None
    typ = m.type
    if ctx.anchor is None:
        return typ, f"XXXX-WXX-{wd}" + (f"T{part}" if part else "")
    d = weekday_near(ctx.anchor, wd, m.tense, m.groups.get("rel"))
    m.point = cal.point(d, "D", part=part)
    return typ, cal.fmt(m.point)


def _weekday_word_ok(m: Match) -> bool:
    word = m.groups.get("weekday") or ""
    if len(word) <= 4:  # abbreviation: only capitalised, with its dot
        dotted = m.right.startswith(".") or word + "." in m.text
        return word[:1].isupper() and dotted and not m.groups.get("part")
    return word[:1].isupper() or bool(m.groups.get("rel"))


DEICTIC = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1,
           "the day before yesterday": -2, "the day after tomorrow": 2}


def r_deictic(m: Match, ctx: Context) -> Result | None:
    word = re.sub(r"\s+", " ", m.groups["deic"].lower())
    word = re.sub(r"^(early|late|later) ", "", word)
    part = lookup("parts_of_day", m.groups["part"]) if m.groups.get("part") else None
    if word == "tonight":
        part = part or "NI"
    part_days = DEICTIC[word]
    m.parts = {"offset": part_days}
    typ = "TIME" if part else m.type
    if ctx.anchor is None:
        return typ, None
    m.point = cal.point(ctx.anchor + dt.timedelta(days=part_days), "D", part=part)
    return typ, cal.fmt(m.point)


def r_clock(m: Match, ctx: Context) -> Result | None:
    g = m.groups
    h = g["hour"].lower()
    minute = int(g["min"]) if g.get("min") else 0
    if h in ("noon", "midday"):
        hour = 12
    elif h == "midnight":
        hour = 24
    else:
        n = num_value(h)
        if not isinstance(n, int):
            return None
        hour = n
        ampm = (g.get("ampm") or "").lower()
        part = (g.get("part") or "").lower()
        if (ampm.startswith("p") or part in ("afternoon", "evening", "night")) and hour < 12:
            hour += 12
        if ampm.startswith("a") and hour == 12:
            hour = 0
    if hour > 24:
        return None
    clock = f"{hour:02d}:{minute:02d}"
    if (g.get("zone") or "").upper() in ("UTC", "GMT"):
        clock += "Z"  # ISO 8601 UTC; other zones keep local time, as TimeBank does
    if ctx.anchor is None:
        return m.type, f"XXXX-XX-XXT{clock}"
    day = ctx.ref.day if ctx.ref is not None and ctx.ref.gran == "D" else ctx.anchor
    m.point = cal.point(day, "D", clock=clock)
    return m.type, cal.fmt(m.point)


UNIT_GRAN = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "quarter": "Q",
             "decade": "DE", "century": "CE", "season": "Q", "day": "D"}


def r_relunit(m: Match, ctx: Context) -> Result | None:
    unit = m.groups["unit"].lower()
    rel = re.sub(r"^the\s+", "", (m.groups.get("rel") or "this").lower()).split()[-1]
    gran = UNIT_GRAN[unit]
    if ctx.anchor is None:
        return m.type, None
    step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "latest": -1, "next": 1,
            "coming": 1, "following": 1}.get(rel, 0)
    if rel in ("latest", "past") and unit == "quarter" and ctx.quarter:
        m.point = ctx.quarter
        return m.type, cal.fmt(m.point)
    if unit == "weekend":
        return _weekend(m, ctx.anchor, step)
    base_day = ctx.anchor
    if rel in ("following", "previous", "prior", "same") and m.text.lower().startswith("the ") \
            and ctx.ref is not None:
        base_day = ctx.ref.day
    if gran in ("DE", "CE") and step != 0:
        # "the past decade" is the ten years up to now, not the calendar decade before
        return "DURATION", duration_value(1, "DE" if gran == "DE" else "CE")
    base = cal.point(base_day, gran)
    m.point = cal.shift(base, step, gran)
    return m.type, cal.fmt(m.point)


def _weekend(m: Match, anchor: dt.date, step: int) -> Result:
    if step == 0 and m.tense == "past" and anchor.isoweekday() < 6:
        step = -1
    if step == 0 and m.tense != "future" and anchor.isoweekday() == 1:
        step = -1
    m.point = cal.Point("W", cal.start_of(anchor + dt.timedelta(days=7 * step), "W"), weekend=True)
    return m.type, cal.fmt(m.point)


def r_season(m: Match, ctx: Context) -> Result | None:
    code = str(lookup("seasons", m.groups["season"]))
    rel = (m.groups.get("rel") or "").lower().split()
    word = m.groups["season"].lower()
    if not rel and not m.groups.get("year") and word in ("fall", "spring"):
        return None
    if rel == ["the"] and word in ("fall", "spring"):
        return None
    year = year_of(m.groups.get("year"))
    if year is not None:
        m.point = cal.season_point(year, code)
        return m.type, cal.fmt(m.point)
    if ctx.anchor is None:
        return m.type, f"XXXX-{code}"
    r = rel[-1] if rel else ""
    tense = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(r, m.tense)
    p = pick(ctx.anchor, lambda y: cal.season_point(y, code), tense)
    if p and r in ("last", "next") and p.day <= ctx.anchor <= p.last:
        p = cal.season_point(p.day.year + (-1 if r == "last" else 1), code)
    m.point = p
    return (m.type, cal.fmt(p)) if p else None


def r_quarter(m: Match, ctx: Context) -> Result | None:
    g = m.groups
    rel = (g.get("rel") or "").lower()
    ordinal = lookup("ordinals", g["ord"]) if g.get("ord") else None
    year = year_of(g.get("year") or g.get("year2"))
    if ordinal is None:  # "the quarter", "the latest quarter"
        if ctx.quarter is not None and "next" not in rel and "year" not in rel:
            m.point = ctx.quarter
        elif ctx.anchor is None:
            return m.type, None
        else:
            step = 1 if rel in ("next", "coming") else 0 if "current" in rel else -1
            m.point = cal.shift(cal.point(ctx.anchor, "Q"), step, "Q")
        if "year" in rel:
            m.point = cal.shift(m.point, -1, "Y")
        return m.type, cal.fmt(m.point)
    q = int(ordinal)
    if q == -1:
        q = 4
    if year is None and ctx.anchor is not None:
        base = ctx.anchor.year
        year = base - 1 if "last year" in rel else base + 1 if "next year" in rel else None
    if year is None and ctx.anchor is not None:
        tense: str | None = "future" if re.search(r"next|coming", rel) else "past"
        if "current" in rel:
            tense = None
        p = pick(ctx.anchor, lambda y: cal.point(dt.date(y, 3 * q - 2, 1), "Q"), tense)
        year = p.day.year if p else None
    if year is None:
        return m.type, f"XXXX-Q{q}"
    m.point = cal.point(dt.date(year, 3 * q - 2, 1), "Q")
    if re.search(r"year-(ago|earlier)", rel):
        m.point = cal.shift(m.point, -1, "Y")
    return m.type, cal.fmt(m.point)


def r_yearago(m: Match, ctx: Context) -> Result | None:
    if ctx.anchor is None:
        return m.type, None
    base = ctx.quarter if ctx.quarter is not None else cal.point(ctx.anchor, "Y")
    if m.groups.get("what", "").lower() == "quarter" and ctx.quarter is None:
        base = cal.shift(cal.point(ctx.anchor, "Q"), -1, "Q")
    m.point = cal.shift(base, -1, "Y")
    return m.type, cal.fmt(m.point)


AGO_GRAN = {"D": "D", "W": "W", "F": "D", "M": "M", "Q": "Q", "Y": "Y", "DE": "Y", "CE": "Y",
            "H": "D", "MI": "D", "S": "D", "ML": "Y"}


def r_ago(m: Match, ctx: Context) -> Result | None:
    n = num_value(m.groups.get("num"))
    unit = str(lookup("units", m.groups["unit"]))
    direction = m.groups["dir"].lower()
    sign = 1 if direction in ("later", "after", "hence", "from now") else -1
    if direction in ("earlier", "later") and unit in ("D", "W", "H", "MI", "S"):
        return None  # "three days later" is a duration ("three days") in TimeML
    if ctx.anchor is None:
        return m.type, None
    if unit in ("H", "MI", "S"):
        return "TIME" if unit != "H" else m.type, None if n == "X" else _ago_point(m, ctx, 0, "D")
    if not isinstance(n, int):
        return m.type, "PAST_REF" if sign < 0 else "FUTURE_REF"
    return m.type, _ago_point(m, ctx, sign * n, unit)


def _ago_point(m: Match, ctx: Context, n: int, unit: str) -> str:
    relative_to_ref = m.groups["dir"].lower() in ("earlier", "later", "before", "after")
    base_day = ctx.anchor
    if relative_to_ref and ctx.ref is not None:
        base_day = ctx.ref.day
    assert base_day is not None
    if unit == "Y" and n in (-1, 1) and ctx.quarter is not None:
        m.point = cal.shift(ctx.quarter, n, "Y")
        return cal.fmt(m.point)
    gran = AGO_GRAN.get(unit, "D")
    if unit in ("DE", "CE"):
        n, unit = n * (10 if unit == "DE" else 100), "Y"
    m.point = cal.point(cal.shift_date(base_day, n, unit), gran)
    return cal.fmt(m.point)


def r_anaphoric(m: Match, ctx: Context) -> Result | None:
    rel = re.sub(r"\s+", " ", m.groups["rel"].lower())
    unit = m.groups["unit"].lower()
    ref = ctx.ref or (cal.point(ctx.anchor, "D") if ctx.anchor else None)
    if ref is None:
        return m.type, None
    part = lookup("parts_of_day", unit)
    gran = "D" if part else UNIT_GRAN[unit]
    step = 1 if rel in ("the following", "the next", "the day after") else \
        -1 if rel in ("the previous", "the preceding", "the prior", "the day before") else 0
    if gran == "D" and ref.gran not in ("D", "W"):
        return m.type, None
    m.point = cal.point(cal.shift_date(ref.day, step, gran), gran, part=part)
    return ("TIME" if part else m.type), cal.fmt(m.point)


def r_duration(m: Match, ctx: Context) -> Result | None:
    g = m.groups
    singular = bool(g.get("unit")) and not g["unit"].lower().endswith("s")
    n = num_value(g.get("num")) if g.get("num") else 1 if singular else "X"
    unit_word = g.get("unit") or (g.get("dunit") or "days").split()[-1]
    unit = str(lookup("units", unit_word))
    if n is None or _not_duration(m, unit):
        return None
    if "and a half" in m.text.lower() and isinstance(n, int):
        n = n + 0.5
    return m.type, duration_value(n, unit)


AGE = re.compile(r"^(?:-|\s)old\b|^(?:-|\s)olds?\b", re.IGNORECASE)


def _not_duration(m: Match, unit: str) -> bool:
    """Ages ("6-year-old"), fractions ("three-quarters"), "a second" are not durations."""
    low = m.text.lower()
    if AGE.match(m.right) or low.endswith("old"):
        return True
    if unit == "Q" and (re.search(r"\w-quarters?$", low) or re.match(r"^\s*of\b", m.right)
                        or re.search(r"\bthan\s*$", m.left)):
        return True
    return unit == "S" and bool(re.fullmatch(r"(?:the\s+)?a\s+second", low))


def duration_value(n: int | float | str, unit: str) -> str:
    """TIMEX3 duration: P3D, PT5H, PXY; quarters as months, decades/centuries as years."""
    if unit == "Q":
        n, unit = (n * 3 if not isinstance(n, str) else "X"), ("M" if not isinstance(n, str) else "Q")
    elif unit in ("DE", "CE", "ML"):
        mult = {"DE": 10, "CE": 100, "ML": 1000}[unit]
        n, unit = (n * mult if not isinstance(n, str) else "X"), "Y"
    elif unit == "F":
        n, unit = (n * 2 if not isinstance(n, str) else "X"), "W"
    if isinstance(n, float):
        if n.is_integer():
            n = int(n)
        elif unit in SUBUNIT:
            return _mixed_duration(n, unit)
    return "P" + _duration_part(n, unit, time_started=False)


SUBUNIT = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MI", 60),
           "MI": ("S", 60)}
TIME_UNITS = ("H", "MI", "S")


def _duration_part(n: int | float | str, unit: str, time_started: bool) -> str:
    t = "T" if unit in TIME_UNITS and not time_started else ""
    letter = "M" if unit == "MI" else unit
    return f"{t}{n}{letter}"


def _mixed_duration(n: float, unit: str) -> str:
    """"2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M, "half an hour" -> PT30M (TimeBank)."""
    sub, per = SUBUNIT[unit]
    whole, rest = int(n), round((n - int(n)) * per)
    out = _duration_part(whole, unit, False) if whole else ""
    if rest:
        out += _duration_part(rest, sub, time_started="T" in out)
    return "P" + out


PERIOD_FOLLOWS = re.compile(r"^\s*(?:ended|ending|that\s+ended|which\s+ended|to\s+date)\b", re.IGNORECASE)


def r_the_year(m: Match, ctx: Context) -> Result | None:
    """"the year ended June 30" is a twelve-month period (P1Y); "for the year" is this year."""
    if PERIOD_FOLLOWS.match(m.right) or re.search(r"\bthroughout\s*$", m.left, re.IGNORECASE):
        return "DURATION", "P1Y"
    if ctx.anchor is None:
        return "DATE", None
    m.point = cal.point(ctx.anchor, "Y")
    return "DATE", cal.fmt(m.point)


def r_fuzzy(m: Match, ctx: Context) -> Result | None:
    value = str(lookup("fuzzy", m.groups["fuzzy"]))
    return ("DURATION" if re.match(r"P[\dX]", value) else m.type), value


def r_set(m: Match, ctx: Context) -> Result | None:
    g = m.groups
    if g.get("set"):
        return m.type, str(lookup("sets", g["set"]))
    if g.get("weekday"):
        if len(g["weekday"]) <= 4:
            return None
        wd = weekday_of(g["weekday"])
        part = lookup("parts_of_day", g["part"]) if g.get("part") else None
        return m.type, f"XXXX-WXX-{wd}" + (f"T{part}" if part else "")
    if g.get("month"):
        return m.type, f"XXXX-{month_of(g['month']):02d}"
    if g.get("season"):
        return m.type, f"XXXX-{lookup('seasons', g['season'])}"
    n = num_value(g.get("num"))
    unit = lookup("units", g.get("unit") or "")
    if unit is None or n is None:
        return None
    return m.type, duration_value(n if not isinstance(n, str) else 1, str(unit))


RESOLVERS: dict[str, Callable[[Match, Context], Result | None]] = {
    "date": r_date, "year": r_year, "decade": r_decade, "century": r_century,
    "holiday": r_holiday, "spoken_year": r_spoken_year, "weekday": r_weekday, "deictic": r_deictic, "clock": r_clock,
    "relunit": r_relunit, "season": r_season, "quarter": r_quarter, "yearago": r_yearago,
    "ago": r_ago, "anaphoric": r_anaphoric, "the_year": r_the_year, "half": r_half,
    "week_of": r_week_of, "duration": r_duration, "fuzzy": r_fuzzy,
    "set": r_set,
}
