"""``parley eval extraction DIR``: main-text extraction against the article-extraction benchmark.

DIR holds ``ground-truth.json`` (id -> {"articleBody", "url"}) and ``html/<id>.html.gz``.
The measure is the benchmark's own: per page, shingles of 4 consecutive ``\\w+`` tokens
(case kept) give tp/fp/fn, normalised by their sum; precision and recall are means over
pages, F1 comes from those two means. Also: the same for trafilatura's text before
parley's cleaning, and publication-date accuracy against the date the page's own markup
states (JSON-LD ``datePublished`` or an ``article:published_time``/``datePublished`` meta),
and against a date in the URL, where a page has one.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from parley.errors import ItemError
from parley.evaluation import EvalOptions, EvalResult
from parley.ingest import decode_html, extract_html

_TOKEN = re.compile(r"\w+", re.UNICODE)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})')
_META_DATE = re.compile(
    r'<meta[^>]+(?:property|name|itemprop)\s*=\s*["\'](?:article:published_time|datePublished|'
    r'og:published_time|pubdate|publishdate|date)["\'][^>]*content\s*=\s*["\'](\d{4}-\d{2}-\d{2})', re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")

TpFpFn = tuple[float, float, float]
MIN_REFERENCE_DATE = "1995-01-01"


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = _TOKEN.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def shingle_match(true: str, pred: str) -> TpFpFn:
    """tp/fp/fn of 4-token shingles, normalised so that every page weighs the same."""
    ts, ps = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in set(ts) | set(ps):
        t, p = ts.get(key, 0), ps.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def prf(rows: list[TpFpFn]) -> dict[str, float]:
    """Precision and recall averaged over pages, F1 of the two averages."""
    ps = [_precision(*r) for r in rows if r[0] + r[1] > 0]
    rs = [_recall(*r) for r in rows if r[0] + r[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def markup_date(html: str) -> str | None:
    """The date the page's structured markup states, read independently of htmldate."""
    for pattern in (_JSONLD_DATE, _META_DATE):
        for m in pattern.finditer(html):
            if m.group(1) >= MIN_REFERENCE_DATE:  # placeholders such as 0001-01-01 are no reference
                return m.group(1)
    return None


def url_date(url: str | None) -> str | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _days_apart(a: str, b: str) -> int | None:
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except ValueError:
        return None


def _accuracy(pairs: list[tuple[str | None, str]]) -> dict[str, Any]:
    """Exact-day agreement, and agreement within one day (time zones move a UTC date by one)."""
    n = len(pairs)
    right = sum(1 for got, want in pairs if got == want)
    near = sum(1 for got, want in pairs if got and (_days_apart(got, want) or 0) <= 1)
    return {"n": n, "correct": right, "accuracy": right / n if n else None,
            "within_1_day": near / n if n else None, "missing": sum(1 for got, _ in pairs if got is None)}


def run(path: Path, options: EvalOptions) -> EvalResult:
    truth: dict[str, dict[str, str]] = json.loads((path / "ground-truth.json").read_text("utf-8"))
    keys = sorted(truth)[: options.limit] if options.limit else sorted(truth)
    rows: list[TpFpFn] = []
    base_rows: list[TpFpFn] = []
    markup_pairs: list[tuple[str | None, str]] = []
    url_pairs: list[tuple[str | None, str]] = []
    outputs: dict[str, dict[str, Any]] = {}
    for key in keys:
        raw = gzip.decompress((path / "html" / f"{key}.html.gz").read_bytes())
        html = decode_html(raw, key)
        want = truth[key].get("articleBody", "")
        url = truth[key].get("url")
        ex = extract_html(html, url) if isinstance(html, str) else html
        text = "" if isinstance(ex, ItemError) else ex.text
        got_date = None if isinstance(ex, ItemError) else ex.published
        rows.append(shingle_match(want, text))
        base_rows.append(shingle_match(want, "" if isinstance(ex, ItemError) else ex.raw_text))
        if isinstance(html, str) and (md := markup_date(html)):
            markup_pairs.append((got_date, md))
        if ud := url_date(url):
            url_pairs.append((got_date, ud))
        outputs[key] = {"articleBody": text, "datePublished": got_date}
    if options.out:
        options.out.mkdir(parents=True, exist_ok=True)
        (options.out / "extraction.json").write_text(json.dumps(outputs, ensure_ascii=False, indent=1))
    ours, base = prf(rows), prf(base_rows)
    dm, du = _accuracy(markup_pairs), _accuracy(url_pairs)
    metrics: dict[str, Any] = {
        **ours, "n": len(keys),
        "trafilatura": base,
        "date_markup": dm,
        "date_url": du,
    }
    table: list[list[Any]] = [
        ["system", "precision", "recall", "f1", "n"],
        ["parley (trafilatura + cleaning)", f"{ours['precision']:.4f}", f"{ours['recall']:.4f}",
         f"{ours['f1']:.4f}", len(keys)],
        ["trafilatura alone", f"{base['precision']:.4f}", f"{base['recall']:.4f}", f"{base['f1']:.4f}",
         len(keys)],
        ["date = markup datePublished (±1 day)", "", "", f"{_fmt(dm['accuracy'])} ({_fmt(dm['within_1_day'])})",
         dm["n"]],
        ["date = date in URL (±1 day)", "", "", f"{_fmt(du['accuracy'])} ({_fmt(du['within_1_day'])})", du["n"]],
    ]
    return EvalResult(title="Article extraction (benchmark shingle P/R/F1)", metrics=metrics, rows=table)


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.4f}"
