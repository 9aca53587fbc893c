"""Derive a cue lexicon from PolNeAR-style attribution annotations (``parley train quotes``).

For every word of a training split, tagged and lemmatised by the spaCy model, the
derivation counts how often its (lemma, coarse part of speech) occurs (``n_seen``) and how
often that occurrence lies inside an annotated Cue span (``n_cue``); ``precision`` is
``n_cue / n_seen``.  Multi-word cues are counted as lemma patterns ("according to",
"in a poll", "cast vote for"): the content words of each annotated cue with determiners
and possessives dropped.  Only statistics are written, never article text.

The lexicon is read by :mod:`parley.quotes` (``derived_cues``) to widen the cues PolNeAR
counts (beliefs, intentions, votes, nominal cues); what the record emits as statements
stays with the speech verbs of ``data/quotes/cues.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

CONTENT_POS = ("VERB", "NOUN", "ADJ", "ADP", "PROPN", "ADV", "AUX")
SKIP_POS = ("DET", "PRON", "PUNCT", "SPACE", "PART", "CCONJ", "NUM", "SYM", "X")
MIN_SEEN = 5  # lemmas seen fewer times are not listed
MIN_CUE = 3  # lemmas annotated as cue fewer times are not listed


@dataclass
class CueStat:
    """One lexicon row: a lemma (or lemma pattern) with its counts in the training split."""

    kind: str  # lemma | pattern
    cue: str  # "say", "criticism", "according to", "cast vote for"
    pos: str  # coarse POS of the (head) word; for patterns the POS sequence
    n_cue: int
    n_seen: int

    @property
    def precision(self) -> float:
        return self.n_cue / self.n_seen if self.n_seen else 0.0


def _cue_spans(ann: Path) -> list[tuple[int, int]]:
    """Character spans of the Cue annotations of one brat file (discontinuous parts kept apart)."""
    out: list[tuple[int, int]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 2 or not parts[1].startswith("Cue "):
            continue
        for frag in parts[1][4:].split(";"):
            a, b = frag.split()
            out.append((int(a), int(b)))
    return out


def _docs(path: Path) -> Iterable[tuple[str, list[tuple[int, int]]]]:
    """(text, cue spans) of each article of a split (first annotator in name order)."""
    anns: dict[str, Path] = {}
    for ann in sorted((path / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    for txt in sorted((path / "text").glob("*.txt")):
        if txt.stem in anns:
            yield txt.read_text(encoding="utf-8"), _cue_spans(anns[txt.stem])


PATTERN_SKIP = SKIP_POS + ("AUX", "ADV")


def pattern_of(tokens: list[Token]) -> str:
    """A lemma pattern of a cue: its words without determiners, pronouns, auxiliaries, adverbs, punctuation."""
    return " ".join(t.lemma_.lower() for t in tokens if t.pos_ not in PATTERN_SKIP and not t.is_space)


def _count_doc(doc: Doc, cues: list[tuple[int, int]], seen: Counter[tuple[str, str]],
               hit: Counter[tuple[str, str]], patterns: Counter[str]) -> None:
    inside: set[int] = set()
    for s, e in cues:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        inside.update(t.i for t in span)
        if len(pattern_of(list(span)).split()) > 1:
            patterns[pattern_of(list(span))] += 1
    for t in doc:
        if t.pos_ not in CONTENT_POS:
            continue
        key = (t.lemma_.lower(), t.pos_)
        seen[key] += 1
        if t.i in inside:
            hit[key] += 1


def _pattern_seen(docs: list[Doc], patterns: set[str]) -> Counter[str]:
    """How often each multi-word pattern's lemma sequence occurs in the text (DET/PRON skipped)."""
    by_len: dict[int, set[str]] = {}
    for p in patterns:
        by_len.setdefault(len(p.split()), set()).add(p)
    seen: Counter[str] = Counter()
    for doc in docs:
        words = [t.lemma_.lower() for t in doc if t.pos_ not in PATTERN_SKIP and not t.is_space]
        for n, pats in by_len.items():
            for i in range(len(words) - n + 1):
                gram = " ".join(words[i: i + n])
                if gram in pats:
                    seen[gram] += 1
    return seen


