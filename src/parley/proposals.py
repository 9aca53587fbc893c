"""Proposals, positions and red lines: the substance of a negotiation.

The ``parley_proposals`` component runs last. It reads the actor mentions
(``doc.spans["actors"]``, ``span._.actor_id``), the time expressions
(``doc.spans["timexes"]``, ``span._.timex_value``) and the statements
(``doc._.statements``), and writes ``doc._.proposals`` (list of
:class:`~parley.records.Proposal`) and ``doc._.positions`` (list of
:class:`~parley.records.Position`).

How it works (all cue words live in ``data/proposals/lexicon.yaml``):

1. Proposal mentions are noun phrases headed by a proposal noun ("plan",
   "counterproposal", "framework", "term sheet", "draft resolution", ...).
   A qualified mention (numbered, with a kind modifier such as "peace", with
   an author, or a strong head) opens a proposal; a definite mention ("the
   plan", "the draft") refers back to the latest compatible one.
2. Authors come from actors inside the phrase ("the US plan", "Egypt's
   proposal"), from "from/by X", from an authoring clause ("drafted by X",
   "drafted in X") or from the subject of an authoring verb ("X unveiled a plan").
3. Dates: a date in the clause of a publishing verb ("made public on 20 November").
4. Provisions: the conjuncts of the object of a provision verb whose subject
   is the proposal ("the plan would entail A, B, and C").
5. Positions: stance verbs ("rejected", "insists on"), stance nouns ("red
   lines: A, B and C"), stance adjectives ("X is non-negotiable") and condition
   markers; each conjunct of the content is one position with the same holders.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import yaml
from spacy.language import Language
from spacy.parts_of_speech import VERB
from spacy.tokens import Doc, Span, Token

from parley.actors import default_registry
from parley.events.tokens import Columns, actor_spans, columns, word_hashes
from parley.nlp import doc_text
from parley.records import Mention, Position, Proposal, Statement

WEAK_KINDS = {"offer", "terms", "formula", "initiative", "package", "charter", "declaration"}
DEFINITE = {"the", "this", "that", "these", "those"}
PRONOUNS = {"it", "they", "we", "i", "he", "she", "its", "their", "our", "us", "them", "you", "who", "which", "that"}
FIRST_PERSON = {"we", "i", "us", "our", "my"}
KEEP_PUNCT = {"%", ")", "]"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


# -- lexicon -----------------------------------------------------------------
@dataclass
class Lexicon:
    """The cue lists of ``data/proposals/lexicon.yaml``."""

    data: dict[str, Any]
    _sets: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)
    _vocabulary_hashes: np.ndarray | None = field(default=None, repr=False, compare=False)
    _maps: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False, compare=False)

    def list(self, key: str) -> set[str]:
        """The lower-cased list ``key`` (built once; callers must not mutate it)."""
        out = self._sets.get(key)
        if out is None:
            out = self._sets[key] = {str(x).lower() for x in self.data.get(key) or []}
        return out

    def last_words(self, key: str) -> set[str]:
        """The keys of ``key`` and their last words after a space or a hyphen ("term sheet" -> "sheet"):
        the words a token must have to end a multi-word cue (built once)."""
        name = f"last-words:{key}"
        out = self._sets.get(name)
        if out is None:
            keys = self.map(key) if isinstance(self.data.get(key), dict) else self.list(key)
            out = self._sets[name] = {w for k in keys for w in (k, k.rsplit(" ", 1)[-1], k.rsplit("-", 1)[-1])}
        return out

    def vocabulary(self) -> set[str]:
        """Every cue word of the lexicon: the entries of its lists, the keys of its mappings, and each
        word or last word of a multi-word entry (built once)."""
        out = self._sets.get("vocabulary:")
        if out is None:
            out = set()
            for key, value in self.data.items():
                if isinstance(value, dict | list):
                    entries = self.map(key) if isinstance(value, dict) else self.list(key)
                    out |= {w for k in entries for w in (k, *k.split(), *k.rsplit("-", 1))}
            self._sets["vocabulary:"] = out
        return out

    def vocabulary_hashes(self) -> np.ndarray:
        """``vocabulary()`` hashed for ``Columns.lemma_in`` (built once)."""
        if self._vocabulary_hashes is None:
            self._vocabulary_hashes = word_hashes(self.vocabulary())
        return self._vocabulary_hashes

    def map(self, key: str) -> dict[str, Any]:
        """The lower-cased mapping ``key`` (built once; callers must not mutate it)."""
        out = self._maps.get(key)
        if out is None:
            out = self._maps[key] = {str(k).lower(): v for k, v in (self.data.get(key) or {}).items()}
        return out


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    text = resources.files("parley").joinpath("data/proposals/lexicon.yaml").read_text("utf-8")
    return Lexicon(yaml.safe_load(text) or {})


# -- context: what the earlier stages wrote, indexed by token ------------------
@dataclass
class ActorRef:
    start: int  # token index
    end: int
    actor_id: str
    text: str = ""  # the mention's text


@dataclass
class TimexRef:
    start: int
    end: int
    value: str | None
    type: str | None


@dataclass
class Ctx:
    doc: Doc
    lex: Lexicon
    actors: list[ActorRef]
    timexes: list[TimexRef]
    statements: list[Statement]
    cols: Columns
    by_start: list[ActorRef] = field(default_factory=list)  # ``actors`` sorted by start (stable)
    linked: set[int] = field(default_factory=set)  # token indices inside an actor mention
    actor_ids: set[str] = field(default_factory=set)  # every actor id mentioned
    forum_starts: set[int] | None = None  # starts of the actor mentions that name a forum (computed once)
    _lemma_hits: list[int] = field(default_factory=list, repr=False)  # tokens whose lemma is a lexicon word
    _lower_hits: list[int] = field(default_factory=list, repr=False)  # tokens whose form is a lexicon word

    def __post_init__(self) -> None:
        self.by_start = sorted(self.actors, key=lambda a: a.start)
        self.linked = {i for a in self.actors for i in range(a.start, a.end)}
        self.actor_ids = {a.actor_id for a in self.actors}
        vocab = self.lex.vocabulary_hashes()
        self._lemma_hits = self.cols.lemma_in(vocab)  # one lookup per doc; each pass filters these
        self._lower_hits = self.cols.lower_in(vocab)

    def lemma_indices(self, words: Iterable[str]) -> list[int]:
        """Indices (ascending) of the tokens whose lower-cased lemma is one of ``words``."""
        words = set(words)
        if not words <= self.lex.vocabulary():
            return self.cols.with_lemma(words)
        lemmas = self.cols.lemmas
        return [i for i in self._lemma_hits if lemmas[i] in words]

    def lower_indices(self, words: Iterable[str]) -> list[int]:
        """Indices (ascending) of the tokens whose lower-cased form is one of ``words``."""
        words = set(words)
        if not words <= self.lex.vocabulary():
            return self.cols.with_lower(words)
        lowers = self.cols.lowers
        return [i for i in self._lower_hits if lowers[i] in words]

    def at_lemma(self, words: Iterable[str]) -> list[Token]:
        """The tokens (in text order) whose lower-cased lemma is one of ``words``."""
        doc = self.doc
        return [doc[i] for i in self.lemma_indices(words)]

    def at_indices(self, idx: Iterable[int]) -> list[Token]:
        """The tokens at the indices ``idx``, each once, in text order."""
        doc = self.doc
        return [doc[i] for i in sorted(set(idx))]


def slug(text: str) -> str:
    text = re.sub(r"^(the)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"['’]s$", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _actor_refs(doc: Doc) -> list[ActorRef]:
    """Actor mentions from the actors stage; NER entities while that stage is absent."""
    refs = [ActorRef(start, end, aid, text) for start, end, aid, _rule, text in actor_spans(doc)]
    if refs:
        return refs
    labels = {"GPE", "NORP", "ORG", "PERSON"}
    return [ActorRef(e.start, e.end, slug(e.text), e.text) for e in doc.ents if e.label_ in labels and slug(e.text)]


MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")(?:\s+(\d{4}))?\b", re.I)
MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})(?:,?\s+(\d{4}))?\b", re.I)


def _fallback_timexes(doc: Doc) -> list[TimexRef]:
    """Day-month dates anchored on the publication date, while the timex stage is absent."""
    anchor: dt.date | None = doc._.published
    out: list[TimexRef] = []
    for rx, day_first in ((DAY_MONTH, True), (MONTH_DAY, False)):
        for m in rx.finditer(doc_text(doc)):
            day, month = (m[1], m[2]) if day_first else (m[2], m[1])
            year = int(m[3]) if m[3] else None
            if year is None and anchor is None:
                continue
            value = _day_value(int(day), MONTHS[month.lower()], year, anchor)
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if value and span is not None:
                out.append(TimexRef(span.start, span.end, value, "DATE"))
    return out


def _day_value(day: int, month: int, year: int | None, anchor: dt.date | None) -> str | None:
    try:
        if year is not None:
            return dt.date(year, month, day).isoformat()
        assert anchor is not None
        d = dt.date(anchor.year, month, day)
        if d > anchor + dt.timedelta(days=31):  # a past reading is likelier in news
            d = dt.date(anchor.year - 1, month, day)
        return d.isoformat()
    except ValueError:
        return None


def _timex_refs(doc: Doc) -> list[TimexRef]:
    spans = list(doc.spans.get("timexes", []))
    if spans:
        return [TimexRef(s.start, s.end, s._.timex_value, s._.timex_type) for s in spans]
    return _fallback_timexes(doc)

def make_ctx(doc: Doc) -> Ctx:
    return Ctx(doc, load_lexicon(), _actor_refs(doc), _timex_refs(doc), list(doc._.statements or []), columns(doc))


def actors_in(ctx: Ctx, start: int, end: int, skip: set[int] | None = None) -> list[str]:
    """Actor ids mentioned in tokens [start, end) (minus ``skip``), in text order, each once."""
    out: list[str] = []
    for a in ctx.by_start:
        if a.start >= start and a.end <= end and a.actor_id not in out and not (skip and a.start in skip):
            out.append(a.actor_id)
    return out


def subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def statement_at(ctx: Ctx, char: int) -> Statement | None:
    for st in ctx.statements:
        for m in st.mentions:
            if m.start <= char < m.end:
                return st
    return None


# -- syntax helpers ------------------------------------------------------------
def conjuncts(tok: Token) -> list[Token]:
    """The token and every token coordinated with it (conj chains)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out


