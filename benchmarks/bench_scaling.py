"""Benchmark 2: 1x, 4x, 16x the documents through parley's pipeline, each in a fresh process.

The same BASE_DOCS texts are repeated 4 and 16 times, so per-document cost is comparable.

    python benchmarks/bench_scaling.py [BASE_DOCS]

Prints per-doc time ratios against 1x (goal <= 1.1 at 16x) and peak RSS of each run (goal: flat).

Each child first warms up on one pass over the BASE_DOCS texts (the model and parley's data
load lazily, and the first batches size the heap), so ``rss_warm_mb`` is the peak after that
pass and ``rss_growth_mb`` what the measured stream added on top of it: memory that grows with
the length of the stream shows there, whatever the batches' sizes do to the absolute peak.
``rss_end_mb`` is the resident size at the end, after ``gc.collect()`` and glibc's
``malloc_trim``: the memory still live, the figure that must not grow with the stream
(the peaks also carry freed heap the allocator has not returned yet).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import ctypes, gc, json, resource, sys, time
sys.path.insert(0, {bench!r})
from corpus import texts
from parley.nlp import load_nlp
from parley.pipeline import process
from parley.records import ArticleInput
n = {n}
base = texts({base})
nlp = load_nlp()
list(process([ArticleInput(id=f"w{{i}}", text=t, published="2025-12-01") for i, t in enumerate(base)], nlp=nlp))
warm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
def stream():
    for i in range(n):
        t = base[i % len(base)]
        yield ArticleInput(id=f"d{{i}}", text=t, published="2025-12-01")
t0 = time.perf_counter()
count = sum(1 for _ in process(stream(), nlp=nlp))
secs = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
gc.collect()
try:
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    end = [int(ln.split()[1]) for ln in open("/proc/self/status") if ln.startswith("VmRSS")][0] / 1024
except (OSError, AttributeError, IndexError):
    end = peak
print(json.dumps({{"docs": count, "secs": secs, "rss_mb": peak, "rss_warm_mb": warm, "rss_growth_mb": peak - warm,
                  "rss_end_mb": end}}))
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
        "rss_growth_16x_mb": runs["16x"]["rss_growth_mb"],
        "rss_end_ratio_16x": runs["16x"]["rss_end_mb"] / runs["1x"]["rss_end_mb"],
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 25)))
