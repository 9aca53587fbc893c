"""``parley eval positions [FILE]``: proposals, provisions and positions against a hand-made gold set.

The gold file (default ``tests/data/positions/gold.json``, format in that
folder's README) holds short news paragraphs with their proposals (name,
points, authors, provisions) and positions (holders, stance, about). Each
paragraph runs through the whole pipeline on its own. Matching:

- proposal: same number of points when the gold has one, else the names share
  a content word or the mention overlaps; and, when the gold names authors, at
  least one gold author among the system's authors;
- provision: text overlap (token F1 >= 0.5) with a gold provision of the paragraph;
- position: same stance, every gold holder among the system's holders, and the
  ``about`` texts overlap (token F1 >= 0.5, or one contains the other);
  ``positions_any_stance`` drops the stance test (as shared/eval/score.py does).

Actors match by id, name or ``country`` (the state or body an actor speaks
for), normalised as ``shared/eval/score.py`` does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.evaluation import EvalOptions, EvalResult
from parley.records import Actor, Position, Proposal, Record

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "tests" / "data" / "positions" / "gold.json"
STOP = {"the", "a", "an", "of", "to", "for", "on", "in", "and", "or", "its", "his", "her", "their", "by", "with", "that",
        "as", "at", "from", "s", "is", "was", "be", "would", "will"}
THRESHOLD = 0.5


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("\u2019", "'")
    s = re.sub(r"[^\w' ]+", " ", s.casefold())
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", s).strip())


def words(s: str | None) -> list[str]:
    return [w.strip("'") for w in norm(s).split() if w.strip("'") not in STOP]


def overlap(a: str | None, b: str | None) -> float:
    """Token F1 of the content words; 1.0 when one text contains the other."""
    na, nb = norm(a), norm(b)
    if na and nb and (na in nb or nb in na):
        return 1.0
    wa, wb = words(a), words(b)
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def actor_names(ids: list[str], actors: dict[str, Actor]) -> set[str]:
    out: set[str] = set()
    for i in ids:
        out.add(norm(i.replace("-", " ")))
        a = actors.get(i)
        if a is not None:
            out |= {norm(a.name), norm(a.country)}
    return out - {""}


def holder_found(alternatives: list[str], names: set[str]) -> bool:
    return any(norm(x) in names for x in alternatives)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += n_gold - tp

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    proposals: Tally = field(default_factory=Tally)
    provisions: Tally = field(default_factory=Tally)
    positions: Tally = field(default_factory=Tally)
    positions_any_stance: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)


def greedy(gold: list[Any], pred: list[Any], fits: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    """One-to-one matching in gold order."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        hit = next((pi for pi, p in enumerate(pred) if pi not in used and fits(g, p)), None)
        if hit is not None:
            used.add(hit)
            pairs.append((gi, hit))
    return pairs


def proposal_fits(g: dict[str, Any], p: Proposal, actors: dict[str, Actor], text: str) -> bool:
    if g.get("points") is not None:
        same = p.points == g["points"]
    else:
        spans = [(m.start, m.end) for m in p.mentions]
        same = overlap(g["name"], p.name) > 0 or any(s < g["end"] and g["start"] < e for s, e in spans)
    if not same:
        return False
    names = actor_names(p.authors, actors)
    return not g["authors"] or any(holder_found(a, names) for a in g["authors"])


def position_fits(g: dict[str, Any], q: Position, actors: dict[str, Actor], stance: bool = True) -> bool:
    if stance and q.stance != g["stance"]:
        return False
    names = actor_names(q.holders, actors)
    return all(holder_found(h, names) for h in g["holders"]) and overlap(g["about"], q.about) >= THRESHOLD


def score_item(item: dict[str, Any], rec: Record, scores: Scores) -> None:
    actors = {a.id: a for a in rec.actors}
    gp, pp = item["proposals"], rec.proposals
    pairs = greedy(gp, pp, lambda g, p: proposal_fits(g, p, actors, item["text"]))
    scores.proposals.add(len(pairs), len(pp), len(gp))
    got, taken_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    scores.misses += [f"{item['id']}: missed proposal {g['name']!r} {g['authors']}" for i, g in enumerate(gp)
                      if i not in got]
    scores.misses += [f"{item['id']}: extra proposal {p.name!r} {p.authors}" for i, p in enumerate(pp) if i not in taken_p]
    gprov = [x["text"] for g in gp for x in g["provisions"]]
    pprov = [x for p in pp for x in p.provisions]
    scores.provisions.add(len(greedy(gprov, pprov, lambda g, p: overlap(g, p) >= THRESHOLD)), len(pprov), len(gprov))
    gq, pq = item["positions"], rec.positions
    qpairs = greedy(gq, pq, lambda g, q: position_fits(g, q, actors))
    scores.positions.add(len(qpairs), len(pq), len(gq))
    loose = greedy(gq, pq, lambda g, q: position_fits(g, q, actors, stance=False))
    scores.positions_any_stance.add(len(loose), len(pq), len(gq))
    found = {gi for gi, _ in qpairs}
    scores.misses += [f"{item['id']}: missed position {g['stance']} {g['about'][:50]!r}" for i, g in enumerate(gq)
                      if i not in found]
    taken = {pi for _, pi in qpairs}
    scores.misses += [f"{item['id']}: extra position {q.stance} {q.holders} {q.about[:50]!r}" for i, q in enumerate(pq)
                      if i not in taken]


def load_gold(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text("utf-8"))
    return list(data["items"])


def run(path: Path | None, options: EvalOptions) -> EvalResult:
    from parley.pipeline import process_text

    items = load_gold(path or DEFAULT_GOLD)[: options.limit]
    scores = Scores()
    outputs = []
    for item in items:
        pub = dt.date.fromisoformat(item["published"]) if item.get("published") else None
        rec = process_text(item["text"], pub, article_id=item["id"])
        score_item(item, rec, scores)
        outputs.append({"id": item["id"], "proposals": [p.to_dict() for p in rec.proposals],
                        "positions": [q.to_dict() for q in rec.positions]})
    if options.out is not None:
        options.out.mkdir(parents=True, exist_ok=True)
        (options.out / "positions_output.json").write_text(json.dumps(outputs, ensure_ascii=False, indent=1), "utf-8")
    metrics: dict[str, Any] = {"n": len(items)}
    rows: list[list[Any]] = [["part", "P", "R", "F1", "tp", "fp", "fn"]]
    for name in ("proposals", "provisions", "positions", "positions_any_stance"):
        t: Tally = getattr(scores, name)
        p, r, f = t.prf()
        metrics.update({f"{name}_p": round(p, 3), f"{name}_r": round(r, 3), f"{name}_f1": round(f, 3),
                        f"{name}_n": t.tp + t.fn})
        rows.append([name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", t.tp, t.fp, t.fn])
    return EvalResult(title=f"proposals and positions ({len(items)} paragraphs)", metrics=metrics, rows=rows,
                      notes=scores.misses)
