"""Statements: quotes and paraphrases with their speakers.

The stage finds *attributions* on the parsed ``Doc`` (a cue, a source and the
reported content, as in PARC/PolNeAR) and turns the ones that are statements
into :class:`~parley.records.Statement` records on ``doc._.statements``.

Three detectors feed one list of :class:`Attribution`:

1. verb frames over the dependency parse: a cue verb from
   ``data/quotes/cues.yaml`` with a that-clause, a parenthetical frame
   ("..., she said"), a to-infinitive ("urged X to ..."), a prepositional object
   ("spoke of a constructive exchange") or a direct object ("announced a truce");
2. source phrases ("according to X, ...");
3. quotation-mark spans (straight, curly, guillemets, low-9, single quotes,
   unclosed quotes that continue in the next paragraph), attached to the
   adjacent frame, to a colon frame ("the minister was blunt: '...'"), or to the
   last speaker for a run of quotes.

Speakers are resolved through the actor linking (``doc.spans["actors"]``) when
it is there, then through pronouns/descriptions to earlier speakers and named
persons; an unresolved speaker is ``None``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import numpy
import yaml
from spacy.attrs import DEP, HEAD, IDX, IS_TITLE, LEMMA, LENGTH, LOWER, POS, SPACY
from spacy.language import Language
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from parley.nlp import doc_text
from parley.records import Mention, Statement

QUOTE_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", "\u2018": "\u2019", "\u2039": "\u203a"}
STATEMENT_KINDS = ("speech", "directive", "object", "prep", "according", "colon", "run")


@dataclass
class Attribution:
    """One attribution: who (source), the cue and what was said (content char spans)."""

    content: list[tuple[int, int]]
    cue: str | None
    cue_span: tuple[int, int] | None
    source: tuple[int, int] | None
    direct: bool
    kind: str  # speech | directive | object | prep | according | colon | run | cognition
    sent: int  # sentence index
    cue_token: int | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_type: str | None = None  # person | group | None
    channel: str | None = None
    date: str | None = None
    nested: bool = False  # inside another attribution's direct quote
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class QuoteData:
    classes: dict[str, frozenset[str]]
    needs_clause: frozenset[str]
    prep_content: dict[str, frozenset[str]]
    source_preps: tuple[tuple[str, ...], ...]
    channels: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    cue_channels: dict[str, str]
    pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    role_nouns: frozenset[str]
    anonymous: frozenset[str]
    hedges: frozenset[str]
    colon_labels: frozenset[str]
    any_channel: tuple[re.Pattern[str], ...] | None = None  # together match where any channel pattern does


def _any_of(channels: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]) -> tuple[re.Pattern[str], ...] | None:
    """Patterns that match wherever one of the channel patterns does, one alternation per flag set
    (a prefilter: most sentences name no channel; scoped inline flags would make it slow)."""
    by_flags: dict[int, list[str]] = {}
    for _, pats in channels:
        for p in pats:
            by_flags.setdefault(p.flags, []).append(f"(?:{p.pattern})")
    try:
        return tuple(re.compile("|".join(parts), flags) for flags, parts in by_flags.items())
    except re.error:
        return None


def _load_yaml(name: str) -> dict[str, Any]:
    text = resources.files("parley").joinpath("data", "quotes", name).read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


@lru_cache(maxsize=1)
def load_data() -> QuoteData:
    """The cue verbs, channels and source words from ``parley/data/quotes``."""
    cues, chans, srcs = _load_yaml("cues.yaml"), _load_yaml("channels.yaml"), _load_yaml("sources.yaml")
    classes = {k: frozenset(cues.get(k) or []) for k in ("speech", "directive", "object", "cognition", "broad",
                                                         "not_statements", "quoted_only")}
    channels = tuple(
        (c["name"], tuple(re.compile(p, re.I if c["name"] != "X" else 0) for p in c["patterns"]))
        for c in chans.get("channels") or []
    )
    return QuoteData(
        classes=classes,
        needs_clause=frozenset(cues.get("needs_clause") or []),
        prep_content={k: frozenset(v) for k, v in (cues.get("prep_content") or {}).items()},
        source_preps=tuple(tuple(p.split()) for p in cues.get("source_preps") or []),
        channels=channels,
        cue_channels=dict(chans.get("cue_channels") or {}),
        pronouns=frozenset(srcs.get("pronouns") or []),
        group_pronouns=frozenset(srcs.get("group_pronouns") or []),
        role_nouns=frozenset(srcs.get("role_nouns") or []),
        anonymous=frozenset(srcs.get("anonymous") or []),
        hedges=frozenset(srcs.get("hedges") or []),
        colon_labels=frozenset(srcs.get("colon_labels") or []),
        any_channel=_any_of(channels),
    )


@dataclass(frozen=True)
class DerivedCues:
    """Cues derived from PolNeAR's training annotations (``data/quotes/cues_polnear.tsv``).

    Used only when belief/intention cues are counted (the PolNeAR evaluation): they widen what
    counts as an attribution, never what the record emits as a statement.
    """

    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    adverbs: frozenset[str] = frozenset()
    weak: frozenset[str] = frozenset()  # cue lemmas whose frames rarely matched gold in training


@lru_cache(maxsize=1)
def derived_cues() -> DerivedCues:
    """The derived lexicon filtered by the thresholds of ``cues.yaml`` (``derived``); empty if absent."""
    conf = _load_yaml("cues.yaml").get("derived") or {}
    min_prec: dict[str, float] = conf.get("min_precision") or {}
    min_cue = int(conf.get("min_cue", 4))
    min_frame = float(conf.get("min_frame_precision", 0.0))
    min_frames = int(conf.get("min_frames", 10))
    try:
        text = resources.files("parley").joinpath("data", "quotes", "cues_polnear.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return DerivedCues()
    by_pos: dict[str, set[str]] = {"VERB": set(), "NOUN": set(), "ADJ": set(), "ADV": set()}
    weak: set[str] = set()
    for line in text.splitlines():
        row = line.split("\t")
        if line.startswith("#") or len(row) < 6 or row[0] == "kind":
            continue
        kind, cue, pos, n_cue, n_seen, prec = row[0], row[1], row[2], int(row[3]), int(row[4]), float(row[5])
        if kind == "lemma" and pos in by_pos and n_cue >= min_cue and prec >= float(min_prec.get(pos, 2.0)):
            by_pos[pos].add(cue)
        elif kind == "frame" and n_seen >= min_frames and prec < min_frame:
            weak.add(cue)
    return DerivedCues(frozenset(by_pos["VERB"]), frozenset(by_pos["NOUN"]), frozenset(by_pos["ADJ"]),
                       frozenset(by_pos["ADV"]), frozenset(weak))


# ---------------------------------------------------------------- quotation marks


def _is_apostrophe(text: str, i: int) -> bool:
    """A ``’``/``'`` between letters (or after s/digits) is an apostrophe, not a quote."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and (after.isalnum() or before in "sS")


def _paragraph_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


