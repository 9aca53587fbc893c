"""``parley eval quotes``: attribution extraction scored on PolNeAR (or GGT-style) gold.

Layout of ``PATH`` (one PolNeAR split): ``text/<name>.txt`` and
``attributions/<name>_<annotator>.ann`` (brat: Source, Cue, Content and an
``Attribution`` event tying them). Where an article has several annotators, the
first annotation file in name order is the gold.

Matching (words are ``\\w+`` tokens; punctuation is ignored):

* content, overlap: a predicted and a gold content match when their shared words
  are at least 0.3 of the longer of the two; pairs are matched one to one,
  greedily by overlap. Exact: the same set of words.
* cue: a predicted cue span overlapping a gold cue span, one to one.
* speaker accuracy, over overlap-matched pairs whose gold has a source: the
  predicted source span overlaps the gold source span, or the gold source span
  resolves to the same speaker id as the prediction.

``--format polnear-statements`` (or ``ggt-statements``) scores only the attributions the record
keeps as statements (no belief/intention cues). ``--format ggt`` reads ``PATH`` laid out as GenderGapTracker's annotated quotes
(``*.json`` files with ``text`` and ``quotes``: ``quote_index``/``speaker_index``
character ranges); absent data is reported, not fatal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from parley.evaluation import EvalOptions, EvalResult
from parley.quotes import STATEMENT_KINDS, Attribution, SpeakerResolver, find_attributions, load_data

Spans = list[tuple[int, int]]
WORD = re.compile(r"\w+")
OVERLAP = 0.3


@dataclass
class Gold:
    content: Spans
    cue: Spans = field(default_factory=list)
    source: Spans = field(default_factory=list)


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    tp_overlap: int = 0
    tp_exact: int = 0
    cue_gold: int = 0
    cue_pred: int = 0
    cue_tp: int = 0
    speaker_n: int = 0
    speaker_ok: int = 0
    docs: int = 0


# ---------------------------------------------------------------- reading gold


def _spans(field_: str) -> Spans:
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_brat(path: Path) -> list[Gold]:
    """The attributions of one PolNeAR ``.ann`` file."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, rest = parts[1].partition(" ")
            try:
                spans[parts[0]] = (kind, _spans(rest))
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for ev in events:
        if "Content" not in ev or ev["Content"] not in spans:
            continue
        def get(role: str, ev: dict[str, str] = ev) -> Spans:
            return spans[ev[role]][1] if role in ev and ev[role] in spans else []
        out.append(Gold(get("Content"), get("Cue"), get("Source")))
    return out


