"""Coreference measures: MUC, B³, CEAF-e and CoNLL F1 (their mean).

Clusters are collections of hashable mention keys. Mentions present on only one
side are handled as in the reference CoNLL scorer (Pradhan et al. 2014): they
count as singletons of their own on the other side for MUC, and add nothing to
the overlaps for B³ and CEAF-e.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = Sequence[Collection[Hashable]]


@dataclass
class PRF:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"recall": round(self.recall, 4), "precision": round(self.precision, 4), "f1": round(self.f1, 4)}


def _index(clusters: Clusters) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_side(key: Clusters, response: Clusters) -> float:
    where = _index(response)
    num = den = 0
    for cluster in key:
        parts = {where.get(m, ("missing", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num / den if den else 0.0


def muc(key: Clusters, response: Clusters) -> PRF:
    """Link-based MUC (Vilain et al. 1995)."""
    return PRF(_muc_side(key, response), _muc_side(response, key))


def _b3_side(key: Clusters, response: Clusters) -> float:
    where = _index(response)
    total = sum(len(c) for c in key)
    score = 0.0
    for cluster in key:
        overlaps: dict[int, int] = {}
        for m in cluster:
            if m in where:
                overlaps[where[m]] = overlaps.get(where[m], 0) + 1
        score += sum(n * n for n in overlaps.values()) / len(cluster)
    return score / total if total else 0.0


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    """Mention-based B³ (Bagga and Baldwin 1998)."""
    return PRF(_b3_side(key, response), _b3_side(response, key))


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    """Entity-based CEAF with phi4 similarity and an optimal (Hungarian) alignment (Luo 2005)."""
    if not key or not response:
        return PRF(0.0, 0.0)
    ks, rs = [set(c) for c in key], [set(c) for c in response]
    where = _index(response)
    sim = np.zeros((len(ks), len(rs)))
    for i, k in enumerate(ks):
        for j in {where[m] for m in k if m in where}:
            sim[i, j] = 2 * len(k & rs[j]) / (len(k) + len(rs[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return PRF(total / len(ks), total / len(rs))


def conll(key: Clusters, response: Clusters) -> dict[str, dict[str, float] | float]:
    """All three measures and the CoNLL F1 (mean of their F1s)."""
    scores = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceafe": ceaf_e(key, response)}
    out: dict[str, dict[str, float] | float] = {k: v.to_dict() for k, v in scores.items()}
    out["conll_f1"] = round(sum(v.f1 for v in scores.values()) / 3, 4)
    return out
