"""``parley bench``: run the benchmarks in ``benchmarks/`` and write ``benchmarks/results.md``.

The benchmarks are plain Python scripts any user can run; this module only runs
them in turn, each in its own process, and writes their figures with the
machine and date.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCHMARKS = {
    "pipeline": ("bench_pipeline.py", "parley pipeline vs bare nlp.pipe (goal ratio >= 0.85)"),
    "scaling": ("bench_scaling.py", "1x / 4x / 16x documents (goal per-doc ratio <= 1.1, RSS flat)"),
    "spark": ("bench_spark.py", "Spark local[2] vs local engine (goal <= 1.3x)"),
    "merge": ("bench_merge.py", "cross-article merge on synthetic events (goal near-linear)"),
}


def bench_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "benchmarks"


def run_one(name: str, arg: str | None = None) -> dict[str, Any]:
    script, _ = BENCHMARKS[name]
    cmd = [sys.executable, str(bench_dir() / script)] + ([arg] if arg else [])
    env = {**os.environ, "PYTHONPATH": str(bench_dir())}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    try:
        return json.loads(last)
    except ValueError:
        return {"error": (proc.stderr or proc.stdout)[-500:]}


def machine() -> str:
    return f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"


def write_results(results: dict[str, dict[str, Any]], path: Path | None = None) -> Path:
    """Add these results to ``results.json`` (kept across runs of single benchmarks) and render ``results.md``."""
    path = path or bench_dir() / "results.md"
    store = path.with_suffix(".json")
    known: dict[str, Any] = json.loads(store.read_text("utf-8")) if store.exists() else {}
    stamp = {"date": dt.datetime.now().isoformat(timespec="minutes"), "machine": machine()}
    for name, res in results.items():
        known[name] = {**stamp, "result": res}
    store.write_text(json.dumps(known, indent=2), encoding="utf-8")
    lines = ["# Benchmark results", "", "Written by `parley bench`; each section says when and where it ran.", ""]
    for name in BENCHMARKS:
        if name not in known:
            continue
        entry = known[name]
        lines += [f"## {name}: {BENCHMARKS[name][1]}", "", f"- date: {entry['date']}", f"- machine: {entry['machine']}",
                  "", "```json", json.dumps(entry["result"], indent=2), "```", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
