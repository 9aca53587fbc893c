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

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from parley.records import Mention, Position, Proposal, Statement

WEAK_KINDS = {"offer", "terms", "formula", "initiative", "package", "charter", "declaration"}
DEFINITE = {"the", "this", "that", "these", "those"}
PRONOUNS = {"it", "they", "we", "i", "he", "she", "its", "their", "our", "us", "them", "you", "who", "which", "that"}
FIRST_PERSON = {"we", "i", "us", "our", "my"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


# -- lexicon -----------------------------------------------------------------
@dataclass
class Lexicon:
    """The cue lists of ``data/proposals/lexicon.yaml``."""

    data: dict[str, Any]

    def list(self, key: str) -> set[str]:
        return {str(x).lower() for x in self.data.get(key) or []}

    def map(self, key: str) -> dict[str, Any]:
        return {str(k).lower(): v for k, v in (self.data.get(key) or {}).items()}


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


def slug(text: str) -> str:
    text = re.sub(r"^(the)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"['’]s$", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _actor_refs(doc: Doc) -> list[ActorRef]:
    """Actor mentions from the actors stage; NER entities while that stage is absent."""
    spans = list(doc.spans.get("actors", []))
    refs = [ActorRef(s.start, s.end, s._.actor_id) for s in spans if s._.actor_id]
    if refs:
        return refs
    labels = {"GPE", "NORP", "ORG", "PERSON"}
    return [ActorRef(e.start, e.end, slug(e.text)) for e in doc.ents if e.label_ in labels and slug(e.text)]


MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")(?:\s+(\d{4}))?\b", re.I)
MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})(?:,?\s+(\d{4}))?\b", re.I)


def _fallback_timexes(doc: Doc) -> list[TimexRef]:
    """Day-month dates anchored on the publication date, while the timex stage is absent."""
    anchor: dt.date | None = doc._.published
    out: list[TimexRef] = []
    for rx, day_first in ((DAY_MONTH, True), (MONTH_DAY, False)):
        for m in rx.finditer(doc.text):
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
    return Ctx(doc, load_lexicon(), _actor_refs(doc), _timex_refs(doc), list(doc._.statements or []))


def actors_in(ctx: Ctx, start: int, end: int, skip: set[int] | None = None) -> list[str]:
    """Actor ids mentioned in tokens [start, end) (minus ``skip``), in text order, each once."""
    out: list[str] = []
    for a in sorted(ctx.actors, key=lambda a: a.start):
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
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
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
        if cur.dep_ in ("xcomp", "conj", "aux", "advcl") and cur.head is not cur:
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
    for cur in (verb, verb.head if verb.dep_ == "xcomp" else verb):
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
        elif c.dep_ == "prep" and c.lower_ == "of" and tok.lower_ in ("both", "all", "each", "some", "many", "most"):
            out |= {t.i for t in c.subtree}
    return out


def phrase_actors(ctx: Ctx, tok: Token) -> list[str]:
    """Actors of a noun phrase's core; the whole phrase when the core names none."""
    core = core_tokens(tok)
    start, end = subtree_range(tok)
    ids = [a.actor_id for a in sorted(ctx.actors, key=lambda a: a.start) if a.start in core]
    linked = {i for a in ctx.actors for i in range(a.start, a.end)}
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
    ids = {a.actor_id for a in ctx.actors}
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
    return _reporting_subject(ctx, cue)


def _is_relative(tok: Token) -> bool:
    return tok.lower_ in ("who", "which", "that", "whom") or any(t.lower_ in ("whom", "which") for t in tok.subtree)


def _reporting_subject(ctx: Ctx, cue: Token) -> list[str]:
    """For "X said it would never accept ...": the subject of the verb that reports the clause."""
    cur = cue
    for _ in range(6):
        if cur.dep_ in ("ccomp", "xcomp", "conj", "acomp") and cur.head is not cur:
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


@dataclass
class State:
    """Proposals and positions built so far for one document."""

    proposals: list[Proposal] = field(default_factory=list)
    mentions: list[PMention] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    used_cues: set[int] = field(default_factory=set)
    about_heads: list[Token] = field(default_factory=list)


def _head_at(ctx: Ctx, tok: Token) -> tuple[str, int] | None:
    """(kind, first token index) when ``tok`` ends a proposal noun ("plan", "term sheet")."""
    heads = ctx.lex.map("proposal_heads")
    doc = tok.doc
    if tok.i > 0 and f"{doc[tok.i - 1].lower_} {tok.lower_}" in heads:
        return str(heads[f"{doc[tok.i - 1].lower_} {tok.lower_}"]), tok.i - 1
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
    text = ctx.doc[ref.start:ref.end].text.lower()
    return any(w in text for w in ctx.lex.list("forum_words"))