def trimmed(doc: Doc, idx: list[int]) -> Span | None:
    """The span over token indices, without punctuation, conjunctions or "that"/"to" at its ends."""
    if not idx:
        return None
    start, end = min(idx), max(idx) + 1
    while end > start + 1 and ((doc[end - 1].is_punct and doc[end - 1].text not in KEEP_PUNCT) or doc[end - 1].is_space
                               or doc[end - 1].dep_ == "cc"):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ in ("cc", "mark", "aux")):
        start += 1
    return doc[start:end]


def conjunct_span(tok: Token, drop_deps: tuple[str, ...] = ("conj", "cc", "appos")) -> Span:
    """The phrase of one conjunct: its subtree without coordinated siblings or appositions."""
    drop: set[int] = set()
    for c in tok.children:
        if c.dep_ in drop_deps or (c.dep_ == "punct" and c.i > tok.i and _next_is_conj(c)):
            drop.update(t.i for t in c.subtree)
    span = trimmed(tok.doc, [t.i for t in tok.subtree if t.i not in drop])
    assert span is not None
    return span


def verb_phrase(verb: Token) -> Span | None:
    """A predicate without its subject, auxiliaries and coordinated verbs: "cap the tax value of X"."""
    drop: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "conj", "cc", "mark", "punct") or (
                c.dep_ == "advmod" and c.i < verb.i) or (c.dep_ == "prep" and c.lower_ == "under"):
            drop.update(t.i for t in c.subtree)
    for t in verb.subtree:  # "... on condition that X": the condition is its own position
        if t.dep_ == "prep" and any(p.lemma_ == "condition" for p in t.children if p.dep_ == "pobj"):
            drop.update(x.i for x in t.subtree)
    for t in verb.subtree:
        if t.dep_ == "appos" and t.i > verb.i:
            drop.update(x.i for x in t.subtree)
            if t.i > 0 and t.doc[t.i - 1].is_punct:
                drop.add(t.i - 1)
    keep = [t.i for t in verb.subtree if t.i not in drop and (t.i >= verb.i or (t.dep_ == "neg" and t.head.i == verb.i))]
    return trimmed(verb.doc, keep)


def clause_span(verb: Token) -> Span | None:
    """A whole clause without its complementiser: "municipal organizations should decide X"."""
    drop = {t.i for c in verb.children if c.dep_ == "mark" for t in c.subtree}
    return trimmed(verb.doc, [t.i for t in verb.subtree if t.i not in drop])


def _next_is_conj(punct: Token) -> bool:
    return any(s.dep_ == "conj" for s in punct.head.children if s.i > punct.i)


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through xcomp/conj/aux chains ("seems to have agreed")."""
    cur: Token | None = verb
    for _ in range(6):
        if cur is None:
            return None
        for c in cur.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
        if cur.dep_ in ("xcomp", "conj", "aux", "advcl") and cur.head.i != cur.i:
            cur = cur.head
        else:
            return None
    return None


def passive_agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def negation(verb: Token) -> str | None:
    """"never" or "not" when the verb (or its governing modal chain) is negated."""
    for cur in (verb, verb.head) if verb.dep_ == "xcomp" else (verb,):
        for c in cur.children:
            if c.dep_ == "neg" or c.lower_ in ("never", "not", "n't"):
                return "never" if c.lower_ == "never" else "not"
    return None


def core_tokens(tok: Token) -> set[int]:
    """The head of a phrase with its compounds, possessors, modifiers and conjuncts (no appositions/clauses)."""
    out = {tok.i}
    for c in tok.children:
        if c.dep_ in ("compound", "poss", "amod", "nmod", "det", "case", "conj", "cc", "punct", "flat", "nummod"):
            out |= core_tokens(c)
        elif c.dep_ == "appos" and c.pos_ == "PROPN" and any(g.dep_ == "conj" for g in c.children):
            out |= core_tokens(c)  # "The United States, Saudi Arabia, the UAE and Egypt" parsed as an apposition
        elif c.dep_ == "prep" and c.lower_ == "of" and tok.lower_ in ("both", "all", "each", "some", "many", "most"):
            out |= {t.i for t in c.subtree}
    return out


def phrase_actors(ctx: Ctx, tok: Token) -> list[str]:
    """Actors of a noun phrase's core; the whole phrase when the core names none."""
    core = core_tokens(tok)
    start, end = subtree_range(tok)
    ids = [a.actor_id for a in ctx.by_start if a.start in core]
    linked = ctx.linked
    ids += [x for i in sorted(core) if i not in linked for x in [_same_doc_actor(ctx, ctx.doc[i])] if x]
    ids = list(dict.fromkeys(ids))
    if ids or tok.pos_ == "PROPN":
        return ids
    return actors_in(ctx, start, end)


def _same_doc_actor(ctx: Ctx, tok: Token) -> str | None:
    """An unlinked name that the article links elsewhere: "Republican supporters" ~ "Republicans",
    "Harman" ~ "Jane Harman". Only actors already in the document; never a new id."""
    if tok.ent_type_ not in ("NORP", "ORG", "PERSON") or len(tok.text) < 4:
        return None
    word = slug(tok.text)
    ids = ctx.actor_ids
    hits = [i for i in ids if (len(word) >= 6 and i[:7] == word[:7] and "-" not in i) or i.endswith("-" + word)]
    return hits[0] if len(hits) == 1 else None


def holders_for(ctx: Ctx, tok: Token | None, cue: Token) -> list[str]:
    """Actor ids of a subject phrase; pronouns resolve through the speaker or the reporting clause."""
    stmt = statement_at(ctx, cue.idx)
    if tok is not None:
        if _is_relative(tok) and tok.head.dep_ == "relcl":
            return phrase_actors(ctx, tok.head.head)
        ids = phrase_actors(ctx, tok)
        if ids:
            return ids
        if tok.lower_ not in PRONOUNS:
            return []
        if tok.lower_ in FIRST_PERSON and stmt is not None and stmt.speaker:
            return [stmt.speaker]
    elif stmt is not None and stmt.speaker:
        return [stmt.speaker]
    if tok is not None and tok.head.i != cue.i:  # "it accepted X, agreeing to Y": the clause of "it"
        return _reporting_subject(ctx, tok.head) or _reporting_subject(ctx, cue)
    return _reporting_subject(ctx, cue)


def _is_relative(tok: Token) -> bool:
    return tok.lower_ in ("who", "which", "that", "whom") or any(t.lower_ in ("whom", "which") for t in tok.subtree)


def _reporting_subject(ctx: Ctx, cue: Token) -> list[str]:
    """For "X said it would never accept ...": the subject of the verb that reports the clause."""
    cur = cue
    for _ in range(6):
        if (cur.dep_ in ("ccomp", "xcomp", "conj", "acomp") or (cur.dep_ == "advcl" and cur.tag_ == "VBG")) and (
                cur.head.i != cur.i):
            cur = cur.head
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in PRONOUNS:
                return phrase_actors(ctx, subj)
        else:
            break
    return []


# -- proposals -------------------------------------------------------------------
@dataclass
class PMention:
    start: int
    end: int
    head: Token
    kind: str
    points: int | None
    authors: list[str]
    definite: bool
    qualified: bool
    proposal: Proposal | None = None
    name: str | None = None
    pre_authors: list[str] | None = None  # authors named before the head ("the US plan")


@dataclass
class State:
    """Proposals and positions built so far for one document."""

    proposals: list[Proposal] = field(default_factory=list)
    mentions: list[PMention] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    used_cues: set[int] = field(default_factory=set)
    about_heads: list[Token] = field(default_factory=list)
    agreements: list[tuple[int, list[str]]] = field(default_factory=list)  # (verb index, parties)


def _head_at(ctx: Ctx, tok: Token) -> tuple[str, int] | None:
    """(kind, first token index) when ``tok`` ends a proposal noun ("plan", "term sheet")."""
    heads = ctx.lex.map("proposal_heads")
    i, low = tok.i, tok.lower_
    lowers = ctx.cols.lowers
    if i > 1 and lowers[i - 1] == "-" and f"{lowers[i - 2]}-{low}" in heads:
        return str(heads[f"{lowers[i - 2]}-{low}"]), i - 2  # "counter - proposal"
    if i > 0 and f"{lowers[i - 1]} {low}" in heads:
        return str(heads[f"{lowers[i - 1]} {low}"]), i - 1
    if tok.pos_ == "VERB" or tok.tag_.startswith("VB"):
        return None
    for key in (tok.lower_, tok.lemma_.lower()):
        if key in heads:
            return str(heads[key]), tok.i
        if key in ctx.lex.list("qualified_heads"):
            return key, tok.i
    return None


