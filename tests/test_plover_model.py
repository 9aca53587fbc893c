"""The shipped PLOVER type classifier: safe file, features, reproducible training, held-out accuracy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from parley.events import classifier as C

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PLOVER = SHARED / "data" / "plover"
MODEL = Path(C.__file__).resolve().parents[1] / "data" / "events" / C.MODEL_FILE
LABELS = {"ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "MOBILIZE", "PROTEST",
          "REJECT", "REQUEST", "SANCTION", "SUPPORT", "THREATEN", "YIELD"}


def test_model_file_is_small_plain_arrays() -> None:
    assert MODEL.stat().st_size < 10_000_000
    with np.load(MODEL, allow_pickle=False) as z:  # raises on any pickled object
        assert all(z[k].dtype != object for k in z.files)
        assert set(z["classes"].tolist()) == LABELS
        assert {f"{k}_vocab" for k in C.VECTORIZERS} <= set(z.files)
        assert z["coef"].shape == (len(LABELS), sum(len(z[f"{k}_vocab"]) for k in C.VECTORIZERS))
    model = C.load()
    assert model is not None and model.trained_on == ["PLV_train.tsv", "PLOVER_GSR_CAMEO.txt"]


def test_views_mark_source_target_and_the_words_between() -> None:
    from parley.events.sentence import parser

    ex = C.from_marked("<s>The rebels</s> rejected the truce offered by <t>the government</t> on Monday.")
    assert ex.source is not None and ex.text[ex.source[0]:ex.source[1]] == "The rebels"
    v = C.views(parser()(ex.text), ex)
    assert v["words"].split()[0] == "SRC" and "TGT" in v["words"].split()
    assert v["between"].split()[:2] == ["ST", "reject"] and "offer" in v["between"].split()
    assert C.views(parser()("Talks resumed."), C.Example("Talks resumed.", None, None))["between"] == ""
    ex2 = C.from_marked("<t>The embassy</t> was attacked by <s>militants</s>.")
    assert C.between(parser()(ex2.text), ex2).split()[0] == "TS"


@pytest.fixture(scope="module")
def featurised() -> tuple[list[dict[str, str]], list[str], int]:
    from parley.train.plover import GSR_FILE, featurise, read_gsr, read_plv

    plv = read_plv(PLOVER / "PLV_train.tsv")
    gsr = read_gsr(PLOVER / GSR_FILE)
    items = plv + gsr
    return featurise(items), [it.label for it in items], len(plv)


@pytest.mark.skipif(not (PLOVER / "PLV_train.tsv").is_file(), reason="shared PLOVER data absent")
def test_held_out_fold_accuracy(featurised: tuple[list[dict[str, str]], list[str], int]) -> None:
    """Train on 4/5 of PLV_train + the GSR records, score the other 1/5 (never seen)."""
    from sklearn.model_selection import StratifiedKFold

    rows, labels, n = featurised
    tr, te = next(StratifiedKFold(5, shuffle=True, random_state=0).split(rows[:n], labels[:n]))
    model = C.train([rows[i] for i in [*tr, *range(n, len(rows))]], [labels[i] for i in [*tr, *range(n, len(rows))]])
    pred = [p for p, _ in model.predict([rows[i] for i in te])]
    acc = sum(p == labels[i] for p, i in zip(pred, te, strict=True)) / len(te)
    assert acc >= 0.78, acc  # the recipe measures 0.838 ± 0.002 by repeated 5-fold CV


@pytest.mark.skipif(not (PLOVER / "PLV_train.tsv").is_file(), reason="shared PLOVER data absent")
def test_shipped_model_is_reproduced_by_training(featurised: tuple[list[dict[str, str]], list[str], int],
                                                 tmp_path: Path) -> None:
    """Retraining from the shipped code and data gives the shipped model's answers (round trip via the file)."""
    rows, labels, _ = featurised
    out = tmp_path / "m.npz"
    C.train(rows, labels).save(out)
    again, shipped = C.load_file(out), C.load()
    assert shipped is not None
    sample = rows[::7]
    agree = np.mean([a[0] == b[0] for a, b in zip(again.predict(sample), shipped.predict(sample), strict=True)])
    # exact unless the trigger lexicon changed since the model was trained: then run `parley train plover`
    assert agree >= 0.97, agree


@pytest.mark.skipif(not (PLOVER / "PLV_train.tsv").is_file(), reason="shared PLOVER data absent")
def test_eval_flags_in_sample_files(tmp_path: Path) -> None:
    import json

    from parley.evaluation import EvalOptions
    from parley.evaluation.plover import run

    lines = [{"id": "a", "text": "Rebels rejected the government's truce offer on Monday.", "type": "REJECT",
              "source": "Rebels", "target": "the government"},
             {"id": "b", "text": "Police arrested dozens of protesters in the capital.", "type": "COERCE",
              "source": "Police", "target": "dozens of protesters"}]
    held = tmp_path / "held.jsonl"
    held.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    res = run(held, EvalOptions())
    assert res.metrics["n"] == 2 and res.metrics["in_sample"] is False and not res.notes
    assert run(PLOVER / "PLOVER_GSR_CAMEO.txt", EvalOptions(limit=5)).metrics["in_sample"] is True