def _premodifier_authors(ctx: Ctx, start: int, head: Token) -> list[str]:
    skip = {a.start for a in ctx.actors if _forum(ctx, a)}
    return actors_in(ctx, start, head.i, skip)


def _authors(ctx: Ctx, head: Token, start: int) -> list[str]:
    ids = _premodifier_authors(ctx, start, head)
    author_verbs = ctx.lex.list("author_verbs")

    def add(more: list[str]) -> None:
        ids.extend(a for a in more if a not in ids)

    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ctx.lex.list("author_preps"):
            add([a for p in c.children if p.dep_ == "pobj" for a in phrase_actors(ctx, p)])
        elif c.dep_ in ("acl", "relcl") and c.lemma_.lower() in author_verbs:
            add(_clause_authors(ctx, c))
    verb = head.head
    if head.dep_ == "pobj" and verb.lower_ in ctx.lex.list("instrument_preps") and verb.head.pos_ == "VERB":
        subj = subject_of(verb.head)
        if subj is not None:
            add(holders_for(ctx, subj, verb.head))
    if head.dep_ == "dobj" and verb.lemma_.lower() in author_verbs:
        subj = subject_of(verb)
        if subj is not None:
            add(holders_for(ctx, subj, verb))
    if head.dep_ == "nsubjpass" and verb.lemma_.lower() in author_verbs:
        agent = passive_agent(verb)
        if agent is not None:
            add(phrase_actors(ctx, agent))
    return ids


def _clause_authors(ctx: Ctx, verb: Token) -> list[str]:
    """"drafted by X", "drafted in X", "which X drafted"."""
    agent = passive_agent(verb)
    if agent is not None:
        return phrase_actors(ctx, agent)
    for c in verb.children:
        if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS:
            return phrase_actors(ctx, c)
        if c.dep_ == "prep" and c.lower_ == "in":
            return actors_in(ctx, *subtree_range(c))
    return []


def _qualified(ctx: Ctx, kind: str, head: Token, mods: set[str], points: int | None, authors: list[str],
               start: int) -> bool:
    quals = ctx.lex.list("proposal_qualifiers")
    kind_mod = bool(mods & ctx.lex.list("kind_modifiers"))
    if kind in ctx.lex.list("qualified_heads"):
        return points is not None or bool(mods & quals)
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
    lefts = [c for c in head.lefts if c.dep_ not in ("punct", "cc", "prep", "relcl", "acl", "advmod")]
    start = min([c.left_edge.i for c in lefts] + [first_i])
    toks = head.doc[start:head.i]
    mods = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
    if mods & ctx.lex.list("blocking_modifiers"):
        return None
    if head.i + 1 < len(head.doc) and head.lower_ == "terms" and head.nbor(1).lower_ == "of":
        return None
    if kind == "bill" and head.lower_ == "measure" and head.doc[start].lower_ not in DEFINITE:
        return None
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
    return PMention(start, head.i + 1, head, kind, points, authors, definite, qualified)


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
    if m.authors and p.authors and not set(m.authors) & set(p.authors):
        return False
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


def proposing_mention(ctx: Ctx, tok: Token) -> PMention | None:
    """"X proposed enforcing a no-fly zone" / "changes proposed by the government": a proposal without a plan noun."""
    if tok.lemma_.lower() not in ctx.lex.list("proposing_verbs") or tok.pos_ != "VERB":
        return None
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


def find_proposals(ctx: Ctx, state: State) -> None:
    """One pass in text order, so that "the plan" finds what came before it."""
    for tok in ctx.doc:
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


# -- dates and versions ------------------------------------------------------------
def _verb_matches(tok: Token, lemmas: set[str]) -> bool:
    if tok.lemma_.lower() in lemmas:
        return True
    parts = {f"{tok.lemma_.lower()} {c.lower_}" for c in tok.children if c.dep_ in ("oprd", "prt", "acomp", "dobj")}
    return bool(parts & lemmas)