def polnear_docs(path: Path) -> Iterator[tuple[str, str, list[Gold]]]:
    """(name, text, gold) for each article of a PolNeAR split directory."""
    anns: dict[str, Path] = {}
    for ann in sorted((path / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(name, ann)
    for txt in sorted((path / "text").glob("*.txt")):
        ann_path = anns.get(txt.stem)
        if ann_path is not None:
            yield txt.stem, txt.read_text(encoding="utf-8"), read_brat(ann_path)


def ggt_docs(path: Path) -> Iterator[tuple[str, str, list[Gold]]]:
    """(name, text, gold) from GGT-style JSON files (``text`` + ``quotes`` with index ranges)."""
    for f in sorted(path.rglob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        text = data.get("text") or data.get("body") or ""
        gold = []
        for q in data.get("quotes") or []:
            content = _range(q.get("quote_index"))
            if content:
                gold.append(Gold(content, _range(q.get("verb_index")), _range(q.get("speaker_index"))))
        yield f.stem, text, gold


def _range(value: Any) -> Spans:
    if isinstance(value, str):
        nums = [int(x) for x in re.findall(r"\d+", value)]
        return [(nums[0], nums[1])] if len(nums) >= 2 else []
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(x, int) for x in value):
        return [(value[0], value[1])]
    return []


# ---------------------------------------------------------------- scoring


def _words(text: str, spans: Spans) -> frozenset[int]:
    out: set[int] = set()
    for s, e in spans:
        out.update(m.start() for m in WORD.finditer(text, s, e))
    return frozenset(out)


def _ratio(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def _touch(a: Spans, b: Spans) -> bool:
    return any(min(x[1], y[1]) > max(x[0], y[0]) for x in a for y in b)


def _match(gold: list[frozenset[int]], pred: list[frozenset[int]]) -> list[tuple[int, int, float]]:
    pairs = sorted(((_ratio(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for r, i, j in pairs:
        if r < OVERLAP:
            break
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j, r))
    return out


def score_doc(doc: Doc, gold: list[Gold], pred: list[Attribution], counts: Counts) -> None:
    text = doc.text
    gw = [_words(text, g.content) for g in gold]
    pw = [_words(text, p.content) for p in pred]
    counts.docs += 1
    counts.gold += len(gold)
    counts.pred += len(pred)
    resolver = SpeakerResolver(doc, load_data())
    for i, j, _r in _match(gw, pw):
        counts.tp_overlap += 1
        counts.tp_exact += gw[i] == pw[j]
        g, p = gold[i], pred[j]
        if g.source:
            counts.speaker_n += 1
            counts.speaker_ok += _speaker_right(doc, resolver, g, p)
    _score_cues(gold, pred, counts)


def _speaker_right(doc: Doc, resolver: SpeakerResolver, g: Gold, p: Attribution) -> bool:
    if p.source and _touch([p.source], g.source):
        return True
    if p.speaker is None:
        return False
    span = doc.char_span(g.source[0][0], g.source[0][1], alignment_mode="expand")
    if span is None:
        return False
    got = resolver._resolve_span(span)
    return got is not None and got[0] == p.speaker


def _score_cues(gold: list[Gold], pred: list[Attribution], counts: Counts) -> None:
    gc = [g.cue for g in gold if g.cue]
    pc = [[p.cue_span] for p in pred if p.cue_span]
    counts.cue_gold += len(gc)
    counts.cue_pred += len(pc)
    used: set[int] = set()
    for g in gc:
        hit = next((k for k, p in enumerate(pc) if k not in used and _touch(g, p)), None)
        if hit is not None:
            used.add(hit)
            counts.cue_tp += 1


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def metrics(c: Counts) -> dict[str, Any]:
    po, ro, fo = _prf(c.tp_overlap, c.pred, c.gold)
    pe, re_, fe = _prf(c.tp_exact, c.pred, c.gold)
    pc, rc, fc = _prf(c.cue_tp, c.cue_pred, c.cue_gold)
    r3 = lambda x: round(x, 4)  # noqa: E731
    return {
        "content_f1_overlap": r3(fo), "content_precision_overlap": r3(po), "content_recall_overlap": r3(ro),
        "content_f1_exact": r3(fe), "content_precision_exact": r3(pe), "content_recall_exact": r3(re_),
        "cue_f1": r3(fc), "cue_precision": r3(pc), "cue_recall": r3(rc),
        "speaker_accuracy": r3(c.speaker_ok / c.speaker_n) if c.speaker_n else 0.0,
        "speaker_n": c.speaker_n, "n_gold": c.gold, "n_pred": c.pred, "n_docs": c.docs,
    }


# ---------------------------------------------------------------- brat output


def to_brat(text: str, atts: list[Attribution]) -> str:
    """Attributions as brat standoff in PolNeAR's scheme."""
    lines: list[str] = []
    n = 0

    def t(kind: str, spans: Spans) -> str:
        nonlocal n
        n += 1
        frag = ";".join(f"{s} {e}" for s, e in spans)
        lines.append(f"T{n}\t{kind} {frag}\t{' '.join(text[s:e] for s, e in spans)}")
        return f"T{n}"

    for k, a in enumerate(atts, 1):
        content = t("Content", sorted(a.content))
        args = [f"Content:{content}"]
        anchor = a.cue_span or sorted(a.content)[0]
        if a.cue_span:
            args.append(f"Cue:{t('Cue', [a.cue_span])}")
        if a.source:
            args.append(f"Source:{t('Source', [a.source])}")
        kind = "Attribution" if a.source else "Attribution-no-source"
        trig = t(kind, [anchor])
        lines.append(f"E{k}\t{kind}:{trig} " + " ".join(args))
    return "\n".join(lines) + ("\n" if lines else "")


# ---------------------------------------------------------------- running


def _nlp() -> Language:
    """The parser with parley's earlier stages (timex, actors) when they load, then quotes."""
    import spacy

    from parley import nlp as pnlp

    nlp = spacy.load(pnlp.MODEL)
    nlp.add_pipe("parley_paragraphs", before="parser")
    for name in ("parley_timex", "parley_actors"):
        try:
            nlp.add_pipe(name)
        except (ValueError, ImportError):
            continue
    return nlp


def default_path(fmt: str) -> Path:
    from parley.paths import shared_dir

    data = shared_dir() / "data"
    return data / "quotes_ggt" if fmt == "ggt" else data / "polnear" / "dev"


def run(path: Path | None, options: EvalOptions) -> EvalResult:
    """Score parley's attributions against a PolNeAR split (or GGT-style data)."""
    fmt = (options.fmt or "polnear").lower()
    statements_only = fmt.endswith("-statements")  # score only what the record keeps as statements
    fmt = fmt.removesuffix("-statements")
    if fmt not in ("polnear", "ggt"):
        return EvalResult(f"quotes ({fmt})", {"error": f"unknown format {fmt!r} (polnear | ggt)", "n_gold": 0},
                          rows=[["metric", "value"], ["error", f"unknown format {fmt!r}"]])
    path = path or default_path(fmt)
    if not path.exists():
        return EvalResult(f"quotes ({fmt})", {"error": f"no data at {path}", "n_gold": 0},
                          rows=[["metric", "value"], ["error", f"no data at {path}"]])
    docs = list(polnear_docs(path) if fmt == "polnear" else ggt_docs(path))
    if options.limit:
        docs = docs[: options.limit]
    cognition = bool(options.extra.get("cognition", fmt == "polnear" and not statements_only))
    counts = Counts()
    nlp = _nlp()
    from parley.nlp import make_doc

    for name, text, gold in docs:
        doc = nlp(make_doc(nlp, text, name, None))
        pred = find_attributions(doc, cognition=cognition, nested=bool(options.extra.get("nested", False)))
        if statements_only:
            pred = [a for a in pred if a.kind in STATEMENT_KINDS]
        score_doc(doc, gold, pred, counts)
        if options.out is not None:
            options.out.mkdir(parents=True, exist_ok=True)
            (options.out / f"{name}_parley.ann").write_text(to_brat(text, pred), encoding="utf-8")
    m = metrics(counts)
    rows = [["metric", "value"]] + [[k, str(v)] for k, v in m.items()]
    return EvalResult(f"quotes ({fmt}, {path.name})", m, rows=rows,
                      notes=[f"overlap match: shared words >= {OVERLAP} of the longer span"])
