"""Benchmark 4: cross-article merge on synthetic events: time and candidate comparisons.

    python benchmarks/bench_merge.py [N_EVENTS]

Runs N/8, N/4, N/2 and N events (5 events per article, 2,000 actors, one year of
dates) and prints time and comparisons per size with the ratio per doubling
(near-linear: about 2x per doubling; quadratic would be 4x).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time

from parley.merge import candidate_pairs, load_config, merge_record
from parley.records import Article, Event, EventDate, Location, Mention, Record

TYPES = ["CONSULT", "AGREE", "ACCUSE", "REJECT", "ASSAULT", "x-TRAVEL"]
CITIES = [("Geneva", "Switzerland"), ("Doha", "Qatar"), ("Cairo", "Egypt"), ("Istanbul", "Turkey"),
          ("Washington", "United States"), ("Moscow", "Russia"), ("Kyiv", "Ukraine"), ("Riyadh", "Saudi Arabia")]


def synthetic(n: int, seed: int = 7) -> Record:
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    rec = Record()
    for a in range(max(1, n // 5)):
        art = f"b{a}"
        words = " ".join(f"w{rng.randrange(50_000)}" for _ in range(60))
        rec.articles.append(Article(id=art, text=words, published=start.isoformat(), site=f"site{a % 50}.example"))
        for k in range(5):
            day = (start + dt.timedelta(days=rng.randrange(365))).isoformat()
            city, country = rng.choice(CITIES)
            actors = [f"actor-{rng.randrange(2000)}" for _ in range(2)]
            rec.events.append(Event(
                id=f"{art}-e{k}", type=rng.choice(TYPES), modality="asserted",
                date=EventDate(day, day, day, None), location=Location(city, country),
                sources=actors[:1], targets=actors[1:], trigger="talks",
                mentions=[Mention(art, 10 * k, 10 * k + 9)]))
    return rec


def main(n: int) -> dict[str, object]:
    cfg = load_config()["events"]
    sizes = [n // 8, n // 4, n // 2, n]
    runs = []
    for size in sizes:
        rec = synthetic(size)
        pairs = len(candidate_pairs(rec.events, cfg))
        t0 = time.perf_counter()
        merged = merge_record(rec)
        secs = time.perf_counter() - t0
        runs.append({"events": size, "secs": round(secs, 3), "comparisons": pairs, "merged_events": len(merged.events)})
    ratios = [runs[i + 1]["secs"] / max(runs[i]["secs"], 1e-9) for i in range(len(runs) - 1)]  # type: ignore[operator]
    comps = [runs[i + 1]["comparisons"] / max(runs[i]["comparisons"], 1) for i in range(len(runs) - 1)]  # type: ignore[operator]
    return {"runs": runs, "time_ratio_per_doubling": [round(r, 2) for r in ratios],
            "comparison_ratio_per_doubling": [round(c, 2) for c in comps],
            "all_pairs_at_max": n * (n - 1) // 2}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)))
