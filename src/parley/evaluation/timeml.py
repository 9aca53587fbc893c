"""``parley eval timeml DIR``: TempEval-3 task A on TimeML files.

Reads every ``*.tml`` under DIR, takes the DCT from the TIMEX3 with
``functionInDocument="CREATION_TIME"``, runs parley's timex engine on the
plain text of ``<TEXT>`` anchored on it, and scores as UzZaman et al. (2013)
define the measures: strict (same extent) and relaxed (overlapping extent)
precision/recall/F1 over one-to-one matches, and type / value F1, where an
attribute counts as found when a relaxed match also has the right attribute
(P = right / system timexes, R = right / gold timexes). The DCT itself is
metadata and is not scored. ``--format cat`` reads MEANTIME (CAT XML) instead,
as a second, held-out check. ``--out DIR`` writes each document back as TimeML
with parley's TIMEX3 tags in place of the gold ones (other annotation dropped).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from parley.errors import ParleyError
from parley.evaluation import EvalOptions, EvalResult
from parley.records import Timex

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TmlDoc:
    path: Path
    raw: str
    text: str
    dct: dt.date | None
    gold: list[GoldTimex] = field(default_factory=list)
    text_span: tuple[int, int] = (0, 0)  # the raw <TEXT> content's offsets


def _dct(raw: str) -> dt.date | None:
    for mo in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(ATTR.findall(mo.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            try:
                return dt.date.fromisoformat(attrs.get("value", "")[:10])
            except ValueError:
                return None
    return None


def read_tml(path: Path) -> TmlDoc:
    """A TimeML document: plain text of <TEXT>, its gold TIMEX3s (offsets into it), the DCT."""
    raw = path.read_text(encoding="utf-8")
    mo = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    body, base = (mo.group(1), mo.start(1)) if mo else ("", 0)
    parts: list[str] = []
    pos, length, gold, open_tx = 0, 0, [], None
    for t in TAG.finditer(body):
        seg = html.unescape(body[pos:t.start()])
        parts.append(seg)
        length += len(seg)
        pos = t.end()
        if t.group(2) != "TIMEX3":
            continue
        if not t.group(1):
            open_tx = (length, dict(ATTR.findall(t.group(3))))
        elif open_tx is not None:
            s, attrs = open_tx
            gold.append(GoldTimex(s, length, "", attrs.get("type", ""), attrs.get("value", "")))
            open_tx = None
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    for g in gold:
        g.text = text[g.start:g.end]
    end = base + len(body)
    return TmlDoc(path, raw, text, _dct(raw), gold, (base, end))


CAT_SENTENCES = 6


def read_cat(path: Path) -> TmlDoc:
    """A MEANTIME (CAT XML) document: tokens joined by spaces, sentences by newlines.

    MEANTIME annotates time expressions only in the title and first five sentences
    (sentences 0-5), so the text is cut there (else precision would be meaningless).
    Its DCT is anchored to a dateline in the text and is scored like any mention.
    """
    raw = path.read_text(encoding="utf-8")
    toks = re.findall(r'<token number="\d+" sentence="(\d+)" t_id="(\d+)">(.*?)</token>', raw)
    last = CAT_SENTENCES - 1
    text, pos, prev = "", {}, None
    for sent, tid, word in toks:
        if int(sent) > last:
            break
        w = html.unescape(word)
        text += ("\n" if sent != prev else " ") if text else ""
        pos[tid] = (len(text), len(text) + len(w))
        text += w
        prev = sent
    gold = []
    for mo in re.finditer(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", raw, re.S):
        attrs = dict(ATTR.findall(mo.group(1)))
        ids = [i for i in re.findall(r't_id="(\d+)"', mo.group(2)) if i in pos]
        if ids:  # MEANTIME's DCT is a dateline in the text: a mention like any other
            s, e = min(pos[i][0] for i in ids), max(pos[i][1] for i in ids)
            gold.append(GoldTimex(s, e, text[s:e], attrs.get("type", ""), attrs.get("value", "")))
    return TmlDoc(path, raw, text, _dct(raw), gold, (0, 0))


def tml_files(path: Path, fmt: str | None = None) -> list[Path]:
    pattern = "*.xml" if fmt == "cat" else "*.tml"
    return sorted(path.rglob(pattern)) if path.is_dir() else [path]


@dataclass
class Counts:
    n_gold: int = 0
    n_pred: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for f in ("n_gold", "n_pred", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, f, getattr(self, f) + getattr(other, f))


def prf(right: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = right / n_pred if n_pred else 0.0
    r = right / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def align(gold: list[GoldTimex], pred: list[Timex]) -> list[tuple[GoldTimex, Timex]]:
    """One-to-one relaxed matches (overlapping extents), largest overlap first."""
    pairs = []
    for g in gold:
        for p in pred:
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0:
                pairs.append((ov, g, p))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, g, p in sorted(pairs, key=lambda x: -x[0]):
        if id(g) in used_g or id(p) in used_p:
            continue
        used_g.add(id(g))
        used_p.add(id(p))
        out.append((g, p))
    return out


def score_doc(gold: list[GoldTimex], pred: list[Timex]) -> Counts:
    c = Counts(n_gold=len(gold), n_pred=len(pred))
    for g, p in align(gold, pred):
        c.relaxed += 1
        c.strict += (g.start, g.end) == (p.start, p.end)
        c.type_ok += g.type == p.type
        c.value_ok += (g.value or "").upper() == (p.value or "").upper()
    return c


def predict(docs: list[TmlDoc]) -> Iterator[tuple[TmlDoc, list[Timex]]]:
    """Run the engine on each document's text, anchored on its DCT."""
    from parley.timex import _parser, normalise_doc

    nlp = _parser()
    for doc, sdoc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        yield doc, normalise_doc(sdoc, doc.dct, doc.path.stem)