def _is_modifier(tok: Token) -> bool:
    """True when this proposal noun only modifies another noun ("draft resolution")."""
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN")


def _points(ctx: Ctx, toks: Iterable[Token]) -> int | None:
    words = ctx.lex.list("point_words")
    numbers = ctx.lex.map("numbers")
    toks = list(toks)
    for i, t in enumerate(toks):
        low = t.lower_
        m = re.match(r"^(\d+|[a-z]+)-(\w+)$", low)
        if m and m[2] in words:
            return _num(m[1], numbers)
        if low in words and i >= 1:
            j = i - 1
            if toks[j].text == "-" and j >= 1:
                j -= 1
            return _num(toks[j].lower_, numbers)
    return None


def _num(text: str, numbers: dict[str, Any]) -> int | None:
    if text.isdigit():
        return int(text)
    value = numbers.get(text)
    return int(value) if value is not None else None


def _forum(ctx: Ctx, ref: ActorRef) -> bool:
    text = ref.text.lower()
    return any(w in text for w in ctx.lex.list("forum_words"))


def _premodifier_authors(ctx: Ctx, start: int, head: Token) -> list[str]:
    if ctx.forum_starts is None:
        ctx.forum_starts = {a.start for a in ctx.actors if _forum(ctx, a)}
    skip = set(ctx.forum_starts)
    ids = actors_in(ctx, start, head.i, skip)
    linked = ctx.linked
    known = set(ctx.doc._.actors or {})
    for tok in head.doc[start:head.i]:  # "the US peace framework" left unlinked by the actors stage
        if tok.i not in linked and tok.ent_type_ in ("GPE", "NORP", "ORG") and tok.dep_ in ("compound", "amod", "nmod"):
            hit = _registry_name(tok.text)
            if hit and hit in known and hit not in ids:
                ids.append(hit)
    return ids


def _registry_name(text: str) -> str | None:
    """The actor a name or adjective denotes in the registry; capitals name venues ("the Doha framework")."""
    hits = {i for i, alias in default_registry().alias_index.get(text, []) if alias.kind != "capital"}
    return hits.pop() if len(hits) == 1 else None


def _authors(ctx: Ctx, head: Token, start: int) -> list[str]:
    ids = _premodifier_authors(ctx, start, head)
    author_verbs = ctx.lex.list("author_verbs")

    def add(more: list[str]) -> None:
        ids.extend(a for a in more if a not in ids)

    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ctx.lex.list("author_preps"):
            add([a for p in c.children if p.dep_ == "pobj" for a in phrase_actors(ctx, p)])
        elif c.dep_ in ("acl", "relcl") and c.lemma_.lower() in author_verbs | ctx.lex.list("agreement_verbs"):
            add(_clause_authors(ctx, c))
    verb = head.head
    if head.dep_ == "pobj" and verb.lower_ in ctx.lex.list("instrument_preps") and verb.head.pos_ == "VERB":
        subj = subject_of(verb.head)
        if subj is not None:
            add(holders_for(ctx, subj, verb.head))
    if head.dep_ == "dobj" and verb.lemma_.lower() in author_verbs | ctx.lex.list("agreement_verbs") and not (
            negation(verb) or _conditional(verb)):
        subj = subject_of(verb)
        if subj is not None:
            add(holders_for(ctx, subj, verb))
    add(_party_authors(ctx, head, author_verbs))
    if head.dep_ == "nsubjpass" and verb.lemma_.lower() in author_verbs:
        agent = passive_agent(verb)
        if agent is not None:
            add(phrase_actors(ctx, agent))
    return ids


def _party_authors(ctx: Ctx, head: Token, author_verbs: set[str]) -> list[str]:
    """"agreed to a ceasefire", "agreed on the first phase of a deal", "initialled the text of a treaty"."""
    top = head
    while top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.lemma_.lower() in ctx.lex.list("part_nouns"):
        top = top.head.head
    verb = top.head
    if top.i != head.i and top.dep_ == "dobj" and verb.lemma_.lower() in author_verbs | ctx.lex.list("agreement_verbs"):
        subj = subject_of(verb)
    elif top.dep_ == "pobj" and verb.lower_ in ("to", "on") and verb.head.lemma_.lower() == "agree":
        verb = verb.head
        subj = subject_of(verb)
    else:
        return []
    if subj is None or negation(verb) or _conditional(verb):
        return []
    return holders_for(ctx, subj, verb)


def _clause_authors(ctx: Ctx, verb: Token) -> list[str]:
    """"drafted by X", "drafted in X", "which X drafted"."""
    agent = passive_agent(verb)
    if agent is not None:
        return phrase_actors(ctx, agent) + _co_authors(ctx, verb)
    for c in verb.children:
        if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS:
            return phrase_actors(ctx, c)
        if c.dep_ == "prep" and c.lower_ == "in":
            return actors_in(ctx, *subtree_range(c))
    return []


def _conditional(verb: Token) -> bool:
    """"if Iran does not reach a deal": a hypothetical clause names no party."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def _co_authors(ctx: Ctx, verb: Token) -> list[str]:
    """"drafted by Ukraine with Britain, France and Germany": the partners after "with"."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
    preps += [c for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
              for c in p.children if c.dep_ == "prep" and c.lower_ == "with"]
    return [a for c in preps for p in c.children if p.dep_ == "pobj" for a in phrase_actors(ctx, p)]


def _qualified(ctx: Ctx, kind: str, head: Token, mods: set[str], points: int | None, authors: list[str],
               start: int) -> bool:
    quals = ctx.lex.list("proposal_qualifiers")
    kind_mod = bool(mods & ctx.lex.list("kind_modifiers"))
    if kind in ctx.lex.list("qualified_heads"):
        # a party or author named by a verb ("signed a peace agreement", "handed over a memorandum"),
        # not a bare premodifier ("the Iran deal" is a deal with Iran, already made)
        by_verb = bool(set(authors) - set(_premodifier_authors(ctx, start, head)))
        agreed = (bool(mods & ctx.lex.list("agreement_modifiers")) and head.tag_ != "NNS") or by_verb
        return points is not None or bool(mods & quals) or (agreed and kind != "document")
    if kind in WEAK_KINDS - {"initiative"}:
        return points is not None or kind_mod or bool(mods & quals)
    strong = head.lower_ in ctx.lex.list("strong_heads") or kind in {"counterproposal", "roadmap", "term-sheet"}
    named = any(t.pos_ == "PROPN" and t.ent_type_ not in ("DATE",) for t in head.doc[start:head.i + 1]) or (
        _numbered_name(head))
    quals = quals | ctx.lex.list("head_qualifiers")
    return strong or points is not None or kind_mod or bool(authors) or named or bool(mods & quals)


def find_mention(ctx: Ctx, tok: Token) -> PMention | None:
    """A proposal mention headed by ``tok``, or None."""
    hit = _head_at(ctx, tok)
    if hit is None or _is_modifier(tok):
        return None
    kind, first_i = hit
    head = tok
    if kind in ctx.lex.list("qualified_heads") and _inside_proposal(ctx, head):
        return None
    lefts = [c for c in head.lefts if c.dep_ not in ("punct", "cc", "prep", "relcl", "acl", "advmod")]
    start = min([c.left_edge.i for c in lefts] + [first_i])
    toks = head.doc[start:head.i]
    mods = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
    if mods & ctx.lex.list("blocking_modifiers"):
        return None
    if head.i + 1 < len(head.doc) and head.lower_ == "terms" and head.nbor(1).lower_ == "of":
        return None
    if kind == "bill" and (head.tag_ == "NNS" or head.lower_ == "measure" and head.doc[start].lower_ not in DEFINITE):
        return None  # "defensive measures", "a measure of"
    points = _points(ctx, toks)
    authors = _authors(ctx, head, start)
    definite = head.doc[start].lower_ in DEFINITE or any(c.dep_ == "poss" for c in head.children)
    if mods & ctx.lex.list("new_referent_modifiers"):
        definite, points = False, points
        authors = authors or []
    qualified = _qualified(ctx, kind, head, mods, points, authors, start) or bool(
        mods & ctx.lex.list("new_referent_modifiers") and kind not in ctx.lex.list("qualified_heads"))
    if kind == "draft" and not definite:
        qualified = qualified and (points is not None or bool(authors))
    m = PMention(start, head.i + 1, head, kind, points, authors, definite, qualified)
    m.pre_authors = _premodifier_authors(ctx, start, head)
    return m


def _inside_proposal(ctx: Ctx, head: Token) -> bool:
    """"a proposal for a humanitarian truce", "the plan calls for a three-month truce": content, not a new proposal."""
    top = head
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    gov = top.head
    if top.dep_ == "pobj" and gov.lower_ == "for":
        owner = gov.head
        if owner.pos_ == "NOUN" and _head_at(ctx, owner) is not None:
            return True
        if owner.pos_ == "VERB" and any(c.dep_ == "dobj" and _head_at(ctx, c) for c in owner.children):
            return True  # "accepted a proposal from X for a truce"
        gov = owner  # "calls for X"
    if top.dep_ in ("dobj", "pobj") and gov.lemma_.lower() in ctx.lex.list("provision_verbs"):
        subj = subject_of(gov)
        return subj is not None and _head_at(ctx, subj) is not None
    return False


def _numbered_name(head: Token) -> bool:
    """"Resolution 2334"."""
    return any(c.dep_ in ("nummod", "appos") and c.like_num and c.i > head.i for c in head.children)


def family(ctx: Ctx, kind: str | None) -> str | None:
    for name, kinds in ctx.lex.map("families").items():
        if kind in kinds:
            return str(name)
    return None


