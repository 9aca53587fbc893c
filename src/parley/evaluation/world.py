"""``parley eval world DIR``: score parley on a directory of (article, gold) pairs with ``shared/eval/score.py``.

DIR holds one gold file per article in the format of ``shared/acceptance/seed/expected.json``, plus
``"article"`` (the article's id) and ``"articles"`` (a JSON Lines file of ``{id, published, title, text}``
records, relative to the gold file). Each article runs alone, with its ``published`` date given, into a
fresh SQLite store; the exported record is scored against its gold. Metrics: the mean score (0-100),
the mean of each part (article, events, statements, timexes, proposals) and each article's score.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import tempfile
from pathlib import Path
from typing import Any

from parley.errors import ParleyError
from parley.evaluation import EvalOptions, EvalResult
from parley.evaluation.seed import score_record
from parley.export import export
from parley.paths import shared_dir
from parley.runner import run as run_articles
from parley.store import Store

PARTS = ("article", "events", "statements", "timexes", "proposals")


def _article(gold_path: Path, gold: dict[str, Any]) -> dict[str, Any]:
    """The gold's article record from its JSON Lines file."""
    source = (gold_path.parent / gold["articles"]).resolve()
    for line in source.read_text("utf-8").splitlines():
        if line.strip() and json.loads(line).get("id") == gold["article"]:
            return dict(json.loads(line))
    raise ParleyError("E007", f"no article {gold['article']!r} in {source}")


def score_one(gold_path: Path, tmp: Path, out: Path | None = None) -> tuple[dict[str, float], float, list[str]]:
    """Run one gold file's article through parley and score the record: (parts, total, report lines)."""
    gold = json.loads(gold_path.read_text("utf-8"))
    art = _article(gold_path, gold)
    src = tmp / f"{gold_path.stem}.jsonl"
    src.write_text(json.dumps(art, ensure_ascii=False) + "\n", "utf-8")
    store = Store(f"sqlite:///{tmp}/{gold_path.stem}.db")
    published = dt.date.fromisoformat(art["published"]) if art.get("published") else None
    run_articles([str(src)], store, ingest_date=published, published=published)
    rec_path = (out / f"{gold_path.stem}.record.json") if out else tmp / f"{gold_path.stem}.record.json"
    export(store, "json", rec_path)
    store.engine.dispose()
    return score_record(gold_path, rec_path, shared_dir() / "eval" / "score.py")


def run(path: Path | None, options: EvalOptions) -> EvalResult:
    gold_dir = path or Path("tests/data/world3")
    golds = sorted(p for p in gold_dir.glob("*.json") if "article" in json.loads(p.read_text("utf-8")))
    golds = golds[: options.limit] if options.limit else golds
    if options.out:
        options.out.mkdir(parents=True, exist_ok=True)
    rows: list[list[object]] = [["article", *PARTS, "score"]]
    per: dict[str, dict[str, float]] = {}
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for g in golds:
            parts, total, lines = score_one(g, Path(tmp), options.out)
            per[g.stem] = {**parts, "score": total}
            rows.append([g.stem, *(f"{parts.get(k, 0.0):.3f}" for k in PARTS), f"{total:.1f}"])
            notes += [f"== {g.stem}", *lines]
    metrics: dict[str, Any] = {"articles": len(per)}
    if per:
        metrics["score"] = round(statistics.fmean(v["score"] for v in per.values()), 1)
        metrics.update({k: round(statistics.fmean(v.get(k, 0.0) for v in per.values()), 3) for k in PARTS})
        metrics["per_article"] = {k: v["score"] for k, v in per.items()}
        rows.append(["mean", *(f"{metrics[k]:.3f}" for k in PARTS), f"{metrics['score']:.1f}"])
    return EvalResult(title=f"world articles ({gold_dir})", metrics=metrics, rows=rows, notes=notes)
