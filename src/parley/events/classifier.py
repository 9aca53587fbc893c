"""A small trained PLOVER type classifier: sentence + source/target -> type, over parse features.

Features: the sentence with its source and target replaced by SRC/TGT (word 1-2-grams and character
3-5-grams), parse features (the lemmas governing the source and target heads, the root lemma,
negated verbs, content lemmas) plus the trigger lexicon's vote, and the lemmas between source and target
(with their order, SRC..TGT or TGT..SRC). A linear SVM (scikit-learn) is trained by ``parley train plover``
from ``../shared/data/plover`` and stored as arrays in ``data/events/plover_model.npz`` (no pickle; loaded
with ``allow_pickle=False``). Prediction rebuilds the vectorizers from the stored vocabularies and idf weights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span

from parley.events.lexicon import triggers

MODEL_FILE = "plover_model.npz"
VECTORIZERS: dict[str, dict[str, Any]] = {
    "words": {"ngram_range": (1, 2), "sublinear_tf": True},
    "chars": {"analyzer": "char_wb", "ngram_range": (3, 5), "sublinear_tf": True, "min_df": 2},
    "parse": {"token_pattern": r"\S+", "sublinear_tf": True, "lowercase": False},
    "between": {"ngram_range": (1, 2), "token_pattern": r"\S+", "sublinear_tf": True},
}
BETWEEN_MAX = 12  # lemmas kept between source and target


@dataclass
class Example:
    text: str
    source: tuple[int, int] | None  # character offsets
    target: tuple[int, int] | None


def masked(ex: Example) -> str:
    spans = sorted([(s, "SRC") for s in [ex.source] if s] + [(t, "TGT") for t in [ex.target] if t], reverse=True)
    text = ex.text
    for (a, b), tag in spans:
        text = text[:a] + f" {tag} " + text[b:]
    return text


def _head_feats(tag: str, span: Span | None) -> list[str]:
    if span is None:
        return []
    out, t = [], span.root
    for _ in range(5):
        if t.head == t:
            break
        out.append(f"{tag}_{t.dep_}")
        t = t.head
        if t.pos_ in ("VERB", "NOUN", "ADJ"):
            out += [f"{tag}G_{t.lemma_.lower()}", f"G_{t.lemma_.lower()}"]
            if any(c.dep_ == "neg" for c in t.children):
                out.append(f"NEG_{t.lemma_.lower()}")
    return out


def parse_features(doc: Doc, ex: Example) -> str:
    src = doc.char_span(*ex.source, alignment_mode="expand") if ex.source else None
    tgt = doc.char_span(*ex.target, alignment_mode="expand") if ex.target else None
    feats = [f"ROOT_{t.lemma_.lower()}" for t in doc if t.dep_ == "ROOT"]
    feats += _head_feats("s", src) + _head_feats("t", tgt)
    lex = triggers()
    for t in doc:
        pos = "verb" if t.pos_ == "VERB" else "noun" if t.pos_ == "NOUN" else None
        for trig in lex.get((t.lemma_.lower(), pos or ""), [])[:1]:
            feats.append(f"LEX_{trig.type}")
    feats += [f"L_{t.lemma_.lower()}" for t in doc if not (t.is_punct or t.is_stop)]
    return " ".join(feats)


def between(doc: Doc, ex: Example) -> str:
    """"ST condemn a" for "<s>Iran</s> condemned a <t>deal</t>": order, then the lemmas between (no punctuation)."""
    if not (ex.source and ex.target):
        return ""
    src = doc.char_span(*ex.source, alignment_mode="expand")
    tgt = doc.char_span(*ex.target, alignment_mode="expand")
    if src is None or tgt is None:
        return ""
    first, second = (src, tgt) if src.start <= tgt.start else (tgt, src)
    order = "ST" if first is src else "TS"
    lemmas = [t.lemma_.lower() for t in doc[first.end:second.start] if not t.is_punct][:BETWEEN_MAX]
    return " ".join([order, *lemmas])


def views(doc: Doc, ex: Example) -> dict[str, str]:
    m = masked(ex)
    return {"words": m, "chars": m, "parse": parse_features(doc, ex), "between": between(doc, ex)}


def locate(text: str, surface: str | None) -> tuple[int, int] | None:
    if not surface:
        return None
    i = text.find(surface)
    if i < 0:
        i = text.lower().find(surface.lower())
    return (i, i + len(surface)) if i >= 0 else None


def from_marked(marked: str) -> Example:
    """"<s>Iran</s> condemned <t>the US</t>" -> Example with offsets."""
    out, spans, pending = "", {}, {}
    for piece in re.split(r"(</?[st]>)", marked):
        if piece in ("<s>", "<t>"):
            pending[piece[1]] = len(out)
        elif piece in ("</s>", "</t>"):
            spans[piece[2]] = (pending.pop(piece[2], len(out)), len(out))
        else:
            out += piece
    return Example(out, spans.get("s"), spans.get("t"))


class Model:
    """A linear model over the feature views (trained or loaded); ``trained_on``: the data files' names."""

    def __init__(self, vecs: dict[str, Any], coef: np.ndarray, intercept: np.ndarray, classes: list[str],
                 trained_on: list[str] | None = None) -> None:
        self.vecs, self.coef, self.intercept, self.classes = vecs, coef, intercept, classes
        self.trained_on = trained_on or []

    def matrix(self, rows: list[dict[str, str]]) -> Any:
        from scipy.sparse import hstack

        return hstack([v.transform([r[k] for r in rows]) for k, v in self.vecs.items()]).tocsr()

    def scores(self, rows: list[dict[str, str]]) -> np.ndarray:
        return np.asarray(self.matrix(rows) @ self.coef.T) + self.intercept

    def predict(self, rows: list[dict[str, str]]) -> list[tuple[str, float]]:
        s = self.scores(rows)
        return [(self.classes[int(i)], float(row[int(i)])) for row, i in zip(s, s.argmax(axis=1), strict=True)]

    def save(self, path: Path) -> None:
        arrays: dict[str, Any] = {"coef": self.coef.astype(np.float32), "intercept": self.intercept,
                                  "classes": np.array(self.classes), "trained_on": np.array(self.trained_on, dtype=str)}
        for k, v in self.vecs.items():
            vocab = sorted(v.vocabulary_, key=v.vocabulary_.get)
            arrays[f"{k}_vocab"] = np.array(vocab)
            arrays[f"{k}_idf"] = v.idf_.astype(np.float32)
        np.savez_compressed(path, **arrays)