def date_proposals(ctx: Ctx, state: State) -> None:
    """Publication and drafting dates from a date in the clause of a publishing verb."""
    publish, drafted = ctx.lex.list("publish_verbs"), ctx.lex.list("draft_verbs")
    for tok in ctx.doc:
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
    verbs = ctx.lex.list("provision_verbs")
    particles = ctx.lex.map("provision_particles")
    verb = _provision_verb(head, verbs)
    if verb is not None:
        out += [conjunct_span(o) for o in _provision_objects(verb, particles.get(verb.lemma_.lower()))]
        if not out:
            out += _purpose_phrases(ctx, verb)
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
        clause = head.head.head  # "Under the agreement, X would Y"
        drop = {t.i for t in head.head.subtree}
        span = trimmed(ctx.doc, [t.i for t in clause.subtree if t.i not in drop])
        if span is not None:
            out.append(span)
    return out


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
        own = v is not verb and any(c.dep_ in ("auxpass", "nsubj", "nsubjpass") for c in v.children)
        if v.pos_ in ("VERB", "AUX") and v.lemma_.lower() not in ctx.lex.list("effect_verbs") and not own:
            span = verb_phrase(v)
            if span is not None:
                out.append(span)
    return out


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
    out: list[Token] = []
    for c in verb.children:
        if particle is None and c.dep_ in ("dobj", "attr"):
            out.extend(conjuncts(c))
        elif particle is not None and c.dep_ in ("prep", "prt") and c.lower_ == particle:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(conjuncts(p))
            if c.dep_ == "prt":
                out.extend(x for d in verb.children if d.dep_ == "dobj" for x in conjuncts(d))
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
        for c in conjuncts(h) if h.pos_ not in ("VERB", "AUX") else [h]:
            span = conjunct_span(c) if c.pos_ not in ("VERB", "AUX") else verb_phrase(c)
            if span is not None and span.text.strip() and not contentless(ctx, span):
                out.append(span)
    return out


def add_position(ctx: Ctx, state: State, holders: list[str], stance: str, about: Span, cue: Token) -> None:
    if not holders or not about.text.strip():
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
    for tok in ctx.doc:
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
        for span in about_spans(ctx, heads):
            if lemma in ctx.lex.list("needs_content_object") and _bare_name(span):
                continue
            add_position(ctx, state, holders, stance, span, tok)


def _bare_name(span: Span) -> bool:
    """A span that only names someone or somewhere ("Zelensky", "the Elysée Palace")."""
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
    for c in verb.children:
        if c.dep_ == "dobj" and not addressee:
            heads.append(c)
        elif c.dep_ in ("prep", "prt") and c.lower_ in preps:
            particle = c.lower_
            heads += [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
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
    for tok in ctx.doc:
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
    for tok in ctx.doc:
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
    for tok in doc:
        two = f"{doc[tok.i - 1].lower_} {tok.lemma_.lower()}" if tok.i else ""
        stance = nouns.get(two) or (nouns.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None)
        if not stance:
            continue
        content = _noun_content(tok)
        if not content:
            continue
        holders = _noun_holders(ctx, tok)
        for span in about_spans(ctx, content):
            add_position(ctx, state, holders, str(stance), span, tok)


def _noun_content(noun: Token) -> list[Token]:
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
            return [a for p in c.children if p.dep_ == "pobj" for a in phrase_actors(ctx, p)]
    head = noun.head
    if noun.dep_ in ("attr", "appos"):
        return holders_for(ctx, None, noun)
    if noun.dep_ in ("dobj", "nsubjpass", "pobj") and head.pos_ in ("VERB", "ADP"):
        verb = head if head.pos_ == "VERB" else head.head
        return holders_for(ctx, subject_of(verb), noun)
    return holders_for(ctx, None, noun)


def adjective_positions(ctx: Ctx, state: State) -> None:
    """"A is non-negotiable (for X)"; "X was encouraged by the plan"."""
    adjs = ctx.lex.map("stance_adjectives")
    preps = ctx.lex.map("stance_adjective_preps")
    for tok in ctx.doc:
        low = tok.lower_
        if low in preps and tok.dep_ in ("acomp", "amod", "ROOT", "ccomp", "xcomp") and not negation(tok.head):
            pobjs = [p for c in tok.children if c.dep_ in ("prep", "agent") for p in c.children if p.dep_ == "pobj"]
            holders = holders_for(ctx, subject_of(tok.head) if tok.dep_ == "acomp" else subject_of(tok), tok)
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


def condition_positions(ctx: Ctx, state: State) -> None:
    """"X agreed on condition that A" -> condition A held by X."""
    text = ctx.doc.text.lower()
    for marker in ctx.lex.list("condition_markers"):
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
    date_proposals(ctx, state)
    find_provisions(ctx, state)
    for find in (noun_positions, verb_positions, participle_positions, against_positions, adjective_positions,
                 condition_positions):
        find(ctx, state)
    return state.proposals, state.positions


@Language.component("parley_proposals", assigns=["doc._.proposals", "doc._.positions"])
def proposals_component(doc: Doc) -> Doc:
    doc._.proposals, doc._.positions = extract(doc)
    return doc
