"""``parley eval actors FILE``: mention -> actor linking precision/recall/F1 on a gold file.

Gold file format (JSON)::

    {"documents": [{
        "id": "seed",
        "published": "2025-12-01",             # anchor date for roles ("the foreign minister")
        "text_file": "article.txt",            # text: a path relative to the gold file, or
        "shared_file": "acceptance/seed/article.txt",   # a path under the shared directory, or
        "meantime": "meantime/corpus_airbus/87805_....xml",   # a MEANTIME document under shared/data
                                               #   (text = its tokens joined by spaces, one line a sentence), or
        "text": "...",                         # the text inline
        "mentions": [{"start": 55, "end": 62, "text": "Ukraine", "actor": "ukraine"}, ...]
    }]}

``actor`` is a registry id (``ukraine``, ``mark-rutte``) or, for an actor the registry does not hold, any
label shared by all mentions of that actor (e.g. ``"?airbus"``: ids starting with ``?`` are unknowns).

Scoring: a predicted mention (a span in ``doc.spans["actors"]``) and a gold mention match when their
character spans overlap; each is used once. A match is correct when the actor agrees: registry ids must be
equal; an unknown gold actor is mapped to the one predicted id (not a registry id) that covers most of its
mentions, one to one. precision = correct / predicted mentions, recall = correct / gold mentions.
Metrics (``--json``): precision, recall, f1, n_gold, n_pred, n_correct, n_docs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.evaluation import EvalOptions, EvalResult, cat_text
from parley.paths import shared_dir


@dataclass
class GoldDoc:
    id: str
    text: str
    published: dt.date | None
    mentions: list[dict[str, Any]] = field(default_factory=list)


def meantime_text(path: Path) -> tuple[str, dict[str, tuple[int, int]]]:
    """The text of a MEANTIME CAT document and the character span of each token id."""
    return cat_text(ET.parse(path).getroot())


def _doc_text(item: dict[str, Any], base: Path) -> str:
    if "text" in item:
        return str(item["text"])
    if "text_file" in item:
        return (base / item["text_file"]).read_text(encoding="utf-8")
    if "shared_file" in item:
        return (shared_dir() / item["shared_file"]).read_text(encoding="utf-8")
    return meantime_text(shared_dir() / "data" / item["meantime"])[0]


def load_gold(path: Path) -> list[GoldDoc]:
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = []
    for item in data["documents"]:
        published = dt.date.fromisoformat(item["published"]) if item.get("published") else None
        docs.append(GoldDoc(item["id"], _doc_text(item, path.parent), published, item["mentions"]))
    return docs


def convert_meantime(path: Path) -> dict[str, Any]:
    """A draft gold document from a MEANTIME file: every PER/ORG/LOC entity mention with its instance
    (REFERS_TO). Review by hand: drop locative uses and out-of-scope mentions, set registry ids."""
    root = ET.parse(path).getroot()
    _, tok_spans = meantime_text(path)
    text = meantime_text(path)[0]
    mentions = {m.get("m_id"): [a.get("t_id") for a in m.findall("token_anchor")]
                for m in root.iter("ENTITY_MENTION")}
    instances = {e.get("m_id"): e for e in root.iter("ENTITY")}
    out: list[dict[str, Any]] = []
    for rel in root.iter("REFERS_TO"):
        inst = instances.get(rel.find("target").get("m_id"))  # type: ignore[union-attr]
        if inst is None or inst.get("ent_type") not in ("PER", "ORG", "LOC"):
            continue
        for src in rel.findall("source"):
            toks = [tok_spans[t] for t in mentions.get(src.get("m_id"), []) if t in tok_spans]
            if toks:
                start, end = min(s for s, _ in toks), max(e for _, e in toks)
                out.append({"start": start, "end": end, "text": text[start:end],
                            "actor": "?" + re.sub(r"[^a-z0-9]+", "-", inst.get("TAG_DESCRIPTOR", "").lower())})
    out.sort(key=lambda m: m["start"])
    return {"id": path.stem.split("_")[0], "meantime": str(path.relative_to(shared_dir() / "data")),
            "mentions": out}


def predict(doc: GoldDoc) -> list[dict[str, Any]]:
    from parley.nlp import load_nlp, make_doc

    nlp = load_nlp()
    sdoc = nlp(make_doc(nlp, doc.text, doc.id, doc.published))
    return [{"start": s.start_char, "end": s.end_char, "text": s.text, "actor": s._.actor_id,
             "rule": s._.actor_rule} for s in sdoc.spans["actors"]]


def _pairs(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Overlapping (gold, pred) index pairs, each used once, nearest extents first (at equal distance, the
    pair that agrees on the actor: a group mention has one gold and one predicted span per member)."""
    cands = [(abs(g["start"] - p["start"]) + abs(g["end"] - p["end"]), g["actor"] != p["actor"], gi, pi)
             for gi, g in enumerate(gold) for pi, p in enumerate(pred)
             if g["start"] < p["end"] and p["start"] < g["end"]]
    used_g, used_p, out = set(), set(), []
    for _, _, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _unknown_map(gold: list[dict[str, Any]], pred: list[dict[str, Any]],
                 pairs: list[tuple[int, int]], known: set[str]) -> dict[str, str]:
    votes: Counter[tuple[str, str]] = Counter()
    for gi, pi in pairs:
        g, p = gold[gi]["actor"], pred[pi]["actor"]
        if g.startswith("?") and p not in known:
            votes[(g, p)] += 1
    mapping: dict[str, str] = {}
    for (g, p), _ in votes.most_common():
        if g not in mapping and p not in mapping.values():
            mapping[g] = p
    return mapping