def write_tml(doc: TmlDoc, pred: list[Timex], out_dir: Path) -> Path:
    """The document with parley's TIMEX3 tags replacing the gold annotation of <TEXT>."""
    chunks, pos = [], 0
    for i, t in enumerate(sorted(pred, key=lambda t: t.start), start=1):
        if t.start < pos:
            continue
        chunks.append(html.escape(doc.text[pos:t.start], quote=False))
        attrs = f'tid="t{1000 + i}" type="{t.type}" value="{html.escape(t.value or "")}"'
        if t.mod:
            attrs += f' mod="{t.mod}"'
        chunks.append(f"<TIMEX3 {attrs}>{html.escape(t.text, quote=False)}</TIMEX3>")
        pos = t.end
    chunks.append(html.escape(doc.text[pos:], quote=False))
    s, e = doc.text_span
    tail = re.sub(r"<(TLINK|SLINK|ALINK|MAKEINSTANCE)\b[^>]*/>\s*", "", doc.raw[e:])
    out = out_dir / doc.path.name
    out.write_text(doc.raw[:s] + "".join(chunks) + tail, encoding="utf-8")
    return out


def evaluate(docs: list[TmlDoc], out: Path | None = None) -> tuple[Counts, list[tuple[TmlDoc, list[Timex]]]]:
    total = Counts()
    runs = []
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    for doc, pred in predict(docs):
        total.add(score_doc(doc.gold, pred))
        runs.append((doc, pred))
        if out is not None:
            write_tml(doc, pred, out)
    return total, runs


def metrics_of(c: Counts, n_docs: int) -> dict[str, float | int]:
    m: dict[str, float | int] = {}
    for name, right in (("strict", c.strict), ("relaxed", c.relaxed), ("type", c.type_ok),
                        ("value", c.value_ok)):
        p, r, f = prf(right, c.n_pred, c.n_gold)
        m[f"{name}_precision"], m[f"{name}_recall"], m[f"{name}_f1"] = round(p, 4), round(r, 4), round(f, 4)
    m.update(n_gold=c.n_gold, n_pred=c.n_pred, docs=n_docs)
    return m


DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "timeml" / "tbaq"


def run(path: Path | None, options: EvalOptions) -> EvalResult:
    path = path or DEFAULT_DATA
    if not path.exists():
        raise ParleyError("E007", str(path))
    files = tml_files(path, options.fmt)
    files = files[: options.limit] if options.limit else files
    reader = read_cat if options.fmt == "cat" else read_tml
    docs = [reader(f) for f in files]
    counts, _ = evaluate(docs, options.out if options.fmt != "cat" else None)
    metrics = metrics_of(counts, len(docs))
    rows: list[list[object]] = [["measure", "P", "R", "F1"]]
    for name in ("strict", "relaxed", "type", "value"):
        rows.append([name, metrics[f"{name}_precision"], metrics[f"{name}_recall"], metrics[f"{name}_f1"]])
    notes = [f"{len(docs)} documents, {counts.n_gold} gold TIMEX3 (DCT excluded), {counts.n_pred} predicted"]
    return EvalResult("TempEval-3 task A (timex extent, type, value)", metrics, rows, notes)
