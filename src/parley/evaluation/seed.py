"""``parley eval seed [DIR]``: run the seed article as an undated article ingested on
2026-11-24, export the record and score it with ``shared/eval/score.py``."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from parley.evaluation import EvalOptions, EvalResult
from parley.export import export
from parley.paths import shared_dir
from parley.runner import run as run_articles
from parley.store import Store

INGEST_DATE = dt.date(2026, 11, 24)


def score_record(gold: Path, record_path: Path, scorer: Path) -> tuple[dict[str, float], float, list[str]]:
    """Run the shared scorer; return its per-part scores, total and report lines."""
    proc = subprocess.run([sys.executable, str(scorer), str(gold), str(record_path), "--json"],
                          capture_output=True, text=True, check=False)
    lines = proc.stdout.strip().splitlines()
    total = float(lines[-1].split(":")[1]) if lines and lines[-1].startswith("score:") else 0.0
    parts = json.loads(lines[-2]) if len(lines) >= 2 and lines[-2].startswith("{") else {}
    return parts, total, lines[:-2]


def run(path: Path | None, options: EvalOptions) -> EvalResult:
    seed_dir = path or shared_dir() / "acceptance" / "seed"
    gold = json.loads((seed_dir / "expected.json").read_text("utf-8"))
    article = seed_dir / gold.get("article", "article.txt")
    ingest = dt.date.fromisoformat(gold.get("ingest_date", INGEST_DATE.isoformat()))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/seed.db")
        run_articles([str(article)], store, ingest_date=ingest)
        rec_path = options.out or Path(tmp) / "record.json"
        export(store, "json", rec_path)
        parts, total, lines = score_record(seed_dir / "expected.json", rec_path, shared_dir() / "eval" / "score.py")
        store.engine.dispose()
    metrics: dict[str, float] = {**parts, "score": total}
    rows: list[list[object]] = [["part", "score"]]
    rows += [[k, f"{v:.3f}"] for k, v in parts.items()]
    rows.append(["total", f"{total:.1f}"])
    return EvalResult(title="seed article", metrics=metrics, rows=rows, notes=lines)
