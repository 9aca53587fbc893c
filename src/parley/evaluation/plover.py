"""``parley eval plover FILE``: event type coding per sentence against PLOVER gold.

Reads ``PLV_train.tsv``-style TSV (marked sentences), the PLOVER GSR JSON array, or JSON Lines
(``{"id", "text", "type", "source"?, "target"?}``). Old GSR labels are mapped to today's types;
RETREAT and CONCEDE count as the gold ``YIELD``. Metrics: ``accuracy``, ``macro_f1``, ``n``,
``events_per_sentence`` (all events the rules coded / sentences), ``actor_agreement`` (the chosen
event names the gold source or target), ``answered`` (sentences with any answer), ``in_sample`` (the
shipped classifier was trained on this file: then the figure is not a held-out one; see
``parley train plover --cv`` for the cross-fitted GSR accuracy).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from parley.evaluation import EvalOptions, EvalResult
from parley.events import classifier as C

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def canon(label: str | None) -> str:
    lab = OLD_LABELS.get((label or "").upper(), (label or "NONE").upper())
    return "YIELD" if lab in ("RETREAT", "CONCEDE", "YIELD") else lab


def _gsr(path: Path) -> list[tuple[C.Example, str]]:
    out = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        if r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        src, tgt = _actor_text(r.get("source")), _actor_text(r.get("target"))
        text = r["text"]
        out.append((C.Example(text, C.locate(text, src), C.locate(text, tgt)), r["event"]))
    return out


def _actor_text(val: Any) -> str | None:
    if isinstance(val, list) and val and isinstance(val[0], dict):
        return val[0].get("actorText")
    return val if isinstance(val, str) and val else None


def read(path: Path) -> list[tuple[C.Example, str]]:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".tsv":
        with path.open(encoding="utf-8", newline="") as fh:
            return [(C.from_marked(r["marked_sentence"]) if r.get("marked_sentence") else
                     C.Example(r["sentence"], C.locate(r["sentence"], r.get("source")),
                               C.locate(r["sentence"], r.get("target"))), r["gold_root"])
                    for r in csv.DictReader(fh, delimiter="\t")]
    if raw.lstrip().startswith("["):
        return _gsr(path)
    out = []
    for line in raw.splitlines():
        if line.strip():
            r = json.loads(line)
            out.append((C.Example(r["text"], C.locate(r["text"], r.get("source")),
                                  C.locate(r["text"], r.get("target"))), r["type"]))
    return out


def _macro_f1(gold: list[str], pred: list[str]) -> tuple[float, dict[str, float]]:
    per = {}
    for lab in sorted(set(gold)):
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(p == lab != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab != p for g, p in zip(gold, pred, strict=True))
        per[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(per.values()) / len(per), per


def run(path: Path, options: EvalOptions) -> EvalResult:
    from parley.events.sentence import code

    items = read(path)[: options.limit] if options.limit else read(path)
    codings = list(code(ex for ex, _ in items))
    gold = [canon(g) for _, g in items]
    pred = [canon(c.type) for c in codings]
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    macro, per = _macro_f1(gold, pred)
    agree = [c for c in codings if c.event is not None]
    metrics: dict[str, Any] = {
        "accuracy": round(acc, 4), "macro_f1": round(macro, 4), "n": len(gold),
        "events_per_sentence": round(sum(c.n_events for c in codings) / len(gold), 3),
        "answered": round(sum(c.type is not None for c in codings) / len(gold), 4),
        "actor_agreement": round(sum(_agrees(c) for c in agree) / len(agree), 4) if agree else None,
        "type_source": codings[0].rule if codings else None,
        "in_sample": _in_sample(path),
    }
    rows: list[list[Any]] = [["type", "F1", "gold n"]] + [[k, round(v, 3), gold.count(k)] for k, v in per.items()]
    notes = ["the classifier was trained on this file: in-sample figure"] if metrics["in_sample"] else []
    return EvalResult(title=f"PLOVER event types: {path.name}", metrics=metrics, rows=rows, notes=notes)


def _in_sample(path: Path) -> bool:
    model = C.load()
    return model is not None and path.name in model.trained_on


def _agrees(c: Any) -> bool:
    got = " ".join(c.event.explain.get("actors_from", {}).values()).lower()
    want = [w for s in (c.source_text, c.target_text) if s for w in s.lower().split() if len(w) > 3]
    return any(w in got for w in want)
