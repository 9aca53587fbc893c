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
from spacy.language import Language

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
    res = {"docs": n, "bare_docs_per_s": n / t_bare, "parley_docs_per_s": n / t_full, "ratio": t_bare / t_full,
           "profile_s": profile(full, docs)}
    return res


def profile(nlp: Language, docs: list[str]) -> dict[str, float]:
    """Where the time goes: seconds of each pipeline component over the same documents, one at a time."""
    t0 = time.perf_counter()
    made = [nlp.make_doc(t) for t in docs]
    secs = {"make_doc": time.perf_counter() - t0}
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        made = [proc(d) for d in made]
        secs[name] = time.perf_counter() - t0
    own = sum(v for k, v in secs.items() if k.startswith("parley_"))
    secs["parley_stages_total"] = own
    secs["model_total"] = sum(v for k, v in secs.items() if not k.startswith("parley_") and k != "parley_stages_total")
    return {k: round(v, 3) for k, v in secs.items()}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)))