def train(rows: list[dict[str, str]], labels: list[str], c: float = 0.5, keys: tuple[str, ...] | None = None) -> Model:
    """Fit the vectorizers (``keys``: the views to use, default all) and a linear SVM."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    vecs = {k: TfidfVectorizer(**VECTORIZERS[k]) for k in keys or tuple(VECTORIZERS)}
    x = hstack([v.fit_transform([r[k] for r in rows]) for k, v in vecs.items()]).tocsr()
    clf = LinearSVC(C=c, random_state=0).fit(x, labels)
    return Model(vecs, clf.coef_, clf.intercept_, [str(c) for c in clf.classes_])


@lru_cache(maxsize=1)
def load() -> Model | None:
    """The shipped model, or None if it was never trained."""
    ref = resources.files("parley.data.events").joinpath(MODEL_FILE)
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path:
        return load_file(path)


def load_file(path: Path) -> Model:
    """A model saved by ``Model.save``: plain arrays, read with ``allow_pickle=False`` (no code runs)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    with np.load(path, allow_pickle=False) as z:
        vecs = {}
        for k, kw in VECTORIZERS.items():
            if f"{k}_vocab" not in z:
                continue
            vocab = {str(w): i for i, w in enumerate(z[f"{k}_vocab"])}
            v = TfidfVectorizer(vocabulary=vocab, **{a: b for a, b in kw.items() if a != "min_df"})
            v.idf_ = z[f"{k}_idf"].astype(np.float64)
            vecs[k] = v
        trained_on = [str(f) for f in z["trained_on"]] if "trained_on" in z else []
        return Model(vecs, z["coef"].astype(np.float64), z["intercept"], [str(c) for c in z["classes"]], trained_on)
