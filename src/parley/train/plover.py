"""``parley train plover``: train the PLOVER type classifier from ``../shared/data/plover/PLV_train.tsv``.

The data is read where it lies (never copied into the repository); the model is written to
``src/parley/data/events/plover_model.npz`` and shipped. ``cross_validate`` measures it by 5-fold CV.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from parley.events import classifier as C


@dataclass
class Labelled:
    example: C.Example
    label: str


def read_plv(path: Path) -> list[Labelled]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [Labelled(C.from_marked(r["marked_sentence"]), r["gold_root"]) for r in rows]


def featurise(items: list[Labelled]) -> list[dict[str, str]]:
    from parley.events.sentence import parser

    nlp = parser()
    docs = nlp.pipe([it.example.text for it in items], batch_size=64)
    return [C.views(doc, it.example) for doc, it in zip(docs, items, strict=True)]


def train_model(data: Path, out: Path) -> dict[str, float]:
    items = read_plv(data / "PLV_train.tsv")
    model = C.train(featurise(items), [it.label for it in items])
    model.save(out)
    return {"n": len(items), "bytes": out.stat().st_size}


def cross_validate(data: Path, folds: int = 5) -> dict[str, float]:
    """Accuracy/macro-F1 of the classifier and of the lexicon alone, by stratified k-fold CV."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    items = read_plv(data / "PLV_train.tsv")
    rows, labels = featurise(items), [it.label for it in items]
    pred = [""] * len(items)
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=0).split(rows, labels):
        m = C.train([rows[i] for i in tr], [labels[i] for i in tr])
        for i, (p, _) in zip(te, m.predict([rows[i] for i in te]), strict=True):
            pred[i] = p
    return {"cv_accuracy": accuracy_score(labels, pred), "cv_macro_f1": f1_score(labels, pred, average="macro"),
            "n": len(items)}
