"""``parley train plover``: train the PLOVER type classifier from ``../shared/data/plover``.

Training data: ``PLV_train.tsv`` (1,050 sentences, 15 labels) plus the PLOVER gold standard records
``PLOVER_GSR_CAMEO.txt`` (322 sentences; old labels mapped as ``parley eval plover`` maps them). The data
is read where it lies (never copied into the repository); the model is written to
``src/parley/data/events/plover_model.npz`` and shipped.

``cross_validate`` measures the recipe by repeated stratified k-fold CV on PLV_train (the GSR records join
every training fold, never a test fold), and the GSR figure by cross-fitting: all of PLV_train plus 4/5 of
the GSR records train, the other 1/5 is scored. Because the shipped model is trained on the GSR records,
``parley eval plover PLOVER_GSR_CAMEO.txt`` on it is in-sample; the cross-fitted figure is the honest one.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from parley.events import classifier as C

GSR_FILE = "PLOVER_GSR_CAMEO.txt"
SEEDS = (0, 1, 2)


@dataclass
class Labelled:
    example: C.Example
    label: str


def read_plv(path: Path) -> list[Labelled]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [Labelled(C.from_marked(r["marked_sentence"]), r["gold_root"]) for r in rows]


def read_gsr(path: Path) -> list[Labelled]:
    """The GSR records with labels in PLV_train's 15-way scheme (RETREAT/CONCEDE -> YIELD)."""
    from parley.evaluation.plover import canon, read

    return [Labelled(ex, canon(label)) for ex, label in read(path)] if path.is_file() else []


def featurise(items: list[Labelled]) -> list[dict[str, str]]:
    from parley.events.sentence import parser

    nlp = parser()
    docs = nlp.pipe([it.example.text for it in items], batch_size=64)
    return [C.views(doc, it.example) for doc, it in zip(docs, items, strict=True)]


def train_model(data: Path, out: Path, gsr: bool = True) -> dict[str, float]:
    items = read_plv(data / "PLV_train.tsv")
    extra = read_gsr(data / GSR_FILE) if gsr else []
    model = C.train(featurise(items + extra), [it.label for it in items + extra])
    model.trained_on = ["PLV_train.tsv"] + ([GSR_FILE] if extra else [])
    model.save(out)
    return {"n": len(items) + len(extra), "n_plv": len(items), "n_gsr": len(extra), "bytes": out.stat().st_size}


def _fit_predict(rows: list[dict[str, str]], labels: list[str], train: list[int], test: list[int],
                 keys: tuple[str, ...] | None) -> list[str]:
    model = C.train([rows[i] for i in train], [labels[i] for i in train], keys=keys)
    return [p for p, _ in model.predict([rows[i] for i in test])]


def cross_validate(data: Path, folds: int = 5, seeds: tuple[int, ...] = SEEDS, gsr: bool = True,
                   keys: tuple[str, ...] | None = None) -> dict[str, float]:
    """Accuracy/macro-F1 by ``folds``-fold stratified CV on PLV_train, repeated over ``seeds``: mean and sd
    over the repeats. ``gsr``: the GSR records join every training fold (and are scored by cross-fitting).
    ``keys``: the feature views (default all of ``classifier.VECTORIZERS``)."""
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    plv = read_plv(data / "PLV_train.tsv")
    extra = read_gsr(data / GSR_FILE)
    rows, labels = featurise(plv + extra), [it.label for it in plv + extra]
    n, added = len(plv), list(range(len(plv), len(rows))) if gsr else []
    accs, f1s = [], []
    for seed in seeds:
        pred = [""] * n
        for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(rows[:n], labels[:n]):
            for i, p in zip(te, _fit_predict(rows, labels, [*tr, *added], list(te), keys), strict=True):
                pred[i] = p
        accs.append(accuracy_score(labels[:n], pred))
        f1s.append(f1_score(labels[:n], pred, average="macro"))
    out = {"cv_accuracy": round(float(np.mean(accs)), 4), "cv_accuracy_sd": round(float(np.std(accs)), 4),
           "cv_macro_f1": round(float(np.mean(f1s)), 4), "folds": folds, "repeats": len(seeds), "n": n,
           "gsr_in_training": gsr}
    if extra:
        out["gsr_accuracy"] = round(_gsr_score(rows, labels, n, folds, gsr, keys), 4)
    return out


def _gsr_score(rows: list[dict[str, str]], labels: list[str], n: int, folds: int, gsr: bool,
               keys: tuple[str, ...] | None) -> float:
    """GSR accuracy: cross-fitted (all PLV + the other GSR folds) if ``gsr``, else trained on PLV only."""
    from sklearn.model_selection import StratifiedKFold

    idx = list(range(n, len(rows)))
    gold = [labels[i] for i in idx]
    if not gsr:
        pred = _fit_predict(rows, labels, list(range(n)), idx, keys)
        return sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold)
    counts = Counter(gold)
    strata = [g if counts[g] >= folds else "RARE" for g in gold]
    right = 0
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=0).split(idx, strata):
        pred = _fit_predict(rows, labels, [*range(n), *(idx[i] for i in tr)], [idx[i] for i in te], keys)
        right += sum(p == gold[i] for p, i in zip(pred, te, strict=True))
    return right / len(gold)