def _compatible(ctx: Ctx, m: PMention, p: Proposal) -> bool:
    if m.points is not None and p.points is not None and m.points != p.points:
        return False
    own = m.pre_authors if m.definite and m.pre_authors is not None else m.authors
    if own and p.authors and not set(own) & set(p.authors):
        return False  # "the Doha framework, drafted by Qatari mediators" still refers back
    if m.kind == "counterproposal" or p.kind == "counterproposal":
        return m.kind == p.kind or (m.kind in ctx.lex.list("generic_kinds") and m.points is None and not m.authors)
    if m.kind in ctx.lex.list("generic_kinds") or m.kind == p.kind:
        return True
    return family(ctx, m.kind) == family(ctx, p.kind) or p.kind in ("proposed", None)


def _ordinal(ctx: Ctx, m: PMention) -> bool:
    return any(t.lower_ in ctx.lex.list("ordinals") for t in m.head.doc[m.start:m.head.i])


def _bare(m: PMention) -> bool:
    """"the deal", "the agreement": only a determiner before the head."""
    return m.start == m.head.i - 1 and m.head.doc[m.start].lower_ in DEFINITE


def antecedent(ctx: Ctx, state: State, m: PMention) -> Proposal | None:
    """The proposal an anaphoric or repeated mention refers to."""
    cands = [p for p in reversed(state.proposals) if _compatible(ctx, m, p)]
    if not cands and _bare(m) and state.proposals and not any(
            family(ctx, p.kind) == family(ctx, m.kind) for p in state.proposals):
        cands = list(reversed(state.proposals))
    if not cands:
        return None
    if m.points is not None:
        same = [p for p in cands if p.points == m.points]
        if same:
            return same[0]
        if m.definite:
            return next((p for p in cands if p.points is None and p.kind == m.kind), None)
        return None
    if m.definite:
        same_kind = [p for p in cands if p.kind == m.kind]
        return (same_kind or cands)[0]
    if m.authors:
        return next((p for p in cands if p.kind == m.kind and set(m.authors) <= set(p.authors)), None)
    return None


def _name(m: PMention) -> str:
    if m.name:
        return m.name
    doc = m.head.doc
    k = m.start
    while k < m.head.i and (doc[k].dep_ in ("det", "case", "poss") or any(
            a.dep_ == "poss" for a in doc[k].ancestors if a.i < m.head.i)):
        k += 1
    return doc[k:m.end].text.strip() or m.head.text


def _new_id(ctx: Ctx, prefix: str, n: int) -> str:
    aid = ctx.doc._.article_id or ""
    return f"{aid}-{prefix}{n}" if aid else f"{prefix}{n}"


def add_mention(ctx: Ctx, state: State, m: PMention) -> None:
    aid = ctx.doc._.article_id or ""
    prop = antecedent(ctx, state, m)
    last = ctx.doc[m.end - 1]
    mention = Mention(aid, ctx.doc[m.start].idx, last.idx + len(last), ctx.doc[m.start:m.end].text)
    if prop is None:
        if not (m.qualified or (m.definite and has_provision_clause(ctx, m.head))):
            return
        prop = Proposal(id=_new_id(ctx, "p", len(state.proposals) + 1), name=_name(m), points=m.points, kind=m.kind)
        if m.kind == "counterproposal" and state.proposals:
            prop.relation = {"counterproposal_to": state.proposals[-1].id}
        if not m.authors and _ordinal(ctx, m):
            prev = next((p for p in reversed(state.proposals) if p.kind == m.kind), None)
            m.authors = list(prev.authors) if prev is not None else []
        if not m.authors and family(ctx, m.kind) == "agreement":
            m.authors = _last_parties(state, m.start)
        state.proposals.append(prop)
    else:
        if prop.points is None and m.points is not None:
            prop.points, prop.name = m.points, _name(m)
        if prop.kind in ctx.lex.list("generic_kinds") | {"proposed"} and m.kind not in ctx.lex.list("generic_kinds"):
            prop.kind = m.kind
    prop.authors += [a for a in m.authors if a not in prop.authors]
    prop.mentions.append(mention)
    m.proposal = prop
    state.mentions.append(m)


def _last_parties(state: State, before: int) -> list[str]:
    """"The United States and China agreed to X. Under the deal, ...": the parties of the latest agreement verb."""
    earlier = [parties for i, parties in state.agreements if i < before]
    return list(earlier[-1]) if earlier else []


def find_agreements(ctx: Ctx, state: State) -> None:
    """Verbs of agreement ("agreed", "signed", "reached") with the actors of their subject."""
    for tok in ctx.at_lemma(ctx.lex.list("agreement_verbs")):
        if tok.pos == VERB and not (
                negation(tok) or _conditional(tok)):
            subj = subject_of(tok)
            parties = holders_for(ctx, subj, tok) if subj is not None else []
            if parties:
                state.agreements.append((tok.i, parties))


def proposing_mention(ctx: Ctx, tok: Token) -> PMention | None:
    """"X proposed enforcing a no-fly zone" / "changes proposed by the government": a proposal without a plan noun."""
    offering = tok.lemma_.lower() in ctx.lex.list("offering_verbs")
    if (tok.lemma_.lower() not in ctx.lex.list("proposing_verbs") and not offering) or tok.pos_ != "VERB":
        return None
    if offering:  # "X offered to mediate": only a to-infinitive makes an offer a proposal
        xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        subj = subject_of(tok)
        if xcomp is None or subj is None or negation(tok):
            return None
        span = verb_phrase(xcomp)
        authors = holders_for(ctx, subj, tok)
        if span is None or not authors:
            return None
        m = PMention(span.start, span.end, xcomp, "proposed", None, authors, False, True)
        m.name = span.text
        return m
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ == "NOUN" and _head_at(ctx, tok.head) is None:
        agent = passive_agent(tok)
        authors = phrase_actors(ctx, agent) if agent is not None else []
        span = conjunct_span(tok.head, ("conj", "cc", "appos", "acl", "relcl"))
        m = PMention(span.start, span.end, tok.head, "proposed", None, authors, False, True)
        m.name = span.text
        return m
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp")), None)
    if obj is None or _head_at(ctx, obj) is not None or obj.lower_ in PRONOUNS | ctx.lex.list("contentless_pronouns"):
        return None
    subj = subject_of(tok)
    authors = holders_for(ctx, subj, tok) if subj is not None else []
    span = obj.doc[obj.left_edge.i:obj.right_edge.i + 1]
    m = PMention(span.start, span.end, obj, "proposed", None, authors, False, bool(authors))
    m.name = span.text
    return m


def add_proposed(ctx: Ctx, state: State, m: PMention) -> None:
    """A proposal stated by a proposing verb: its object is both its name and its provision."""
    if not m.qualified:
        return
    aid = ctx.doc._.article_id or ""
    span = ctx.doc[m.start:m.end]
    prop = Proposal(id=_new_id(ctx, "p", len(state.proposals) + 1), name=m.name, kind="proposed",
                    authors=list(m.authors), mentions=[Mention(aid, span.start_char, span.end_char, span.text)])
    if m.head.pos_ in ("VERB", "AUX") or m.head.tag_ == "VBG":
        prop.provisions.append(span.text)
    state.proposals.append(prop)
    m.proposal = prop
    state.mentions.append(m)


def pronoun_mention(state: State, tok: Token) -> PMention | None:
    """"It also would renew X" right after a sentence about the bill: "it" is the bill."""
    if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "nsubjpass") or not state.mentions:
        return None
    last = state.mentions[-1]
    gap = tok.sent.start - last.head.sent.start
    if last.head.dep_ not in ("nsubj", "nsubjpass") or not (0 <= gap <= len(last.head.sent) + 1):
        return None
    if tok.sent.start not in (last.head.sent.start, last.head.sent.end):
        return None
    m = PMention(tok.i, tok.i + 1, tok, last.kind, None, [], True, False, last.proposal)
    return m


def proposal_for_token(state: State, tok: Token) -> Proposal | None:
    for m in state.mentions:
        if m.start <= tok.i < m.end or m.head.i == tok.i:
            return m.proposal
    return None


def proposal_in(state: State, start: int, end: int) -> Proposal | None:
    for m in state.mentions:
        if start <= m.head.i < end:
            return m.proposal
    return None


def link_counterproposals(ctx: Ctx, state: State) -> None:
    """"a counter-proposal to the US peace framework": the relation names the proposal after "to"."""
    for m in state.mentions:
        if m.proposal is None or m.proposal.kind != "counterproposal":
            continue
        preps = [c for t in (m.head, m.head.head) for c in t.children if c.dep_ == "prep" and c.lower_ == "to"]
        for prep in preps:
            target = next((proposal_for_token(state, p) for p in prep.children if p.dep_ == "pobj"), None)
            if target is not None and target is not m.proposal:
                m.proposal.relation = {"counterproposal_to": target.id}
                break


def find_proposals(ctx: Ctx, state: State) -> None:
    """One pass in text order, so that "the plan" finds what came before it."""
    find_agreements(ctx, state)
    for tok in _proposal_candidates(ctx):
        m = find_mention(ctx, tok)
        if m is not None:
            add_mention(ctx, state, m)
            continue
        p = proposing_mention(ctx, tok)
        if p is not None:
            add_proposed(ctx, state, p)
            continue
        it = pronoun_mention(state, tok)
        if it is not None and it.proposal is not None:
            state.mentions.append(it)