def derive(path: Path, nlp: Language, limit: int | None = None) -> list[CueStat]:
    """Cue statistics of a PolNeAR split: lemma rows and multi-word pattern rows."""
    seen: Counter[tuple[str, str]] = Counter()
    hit: Counter[tuple[str, str]] = Counter()
    patterns: Counter[str] = Counter()
    items = list(_docs(path))[:limit] if limit else list(_docs(path))
    docs: list[Doc] = []
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
                                  if p in nlp.pipe_names]):
        for doc, (_text, cues) in zip(nlp.pipe(t for t, _ in items), items, strict=True):
            _count_doc(doc, cues, seen, hit, patterns)
            docs.append(doc)
    rows = [CueStat("lemma", lemma, pos, hit[(lemma, pos)], n) for (lemma, pos), n in seen.items()
            if n >= MIN_SEEN and hit[(lemma, pos)] >= MIN_CUE]
    frequent = {p for p, n in patterns.items() if n >= MIN_CUE}
    pseen = _pattern_seen(docs, frequent)
    rows += [CueStat("pattern", p, "-", patterns[p], max(pseen[p], patterns[p])) for p in frequent]
    rows.sort(key=lambda r: (r.kind, -r.n_cue, r.cue))
    return rows


def frame_stats(path: Path, limit: int | None = None) -> list[CueStat]:
    """How often parley's belief/intention frames of each cue lemma match a gold content (overlap >= 0.3).

    Run with the lexicon's lemma rows in place and no frame rows, so no cue is filtered yet.
    """
    from parley.evaluation.quotes import _match, _nlp, _words, polnear_docs
    from parley.nlp import make_doc
    from parley.quotes import derived_cues, find_attributions

    derived_cues.cache_clear()
    nlp = _nlp()
    n: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    docs = list(polnear_docs(path))
    for name, text, gold in docs[:limit] if limit else docs:
        doc = nlp(make_doc(nlp, text, name, None))
        pred = find_attributions(doc, cognition=True)
        matched = {j for _, j, _ in _match([_words(text, g.content) for g in gold],
                                           [_words(text, p.content) for p in pred])}
        for j, p in enumerate(pred):
            if p.kind == "cognition" and p.cue:
                n[p.cue] += 1
                hit[p.cue] += j in matched
    derived_cues.cache_clear()
    return sorted((CueStat("frame", cue, "-", hit[cue], k) for cue, k in n.items()), key=lambda r: (-r.n_seen, r.cue))


def default_out() -> Path:
    """Where parley reads the derived lexicon from (inside the installed package)."""
    return Path(str(resources.files("parley").joinpath("data", "quotes", "cues_polnear.tsv")))


def build(path: Path, out: Path, limit: int | None = None) -> list[CueStat]:
    """Derive the lexicon of a split and write it to ``out`` (lemma and pattern rows, then frame rows)."""
    import spacy

    from parley.nlp import MODEL

    rows = derive(path, spacy.load(MODEL), limit)
    write_tsv(rows, out, path)
    rows += frame_stats(path, limit)
    write_tsv(rows, out, path)
    return rows


def write_tsv(rows: list[CueStat], out: Path, source: Path) -> None:
    """The lexicon as TSV with a header saying how it was derived."""
    head = [
        "# Cue lexicon derived from PolNeAR attribution annotations (parley.quotes_lexicon).",
        f"# Source split: {source.name} ({source}); built {dt.date.today().isoformat()} by `parley train quotes`.",
        "# Statistics only, no article text. For each (lemma, coarse POS) of the split, tagged by the",
        "# spaCy model: n_seen = occurrences, n_cue = occurrences inside an annotated Cue span,",
        "# precision = n_cue / n_seen. Lemma rows need n_seen >= 5 and n_cue >= 3. Pattern rows are",
        "# multi-word cues as lemma sequences without determiners/pronouns/auxiliaries/adverbs/punctuation",
        "# (n_cue >= 3);",
        "# their n_seen counts the same lemma sequence anywhere in the split. Frame rows: parley's",
        "# belief/intention frames (find_attributions(cognition=True)) per cue lemma on the split:",
        "# n_seen = predicted, n_cue = matched to a gold content (word overlap >= 0.3, one to one).",
        "kind\tcue\tpos\tn_cue\tn_seen\tprecision",
    ]
    body = [f"{r.kind}\t{r.cue}\t{r.pos}\t{r.n_cue}\t{r.n_seen}\t{r.precision:.3f}" for r in rows]
    out.write_text("\n".join(head + body) + "\n", encoding="utf-8")
