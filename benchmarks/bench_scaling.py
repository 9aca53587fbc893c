"""Benchmark 2: 1x, 4x, 16x the documents through parley's pipeline, each in a fresh process.

The same BASE_DOCS texts are repeated 4 and 16 times, so per-document cost is comparable.

    python benchmarks/bench_scaling.py [BASE_DOCS]

Prints per-doc time ratios against 1x (goal <= 1.1 at 16x) and peak RSS of each run (goal: flat).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {bench!r})
from corpus import texts
from parley.nlp import load_nlp
from parley.pipeline import process
from parley.records import ArticleInput
n = {n}
base = texts({base})
nlp = load_nlp()
list(process([ArticleInput(id="w", text=texts(1)[0], published="2025-12-01")], nlp=nlp))
def stream():
    for i in range(n):
        t = base[i % len(base)]
        yield ArticleInput(id=f"d{{i}}", text=t, published="2025-12-01")
t0 = time.perf_counter()
count = sum(1 for _ in process(stream(), nlp=nlp))
secs = time.perf_counter() - t0
print(json.dumps({{"docs": count, "secs": secs, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_child(n: int, base: int) -> dict[str, float]:
    bench = str(Path(__file__).resolve().parent)
    out = subprocess.run([sys.executable, "-c", CHILD.format(bench=bench, n=n, base=base)], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(base: int) -> dict[str, object]:
    runs = {f"{k}x": run_child(base * k, base) for k in (1, 4, 16)}
    per_doc = {k: r["secs"] / r["docs"] for k, r in runs.items()}
    return {
        "base_docs": base,
        "runs": runs,
        "per_doc_ratio_4x": per_doc["4x"] / per_doc["1x"],
        "per_doc_ratio_16x": per_doc["16x"] / per_doc["1x"],
        "rss_ratio_16x": runs["16x"]["rss_mb"] / runs["1x"]["rss_mb"],
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 25)))