def _proposal_candidates(ctx: Ctx) -> list[Token]:
    """The tokens ``find_proposals`` can act on: a proposal noun's last word, a proposing verb, "it"."""
    heads = ctx.lex.last_words("proposal_heads") | ctx.lex.list("qualified_heads")
    idx = ctx.lower_indices(heads) + ctx.lemma_indices(heads)
    idx += ctx.lemma_indices(ctx.lex.list("proposing_verbs") | ctx.lex.list("offering_verbs"))
    idx += ctx.lower_indices({"it"})
    return ctx.at_indices(idx)


# -- dates and versions ------------------------------------------------------------
def _verb_matches(tok: Token, lemmas: set[str]) -> bool:
    if tok.lemma_.lower() in lemmas:
        return True
    parts = {f"{tok.lemma_.lower()} {c.lower_}" for c in tok.children if c.dep_ in ("oprd", "prt", "acomp", "dobj")}
    return bool(parts & lemmas)


def date_proposals(ctx: Ctx, state: State) -> None:
    """Publication and drafting dates from a date in the clause of a publishing verb."""
    publish, drafted = ctx.lex.list("publish_verbs"), ctx.lex.list("draft_verbs")
    firsts = {w.split(" ", 1)[0] for w in publish | drafted}  # "make public": the verb's own lemma
    for tok in ctx.at_lemma(firsts):
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        which = "published" if _verb_matches(tok, publish) else "drafted" if _verb_matches(tok, drafted) else None
        if which is None:
            continue
        prop = _verb_proposal(state, tok)
        value = _clause_date(ctx, tok)
        if prop is None or value is None:
            continue
        text = ctx.doc[tok.left_edge.i:tok.right_edge.i + 1].text
        if which == "published" and prop.published is None:
            prop.published = value
        if not any(v.get("date") == value and v.get("event") == which for v in prop.versions):
            prop.versions.append({"event": which, "date": value, "text": text})


def _verb_proposal(state: State, verb: Token) -> Proposal | None:
    if verb.dep_ in ("acl", "relcl"):
        prop = proposal_for_token(state, verb.head)
        if prop is not None:
            return prop
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "nsubj"):
            prop = proposal_for_token(state, c)
            if prop is not None:
                return prop
        if c.dep_ == "prep":
            for p in c.children:
                if p.dep_ == "pobj" and proposal_for_token(state, p) is not None:
                    return proposal_for_token(state, p)
    return None


def _clause_date(ctx: Ctx, verb: Token) -> str | None:
    start, end = subtree_range(verb)
    direct = {c.i for c in verb.children if c.dep_ not in ("relcl", "acl", "ccomp", "advcl", "conj")}
    for tx in ctx.timexes:
        if start <= tx.start and tx.end <= end and tx.value and ISO_DATE.match(tx.value):
            # the date must hang on this verb, not on a nested clause
            anc = {a.i for a in ctx.doc[tx.start].ancestors} | {tx.start}
            if anc & direct or ctx.doc[tx.start].head.i == verb.i:
                return tx.value
    return None


# -- provisions --------------------------------------------------------------------
def find_provisions(ctx: Ctx, state: State) -> None:
    """Each clause that says what a proposal contains becomes one provision."""
    for m in list(state.mentions):
        prop = m.proposal
        if prop is None:
            continue
        for span in provision_spans(ctx, m.head):
            text = span.text.strip()
            if text and text not in prop.provisions and len(text.split()) >= 2:
                prop.provisions.append(text)


def has_provision_clause(ctx: Ctx, head: Token) -> bool:
    return bool(provision_spans(ctx, head))


def provision_spans(ctx: Ctx, head: Token) -> list[Span]:
    out: list[Span] = []
    verbs = ctx.lex.list("provision_verbs") | ctx.lex.list("commit_verbs")
    particles = ctx.lex.map("provision_particles")
    main = _provision_verb(head, verbs)
    for verb in _with_shared_subject(main, verbs) if main is not None else []:
        found: list[Span] = []
        if verb.lemma_.lower() in ctx.lex.list("commit_verbs"):  # "commits X to withdraw Y"
            found += [x for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for x in _vps(ctx, c)]
        if not found:
            covered: set[int] = set()
            for o in _provision_objects(verb, particles.get(verb.lemma_.lower())):
                if o.i not in covered:
                    items = _contained(ctx, o, verb) or list_items(o, verb)
                    covered |= {t.i for sp in items for t in sp}
                    found += items
        out += found or _purpose_phrases(ctx, verb)
    if head.lemma_.lower() in ctx.lex.map("proposal_heads") and family(ctx, _head_kind(ctx, head)) != "agreement":
        for c in head.children:  # "a US proposal for an immediate ceasefire"
            if c.dep_ == "prep" and c.lower_ == "for":
                kinds = ctx.lex.list("kind_modifiers") | ctx.lex.list("qualified_heads")
                out += [conjunct_span(p) for o in c.children if o.dep_ == "pobj" for p in conjuncts(o)
                        if p.lemma_.lower() in kinds and not _bare_name(conjunct_span(p))]
    for v in _predicates(ctx, head):
        out += _purpose_phrases(ctx, v) if v.lemma_.lower() in ctx.lex.list("purpose_verbs") else _vps(ctx, v)
    for c in head.children:  # "a plan to close X", "a resolution asking the UN to authorize X"
        if c.dep_ == "acl" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"):
            out += _vps(ctx, c)
        elif c.dep_ == "acl" and c.lemma_.lower() in ctx.lex.list("purpose_verbs"):
            out += _purpose_phrases(ctx, c)
    if head.dep_ == "dobj" and head.head.lemma_.lower() in ctx.lex.list("author_verbs"):
        for c in head.head.children:  # "present a resolution asking the UN to authorize X"
            if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in ctx.lex.list("purpose_verbs") and c.tag_ == "VBG":
                out += _purpose_phrases(ctx, c)
    if head.dep_ == "pobj" and head.head.lower_ == "under" and head.head.head.pos_ in ("VERB", "AUX"):
        out += _under_clauses(ctx, head.head)  # "Under the agreement, X would Y, and Z would W"
    return out


def _head_kind(ctx: Ctx, head: Token) -> str | None:
    hit = _head_at(ctx, head)
    return hit[0] if hit else None


def _with_shared_subject(verb: Token, verbs: set[str]) -> list[Token]:
    """"The framework sets X and commits Y to Z": the provision verb and its coordinated verbs without a subject."""
    out = [verb]
    for c in conjuncts(verb)[1:]:
        if c.lemma_.lower() in verbs and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children):
            out.append(c)
    return out