def score_doc(gold: list[dict[str, Any]], pred: list[dict[str, Any]],
              known: set[str]) -> tuple[int, list[dict[str, Any]]]:
    pairs = _pairs(gold, pred)
    mapping = _unknown_map(gold, pred, pairs, known)
    correct, errors = 0, []
    matched_p = {pi for _, pi in pairs}
    for gi, pi in pairs:
        want = mapping.get(gold[gi]["actor"], gold[gi]["actor"])
        if pred[pi]["actor"] == want:
            correct += 1
        else:
            errors.append({"kind": "wrong-actor", "gold": gold[gi], "pred": pred[pi]})
    got = {gi for gi, _ in pairs}
    errors += [{"kind": "missed", "gold": g} for i, g in enumerate(gold) if i not in got]
    errors += [{"kind": "extra", "pred": p} for i, p in enumerate(pred) if i not in matched_p]
    return correct, errors


def run(path: Path | None, options: EvalOptions) -> EvalResult:
    from parley.actors import default_registry

    known = set(default_registry().entries)
    docs = _load_all(path)
    docs = docs[: options.limit] if options.limit else docs
    rows: list[list[Any]] = [["doc", "gold", "pred", "correct", "P", "R", "F1"]]
    n_gold = n_pred = n_correct = 0
    all_errors = []
    for doc in docs:
        pred = predict(doc)
        correct, errors = score_doc(doc.mentions, pred, known)
        all_errors += [{"doc": doc.id, **e} for e in errors]
        n_gold, n_pred, n_correct = n_gold + len(doc.mentions), n_pred + len(pred), n_correct + correct
        rows.append([doc.id, len(doc.mentions), len(pred), correct, *_prf(correct, len(pred), len(doc.mentions))])
    p, r, f = _prf(n_correct, n_pred, n_gold)
    rows.append(["all", n_gold, n_pred, n_correct, p, r, f])
    if options.out:
        options.out.mkdir(parents=True, exist_ok=True)
        (options.out / "actors_errors.json").write_text(json.dumps(all_errors, indent=1, ensure_ascii=False))
    kinds = Counter(e["kind"] for e in all_errors)
    return EvalResult(title="actors: mention -> actor linking",
                      metrics={"precision": p, "recall": r, "f1": f, "n_gold": n_gold, "n_pred": n_pred,
                               "n_correct": n_correct, "n_docs": len(docs), "errors": dict(kinds)},
                      rows=rows, notes=[f"{k}: {v}" for k, v in kinds.items()])


def _load_all(path: Path | None) -> list[GoldDoc]:
    """One gold file, or every ``*_gold.json`` of a directory (default: the repository's
    ``tests/data/actors``)."""
    if path is None:
        path = Path(__file__).resolve().parents[3] / "tests" / "data" / "actors"
    files = sorted(path.glob("*_gold.json")) if path.is_dir() else [path]
    return [d for f in files for d in load_gold(f)]


def _prf(correct: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0
