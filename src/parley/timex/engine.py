"""Find time expressions in a text and resolve them in reading order.

``find(text, anchor, doc)`` runs every pattern of patterns.yaml (each only where
its first characters occur: see prefilter.py), keeps the
longest non-overlapping matches that a resolver accepts, widens them with
modifier words ("early", "later", "the end of"), merges a clock time with the
day next to it ("10 p.m. Wednesday"), reads the tense of each from the parse
and resolves them left to right (so "that day" and "a year earlier" can refer
to what the text mentioned before).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from parley.timex import calendar as cal
from parley.timex.lexicon import lookup, modifier_regex
from parley.timex.prefilter import matches
from parley.timex.resolve import RESOLVERS, Context, Match
from parley.timex.tense import tense_at

ABBREV = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
          "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "a.m", "p.m",
          "qtr"}
DAYLIKE = {"date", "weekday", "deictic", "holiday"}
CLOCK_JOIN = re.compile(r"^\s*(?:,\s*|on\s+|\s)?$")
REF_KINDS = {"date", "weekday", "deictic", "holiday", "year", "quarter", "relunit", "season",
             "ago", "anaphoric", "yearago", "clock"}


def _candidates(text: str) -> list[Match]:
    out = []
    for order, pat, mo in matches(text):  # every pattern's finditer, in pattern order
        s, e = mo.span("x") if "x" in pat.regex.groupindex and mo.group("x") else mo.span()
        s, e = _trim(text, s, e)
        if e <= s or (pat.case and not text[s].isupper() and not _starts_rel(text[s:e])):
            continue
        groups = {k: v for k, v in mo.groupdict().items() if v is not None}
        m = Match(s, e, text[s:e], pat.kind, pat.type, pat.name, groups,
                  left=text[max(0, s - 40):s], right=text[e:e + 10])
        m.parts = {"order": order}
        out.append(m)
    return out


def _starts_rel(t: str) -> bool:
    return bool(re.match(r"(last|next|this|the|past|coming|every|each|on)\s", t, re.I))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop trailing whitespace, and a final dot that is not an abbreviation's."""
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s and text[e - 1] == ".":
        word = re.split(r"[\s,]+", text[s:e - 1])[-1].lower()
        if word not in ABBREV:
            e -= 1
    return s, e


def _select(cands: list[Match], anchor: dt.date | None) -> list[Match]:
    """Longest accepted matches that do not overlap (ties: earlier pattern)."""
    probe = Context(anchor=anchor)
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(cands, key=lambda m: (-(m.end - m.start), m.parts["order"], m.start)):
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        if RESOLVERS[m.kind](_copy(m), probe) is None:
            continue
        chosen.append(m)
        taken.append((m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


def _copy(m: Match) -> Match:
    return Match(m.start, m.end, m.text, m.kind, m.type, m.rule, dict(m.groups), m.left, m.right)


def _strip_article(text: str, ms: list[Match]) -> None:
    """"the 14-day strike": TimeML leaves the article out of adjectival durations."""
    for m in ms:
        mo = re.match(r"the\s+(?=[\w.]+-\w+$)", m.text, re.IGNORECASE)
        if m.kind == "duration" and mo:
            m.start += mo.end()
            m.text = text[m.start:m.end]


def _widen(text: str, ms: list[Match]) -> None:
    """Extend each match over a modifier word just before it ("early", "the end of")."""
    prev_end = 0
    for m in ms:
        mo = modifier_regex().search(text[max(prev_end, m.start - 30):m.start])
        if mo:
            m.start -= len(mo.group(0))
            m.text = text[m.start:m.end]
            m.modword = mo.group(1)
            mod = lookup("modifiers", mo.group(1))
            m.mod = m.mod or (str(mod) if mod else None)
        prev_end = m.end


def _merge_clock(text: str, ms: list[Match]) -> list[Match]:
    """"10 p.m. Wednesday", "noon Thursday", "Friday at 3 p.m." become one TIME."""
    out: list[Match] = []
    for m in ms:
        if out:
            a = out[-1]
            pair = (a.kind == "clock" and m.kind in DAYLIKE) or (a.kind in DAYLIKE and m.kind == "clock")
            gap = text[a.end:m.start]
            if pair and (CLOCK_JOIN.match(gap) or re.fullmatch(r"\s*(?:,\s*)?at\s+", gap)):
                out[-1] = _join(text, a, m)
                continue
        out.append(m)
    return out


def _join(text: str, a: Match, b: Match) -> Match:
    clock, day = (a, b) if a.kind == "clock" else (b, a)
    joined = _copy(day)
    joined.start, joined.end = a.start, b.end
    joined.text = text[a.start:b.end]
    joined.type = "TIME"
    joined.groups["clock_of"] = clock.text
    joined.groups.update({k: v for k, v in clock.groups.items() if k in ("hour", "min", "ampm", "zone")})
    joined.mod = a.mod or b.mod
    joined.parts = dict(day.parts)
    return joined


def _update(ctx: Context, m: Match) -> None:
    if m.point is None or m.kind not in REF_KINDS:
        return
    ctx.ref = m.point
    if _reporting_quarter(ctx, m):
        ctx.quarter = m.point


def _reporting_quarter(ctx: Context, m: Match) -> bool:
    """An earnings article's quarter: the first completed quarter it names without a year
    ("third-quarter net income"); later ones ("a fourth-quarter charge", "the 1988 second
    quarter") do not replace it."""
    if m.point is None or m.point.gran != "Q" or m.kind not in ("quarter", "relunit"):
        return False
    if re.search(r"year|\d{4}", m.text, re.IGNORECASE) or ctx.quarter is not None:
        return False
    return ctx.anchor is None or m.point.last < ctx.anchor


def _resolve(m: Match, ctx: Context) -> None:
    res = RESOLVERS[m.kind](m, ctx)
    m.type, value = res if res else (m.type, None)
    if "clock_of" in m.groups:
        clock = RESOLVERS["clock"](_copy(m), Context(anchor=m.point.day if m.point else None))
        if clock and clock[1] and m.point:
            m.type, value = "TIME", clock[1]
            m.point = m.point.with_(clock=clock[1].split("T")[-1], part=None)
    m.groups["value"] = value or ""


def find(text: str, anchor: dt.date | None, doc: Doc | None = None) -> list[Match]:
    """Every timex in ``text``, resolved; each match carries type, value and mod."""
    ms = _select(_candidates(text), anchor)
    _strip_article(text, ms)
    _widen(text, ms)
    ms = _merge_clock(text, ms)
    for m in ms:
        if doc is not None:
            m.tense = tense_at(doc, m.start, m.end)
    first_quarter = _run(ms, Context(anchor=anchor))
    if first_quarter is not None:
        # an article about a quarter: "a year ago" before the quarter is named refers to it too
        _run(ms, Context(anchor=anchor, quarter=first_quarter))
    return ms


def _run(ms: list[Match], ctx: Context) -> cal.Point | None:
    """Resolve in reading order; return the first quarter the text names, if any."""
    first = None
    for m in ms:
        _resolve(m, ctx)
        _update(ctx, m)
        first = first or ctx.quarter
    return first


def value_of(m: Match) -> str | None:
    return m.groups.get("value") or None


__all__ = ["find", "value_of", "cal"]
