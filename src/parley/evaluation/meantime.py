"""``parley eval meantime DIR``: event-mention precision/recall/F1 on MEANTIME (CAT XML).

The text is rebuilt from the tokens (sentences joined by newlines, tokens by spaces) and run through
the spaCy parse and ``extract_events``; a predicted mention is right when its trigger overlaps a gold
``EVENT_MENTION``'s tokens. MEANTIME marks every event (also economic ones and speech acts), while parley
codes only political events with an actor, so recall is expected to be low; precision is the number to watch.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from parley.evaluation import EvalOptions, EvalResult, cat_text


def read_cat(path: Path) -> tuple[str, list[tuple[int, int]]]:
    """(text, gold event-mention character spans)."""
    root = ET.parse(path).getroot()
    text, offsets = cat_text(root)
    gold = []
    for m in root.iter("EVENT_MENTION"):
        ids = [a.get("t_id", "") for a in m.iter("token_anchor")]
        spans = [offsets[i] for i in ids if i in offsets]
        if spans:
            gold.append((min(s[0] for s in spans), max(s[1] for s in spans)))
    return text, gold


def predicted(text: str, doc_id: str) -> list[tuple[int, int]]:
    from parley.events import extract_events
    from parley.events.sentence import parser

    doc = parser()(text)
    doc._.article_id, doc._.published = doc_id, None
    return [(m["start"], m["end"]) for ev in extract_events(doc) for m in ev.explain.get("mentions", [])
            if m.get("start") is not None]


def run(path: Path, options: EvalOptions) -> EvalResult:
    files = sorted(path.rglob("*.xml"))
    if options.limit:
        files = files[: options.limit]
    tp = fp = fn = 0
    for f in files:
        text, gold = read_cat(f)
        pred = predicted(text, f.stem)
        hit = {g for g in gold for p in pred if p[0] < g[1] and g[0] < p[1]}
        good = [p for p in pred if any(p[0] < g[1] and g[0] < p[1] for g in gold)]
        tp += len(good)
        fp += len(pred) - len(good)
        fn += len(gold) - len(hit)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = (tp / (tp + fn)) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    metrics: dict[str, Any] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                               "docs": len(files), "tp": tp, "fp": fp, "fn": fn}
    rows: list[list[Any]] = [["P", "R", "F1", "docs"], [round(p, 3), round(r, 3), round(f1, 3), len(files)]]
    return EvalResult(title="MEANTIME event mentions", metrics=metrics, rows=rows)
