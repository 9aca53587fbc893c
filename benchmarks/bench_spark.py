"""Benchmark 3: Spark local[2] vs the local engine on the same documents (goal <= 1.3x the local time).

Both use every core: the local engine one worker process per core (as `parley run --engine local`),
Spark two executor threads with a Python worker each; both end with the cross-article merge
(on Spark a Spark job). `same_record` compares the two record.json files byte for byte.

    python benchmarks/bench_spark.py [N_DOCS]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from corpus import texts

from parley.engine import run_local, run_spark


def main(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i, t in enumerate(texts(n)):
                fh.write(json.dumps({"id": f"d{i}", "text": t, "published": "2025-12-01"}) + "\n")
        ingest = dt.date(2026, 11, 24)
        t0 = time.perf_counter()
        local, _ = run_local(src, Path(tmp) / "local", ingest, n_process=None)  # as `parley run --engine local`
        t_local = time.perf_counter() - t0
        t0 = time.perf_counter()
        spark, _ = run_spark(src, Path(tmp) / "spark", ingest, master="local[2]")
        t_spark = time.perf_counter() - t0
        same = (Path(tmp) / "local" / "record.json").read_bytes() == (Path(tmp) / "spark" / "record.json").read_bytes()
    return {"docs": n, "local_s": t_local, "spark_s": t_spark, "ratio": t_spark / t_local, "same_record": same}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)))
