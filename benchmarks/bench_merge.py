"""Benchmark 4: cross-article merge on synthetic events: time and candidate comparisons.

    python benchmarks/bench_merge.py [N_EVENTS]

Runs N/8, N/4, N/2 and N events and prints time, the event pairs the merge scores
(blocking by type, story, actor and 7-day window) and the merged events per size, with the
ratio per doubling (near-linear: about 2x per doubling; quadratic would be 4x).

The synthetic archive grows the way a news archive does, at constant density: stories of
5 events (two actors, one place, consecutive days), each story told by 3 outlets whose texts
share the story's words; a larger archive covers a longer span of days with more actors.
A correct merge gives N/3 events.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time

from parley.merge import Context, _sources, candidate_pairs, load_config, merge_record
from parley.records import Article, Event, EventDate, Location, Mention, Record

TYPES = ["CONSULT", "AGREE", "ACCUSE", "REJECT", "ASSAULT", "x-TRAVEL"]
CITIES = [("Geneva", "Switzerland"), ("Doha", "Qatar"), ("Cairo", "Egypt"), ("Istanbul", "Turkey"),
          ("Washington", "United States"), ("Moscow", "Russia"), ("Kyiv", "Ukraine"), ("Riyadh", "Saudi Arabia")]
OUTLETS, PER_STORY = 3, 5


def synthetic(n: int, seed: int = 7) -> Record:
    """About ``n`` events: n / 15 stories x 5 events x 3 reports, one story per article."""
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    stories = max(1, n // (OUTLETS * PER_STORY))
    days, actors = max(30, stories // 18), max(50, stories // 3)  # constant density per day and per actor
    rec = Record()
    for s in range(stories):
        topic = [f"t{rng.randrange(200_000)}" for _ in range(12)]
        pair = [f"actor-{rng.randrange(actors)}" for _ in range(2)]
        city, country = rng.choice(CITIES)
        first = start + dt.timedelta(days=rng.randrange(days))
        kinds = [rng.choice(TYPES) for _ in range(PER_STORY)]
        for o in range(OUTLETS):
            art = f"s{s}-o{o}"
            words = topic * 3 + [f"w{rng.randrange(50_000)}" for _ in range(40)]
            rng.shuffle(words)
            rec.articles.append(Article(id=art, text=" ".join(words), published=first.isoformat(),
                                        site=f"outlet{o}.example"))
            for k in range(PER_STORY):
                day = (first + dt.timedelta(days=k)).isoformat()
                rec.events.append(Event(
                    id=f"{art}-e{k}", type=kinds[k], modality="asserted",
                    date=EventDate(day, day, day, None), location=Location(city, country),
                    sources=pair[:1], targets=pair[1:], trigger="talks",
                    mentions=[Mention(art, 10 * k, 10 * k + 9)]))
    return rec


def comparisons(rec: Record, cfg: dict) -> int:
    """Event pairs the merge scores (its own blocking, with the stories of the articles)."""
    context = Context(rec.articles, _sources(rec.articles, {}), float(cfg.get("story_threshold", 0.1)), cfg)
    return len(candidate_pairs(rec.events, cfg, context.story_of))


def main(n: int) -> dict[str, object]:
    cfg = load_config()["events"]
    sizes = [n // 8, n // 4, n // 2, n]
    runs = []
    merge_record(synthetic(300))  # warm up: gazetteer, trigger tables, config
    for size in sizes:
        rec = synthetic(size)
        t0 = time.perf_counter()
        merged = merge_record(rec)
        secs = time.perf_counter() - t0
        runs.append({"events": len(rec.events), "articles": len(rec.articles), "secs": round(secs, 3),
                     "comparisons": comparisons(rec, cfg), "merged_events": len(merged.events),
                     "expected_events": len(rec.events) // OUTLETS})
    ratios = [runs[i + 1]["secs"] / max(runs[i]["secs"], 1e-9) for i in range(len(runs) - 1)]  # type: ignore[operator]
    comps = [runs[i + 1]["comparisons"] / max(runs[i]["comparisons"], 1) for i in range(len(runs) - 1)]  # type: ignore[operator]
    n_max = int(runs[-1]["events"])  # type: ignore[call-overload]
    return {"runs": runs, "time_ratio_per_doubling": [round(r, 2) for r in ratios],
            "comparison_ratio_per_doubling": [round(c, 2) for c in comps],
            "all_pairs_at_max": n_max * (n_max - 1) // 2}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)))