def _under_clauses(ctx: Ctx, prep: Token) -> list[Span]:
    """Each coordinated clause (and each coordinated predicate) governed by "under the deal"."""
    clause = prep.head
    drop = {t.i for t in prep.subtree}
    parts = [clause] + [c for c in conjuncts(clause)[1:] if c.pos_ in ("VERB", "AUX")]
    out: list[Span] = []
    for v in parts:
        own = {t.i for p in parts if p.i != v.i and (v in p.ancestors or p.head.i == v.i) for t in p.subtree}
        own |= {t.i for c in v.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        span = trimmed(ctx.doc, [t.i for t in v.subtree if t.i not in drop and (t.i not in own or t.i == v.i)])
        if span is not None:
            out.append(span)
        for c in v.children:  # "China will suspend X and resume Y": "resume Y" too
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c not in parts:
                out += _vps(ctx, c)
    return out


def _contained(ctx: Ctx, obj: Token, verb: Token) -> list[Span]:
    """"sets out eight protocols, including A, B and C": the items, not the container."""
    if obj.lemma_.lower() not in ctx.lex.list("container_nouns"):
        return []
    for t in obj.subtree:
        if t.lower_ in ("including", "notably") or (t.lower_ == "as" and t.i > 0 and t.doc[t.i - 1].lower_ == "such"):
            items = [p for p in t.children if p.dep_ == "pobj"]
            if items:
                return list_items(items[0], t)
    return []


def _clause_of(tok: Token, verb: Token) -> bool:
    """True when ``tok`` hangs on ``verb`` without another verb in between."""
    cur = tok
    for _ in range(40):
        if cur.i == verb.i:
            return True
        if cur.i != tok.i and cur.pos_ in ("VERB", "AUX"):
            return False
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _in_clause(tok: Token, verb: Token) -> bool:
    """True when ``tok`` belongs to ``verb``'s clause; clauses inside a noun phrase ("to limit X") count."""
    cur = tok
    for _ in range(40):
        if cur.i == verb.i:
            return True
        if cur.head.i == verb.i and cur.pos_ in ("VERB", "AUX") and cur.dep_ != "dobj":
            return False
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def list_items(obj: Token, verb: Token) -> list[Span]:
    """The items of an enumeration that starts at ``obj``, robust to a parser that hangs later items
    elsewhere ("provides for A within 90 days, B and C" with B parsed as an apposition of the subject)."""
    doc = obj.doc
    start, end = obj.left_edge.i, obj.right_edge.i + 1
    while end < len(doc) and doc[end].sent == obj.sent and (doc[end].is_punct and doc[end].text in ",;" or
                                                         doc[end].dep_ == "cc" or _in_clause(doc[end], verb)):
        if doc[end].text == ";" or (doc[end].pos_ in ("VERB", "AUX") and doc[end].head.i == verb.i):
            break
        end += 1
    cuts = [start]
    for k in range(obj.right_edge.i + 1, end):
        if doc[k - 1].text in (",", "and", "or") and not (doc[k].is_punct or doc[k].dep_ == "cc"):
            attach = next((t for t in doc[k:end] if t.head.i < k or t.head.i >= end), None)
            stray = attach is not None and attach.dep_ in ("appos", "dobj", "npadvmod", "dep", "attr") and not (
                start <= attach.head.i < obj.right_edge.i + 1)  # a later item hung on the subject or the verb
            if attach is not None and attach.pos_ in ("NOUN", "PROPN") and (attach.dep_ == "conj" or stray) and (
                    _clause_of(attach, verb)) and not _nested_list(attach, obj):
                cuts.append(k)
    if len(cuts) == 1:
        return [conjunct_span(c) for c in conjuncts(obj)]
    bounds = cuts + [end]
    spans = [trimmed(doc, list(range(a, b))) for a, b in zip(bounds, bounds[1:], strict=False)]
    return [sp for sp in spans if sp is not None]


def _nested_list(attach: Token, obj: Token) -> bool:
    """A coordination inside an item ("including cars, pharmaceuticals and semiconductors")."""
    cur = attach.head
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    return cur.i != obj.i and cur.dep_ not in ("nsubj", "nsubjpass", "dobj") and not any(
        c.i == obj.i for c in conjuncts(cur)) and cur.head.lower_ in ("including", "like", "as", "notably")


def _predicates(ctx: Ctx, head: Token) -> list[Token]:
    """Verbs the proposal is the subject of, with "would/will" or a purpose verb ("seeks to")."""
    cands: list[Token] = []
    if head.dep_ in ("nsubj",) and head.head.pos_ in ("VERB", "AUX"):
        cands.append(head.head)
    cands += [c for c in head.children if c.dep_ == "relcl"]
    out = []
    for v in cands:
        modal = any(a.lower_ in ("would", "will", "'d", "could") for a in v.children if a.dep_ == "aux")
        purpose = v.lemma_.lower() in ctx.lex.list("purpose_verbs")
        if (modal or purpose) and v.lemma_.lower() not in ctx.lex.list("effect_verbs") and (
                v.lemma_.lower() not in ctx.lex.list("provision_verbs") or purpose):
            out.append(v)
    return out


def _vps(ctx: Ctx, verb: Token) -> list[Span]:
    out = []
    for v in conjuncts(verb):
        own = v.i != verb.i and any(c.dep_ in ("nsubj", "nsubjpass") or (
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBD", "VBP")) for c in v.children)
        if v.pos_ in ("VERB", "AUX") and v.lemma_.lower() not in ctx.lex.list("effect_verbs") and not own:
            span = verb_phrase(v)
            if span is not None:
                out += _split_infinitives(span)
    return out


def _split_infinitives(span: Span) -> list[Span]:
    """"withdraw X, to clear Y and to allow Z": three predicates, whatever the parser made of them."""
    doc = span.doc
    cuts = [k for k in range(span.start + 1, span.end - 1)
            if doc[k].lower_ == "to" and doc[k - 1].text in (",", "and", "or") and doc[k + 1].is_alpha
            and doc[k + 1].tag_ in ("VB", "JJ", "NN")]
    if not cuts:
        return [span]
    bounds = [span.start] + cuts + [span.end]
    parts = [trimmed(doc, list(range(a + (doc[a].lower_ == "to" and a != span.start), b)))
             for a, b in zip(bounds, bounds[1:], strict=False)]
    return [p for p in parts if p is not None]


def _purpose_phrases(ctx: Ctx, verb: Token) -> list[Span]:
    """"seeks to outlaw X" -> "outlaw X"; "asking the UN to authorize X" -> "authorize X"."""
    out: list[Span] = []
    for c in verb.children:
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            out += _vps(ctx, c)
        elif c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
            span = clause_span(c)
            out += [span] if span is not None else []
    return out


def _provision_verb(head: Token, verbs: set[str]) -> Token | None:
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in verbs:
        return head.head
    for c in head.children:
        if c.dep_ == "relcl" and c.lemma_.lower() in verbs:
            return c
    # "the plan's provisions include ..."
    if head.dep_ == "poss" and head.head.dep_ == "nsubj" and head.head.head.lemma_.lower() in verbs:
        return head.head.head
    return None


def _provision_objects(verb: Token, particle: str | None) -> list[Token]:
    """The first conjunct of each object of a provision verb (``list_items`` finds the others)."""
    out: list[Token] = []
    for c in verb.children:
        if particle is None and c.dep_ in ("dobj", "attr"):
            out.append(c)
        elif particle is not None and c.dep_ in ("prep", "prt") and c.lower_ == particle:
            out.extend(p for p in c.children if p.dep_ == "pobj")
            if c.dep_ == "prt":
                out.extend(d for d in verb.children if d.dep_ == "dobj")
    return out


# -- positions ----------------------------------------------------------------------
def contentless(ctx: Ctx, span: Span) -> bool:
    """"its stance", "it": nothing said about what the position is on."""
    root = span.root
    if root.lower_ in ctx.lex.list("contentless_pronouns") and len(span) <= 2:
        return True
    return root.lemma_.lower() in ctx.lex.list("contentless_heads") and any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in root.children)


def about_spans(ctx: Ctx, heads: list[Token]) -> list[Span]:
    """One span per conjunct, without content-free ones ("its stance")."""
    out: list[Span] = []
    for h in heads:
        for c in [x for x in conjuncts(h) if x.i == h.i or x.tag_ not in ("VBN", "VBG")] if h.pos_ not in (
                "VERB", "AUX") else _own_predicates(h):
            span = conjunct_span(c) if c.pos_ not in ("VERB", "AUX") else verb_phrase(c)
            if span is not None and span.text.strip() and not contentless(ctx, span):
                out.append(span)
    return out


def _own_predicates(verb: Token) -> list[Token]:
    """"agreeing to release X and to hand over Y": each coordinated predicate without its own subject."""
    return [verb] + [c for c in conjuncts(verb)[1:] if c.pos_ in ("VERB", "AUX") and not any(
        d.dep_ in ("nsubj", "nsubjpass") for d in c.children)]


def add_position(ctx: Ctx, state: State, holders: list[str], stance: str, about: Span, cue: Token) -> None:
    if not holders or not about.text.strip() or all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in about):
        return
    aid = ctx.doc._.article_id or ""
    sent = cue.sent
    stmt = statement_at(ctx, cue.idx)
    prop = proposal_in(state, about.start, about.end)
    text = about.text.strip()
    state.about_heads.append(about.root)
    for pos in state.positions:
        if pos.holders == holders and pos.stance == stance and pos.about == text:
            return
    state.positions.append(Position(
        id=_new_id(ctx, "q", len(state.positions) + 1), holders=list(holders), stance=stance, about=text,
        proposal=prop.id if prop else None,
        mentions=[Mention(aid, sent.start_char, sent.end_char, None)],
        statement=stmt.id if stmt else None, date=_sentence_date(ctx, sent) or (stmt.date if stmt else None),
    ))


def _sentence_date(ctx: Ctx, sent: Span) -> str | None:
    for tx in ctx.timexes:
        if sent.start <= tx.start < sent.end and tx.value and ISO_DATE.match(tx.value):
            return tx.value
    return None


def _deontic(verb: Token) -> bool:
    """"has to approve", "must accept": an obligation, not a stance."""
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ("have", "need"):
        return True
    return any(a.lower_ in ("must", "should") for a in verb.children if a.dep_ == "aux")


def verb_positions(ctx: Ctx, state: State) -> None:
    stances = ctx.lex.map("stance_verbs")
    particles = {k: set(v) for k, v in ctx.lex.map("stance_verb_particles").items()}
    need = ctx.lex.list("particle_required")
    for tok in ctx.at_lemma([*stances, *particles]):
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or tok.i in state.used_cues or (lemma not in stances and lemma not in particles):
            continue
        if _deontic(tok) or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
            continue
        heads, particle = _stance_objects(ctx, tok, particles.get(lemma, set()))
        if lemma in need and particle is None:
            continue
        stance = ctx.lex.map("particle_stance").get(f"{lemma} {particle}") or stances.get(lemma)
        stance = _negate(ctx, stance, negation(tok))
        if not stance:
            continue
        if _is_shift(ctx, tok, heads):
            record_shift(ctx, state, tok)
            continue
        stance, heads = _inner_cue(ctx, state, tok, stance, heads)
        if stance == "threaten":
            continue
        agent = passive_agent(tok)
        subj = agent if agent is not None else subject_of(tok)
        if subj is not None and proposal_for_token(state, subj) is not None:
            continue  # "the initiative seeks to X" is a provision, not a position
        if agent is not None:
            heads = [c for c in tok.children if c.dep_ == "nsubjpass"]
        holders = holders_for(ctx, subj, tok)
        heads = [h for h in heads if not any(c.dep_ == "relcl" and c.i in state.used_cues for c in h.children)
                 and not _stance_noun_clause(ctx, h)]
        if not heads:
            continue
        if lemma in ctx.lex.list("agreement_verbs") and (lemma != "agree" or len(holders) >= 2):
            continue  # a signature or a joint agreement: the parties are the agreement's authors
        for span in about_spans(ctx, heads):
            if lemma in ctx.lex.list("needs_content_object") and _bare_name(span):
                continue
            add_position(ctx, state, holders, stance, span, tok)


def _stance_noun_clause(ctx: Ctx, clause: Token) -> bool:
    """"insisting that A was a condition for B": the noun cue carries the position, not the verb."""
    nouns = ctx.lex.map("stance_nouns")
    return clause.lemma_ == "be" and any(c.dep_ == "attr" and c.lemma_.lower() in nouns for c in clause.children)


def _bare_name(span: Span) -> bool:
    """A span that only names someone or somewhere ("Macron", "the White House")."""
    return all(t.ent_type_ in ("PERSON", "GPE", "LOC", "FAC", "ORG", "NORP") or t.dep_ == "det" for t in span)


def _inner_cue(ctx: Ctx, state: State, verb: Token, stance: str, heads: list[Token]) -> tuple[str, list[Token]]:
    """"refused to back X" -> reject X; "threatened to tear up X" -> oppose X."""
    stances = ctx.lex.map("stance_verbs")
    for h in heads:
        if h.dep_ != "xcomp":
            continue
        inner = stances.get(h.lemma_.lower())
        objs = [c for c in h.children if c.dep_ in ("dobj",)]
        if inner and verb.lemma_.lower() == "refuse":
            state.used_cues.add(h.i)
            return ctx.lex.map("refuse_stance").get(inner, "reject"), [_object_phrase(h)]
        if verb.lemma_.lower() == "threaten" and h.lemma_.lower() in ctx.lex.list("threat_verbs") and objs:
            return "oppose", [_antecedent_object(state, o) for o in objs]
    return stance, heads


def _antecedent_object(state: State, obj: Token) -> Token:
    """"Clinton backed the deal, while Trump threatened to tear it up": "it" is the deal."""
    if obj.lower_ not in ("it", "them"):
        return obj
    earlier = [t for t in state.about_heads if t.sent == obj.sent and t.i < obj.i]
    return earlier[-1] if earlier else obj


def _object_phrase(verb: Token) -> Token:
    """A stand-in head whose span is the verb's complements ("an undivided Jerusalem as the capital")."""
    return next((c for c in verb.children if c.dep_ == "dobj"), verb)


def _stance_objects(ctx: Ctx, verb: Token, preps: set[str]) -> tuple[list[Token], str | None]:
    heads: list[Token] = []
    particle = None
    lemma = verb.lemma_.lower()
    addressee = lemma in ctx.lex.list("addressee_verbs")
    need = ctx.lex.map("addressee_preps").get(lemma)
    if need and not any(c.dep_ == "prep" and c.lower_ == need and any(
            p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME") for p in c.children) for c in verb.children):
        addressee = False  # "would call Zelensky to brief him" is a phone call
    for c in verb.children:
        if c.dep_ == "dobj" and not addressee:
            heads.append(c)
        elif (c.dep_ in ("prep", "prt") or (c.dep_ == "advmod" and c.i == verb.i + 1)) and c.lower_ in preps:
            particle = c.lower_
            heads += [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
            if c.dep_ != "prep" and f"{lemma} {c.lower_}" in ctx.lex.map("particle_stance"):  # "pushing back on X"
                heads += [p for d in verb.children if d.dep_ == "prep" and d.lower_ in ctx.lex.list(
                    "phrasal_object_preps") for p in d.children if p.dep_ in ("pobj", "pcomp")]
        elif c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and (
                lemma in ctx.lex.list("xcomp_stance_verbs") or addressee):
            heads.append(c)
            particle = particle or "to"
        elif c.dep_ == "ccomp" and lemma in ("demand", "insist", "require", "request"):
            heads.append(c)
    return heads, particle


def _negate(ctx: Ctx, stance: str | None, neg: str | None) -> str | None:
    if stance is None or neg is None:
        return stance
    table = ctx.lex.map("never_stance") if neg == "never" else ctx.lex.map("negated_stance")
    if stance in table:
        return table[stance]
    return ctx.lex.map("negated_stance").get(stance, stance)


def _is_shift(ctx: Ctx, verb: Token, heads: list[Token]) -> bool:
    """"agreed to adjust its stance": a change of stance with no stated content."""
    shift = ctx.lex.list("shift_verbs")
    empty = ctx.lex.list("contentless_heads")
    for h in heads:
        if h.pos_ == "VERB" and h.lemma_.lower() in shift and all(o.lemma_.lower() in empty for o in h.children if o.dep_ == "dobj"):
            return True
    return False


def record_shift(ctx: Ctx, state: State, verb: Token) -> None:
    """Note a stance shift on the latest proposal of the same actor (a revision is signalled)."""
    holders = holders_for(ctx, subject_of(verb), verb)
    sent = verb.sent
    for prop in reversed(state.proposals):
        if set(holders) & set(prop.authors):
            prop.versions.append({"event": "stance-shift", "by": holders, "text": sent.text,
                                  "start": sent.start_char, "end": sent.end_char})
            return


def participle_positions(ctx: Ctx, state: State) -> None:
    """"cuts demanded by the IMF": a stance verb as a participle on its object, with an agent."""
    stances = ctx.lex.map("stance_verbs")
    for tok in ctx.at_lemma(stances):
        stance = stances.get(tok.lemma_.lower())
        if not stance or tok.dep_ != "acl" or tok.tag_ != "VBN" or tok.lemma_.lower() in ctx.lex.list(
                "participle_exclude"):
            continue
        agent = passive_agent(tok)
        if agent is None:
            continue
        noun = tok.head
        while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        drop = {t.i for t in tok.subtree}
        about = trimmed(ctx.doc, [t.i for t in noun.subtree if t.i not in drop])
        if about is None:
            continue
        add_position(ctx, state, phrase_actors(ctx, agent), stance, about, tok)


def against_positions(ctx: Ctx, state: State) -> None:
    """"campaigning against X", "a speech against X", "its initiative against X" -> oppose X."""
    cues = ctx.lex.list("against_cues")
    for tok in ctx.at_lemma(cues):
        if tok.lemma_.lower() not in cues:
            continue
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "against"):
            heads = [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
            holders = _against_holders(ctx, state, tok)
            for span in about_spans(ctx, heads):
                add_position(ctx, state, holders, "oppose", span, tok)


def _against_holders(ctx: Ctx, state: State, cue: Token) -> list[str]:
    if cue.pos_ in ("VERB", "AUX"):
        return holders_for(ctx, subject_of(cue), cue)
    prop = proposal_for_token(state, cue)
    if prop is not None and prop.authors:
        return list(prop.authors)
    poss = next((c for c in cue.children if c.dep_ == "poss"), None)
    if poss is not None and (poss.pos_ != "PRON" or holders_for(ctx, poss, cue)):
        return holders_for(ctx, poss, cue)
    verb = cue.head.head if cue.dep_ == "pobj" else cue.head
    return holders_for(ctx, subject_of(verb), cue) if verb.pos_ in ("VERB", "AUX") else []


def noun_positions(ctx: Ctx, state: State) -> None:
    """"X set red lines: A, B and C"; "X's demand for A"; "A is a red line for X"."""
    nouns = ctx.lex.map("stance_nouns")
    doc = ctx.doc
    for tok in ctx.at_lemma(ctx.lex.last_words("stance_nouns")):  # the noun or the last word of "red line"
        two = f"{doc[tok.i - 1].lower_} {tok.lemma_.lower()}" if tok.i else ""
        stance = nouns.get(two) or (nouns.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None)
        if not stance:
            continue
        if _pointer_noun(ctx, state, tok):
            continue
        content = _noun_content(tok)
        if not content:
            continue
        holders = _noun_holders(ctx, tok)
        for span in about_spans(ctx, content):
            add_position(ctx, state, holders, str(stance), span, tok)


def _pointer_noun(ctx: Ctx, state: State, noun: Token) -> bool:
    """"X demanded that A, a demand Y has rejected": Y's stance is about A; the noun only points back."""
    rel = next((c for c in noun.children if c.dep_ == "relcl"), None)
    stances = ctx.lex.map("stance_verbs")
    if rel is None or rel.lemma_.lower() not in stances or noun.i == 0 or ctx.doc[noun.left_edge.i - 1].text != ",":
        return False
    stance = _negate(ctx, stances[rel.lemma_.lower()], negation(rel))
    about = _pointed_content(noun)
    state.used_cues.add(rel.i)
    subj = next((c for c in rel.children if c.dep_ == "nsubj"), None)
    if stance and about is not None and subj is not None:
        add_position(ctx, state, holders_for(ctx, subj, rel), str(stance), about, rel)
    return True


def _pointed_content(noun: Token) -> Span | None:
    """The clause or phrase before ", a demand ...": the ccomp of the verb it hangs on, else the enclosing clause."""
    drop = {t.i for t in noun.subtree} | {noun.left_edge.i - 1}
    cur = noun.head
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        cur = cur.head
    if noun.head.i == cur.i:
        comp = next((c for c in cur.children if c.dep_ in ("ccomp", "xcomp") and c.i < noun.i), None)
        if comp is None:
            return None
        cur = comp
    return trimmed(noun.doc, [t.i for t in cur.subtree if t.i not in drop and not (
        t.dep_ == "mark" and t.head.i == cur.i)])


def _noun_content(noun: Token) -> list[Token]:
    if noun.dep_ == "attr" and noun.head.lemma_ == "be" and not any(c.dep_ == "appos" for c in noun.children):
        subj = [c for c in noun.head.children if c.dep_ == "nsubj"]  # "A was a condition for B"
        if subj and subj[0].lower_ not in PRONOUNS:
            return subj
    heads = [c for c in noun.children if c.dep_ == "appos"]
    heads += [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("for", "on", "of")
              for p in c.children if p.dep_ == "pobj" and noun.lemma_.lower() in ("demand", "concession", "condition")]
    heads += [c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)]
    if heads:
        return heads
    head = noun.head
    if noun.dep_ == "appos":  # "X, a red line for Y"
        return [head]
    if noun.dep_ == "attr" and head.lemma_ == "be":  # "A is a red line"
        return [c for c in head.children if c.dep_ == "nsubj"]
    if noun.dep_ == "nsubj" and head.lemma_ in ("be", "include"):  # "red lines are/include A"
        return [c for c in head.children if c.dep_ in ("attr", "dobj")]
    return _after_colon(noun)


def _after_colon(noun: Token) -> list[Token]:
    """"set some red lines: A, B, and C" when the parser hangs the list on the verb."""
    nxt = noun.i + 1
    if nxt < len(noun.doc) and noun.doc[nxt].text == ":":
        for c in noun.head.children:
            if c.i > nxt and c.dep_ in ("dobj", "appos", "npadvmod", "attr", "dep"):
                return [c]
    return []


def _noun_holders(ctx: Ctx, noun: Token) -> list[str]:
    for c in noun.children:
        if c.dep_ == "poss":
            return holders_for(ctx, c, noun)
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "for") and (c.lower_ != "for" or noun.dep_ in ("attr", "appos")):
            ids = [a for p in c.children if p.dep_ == "pobj" for a in phrase_actors(ctx, p)]
            if ids or c.lower_ != "for":  # "a condition for any withdrawal" names no holder
                return ids
    head = noun.head
    if noun.dep_ in ("attr", "appos"):
        return holders_for(ctx, None, noun)
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        if head.lemma_.lower() not in ctx.lex.list("noun_holder_verbs"):
            return []  # "rejected demands that it disarm": not the subject's demand
        return holders_for(ctx, subject_of(head), noun)
    if noun.dep_ == "pobj" and head.pos_ == "ADP":
        return holders_for(ctx, subject_of(head.head), noun)
    return holders_for(ctx, None, noun)


def adjective_positions(ctx: Ctx, state: State) -> None:
    """"A is non-negotiable (for X)"; "X was encouraged by the plan"."""
    adjs = ctx.lex.map("stance_adjectives")
    preps = ctx.lex.map("stance_adjective_preps")
    words = ctx.lex.last_words("stance_adjectives") | ctx.lex.last_words("stance_adjective_preps")
    for tok in ctx.at_indices(ctx.lower_indices(words)):  # the word or the last part of "non - negotiable"
        low = _hyphenated(tok)
        if low in preps and tok.dep_ in ("acomp", "amod", "ROOT", "ccomp", "xcomp") and not negation(tok.head):
            sources = list(tok.children) + ([c for c in tok.head.children if c.i > tok.i] if tok.dep_ == "acomp" else [])
            pobjs = [p for c in sources if c.dep_ in ("prep", "agent") for p in c.children if p.dep_ == "pobj"]
            holders = holders_for(ctx, subject_of(tok.head) if tok.dep_ == "acomp" else subject_of(tok), tok)
            if not holders and preps[low] == "condition":  # "A was conditional on B", said X
                holders = holders_for(ctx, None, tok)
            for span in about_spans(ctx, pobjs):
                add_position(ctx, state, holders, str(preps[low]), span, tok)
        stance = adjs.get(low)
        if not stance or tok.dep_ != "acomp" or negation(tok.head):
            continue
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
        holders = next((phrase_actors(ctx, p) for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "to")
                        for p in c.children if p.dep_ == "pobj"), []) or holders_for(ctx, None, tok)
        for span in about_spans(ctx, subj):
            add_position(ctx, state, holders, str(stance), span, tok)


def _hyphenated(tok: Token) -> str:
    """"non - negotiable" split by the tokenizer: the joined word at its last token."""
    doc = tok.doc
    if tok.i > 1 and doc[tok.i - 1].text == "-" and doc[tok.i - 1].whitespace_ == "" and not doc[tok.i - 2].whitespace_:
        return f"{doc[tok.i - 2].lower_}-{tok.lower_}"
    return tok.lower_


def refusal_positions(ctx: Ctx, state: State) -> None:
    """"X said it would never recognise A" -> red-line; "would not disarm before B" -> reject."""
    stances = ctx.lex.map("stance_verbs")
    skip = ctx.lex.list("refusal_exclude") | ctx.lex.list("effect_verbs")
    modals = ctx.lower_indices(ctx.lex.list("refusal_modals"))
    for tok in ctx.at_indices(ctx.doc[i].head.i for i in modals):  # verbs with a refusal modal
        if tok.pos != VERB:
            continue
        lemma = tok.lemma_.lower()
        neg = negation(tok)
        if neg is None or lemma in stances or lemma in skip or tok.i in state.used_cues:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in ctx.lex.list("refusal_modals") for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        holders = holders_for(ctx, subj, tok)
        span = verb_phrase(tok)
        if span is None or not holders or (_reported(tok) and not _reporter_actors(ctx, tok)):
            continue  # "legal observers note the White House wouldn't ..." is not the White House's refusal
        about = ctx.doc[tok.i:span.end] if span.end > tok.i + 1 else None
        if about is not None:
            add_position(ctx, state, holders, "red-line" if neg == "never" else "reject", about, tok)


def _reported(verb: Token) -> bool:
    return verb.dep_ != "ROOT" and verb.head.i != verb.i


def _reporter_actors(ctx: Ctx, verb: Token) -> list[str]:
    """The actors of the subject that reports this clause ("Zelensky said Ukraine would never ..."), or the speaker."""
    cur = verb
    while cur.dep_ in ("ccomp", "conj", "xcomp", "advcl") and cur.head.i != cur.i:
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            core = core_tokens(subj)
            ids = [a.actor_id for a in ctx.actors if a.start in core]
            if ids or subj.lower_ not in PRONOUNS:
                return ids
    stmt = statement_at(ctx, verb.idx)
    return [stmt.speaker] if stmt is not None and stmt.speaker else []


def if_positions(ctx: Ctx, state: State) -> None:
    """"X would pledge A if China pledged B" -> X holds the condition B."""
    markers = ctx.lex.list("if_markers")
    for tok in ctx.at_indices(ctx.doc[i].head.i for i in ctx.lower_indices(markers)):  # heads of a marker
        if tok.dep_ != "advcl":
            continue
        mark = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in markers), None)
        if mark is None or tok.i < tok.head.i or ctx.doc[mark.i - 1].lower_ in ("even", "as"):
            continue
        main = tok.head
        scope = [main, main.head] if main.dep_ == "xcomp" else [main]  # "would pledge to cut X if ..."
        if not any(c.dep_ == "aux" and c.lower_ in ctx.lex.list("refusal_modals") for v in scope for c in v.children):
            continue
        subj = subject_of(main)
        holders = holders_for(ctx, subj, main) if subj is not None else []
        about = trimmed(ctx.doc, [t.i for t in tok.subtree if t.i != mark.i])
        if holders and about is not None:
            add_position(ctx, state, holders, "condition", about, mark)