# every character for which ``_closer`` can return a closing mark
_OPENERS = re.compile("[\"'" + "".join(QUOTE_PAIRS) + "]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Top-level quotation spans (marks included), in text order.

    Double marks (curly, straight, guillemets, low-9) open top-level quotes;
    single marks are top-level only outside double quotes. A quote left open
    at a paragraph end closes there (the next paragraph reopens it).
    """
    text = text.replace("\u0060\u0060", '"\x00').replace("''", '"\x00')  # typewriter doubles `` '' act as "
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        m = _OPENERS.search(text, i)  # jump to the next character that can open a quote
        if m is None:
            break
        i = m.start()
        ch = text[i]
        close = _closer(text, i)
        if close is None:
            i += 1
            continue
        j = _find_close(text, i + 1, ch, close)
        if j < n and text[j] == "\x00":
            j += 1
        spans.append((i, j))
        i = j
    return spans


def _closer(text: str, i: int) -> str | None:
    ch = text[i]
    if ch == '"':
        return '"'
    if ch == "'":
        before = text[i - 1] if i > 0 else " "
        return "'" if not before.isalnum() and i + 1 < len(text) and text[i + 1].isalnum() else None
    if ch == "\u2018" and _is_apostrophe(text, i):
        return None
    return QUOTE_PAIRS.get(ch) if ch in QUOTE_PAIRS else None


def _find_close(text: str, i: int, opener: str, close: str) -> int:
    """End offset (exclusive) of the quote opened just before ``i``."""
    end_par = _paragraph_end(text, i)
    single = close in ("\u2019", "'")
    j = i
    while j < end_par:
        c = text[j]
        if c == close and not (single and _is_apostrophe(text, j)):
            return j + 1
        if not single and c in QUOTE_PAIRS and c not in ("\u2018", "\u2039") and c != close:
            # another opener of the same level before a closer: the quote was left open
            return j
        j += 1
    return end_par


# ---------------------------------------------------------------- per-document view

_VIEW_KEY = "parley_quotes_view"


@dataclass
class DocView:
    """What the stage reads many times per document, computed once: the text, per-token arrays
    (no spaCy ``Token`` objects: creating them dominates otherwise), the sentences and the quotations."""

    text: str
    lower: list[int]  # lowercase form ids (string-store hashes)
    texts: list[str]
    idx: list[int]
    title: list[bool]
    space_after: list[bool]
    dep: list[int]  # dependency label ids
    lemma: list[int]  # lemma ids
    by_head: list[int]  # token indices grouped by their head's index (roots in a last group)
    first: list[int]  # token i's dependents are by_head[first[i]: first[i + 1]]
    verbs: list[int]  # VERB/AUX tokens that are not adjectival modifiers: the candidate cues
    sents: list[Span]
    sent_of: list[int]  # token index -> sentence index
    quotes: list[tuple[int, int]]


_VIEW_ATTRS = [LOWER, IDX, LENGTH, IS_TITLE, SPACY, DEP, LEMMA, POS, HEAD]


def doc_view(doc: Doc) -> DocView:
    """The :class:`DocView` of ``doc`` (cached in ``doc.user_data``)."""
    view = doc.user_data.get(_VIEW_KEY)
    if isinstance(view, DocView):
        return view
    arr = doc.to_array(_VIEW_ATTRS).reshape(len(doc), len(_VIEW_ATTRS))
    lower, idx, length, title, space, dep, lemma = arr[:, :-2].T.tolist()
    pos = arr[:, -2]
    verbs: list[int] = numpy.flatnonzero(((pos == VERB) | (pos == AUX)) & (arr[:, -4] != get_string_id("amod"))).tolist()
    by_head, first = _dependents(arr[:, -1])
    sents = list(doc.sents)
    text = doc_text(doc)
    view = DocView(text, lower, [text[a: a + k] for a, k in zip(idx, length, strict=True)], idx,
                   [bool(x) for x in title], [bool(x) for x in space], dep, lemma, by_head, first, verbs,
                   sents, _sentence_index(doc, sents), quote_spans(text))
    doc.user_data[_VIEW_KEY] = view
    return view


def _dependents(head: numpy.ndarray) -> tuple[list[int], list[int]]:
    """Token indices grouped by head (``by_head``) and where each token's group starts (``first``),
    from spaCy's HEAD column; one flat list, not a list per token (that much allocation wakes the GC)."""
    n = len(head)
    index = numpy.arange(n, dtype=numpy.int64)
    heads_arr = head.view(numpy.int64) + index  # the offsets come as unsigned 64-bit integers
    heads = numpy.where(heads_arr == index, n, heads_arr)  # roots go to an extra group n
    by_head: list[int] = numpy.argsort(heads, kind="stable").tolist()
    first: list[int] = numpy.concatenate(([0], numpy.cumsum(numpy.bincount(heads, minlength=n + 1)))).tolist()
    return by_head, first


def drop_view(doc: Doc) -> None:
    """Forget the cached view (the stage is done with the document)."""
    doc.user_data.pop(_VIEW_KEY, None)


# ---------------------------------------------------------------- helpers


def _span_chars(tokens: list[Token]) -> tuple[int, int] | None:
    toks = [t for t in tokens if not t.is_space]
    while toks and toks[-1].is_punct and toks[-1].text not in ('"', "\u201d", "\u00bb", "\u2019", ")", "'"):
        toks.pop()
    while toks and toks[0].is_punct and toks[0].text in (",", ";", ":", "-", "\u2013", "\u2014"):
        toks.pop(0)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _parenthetical(cue: Token) -> set[int]:
    """Token indices of ", says X," around a cue: from the comma before it to the next comma."""
    doc = cue.doc
    start = _subtree_ids(cue)[0]
    end = cue.i
    while end + 1 < len(doc) and doc[end + 1].text != "," and end - cue.i < 12:
        end += 1
    return set(range(start, min(end + 2, len(doc))))


def _runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Char spans of the contiguous runs of ``tokens`` (a content interrupted by its frame)."""
    out: list[tuple[int, int]] = []
    run: list[Token] = []
    for t in tokens:
        if run and t.i != run[-1].i + 1:
            chars = _span_chars(run)
            if chars and any(x.is_alpha for x in run):
                out.append(chars)
            run = []
        run.append(t)
    chars = _span_chars(run) if run else None
    if chars and any(x.is_alpha for x in run):
        out.append(chars)
    return out


def _subtree(tok: Token, exclude: set[int] | None = None) -> list[Token]:
    """``tok`` and its descendants in text order, without the ``exclude`` tokens and their descendants."""
    doc = tok.doc
    return [doc[i] for i in _subtree_ids(tok, exclude)]


def _subtree_ids(tok: Token, exclude: set[int] | None = None) -> list[int]:
    """The token indices of :func:`_subtree`, sorted."""
    view = doc_view(tok.doc)
    by_head, first = view.by_head, view.first
    out: list[int] = []
    stack = [tok.i]
    while stack:
        i = stack.pop()
        if exclude and i in exclude:
            continue
        out.append(i)
        stack.extend(by_head[first[i]: first[i + 1]])
    out.sort()
    return out


@lru_cache(maxsize=128)
def _label_ids(labels: tuple[str, ...]) -> frozenset[int]:
    return frozenset(get_string_id(label) for label in labels)


def _deps(tok: Token, labels: tuple[str, ...]) -> list[Token]:
    """The dependents of ``tok`` with one of the dependency ``labels``, in text order (as ``tok.children``);
    read from the per-doc arrays so that only the matching ``Token`` objects are created."""
    doc = tok.doc
    view = doc_view(doc)
    want = _label_ids(labels)
    i, dep = tok.i, view.dep
    return [doc[c] for c in view.by_head[view.first[i]: view.first[i + 1]] if dep[c] in want]


def _contiguous(tokens: list[Token], anchor: Token) -> list[Token]:
    """The run of ``tokens`` (sorted) around ``anchor`` without gaps."""
    ids = {t.i for t in tokens}
    lo = hi = anchor.i
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    return [t for t in tokens if lo <= t.i <= hi]


def _in_spans(start: int, end: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    for s, e in spans:
        if s <= start and end <= e:
            return (s, e)
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def slug(name: str) -> str:
    """An actor-id-like slug of a name ("The Foreign Ministry" -> "foreign-ministry")."""
    return re.sub(r"^the-", "", re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"))


# ---------------------------------------------------------------- sources


def _subject(tok: Token, depth: int = 0) -> Token | None:
    """The syntactic source of a cue verb: its subject, or its governor's for conj/xcomp/advcl."""
    subjects = _deps(tok, ("nsubj", "nsubjpass"))
    if len(subjects) > 1 and tok.dep_ == "parataxis":
        subjects = [c for c in subjects if c.i > tok.i] or subjects
    for c in subjects:
        if not (c.dep_ == "nsubjpass" and tok.lemma_ == "quote"):
            return c
    for c in _deps(tok, ("agent",)):
        for g in _deps(c, ("pobj",)):
            return g
    after_quote = tok.i > 0 and _is_quote_mark(doc_view(tok.doc).texts[tok.i - 1])
    for c in _deps(tok, ("dobj", "attr", "npadvmod", "appos", "nsubj")) if after_quote else []:
        if c.i <= tok.i + 2 and c.pos_ in ("PROPN", "NOUN"):
            return c
    if depth < 3 and tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head != tok.head:
        # "tripped him up by calling ...", "pivoted to arguing ...": the governing verb's subject
        return _subject(tok.head.head, depth + 1)
    if depth == 0 and tok.dep_ == "advcl" and tok.tag_ == "VBG":
        speech = _speech_ancestor(tok)
        if speech is not None:  # "X said A had to be addressed, insisting that B": X insisted
            return _subject(speech, depth + 1)
    if depth < 3 and tok.dep_ in ("conj", "xcomp", "advcl", "acl") and tok.head != tok:
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.tag_ == "VBG":
            # "a statement saying ...": the statement's issuer is the governing verb's subject
            gov = tok.head.head if tok.head.head != tok.head else None
            return _subject(gov, depth + 1) if gov is not None else None
        return _subject(tok.head, depth + 1)
    return None


def _speech_ancestor(tok: Token) -> Token | None:
    """The nearest speech verb above a participle whose clause it sits in ("said [A ..., insisting]")."""
    speech = load_data().classes["speech"]
    head = tok.head
    while head != head.head:
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in speech and head.head.pos_ == "VERB":
            return head.head
        head = head.head
    return None


def _is_quote_mark(text: str) -> bool:
    return bool(text) and all(c in "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2039\u203a`" for c in text)


NP_DEPS = ("det", "compound", "amod", "poss", "nmod", "nummod", "quantmod", "case", "flat", "prep", "predet",
           "cc", "conj", "punct", "appos", "advmod")


def _np_tokens(head: Token) -> list[Token]:
    """A source noun phrase: the head with its modifiers, prepositional phrases and appositions (no clauses)."""
    toks = [head]
    for c in _deps(head, NP_DEPS):
        if c.dep_ == "punct" and c.i > head.i:
            continue
        toks.extend(_subtree(c))
    toks = sorted(set(toks), key=lambda t: t.i)
    run = _contiguous(toks, head)
    appos = _deps(head, ("appos",))
    if appos:  # "The foreign minister, Lena Berg, ..."
        run = [t for t in head.doc[run[0].i: max(run[-1].i, max(_subtree(appos[-1]), key=lambda t: t.i).i) + 1]]
    return run


def _appos_name(head: Token) -> Token | None:
    """The proper-name apposition of a description, if any."""
    return next((c for c in _deps(head, ("appos",)) if c.pos_ == "PROPN"), None)


# ---------------------------------------------------------------- verb frames


def _content_clause(cue: Token, quotes: list[tuple[int, int]]) -> tuple[list[Token], bool] | None:
    """Tokens of the that-clause/complement of a cue verb, and whether it is clausal."""
    ccomp = _deps(cue, ("ccomp",))
    if ccomp:
        return _after_colon(_subtree(ccomp[0]), cue), True
    head = cue.head
    first = _subtree_ids(cue)[0]
    if cue.dep_ == "parataxis" and head.i > cue.i and first > 0 and cue.doc[first].text == ",":
        # "Survival, says X, depends on ...": the governor clause around the comma-enclosed frame
        frame = _parenthetical(cue)
        toks = [t for t in set(_subtree(head)) if t.i not in frame]
        return sorted(toks, key=lambda t: t.i), True
    if cue.dep_ == "advcl" and head.i > cue.i and any(c.lower_ == "as" for c in _deps(cue, ("mark",))):
        # "As the agency reported on Friday, the talks collapsed": the main clause is the content
        own = set(_subtree_ids(cue))
        return [t for t in _subtree(head) if t.i not in own], True
    if cue.dep_ in ("parataxis", "ccomp", "advcl") and head != cue and head.i < cue.i:
        # "The plan is dead, he said": the governor clause is the content
        own = set(_subtree_ids(cue))
        between = [t for t in cue.doc[head.i + 1: cue.i] if t.head == cue or t.i in own]
        if any(t.text == "," for t in between) or cue.dep_ == "parataxis":
            return _after_colon(_subtree(head, exclude={cue.i}), cue), True
    return None


def _after_colon(toks: list[Token], cue: Token) -> list[Token]:
    """A content before its cue starts after its last colon or dash ("X was blunt: '...', she said")."""
    if not toks or toks[-1].i > cue.i:
        return toks
    colons = [t for t in toks if t.is_punct and (":" in t.text or t.text in ("\u2013", "\u2014")) and t.i < cue.i]
    return [t for t in toks if t.i > colons[-1].i] if colons else toks


def _complement(cue: Token, data: QuoteData, cls: str) -> tuple[list[Token], str] | None:
    """Non-clausal content: to-infinitive, prepositional object or direct object."""
    lemma = cue.lemma_.lower()
    preps = data.prep_content.get(lemma, frozenset())
    for c in _deps(cue, ("prep",)):
        if c.lower_ in preps:
            objs = _deps(c, ("pobj", "pcomp"))
            toks = _subtree(objs[0]) if objs else _subtree(c)
            # "called for a special envoy to oversee the talks": the infinitive is part of the demand
            toks += [t for x in _to_infinitives(cue) if x.i > c.i for t in _subtree(x)]
            return sorted(toks, key=lambda t: t.i), "prep"
    for c in _deps(cue, ("advcl",)):  # "called for both sides to return to talks" (parsed as a clause)
        marks = _deps(c, ("mark",))
        if marks and marks[0].lower_ in preps and marks[0].i == _subtree_ids(c)[0] and _to_infinitives(c, own=True):
            return [t for t in _subtree(c) if t.i != marks[0].i], "prep"
    if lemma in preps or "as" in preps:
        for c in _deps(cue, ("advcl",)):
            if any(m.lower_ == "as" for m in _deps(c, ("mark",))):
                dobj = _deps(cue, ("dobj",))
                toks = _subtree(c) + (_subtree(dobj[0]) if dobj else [])
                return sorted(toks, key=lambda t: t.i), "prep"
    if lemma in data.classes["directive"]:
        for c in _to_infinitives(cue):
            objs = [x for x in _deps(cue, ("dobj",)) if x.i < c.i]
            # "called on Israel to halt the offensive": the addressee is part of the demand
            objs += [o for p in _deps(cue, ("prep",)) if p.lower_ in ("on", "upon") and p.i < c.i
                     for o in _deps(p, ("pobj",))]
            toks = _subtree(c) + (_subtree(objs[0]) if objs else [])
            return sorted(toks, key=lambda t: t.i), "directive"
    if lemma in data.classes["object"]:
        for c in _deps(cue, ("dobj",)):
            names = [c] + _deps(c, ("appos",))
            if c.pos_ == "NOUN" and not any(t.ent_type_ for t in names) and len(_subtree_ids(c)) > 1:
                # "rejected a call by Kyiv for a truce", not "criticised Paul Klein"; a bare reference
                # ("confirmed the agreement") names what was spoken about, not what was said
                return _subtree(c), ("object" if _carries_content(c) else "bare")
    if cls == "cognition" and lemma not in data.needs_clause:
        return _right_complements(cue)
    return None


def _to_infinitives(tok: Token, own: bool = False) -> list[Token]:
    """The to-infinitive complements of ``tok`` ("urged X to leave"); with ``own``, whether ``tok``
    itself is one (returned as ``[tok]``)."""
    if own:
        return [tok] if any(a.lower_ == "to" for a in _deps(tok, ("aux",))) else []
    return [c for c in _deps(tok, ("xcomp",)) if any(a.lower_ == "to" for a in _deps(c, ("aux",)))]


def _carries_content(np: Token) -> bool:
    """Whether an object noun phrase says something: a clause, prepositional phrase or apposition on it."""
    return bool(_deps(np, ("prep", "acl", "relcl", "ccomp", "appos", "conj")))


BROAD_DEPS = ("dobj", "oprd", "xcomp", "attr", "acomp", "dative", "prep")


def _right_complements(cue: Token) -> tuple[list[Token], str] | None:
    """Everything the verb governs to its right as complements (PolNeAR's broad contents)."""
    kids = [c for c in _deps(cue, BROAD_DEPS) if c.i > cue.i]
    if not any(c.dep_ != "prep" for c in kids):
        return None
    kids = [c for c in kids if c.dep_ != "prep" or c.lower_ in ("of", "for", "as", "to", "on", "about")]
    toks = sorted((t for c in kids for t in _subtree(c)), key=lambda t: t.i)
    return (_contiguous(toks, toks[0]), "cognition") if toks else None


def _cue_class(tok: Token, data: QuoteData, cognition: bool) -> str | None:
    if tok.pos not in (VERB, AUX) or tok.dep_ == "amod":  # the integer tag: no string per token
        return None
    return _lemma_class(tok.lemma_.lower(), data, cognition)


def _lemma_class(lemma: str, data: QuoteData, cognition: bool) -> str | None:
    """The cue class of a verb lemma (``speech``, ``cognition``) or None."""
    if any(lemma in data.classes[c] for c in ("speech", "directive", "object")) or lemma in data.prep_content:
        return "speech"
    if cognition and (lemma in data.classes["cognition"] or lemma in data.classes["broad"]
                      or lemma in derived_cues().verbs) and lemma not in derived_cues().weak:
        return "cognition"
    return None


def _cue_span(tok: Token) -> tuple[int, int]:
    """The cue verb with its particle ("pointed out") and auxiliaries before it."""
    toks = [tok] + [c for c in _deps(tok, ("prt", "aux", "auxpass", "neg")) if c.i < tok.i + 2]
    toks = _contiguous(sorted(toks, key=lambda t: t.i), tok)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def verb_frames(doc: Doc, data: QuoteData, quotes: list[tuple[int, int]], cognition: bool) -> list[Attribution]:
    """Attributions anchored on cue verbs."""
    out: list[Attribution] = []
    view = doc_view(doc)
    strings = doc.vocab.strings
    classes: dict[int, str | None] = {}  # lemma id -> cue class
    for i in view.verbs:  # the tokens _cue_class looks at, read from the per-doc arrays
        lemma = view.lemma[i]
        if lemma not in classes:
            classes[lemma] = _lemma_class(strings[lemma].lower(), data, cognition)
        cls = classes[lemma]
        if cls is None:
            continue
        att = _frame(doc[i], data, quotes, cls, view.sent_of[i], broad=cognition)
        if att is not None:
            out.append(att)
    return out


def _frame(tok: Token, data: QuoteData, quotes: list[tuple[int, int]], cls: str, sent: int,
           broad: bool = False) -> Attribution | None:
    lemma = tok.lemma_.lower()
    clause = _content_clause(tok, quotes)
    kind = "cognition" if cls == "cognition" else "speech"
    toks: list[Token] | None = None
    if clause is not None:
        toks = clause[0]
    elif lemma not in data.needs_clause or cls == "cognition":
        comp = _complement(tok, data, cls)
        if comp is not None:
            toks, sub = comp
            kind = "cognition" if cls == "cognition" or sub == "bare" else sub
            if sub == "bare" and (not broad or lemma in derived_cues().weak):  # not a statement (PolNeAR still counts it); may take a quote
                toks, kind = None, "speech"
            elif sub == "bare":  # the object with the verb's other complements ("pledged his support as ...")
                toks = (_right_complements(tok) or (toks, kind))[0]
    if toks is None and broad and cls != "cognition" and lemma not in derived_cues().weak \
            and (lemma in data.classes["broad"] or lemma in derived_cues().verbs):
        comp = _right_complements(tok)
        if comp is not None:
            toks, kind = comp
    subj = _subject(tok)
    if toks is None and broad and lemma not in derived_cues().weak:
        passive = _passive_frame(tok)  # "The proposal was rejected by 64 percent of voters"
        if passive is not None:
            toks, subj = passive
            kind = "cognition"
    if toks and not broad:
        toks = _without_other_frames(toks, tok, data, cls == "cognition" or broad)
    elif toks:
        toks = _without_participle_frames(toks, tok, data)
    if toks:
        toks = _same_sentence(_same_paragraph(toks, tok), tok, quotes)
    runs = _runs(toks) if toks else []
    chars = runs[0] if len(runs) == 1 else None
    if len(runs) > 1:
        return Attribution(runs, lemma, _cue_span(tok), _source_chars(subj), False, kind, sent, tok.i)
    if chars is None:
        # content may still come from an adjacent quotation (attached later)
        return Attribution([], lemma, _cue_span(tok), _source_chars(subj), False, kind, sent, tok.i)
    chars = _close_quotes(chars, quotes)
    direct = _mostly_quoted(chars, quotes)
    return Attribution([chars], lemma, _cue_span(tok), _source_chars(subj), direct, kind, sent, tok.i)


def _same_paragraph(toks: list[Token], cue: Token) -> list[Token]:
    """Content stays in the cue's paragraph (a headline line is not part of what was said)."""
    text = doc_text(cue.doc)
    start = text.rfind("\n", 0, cue.idx) + 1
    end = text.find("\n", cue.idx)
    end = len(text) if end < 0 else end
    return [t for t in toks if start <= t.idx < end]


def _passive_frame(cue: Token) -> tuple[list[Token], Token | None] | None:
    """A passive cue's subject is its content, the by-agent its source (PolNeAR's count only)."""
    subj = next((c for c in _deps(cue, ("nsubjpass",)) if c.pos_ in ("NOUN", "PROPN")), None)
    if subj is None:
        return None
    agent = next((g for c in _deps(cue, ("agent",)) for g in _deps(c, ("pobj",))), None)
    return _subtree(subj), agent


def _same_sentence(toks: list[Token], cue: Token, quotes: list[tuple[int, int]]) -> list[Token]:
    """Content stays in the cue's sentence where the parser ran two sentences together
    ("... in a post on X. \"A,\" he wrote.": "X." was taken for an abbreviation)."""
    view = doc_view(cue.doc)
    sent = view.sents[view.sent_of[cue.i]]
    texts, idx = view.texts, view.idx
    lo, hi = sent.start, sent.end
    for i in range(sent.start, sent.end - 1):
        text, nxt = texts[i], texts[i + 1]
        ends = text in (".", "!", "?") and (view.title[i + 1] or _is_quote_mark(nxt)) \
            or text.endswith(".") and len(text) > 1 and _is_quote_mark(nxt) and view.space_after[i]
        if not ends or _in_spans(idx[i], idx[i] + len(text), quotes):
            continue
        if i < cue.i:
            lo = i + 1
        else:
            hi = i + 1
            break
    return [t for t in toks if lo <= t.i < hi]


def _without_other_frames(toks: list[Token], cue: Token, data: QuoteData, cognition: bool) -> list[Token]:
    """Drop coordinated/adverbial clauses that report another speaker ("..., while X called it a trap")."""
    ids = {t.i for t in toks}
    drop: set[int] = set()
    for t in toks:
        if t == cue or t.dep_ not in ("advcl", "conj", "parataxis") or t.i in drop:
            continue
        own_subject = bool(_deps(t, ("nsubj", "nsubjpass")))
        if own_subject and _cue_class(t, data, cognition) is not None:
            drop |= set(_subtree_ids(t))
            drop |= {c.i for c in _deps(t.head, ("cc", "mark")) if c.i < t.i and c.i in ids}
            drop |= {x.i for x in _deps(t, ("mark",))}
    return [t for t in toks if t.i not in drop]


def _without_participle_frames(toks: list[Token], cue: Token, data: QuoteData) -> list[Token]:
    """Drop a trailing participle frame of speech from a content ("argued that A, saying B": B is
    what the participle reports)."""
    for t in toks:
        if t != cue and t.dep_ == "advcl" and t.tag_ == "VBG" and t.i > cue.i and _deps(t, ("ccomp",)) \
                and _cue_class(t, data, False) is not None:
            drop = set(_subtree_ids(t))
            return [x for x in toks if x.i not in drop]
    return toks


def _close_quotes(span: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Stretch a content span over the closing mark of a quotation it opens, and over the opening
    mark of a quotation it starts in (the parser hangs an opening mark on the cue verb)."""
    start, end = span
    for qs, qe in quotes:
        if qs < start <= qs + 2 and start < qe:
            start = qs
        if start <= qs < end < qe <= end + 3:
            end = qe
    return start, end


def _source_chars(subj: Token | None) -> tuple[int, int] | None:
    """The source noun phrase of a subject token, not reaching back over a line break."""
    if subj is None:
        return None
    toks = _np_tokens(subj)
    text = doc_text(subj.doc)
    cut = text.rfind("\n", 0, toks[-1].idx)  # a headline line glued to the subject by the parser
    return _span_chars([t for t in toks if t.idx > cut] or toks)


def _mostly_quoted(span: tuple[int, int], quotes: list[tuple[int, int]]) -> bool:
    inside = sum(_overlap(span, q) for q in quotes)
    return inside >= 0.8 * (span[1] - span[0])


def _sentence_index(doc: Doc, sents: list[Span] | None = None) -> list[int]:
    out = [0] * len(doc)
    for k, s in enumerate(doc.sents if sents is None else sents):
        out[s.start: s.end] = [k] * (s.end - s.start)
    return out


# ---------------------------------------------------------------- derived nominal, adjectival, adverbial cues

NOUN_PREPS = ("of", "about", "on", "against", "for", "over", "that")


def derived_frames(doc: Doc, cues: DerivedCues) -> list[Attribution]:
    """PolNeAR-style attributions on derived cue nouns ("criticism of X"), adjectives ("eager to X")
    and adverbs ("reportedly"): counted for the PolNeAR evaluation, never emitted as statements."""
    out: list[Attribution] = []
    sent_of = doc_view(doc).sent_of
    for tok in doc:
        lemma = tok.lemma_.lower()
        got: tuple[list[Token], Token | None] | None = None
        if lemma in cues.weak:
            continue
        if tok.pos_ == "NOUN" and lemma in cues.nouns:
            got = _noun_frame(tok)
        elif tok.pos_ == "ADJ" and lemma in cues.adjectives:
            got = _adjective_frame(tok)
        elif tok.pos_ == "ADV" and lemma in cues.adverbs:
            got = _adverb_frame(tok)
        if got is None:
            continue
        toks, subj = got
        runs = _runs(_same_paragraph(toks, tok))
        if runs:
            out.append(Attribution(runs, lemma, (tok.idx, tok.idx + len(tok.text)), _source_chars(subj), False,
                                   "cognition", sent_of[tok.i], tok.i))
    return out


def _noun_frame(tok: Token) -> tuple[list[Token], Token | None] | None:
    """"his criticism of the plan", "the assertion that ...": content = the complement."""
    comp = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in NOUN_PREPS and c.i > tok.i), None)
    toks: list[Token] = []
    if comp is not None:
        objs = [o for o in comp.children if o.dep_ in ("pobj", "pcomp")]
        toks = _subtree(objs[0]) if objs else []
    else:
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i
                       and any(m.lower_ == "that" and m.dep_ == "mark" or m.lower_ == "to" and m.dep_ == "aux"
                               for m in c.children)), None)  # "the claim that ...", "his call to ban ..."
        toks = _subtree(clause) if clause is not None else []
    if not toks:
        return None
    subj = next((c for c in tok.children if c.dep_ == "poss"), None)
    if subj is None:  # "calls from the opposition for ..."
        subj = next((o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for o in c.children
                     if o.dep_ == "pobj"), None)
    if subj is None and tok.dep_ in ("dobj", "attr") and tok.head.pos_ == "VERB":
        subj = _subject(tok.head)  # "X voiced criticism of ..."
    return toks, subj


def _adjective_frame(tok: Token) -> tuple[list[Token], Token | None] | None:
    """"X is eager to ...", "X is confident that ...": content = the complement, source = the subject."""
    comp = next((c for c in tok.children if c.i > tok.i and (c.dep_ in ("xcomp", "ccomp")
                 or c.dep_ == "prep" and c.lower_ in ("of", "about", "that"))), None)
    if comp is None:
        return None
    if comp.dep_ == "prep":
        objs = [o for o in comp.children if o.dep_ in ("pobj", "pcomp")]
        if not objs:
            return None
        comp = objs[0]
    subj = _subject(tok.head) if tok.dep_ == "acomp" else None
    return _subtree(comp), subj


def _adverb_frame(tok: Token) -> tuple[list[Token], Token | None] | None:
    """"X has reportedly agreed to ...": the clause the adverb modifies, with no source."""
    head = tok.head
    if tok.dep_ != "advmod" or head.pos_ not in ("VERB", "AUX") or _cue_class(head, load_data(), True):
        return None
    return [t for t in _subtree(head) if t.i != tok.i], None


# ---------------------------------------------------------------- according to X


def source_phrases(doc: Doc, data: QuoteData) -> list[Attribution]:
    """"According to X, ..." frames: the source is the prepositional object, the content the clause."""
    out: list[Attribution] = []
    view = doc_view(doc)
    lowers = view.lower  # string-store ids of the lowercase forms
    preps = [(len(words), [doc.vocab.strings[w] for w in words]) for words in data.source_preps if words]
    firsts = {ids[0] for _, ids in preps}
    for i in (i for i, low in enumerate(lowers) if low in firsts):
        for n, ids in preps:
            if i + n > len(lowers) or lowers[i: i + n] != ids:
                continue
            att = _according(doc, doc[i], n, view.sent_of[i])
            if att is not None:
                out.append(att)
    return out


def _according(doc: Doc, tok: Token, n: int, sent: int) -> Attribution | None:
    phrase = doc[tok.i: tok.i + n]
    pobj = next((t for t in doc[tok.i: min(len(doc), tok.i + n + 8)] if t.dep_ == "pobj" and t.i >= tok.i + n - 1), None)
    if pobj is None:
        return None
    head = tok.head if tok.head != tok else tok
    while head.dep_ in ("prep", "pobj") and head.head != head:
        head = head.head
    excl = set(_subtree_ids(tok)) | {t.i for t in phrase}
    sent_span = doc[tok.i].sent
    toks = [t for t in _subtree(head, exclude=excl) if sent_span.start <= t.i < sent_span.end]
    if head.i in excl or not toks:
        toks = [t for t in sent_span if t.i not in excl]
    chars = _span_chars(toks)
    if chars is None:
        return None
    cue = (phrase[0].idx, phrase[-1].idx + len(phrase[-1].text))
    return Attribution([chars], " ".join(t.lower_ for t in phrase), cue, _source_chars(pobj), False, "according", sent)


# ---------------------------------------------------------------- "Source: content" lines


def colon_lines(doc: Doc, data: QuoteData, quotes: list[tuple[int, int]]) -> list[Attribution]:
    """Headline-style "Trump: We will win" sentences: a short named source, a colon, the content; in a
    transcript ("TAPPER: ...", labels that recur), a speaker's turn runs to the next label."""
    out: list[Attribution] = []
    view = doc_view(doc)
    first_colon: dict[int, int] = {}  # sentence index -> its first ":" token
    for i, text in enumerate(view.texts):
        if text == ":":
            first_colon.setdefault(view.sent_of[i], i)
    speakers = _transcript_speakers(view.text)
    for k, ci in first_colon.items():
        sent, colon = view.sents[k], doc[ci]
        if colon.i - sent.start > 6 or colon.i == sent.start or _in_spans(colon.idx, colon.idx + 1, quotes):
            continue
        left = [t for t in sent if t.i < colon.i and not t.is_space]
        if not left or any(t.pos_ in ("VERB", "AUX") and not t.is_upper for t in left):
            continue
        if not (any(t.pos_ == "PROPN" for t in left) or all(t.is_upper or t.is_title or not t.is_alpha for t in left)):
            continue
        if any(t.lower_ in data.colon_labels for t in left):
            continue
        source = _span_chars(left)
        if left[-1].text in speakers and _line_start(doc, left[0].idx):
            turn = _transcript_turn(view.text, colon.idx + 1)  # "TAPPER: ..." to the next speaker's label
            if turn and source:
                out.append(Attribution(turn, ":", (colon.idx, colon.idx + 1), source, False, "colon", k))
            continue
        right = [t for t in sent if t.i > colon.i]
        if sum(t.is_alpha for t in right) < 3:
            continue
        content = _span_chars(right)
        if content and all(t.is_upper or not t.is_alpha for t in left) and _line_start(doc, left[0].idx):
            content = (content[0], _paragraph_end(doc_text(doc), content[0]))  # transcript: "TAPPER: ..." to line end
        if content and source:
            out.append(Attribution([content], ":", (colon.idx, colon.idx + 1), source,
                                   _mostly_quoted(content, quotes), "colon", k))
    return out


_TURN_END = re.compile(r"[A-Z][A-Z .'\u2019-]{1,40}:|[(\[]")  # the next speaker's label, a stage direction
MAX_TURN_PARAGRAPHS = 8
_TURN_LABEL = re.compile(r"^(?:[A-Z][A-Z.'\u2019-]*[A-Z.] ){0,3}([A-Z][A-Z'\u2019-]*[A-Z]):[ \t]", re.M)


def _transcript_speakers(text: str) -> frozenset[str]:
    """The last words of upper-case "NAME:" line labels when one of them opens two or more lines: the
    speakers of a transcript ("JAKE TAPPER: ...", "TAPPER: ..."); a text whose labels are all one-off
    is not a transcript ("BREAKING: ...", "PREVIOUSLY: ...")."""
    counts: dict[str, int] = {}
    for m in _TURN_LABEL.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return frozenset(counts) if any(n >= 2 for n in counts.values()) else frozenset()


def _transcript_turn(text: str, start: int) -> list[tuple[int, int]]:
    """The paragraphs of one transcript turn from ``start`` (after "NAME:") up to the next speaker's
    label or a bracketed stage direction ("(END VIDEO CLIP)"), one span per paragraph."""
    out: list[tuple[int, int]] = []
    i = start
    while len(out) < MAX_TURN_PARAGRAPHS and i < len(text):
        while i < len(text) and text[i].isspace():
            i += 1
        if out and (_TURN_END.match(text, i) or i >= len(text)):
            break
        end = _paragraph_end(text, i)
        seg = text[i:end].rstrip()
        if len(re.findall(r"[^\W\d_]{2,}", seg)) < (3 if not out else 1):
            break
        out.append((i, i + len(seg)))
        i = end
    return out


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or doc_text(doc)[:i].rstrip(" \t").endswith("\n")


@Language.component("parley_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (add before the parser; the parser keeps preset starts)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not tok.is_space and "\n" in prev.text_with_ws:
            tok.is_sent_start = True
    return doc


# ---------------------------------------------------------------- quotation marks -> attributions


def _between_ok(doc: Doc, a: int, b: int, cue: Token, allow: set[int]) -> bool:
    """Tokens strictly between chars a..b are punctuation, the cue's frame or adverbs."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return True
    for t in span:
        if t.idx < a or t.idx >= b or t.is_space:
            continue
        if t.is_punct or t.i in allow or t.pos_ in ("ADV", "CCONJ"):
            continue
        return False
    return True


def _frame_tokens(cue: Token) -> set[int]:
    """The cue with its subject, auxiliaries, particles and indirect objects ("she told reporters")."""
    ids = {cue.i}
    for c in cue.children:
        if c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "prt", "neg", "dative", "advmod", "npadvmod"):
            ids |= set(_subtree_ids(c))
        if c.dep_ == "dobj" and c.pos_ in ("PRON", "PROPN", "NOUN") and len(_subtree_ids(c)) <= 3:
            ids |= set(_subtree_ids(c))
        if c.dep_ == "prep" and c.i > cue.i:
            ids |= set(_subtree_ids(c))
    return ids


def attach_quotes(doc: Doc, quotes: list[tuple[int, int]], atts: list[Attribution]) -> list[Attribution]:
    """Give every quotation a frame: adjacent cue, colon frame or the last speaker; return new attributions."""
    by_cue = {a.cue_token: a for a in atts if a.cue_token is not None}
    sent_of = doc_view(doc).sent_of
    new: list[Attribution] = []
    last: Attribution | None = None
    for q in quotes:
        covered = next((a for a in itertools.chain(atts, new) if a.content and _in_spans(q[0], q[1], a.content)), None)
        if covered is not None:
            last = covered if covered.kind != "according" or covered.direct else last
            continue
        att = _quote_frame(doc, q, by_cue, sent_of)
        if att is None:
            att = _colon_frame(doc, q, sent_of)
        if att is None:
            att = _run_frame(doc, q, last, sent_of)
        if att is None:
            continue
        if not any(att is b for b in atts + new):
            new.append(att)
        last = att
    return new


def _quote_frame(doc: Doc, q: tuple[int, int], by_cue: dict[int, Attribution],
                 sent_of: list[int]) -> Attribution | None:
    """The cue frame right before or after a quotation ("..., she said" / "she said: ...")."""
    first = doc.char_span(q[0], q[1], alignment_mode="expand")
    if first is None:
        return None
    view = doc_view(doc)
    text, idx, texts, sents = view.text, view.idx, view.texts, view.sents
    ids = by_cue_ids(by_cue)
    framed = re.search(r"[,?!\u2026]\W{0,2}$", text[q[0]:q[1]]) is not None  # "“...,” she said"

    def free(i: int) -> bool:  # a cue that can frame this quotation
        return i in ids and (_can_take(by_cue[i], q) or framed and idx[i] >= q[1] and not _reports_after(by_cue[i], view.quotes)
                             or _COLON_GAP.fullmatch(text, idx[i] + len(texts[i]), q[0]) is not None)  # said: "..."

    last_sent = sents[view.sent_of[first.end - 1]]
    after_ids = list(range(last_sent.start, last_sent.end))
    if last_sent.end < len(doc) and last_sent.end_char <= q[1] + 2:
        nxt = sents[view.sent_of[last_sent.end]]  # "... figure!” | he wrote." split by the segmenter
        after_ids += range(nxt.start, nxt.end)
    after = [doc[i] for i in itertools.islice((i for i in after_ids if idx[i] >= q[1] and free(i)), 2)]
    sent = sents[view.sent_of[first.start]]
    before = [doc[i] for i in range(sent.start, sent.end) if idx[i] + len(texts[i]) <= q[0] and free(i)][-2:]
    cands = [(_gap(doc, q[1], c.idx), c) for c in after if _between_ok(doc, q[1], c.idx, c, _frame_tokens(c))]
    cands += [(_gap(doc, c.idx + len(c.text), q[0]), c) for c in before
              if _between_ok(doc, c.idx + len(c.text), q[0], c, _frame_tokens(c))]
    if not cands:
        return None
    _, cue = min(cands, key=lambda x: x[0])
    return _set_direct(by_cue[cue.i], q)


_COLON_GAP = re.compile(r"\s*[:,]\s*")


def _gap(doc: Doc, a: int, b: int) -> int:
    """Number of word tokens between two character offsets."""
    return len(re.findall(r"\w+", doc_text(doc)[a:b]))


def _can_take(att: Attribution, q: tuple[int, int]) -> bool:
    """A frame can take a quotation unless it already reports something else."""
    return not att.content or any(_overlap(c, q) for c in att.content) or bool(att.extra.get("quoted"))


def _reports_after(att: Attribution, quotes: list[tuple[int, int]]) -> bool:
    """Whether a frame already has an unquoted content after the cue ("on “Hannity,” X said that ...":
    the quotation before it is a title, not what was said; "“A,” X said, “B”" is one split quote)."""
    return att.cue_span is not None and not att.extra.get("quoted") and any(
        s >= att.cue_span[1] and not _mostly_quoted((s, e), quotes) for s, e in att.content)


def by_cue_ids(by_cue: dict[int, Attribution]) -> set[int]:
    return {k for k, a in by_cue.items() if k is not None and a.kind != "cognition"}


def _set_direct(att: Attribution, q: tuple[int, int]) -> Attribution:
    """The quotation becomes (part of) the frame's content; the frame is now direct speech."""
    if not att.extra.get("quoted"):
        att.content = [q]
    elif q not in att.content:
        att.content.append(q)
    att.direct = True
    att.kind = "speech" if att.kind in ("prep", "object", "directive") else att.kind
    att.extra["quoted"] = True
    return att


def _colon_frame(doc: Doc, q: tuple[int, int], sent_of: list[int]) -> Attribution | None:
    """"X was blunt: '...'": a colon right before the quote; the source is the clause subject."""
    prefix = doc_text(doc)[max(0, q[0] - 3): q[0]].rstrip()
    if not prefix.endswith(":"):
        return None
    colon = doc.char_span(q[0] - len(doc_text(doc)[:q[0]]) + len(doc_text(doc)[:q[0]].rstrip()) - 1, len(doc_text(doc)[:q[0]].rstrip()),
                          alignment_mode="expand")
    if colon is None:
        return None
    tok = colon[0]
    root = tok.sent.root
    head = tok.head
    subj = _subject(head) or _subject(root)
    if subj is None or subj.idx >= tok.idx:
        return None
    return Attribution([q], ":", (tok.idx, tok.idx + 1), _source_chars(subj), True, "colon", sent_of[tok.i])


def _run_frame(doc: Doc, q: tuple[int, int], last: Attribution | None, sent_of: list[int]) -> Attribution | None:
    """A quotation with no frame continues the last speaker's run (same or next paragraph)."""
    span = doc.char_span(q[0], q[1], alignment_mode="expand")
    if span is None or last is None or not last.direct or not last.content:
        return None
    words = [t for t in span if t.is_alpha]
    if len(words) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    gap = doc_text(doc)[last.end: q[0]]
    if gap.count("\n") > 2 or len(gap) > 400:
        return None
    sent = sent_of[span.start]
    frame_end = min(q[0], max(last.end, doc_view(doc).sents[last.sent].end_char))  # the frame's own clauses
    if gap.strip() == "" or sent - last.sent <= 1 and not _has_other_subject(doc, frame_end, q[0], last.source):
        last.content.append(q)
        return last
    return Attribution([q], None, None, last.source, True, "run", sent, extra={"run_of": id(last)})


def _has_other_subject(doc: Doc, a: int, b: int, own: tuple[int, int] | None) -> bool:
    """Whether a noun subject other than the speaker's own mention stands between two offsets."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return False
    return any(t.dep_ == "nsubj" and t.pos_ in ("PROPN", "NOUN") and not (own and own[0] <= t.idx < own[1])
               for t in span if t.idx >= a)


# ---------------------------------------------------------------- speaker resolution


@dataclass
class _Cand:
    start: int
    end: int
    text: str
    actor: str | None
    type: str  # person | group
    subject: bool = False  # the mention is (in) a clause subject: more salient as an antecedent


def _is_subject(doc: Doc, start: int, end: int, span: Span | None = None) -> bool:
    """Whether the mention at ``start:end`` (``span`` when it is already at hand) is a clause subject."""
    if span is None or not len(span):
        span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    while root.dep_ in ("appos", "compound", "conj") and root.head != root:
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def _actor_mentions(doc: Doc) -> list[tuple[Span, str]]:
    """The linked actor spans with their actor ids (the extension read once per span)."""
    spans = doc.spans["actors"] if "actors" in doc.spans else []
    out = []
    for s in spans:
        actor_id = getattr(s._, "actor_id", None)
        if actor_id:
            out.append((s, actor_id))
    return out


def _actor_spans(doc: Doc) -> list[Span]:
    return [s for s, _ in _actor_mentions(doc)]


def _actor_type(doc: Doc, actor_id: str, actors: dict[str, Any] | None = None) -> str:
    if actors is None:
        actors = doc._.actors or {}
    a = actors.get(actor_id)
    kind = getattr(a, "type", None)
    return "person" if kind == "person" else "group"


def _ent_candidates(doc: Doc, mentions: list[tuple[Span, str]] | None = None) -> list[_Cand]:
    """Named mentions in text order: actor spans when the actor stage ran, NER spans otherwise."""
    if mentions is None:
        mentions = _actor_mentions(doc)
    if mentions:
        actors = doc._.actors or {}
        text = doc_text(doc)
        return [_Cand(s.start_char, s.end_char, text[s.start_char: s.end_char], actor_id,
                      _actor_type(doc, actor_id, actors), _is_subject(doc, s.start_char, s.end_char, s))
                for s, actor_id in sorted(mentions, key=lambda m: m[0].start_char)]
    out = []
    for e in doc.ents:
        if e.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            kind = "person" if e.label_ == "PERSON" else "group"
            out.append(_Cand(e.start_char, e.end_char, e.text, None, kind, _is_subject(doc, e.start_char, e.end_char, e)))
    return out


def _persons(doc: Doc, ents: tuple[Span, ...] | None = None) -> list[tuple[int, str]]:
    """(start char, text) of the PERSON entities, in order."""
    text = doc_text(doc)
    return [(e.start_char, text[e.start_char: e.end_char]) for e in (doc.ents if ents is None else ents)
            if e.label_ == "PERSON"]


def _canonical_name(doc: Doc, text: str, before: int, persons: list[tuple[int, str]] | None = None) -> str:
    """The fullest earlier form of a name ("Mehta" -> "Rahul Mehta")."""
    words = text.split()
    best = text
    for start, etext in _persons(doc) if persons is None else persons:
        if start > before:
            continue
        ew = etext.split()
        if len(ew) > len(best.split()) and ew[-len(words):] == words:
            best = etext
    return best


def _strip_titles(doc: Doc, span: Span, ents: tuple[Span, ...] | None = None) -> Span:
    """The name part of a source NP: its PROPN run around the head ("Finance Minister Rahul Mehta")."""
    persons = [e for e in (doc.ents if ents is None else ents)
               if e.start >= span.start and e.end <= span.end and e.label_ == "PERSON"]
    if persons:
        return persons[-1]
    props = [t for t in span if t.pos_ == "PROPN"]
    if not props:
        return span
    run = _contiguous(props, props[-1])
    return doc[run[0].i: run[-1].i + 1]


class SpeakerResolver:
    """Resolve source spans to actor ids (or name slugs when the actor stage gave none)."""

    def __init__(self, doc: Doc, data: QuoteData) -> None:
        self.doc = doc
        self.data = data
        quotes = doc_view(doc).quotes
        mentions = _actor_mentions(doc)
        # mentions inside quotations are not antecedents of the frame's pronouns
        self.cands = [c for c in _ent_candidates(doc, mentions) if not _in_spans(c.start, c.end, quotes)]
        self.actor_spans = [s for s, _ in mentions]
        self.actor_ids = [actor_id for _, actor_id in mentions]
        self.actors: dict[str, Any] = doc._.actors or {}
        self.speakers: list[tuple[int, str, str, str]] = []  # (char, speaker, text, type)

    def resolve(self, att: Attribution) -> None:
        if att.source is None:
            if att.kind == "run" or att.extra.get("run_of"):
                return
            return
        span = self.doc.char_span(att.source[0], att.source[1], alignment_mode="expand")
        if span is None:
            return
        text = doc_text(self.doc)[span.start_char: span.end_char]  # span.text, without building it from tokens
        att.speaker_text = text
        got = self._resolve_span(span)
        if got is not None:
            att.speaker, att.speaker_type = got
            self.speakers.append((span.start_char, got[0], text, got[1]))

    def _resolve_span(self, span: Span) -> tuple[str, str] | None:
        linked = self._linked(span)
        if linked is not None:
            return linked
        head = span.root
        low = head.lower_
        name = _appos_name(head) if head.pos_ != "PROPN" else None
        if name is not None:
            ante = _span_chars(_np_tokens(name))
            target = self.doc.char_span(*ante, alignment_mode="expand") if ante else None
            got = self._resolve_span(target) if target is not None and target.root == name else None
            if got is not None:
                return got
        if low in ("who", "that", "which") and head.head.dep_ == "relcl" and head.head.head != head.head:
            antecedent = head.head.head
            ante = _span_chars(_np_tokens(antecedent))
            target = self.doc.char_span(*ante, alignment_mode="expand") if ante else None
            return self._resolve_span(target) if target is not None else None
        if head.pos_ == "PRON" or low in self.data.pronouns | self.data.group_pronouns:
            return self._pronoun(span.start_char, low)
        if low in self.data.anonymous:
            return None
        if head.pos_ != "PROPN" and low in self.data.role_nouns:
            restricted = any(c.dep_ in ("prep", "relcl", "acl") for c in head.children)
            definite = (span[0].lower_ in ("the", "this", "that") or span[0].tag_ == "PRP$") and not restricted
            return self._description(span.start_char) if definite else None
        if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
            return self._named(span)
        return None

    def _linked(self, span: Span) -> tuple[str, str] | None:
        a, b = span.start_char, span.end_char
        hits = [(s, k) for s, k in zip(self.actor_spans, self.actor_ids, strict=True) if s.start_char < b and a < s.end_char]
        if not hits:
            return None
        root = span.root.i
        best, actor_id = max(hits, key=lambda h: (h[0].start <= root < h[0].end, self._type(h[1]) == "person",
                                                  h[0].end_char - h[0].start_char))
        return actor_id, self._type(actor_id)

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        return tuple(self.doc.ents)

    @cached_property
    def persons(self) -> list[tuple[int, str]]:
        return _persons(self.doc, self.ents)

    def _type(self, actor_id: str) -> str:
        return _actor_type(self.doc, actor_id, self.actors)

    def _pronoun(self, at: int, low: str) -> tuple[str, str] | None:
        want = "person" if low in self.data.pronouns else "group"
        return self._recent(at, want, window=600)

    def _description(self, at: int) -> tuple[str, str] | None:
        return self._recent(at, "person", window=400)

    def _recent(self, at: int, want: str, window: int) -> tuple[str, str] | None:
        """The nearest earlier named mention or speaker of the wanted type within ``window`` chars."""
        for salient in (True, False):  # subjects and earlier speakers first, then any mention
            best: tuple[int, str] | None = None
            for c in self.cands:
                if c.type == want and c.end <= at and at - c.end <= window and (c.subject or not salient):
                    if best is None or c.start > best[0]:
                        best = (c.start, c.actor or slug(_canonical_name(self.doc, c.text, c.start, self.persons)))
            for pos, ident, _text, kind in self.speakers:
                if kind == want and pos < at and at - pos <= window and (best is None or pos > best[0]):
                    best = (pos, ident)
            if best:
                return best[1], want
        return None

    def _named(self, span: Span) -> tuple[str, str] | None:
        name = _strip_titles(self.doc, span, self.ents)
        ents = [e for e in self.ents if e.start < name.end and name.start < e.end]
        kind = "person"
        if ents and ents[0].label_ in ("ORG", "GPE", "NORP"):
            kind = "group"
        elif not ents and name.root.pos_ != "PROPN":
            return None
        return slug(_canonical_name(self.doc, name.text, name.start_char, self.persons)), kind


# ---------------------------------------------------------------- channel and date


def _outside(text: str, start: int, content: list[tuple[int, int]]) -> str:
    """The sentence text with the content spans blanked out (offsets kept)."""
    chars = list(text)
    for s, e in content:
        for i in range(max(s - start, 0), min(e - start, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _channel(sents: list[Span], att: Attribution, data: QuoteData) -> str | None:
    """The channel named in the statement's sentence outside its content ("in a post on X")."""
    if att.cue and att.cue in data.cue_channels:
        return data.cue_channels[att.cue]
    if att.cue_token is None and att.kind not in ("according", "colon"):
        return None
    sent = sents[att.sent]
    frame = _outside(doc_text(sent.doc)[sent.start_char: sent.end_char], sent.start_char, att.content)
    if data.any_channel is not None and not any(p.search(frame) for p in data.any_channel):
        return None
    for name, pats in data.channels:
        if any(p.search(frame) for p in pats):
            return name
    return None


def _timex_heads(doc: Doc) -> list[tuple[int, int, int, int, int, Span]]:
    """Per time expression: its sentence index, start and end char, the token its root hangs on,
    that token's head when it is a preposition (else -1), and the span."""
    if "timexes" not in doc.spans:
        return []
    sent_of = doc_view(doc).sent_of
    out = []
    for span in doc.spans["timexes"]:
        head = span.root.head
        sent = sent_of[span.start] if len(span) else sent_of[min(span.start, len(sent_of) - 1)]
        out.append((sent, span.start_char, span.end_char, head.i, head.head.i if head.dep_ == "prep" else -1, span))
    return out


def _date(doc: Doc, att: Attribution,
          timexes: list[tuple[int, int, int, int, int, Span]] | None = None) -> str | None:
    """The value of a date expression governing the cue (same sentence, outside the content)."""
    if att.cue_token is None or "timexes" not in doc.spans:
        return None
    cue = att.cue_token
    cue_sent = doc_view(doc).sent_of[cue]
    for sent, start, end, head, prep_head, span in _timex_heads(doc) if timexes is None else timexes:
        if sent != cue_sent or _in_spans(start, end, att.content):
            continue
        if head == cue or prep_head == cue:
            value = span._.timex_value or getattr(span._.timex, "value", None)
            if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
                return value[:10]
    return None


# ---------------------------------------------------------------- assembly


def find_attributions(doc: Doc, cognition: bool = False, nested: bool = False) -> list[Attribution]:
    """Every attribution on ``doc``: verb frames, source phrases and framed quotations.

    ``cognition`` adds belief/intention cues (PolNeAR counts them); ``nested``
    keeps attributions found inside another attribution's direct quotation or
    reported content ("X said she believes ...": the belief).
    """
    data = load_data()
    view = doc_view(doc)
    quotes = view.quotes
    atts = verb_frames(doc, data, quotes, cognition) + source_phrases(doc, data) + colon_lines(doc, data, quotes)
    if cognition:
        atts += derived_frames(doc, derived_cues())
    atts = _drop_inside_according(atts)
    atts += attach_quotes(doc, quotes, atts)
    atts = [a for a in atts if a.content and _wordy(doc_text(doc), a.content)]
    _mark_nested(atts, quotes)
    _mark_embedded(doc, atts)
    if not nested:
        atts = [a for a in atts if not a.nested]
    atts.sort(key=lambda a: a.start)
    resolver = SpeakerResolver(doc, data)
    sents = view.sents
    timexes = _timex_heads(doc)
    for a in atts:
        _inherit_run(a, atts)
        resolver.resolve(a)
        _inherit_run(a, atts)
        a.channel = _channel(sents, a, data)
        a.date = _date(doc, a, timexes)
    return atts


def _wordy(text: str, spans: list[tuple[int, int]]) -> bool:
    """Content with a word of letters (not an embedded tweet id or markup)."""
    return sum(len(re.findall(r"[^\W\d_]{2,}", text[s:e])) for s, e in spans) >= 1


def _drop_inside_according(atts: list[Attribution]) -> list[Attribution]:
    """An "according to X" clause that holds a verb frame of its own yields to that frame."""
    out = []
    for a in atts:
        if a.kind == "according" and any(
            b is not a and b.cue_span and b.content and _in_spans(*b.cue_span, a.content) and b.kind != "cognition"
            for b in atts
        ):
            continue
        out.append(a)
    return out


def _mark_nested(atts: list[Attribution], quotes: list[tuple[int, int]]) -> None:
    """Attributions whose cue lies inside another attribution's quotation are nested."""
    direct_spans = [c for a in atts if a.direct for c in a.content]
    for a in atts:
        if a.cue_span and _in_spans(a.cue_span[0], a.cue_span[1], [s for s in direct_spans if s not in a.content]):
            a.nested = True
        elif a.cue_span and _in_spans(a.cue_span[0], a.cue_span[1], quotes):
            a.nested = True


def _mark_embedded(doc: Doc, atts: list[Attribution]) -> None:
    """Frames reported inside another attribution's content are nested too ("X said he believes Y":
    the belief is part of what X said). A belief frame nests in any attribution, a speech frame only
    in a statement (a belief's broad content is less sure); a main-clause cue never nests (its
    "outer" content is a parenthetical frame's governor clause)."""
    dep = doc_view(doc).dep
    root = get_string_id("ROOT")
    spans = sorted((s, e, k) for k, a in enumerate(atts) for s, e in a.content)
    starts = [s for s, _, _ in spans]
    for k, a in enumerate(atts):
        if a.nested or a.cue_span is None or a.cue_token is None or dep[a.cue_token] == root:
            continue
        cs, ce = a.cue_span
        for s, e, j in spans[: bisect.bisect_right(starts, cs)]:  # the content spans that start before the cue
            b = atts[j]
            if j == k or not (s <= cs and ce <= e) or not (a.kind == "cognition" or b.kind != "cognition"):
                continue
            if b.cue_span is not None and any(x <= b.cue_span[0] and b.cue_span[1] <= y for x, y in a.content):
                continue  # each inside the other: a mis-scoped pair, keep both
            a.nested = True
            break


def _inherit_run(att: Attribution, atts: list[Attribution]) -> None:
    run_of = att.extra.get("run_of")
    if run_of is None:
        return
    src = next((b for b in atts if id(b) == run_of), None)
    if src is not None:
        att.speaker, att.speaker_text, att.speaker_type = src.speaker, src.speaker_text, src.speaker_type
        att.source, att.cue, att.channel = src.source, src.cue, src.channel


def _merge_same_frame(doc: Doc, atts: list[Attribution]) -> list[Attribution]:
    """Cues of one speaker chained in one clause ("spoke of X, adding that Y") make one statement."""
    out: list[Attribution] = []
    for a in atts:
        prev = out[-1] if out else None
        if (prev is not None and prev.sent == a.sent and prev.speaker and prev.speaker == a.speaker
                and prev.cue_token is not None and a.cue_token is not None
                and doc[a.cue_token].head.i == prev.cue_token and doc[a.cue_token].dep_ in ("advcl", "conj", "xcomp")):
            prev.content.extend(c for c in a.content if c not in prev.content)
            continue
        out.append(a)
    return out


def _outermost(atts: list[Attribution]) -> list[Attribution]:
    """Drop frames reported inside another statement's content ("X said he would call Y to ...":
    the call is part of what X said, not a statement of its own)."""
    return [a for a in atts if not (a.cue_span and any(
        b is not a and b.content and _in_spans(a.cue_span[0], a.cue_span[1], b.content) for b in atts))]


def to_statements(doc: Doc, atts: list[Attribution]) -> list[Statement]:
    """Statement records for the attributions that are statements (speech, not belief)."""
    article = doc._.article_id or "a"
    out: list[Statement] = []
    data = load_data()
    kept = _outermost([a for a in atts if a.kind in STATEMENT_KINDS
                       and a.cue not in data.classes["not_statements"]])
    kept = [a for a in kept if a.direct or a.cue not in data.classes["quoted_only"] or _has_quote(doc, a)]
    for a in _merge_same_frame(doc, kept):
        mentions = [Mention(article, s, e, doc_text(doc)[s:e]) for s, e in sorted(a.content)]
        text = " \u2026 ".join(_clean_content(m.text or "") for m in mentions)
        if not text.strip():
            continue
        speaker_mention = Mention(article, a.source[0], a.source[1], a.speaker_text) if a.source else None
        out.append(Statement(
            id=f"{article}-s{len(out) + 1}", speaker=a.speaker, text=text, direct=a.direct, cue=a.cue,
            channel=a.channel, date=a.date, mentions=mentions, speaker_text=a.speaker_text,
            speaker_mention=speaker_mention,
        ))
    return out


def _has_quote(doc: Doc, a: Attribution) -> bool:
    """Whether the content holds a quotation mark (a partly quoted report)."""
    return any(ch in doc_text(doc)[s:e] for s, e in a.content for ch in "\"\u201c\u201d\u00ab\u00bb")


def _clean_content(text: str) -> str:
    text = text.strip()
    text = re.sub(r"^(that|as)\s+", "", text)
    return text.strip(" \"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e,").strip()


def extract(doc: Doc) -> list[Statement]:
    """The statements on a parsed ``Doc`` (public entry point of the stage)."""
    return to_statements(doc, find_attributions(doc))


@Language.component("parley_quotes", assigns=["doc._.statements"])
def quotes_component(doc: Doc) -> Doc:
    doc._.statements = extract(doc)
    drop_view(doc)
    return doc
