"""Benchmark: story clustering (parley.merge.Context) on N synthetic articles with realistic word statistics.

    python benchmarks/bench_story.py [N_ARTICLES]

Articles are 150 words: 120 from a Zipf-distributed background vocabulary of 30,000
words (function-like words are very frequent, as in news) and 30 from one of N/10
stories' 40 topical words. Runs N/8, N/4, N/2 and N articles and prints time,
compared article pairs, stories found and their pairwise precision/recall against
the generating stories, with ratios per doubling (near-linear: about 2x).
"""

from __future__ import annotations

import json
import random
import sys
import time

from parley.merge import Context, _sources, load_config
from parley.records import Article


def _word(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    i += 26 * 27
    while i:
        i, r = divmod(i, 26)
        out += letters[r]
    return out


def synthetic(n: int, seed: int = 3) -> tuple[list[Article], list[int]]:
    rng = random.Random(seed)
    vocab = [_word(i) for i in range(30_000)]
    weights = [1.0 / (r + 1) for r in range(len(vocab))]
    stories = max(1, n // 10)
    topical = [[_word(40_000 + s * 40 + k) for k in range(40)] for s in range(stories)]
    arts, gold = [], []
    for a in range(n):
        s = rng.randrange(stories)
        words = rng.choices(vocab, weights=weights, k=120) + rng.choices(topical[s], k=30)
        rng.shuffle(words)
        arts.append(Article(id=f"s{a}", text=" ".join(words), published="2025-01-01"))
        gold.append(s)
    return arts, gold


def quality(ctx: Context, arts: list[Article], gold: list[int]) -> tuple[float, float]:
    """Pairwise precision and recall of same-story decisions (over gold and found groups)."""
    from collections import Counter

    found = [ctx.story_of(a.id) for a in arts]
    both = Counter(zip(found, gold, strict=True))
    pairs = lambda c: sum(v * (v - 1) // 2 for v in c.values())  # noqa: E731
    tp, f, g = pairs(both), pairs(Counter(found)), pairs(Counter(gold))
    return round(tp / max(f, 1), 3), round(tp / max(g, 1), 3)


def main(n: int) -> dict[str, object]:
    cfg = load_config()["events"]
    runs = []
    for size in (n // 8, n // 4, n // 2, n):
        arts, gold = synthetic(size)
        src = _sources(arts, {})
        t0 = time.perf_counter()
        ctx = Context(arts, src, float(cfg["story_threshold"]), cfg)
        secs = time.perf_counter() - t0
        p, r = quality(ctx, arts, gold)
        runs.append({"articles": size, "secs": round(secs, 2), "compared_pairs": ctx.compared,
                     "stories": len(set(ctx.story)), "precision": p, "recall": r})
    ratio = lambda k: [round(runs[i + 1][k] / max(runs[i][k], 1e-9), 2) for i in range(3)]  # type: ignore[operator]  # noqa: E731
    return {"runs": runs, "time_ratio_per_doubling": ratio("secs"), "pairs_ratio_per_doubling": ratio("compared_pairs")}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)))
