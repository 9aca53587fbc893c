"""Benchmark 1: parley's full pipeline vs bare ``nlp.pipe`` of the same model on the same documents.

    python benchmarks/bench_pipeline.py [N_DOCS]

Prints docs/s of each and the ratio (goal >= 0.85) as a JSON line.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time

import spacy
from corpus import texts

from parley.nlp import MODEL, load_nlp
from parley.pipeline import process
from parley.records import ArticleInput


def main(n: int) -> dict[str, float]:
    docs = texts(n)
    bare = spacy.load(MODEL)
    full = load_nlp()
    list(bare.pipe(docs[:5]))  # warm up both
    arts = [ArticleInput(id=f"w{i}", text=t, published="2025-12-01") for i, t in enumerate(docs[:5])]
    list(process(arts, nlp=full))
    t0 = time.perf_counter()
    for _ in bare.pipe(docs, batch_size=16):
        pass
    t_bare = time.perf_counter() - t0
    arts = [ArticleInput(id=f"d{i}", text=t, published=dt.date(2025, 12, 1).isoformat()) for i, t in enumerate(docs)]
    t0 = time.perf_counter()
    for _ in process(arts, nlp=full, batch_size=16):
        pass
    t_full = time.perf_counter() - t0
    res = {"docs": n, "bare_docs_per_s": n / t_bare, "parley_docs_per_s": n / t_full, "ratio": t_bare / t_full}
    return res


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)))