def characterisation_positions(ctx: Ctx, state: State) -> None:
    """"called the deal a submission" -> oppose the deal; "described it as a turning point" -> support."""
    good, bad = ctx.lex.list("positive_characterisations"), ctx.lex.list("negative_characterisations")
    for tok in ctx.at_lemma(ctx.lex.list("characterisation_verbs")):
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in ctx.lex.list("characterisation_verbs"):
            continue
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        pred = [c for c in tok.children if c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > tok.i]
        pred += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children]
        if obj is None or not pred or proposal_for_token(state, obj) is None:
            continue
        words = " ".join(t.lemma_.lower() for p in pred for t in p.subtree)
        text = " ".join(t.lower_ for p in pred for t in p.subtree)
        hit = [w for w in bad if w in words or w in text] or None
        stance = "oppose" if hit else "support" if any(w in words or w in text for w in good) else None
        subj = subject_of(tok)
        if stance and subj is not None:
            add_position(ctx, state, holders_for(ctx, subj, tok), stance, conjunct_span(obj), tok)


def condition_positions(ctx: Ctx, state: State) -> None:
    """"X agreed on condition that A" -> condition A held by X."""
    text = doc_text(ctx.doc).lower()
    for marker in ctx.lex.list("condition_markers"):
        if marker not in text:
            continue
        for m in re.finditer(r"\b" + re.escape(marker) + r"\b", text):
            span = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            last = span[-1]
            clause = last.head if last.dep_ == "mark" else None
            if clause is None or clause.i < last.i:
                continue
            start, end = subtree_range(clause)
            about = trimmed(ctx.doc, list(range(max(start, last.i + 1), end)))
            if about is None:
                continue
            main = next((a for a in clause.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if main is None:
                continue
            holders = holders_for(ctx, subject_of(main), main)
            add_position(ctx, state, holders, "condition", about, last)


# -- entry point -----------------------------------------------------------------------
def extract(doc: Doc) -> tuple[list[Proposal], list[Position]]:
    """Proposals and positions of one processed Doc."""
    ctx = make_ctx(doc)
    state = State()
    find_proposals(ctx, state)
    link_counterproposals(ctx, state)
    date_proposals(ctx, state)
    find_provisions(ctx, state)
    for find in (noun_positions, verb_positions, participle_positions, against_positions, adjective_positions,
                 condition_positions, refusal_positions, characterisation_positions, if_positions):
        find(ctx, state)
    for pos in state.positions:  # the statement a position was stated in lists it back
        st = next((s for s in ctx.statements if s.id == pos.statement), None)
        if st is not None and pos.id not in st.positions:
            st.positions.append(pos.id)
    return state.proposals, state.positions


@Language.component("parley_proposals", assigns=["doc._.proposals", "doc._.positions"])
def proposals_component(doc: Doc) -> Doc:
    doc._.proposals, doc._.positions = extract(doc)
    return doc
