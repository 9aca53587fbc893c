"""Who and where: actor mentions around a trigger (source, target, participants) and its place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parley import places
from parley.events.lexicon import argument_rules
from parley.events.tokens import actor_spans, columns
from parley.nlp import doc_text
from parley.places import Place

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}
PLACE_PREPS = {"in", "at", "on"}  # "on the sidelines" is filtered by the gazetteer
PRONOUNS = {"he", "she", "they", "we", "i", "it", "who", "which", "that", "you", "us", "them"}
FIRST_PERSON = {"we", "i", "us", "our", "my"}
PLACE_ENTS_KEY = "parley_events_place_ents"


@dataclass
class ActorMention:
    start: int  # token offsets
    end: int
    actor_id: str
    text: str
    kind: str | None = None  # person | state | organization ...
    rule: str = "actors-stage"


def slug(text: str) -> str:
    s = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def _is_location_use(span: Span) -> bool:
    """A GPE used as a place ("in Florida", "to Moscow"), not as an actor."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in PLACE_PREPS | {"to", "into", "near"}


def actor_mentions(doc: Doc) -> list[ActorMention]:
    """The actors stage's mentions, or (while it is a stub) NER spans as a fallback."""
    actors = doc._.actors or {}
    out = []
    for start, end, aid, rule, text in actor_spans(doc):
        a = actors.get(aid)
        out.append(ActorMention(start, end, aid, text, getattr(a, "type", None), rule or "actors-stage"))
    if out:
        return out
    return _fallback(doc)


def _fallback(doc: Doc) -> list[ActorMention]:
    """NER spans, plus capitals and country names the small model misses ("a delegation from Kyiv")."""
    out = []
    covered = {i for e in doc.ents for i in range(e.start, e.end)}
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.i not in covered and tok.dep_ != "compound":
            p = places.resolve(tok.text)
            if p is not None and (p.kind == "country" or places.is_capital(tok.text)) and p.country and not _is_location_use(doc[tok.i:tok.i + 1]):
                out.append(ActorMention(tok.i, tok.i + 1, slug(p.country), tok.text, "state", "capital-metonym"))
    for ent in doc.ents:
        if ent.label_ in ACTOR_LABELS and not (ent.label_ == "GPE" and _is_location_use(ent)):
            kind = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}[ent.label_]
            out.append(ActorMention(ent.start, ent.end, slug(ent.text), ent.text, kind, "ner-fallback"))
    return out


class ActorIndex:
    """Token -> actor mention lookup for one doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.mentions = actor_mentions(doc)
        self.by_token: dict[int, ActorMention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)

    def at(self, tok: Token) -> ActorMention | None:
        return self.by_token.get(tok.i)

    def in_sentence(self, sent: Span) -> list[ActorMention]:
        return [m for m in self.mentions if sent.start <= m.start < sent.end]


def phrase_actors(tok: Token, idx: ActorIndex, depth: int = 0) -> list[ActorMention]:
    """Actors a noun phrase denotes: the phrase itself, else its modifiers/"from X" (a delegation's state).

    A titled person brings the state named in their title ("Iranian Foreign Minister X" -> Iran, X); a
    common noun its coordinated modifiers ("Russian and Ukrainian delegations"); a counted plural
    ("the two countries") the group named together before it.
    """
    if depth > 3:
        return []
    group = group_reference(tok, idx)
    if group:  # a counted plural never denotes one actor, whatever a single link says
        return group
    own = idx.at(tok)
    if own is not None and own.rule.startswith("generic"):
        own = None  # "officials of the two countries": a description, the actors are in the "of" phrase
    found: list[ActorMention] = [own] if own else []
    if own is not None and own.rule.startswith("group-of:"):  # actors stage: one mention per pair member
        found = [m for m in idx.mentions if m.rule.startswith("group-of:") and m.start <= tok.i < m.end]
    if own is not None and own.kind == "person":
        found = _title_states(tok, idx) + found + _misparsed_persons(tok, own, idx)
    if not own or tok.pos_ == "NOUN":
        # "the directors general of ...": an "of" hanging from a postposed adjective belongs to the head
        kids = [*tok.children, *(g for c in tok.children if c.dep_ == "amod" for g in c.children if g.dep_ == "prep")]
        for ch in kids:
            if ch.dep_ in ("compound", "amod", "poss", "nmod", "appos"):
                for c in (ch, *_conjuncts(ch)):  # "Iranian Minister X and US envoy Y"
                    m = idx.at(c)
                    found += [m] if m else phrase_actors(c, idx, depth + 1) if c.pos_ == "NOUN" else []
            elif ch.dep_ == "prep" and ch.lower_ in ("from", "of") and not own:
                for pobj in ch.children:
                    if pobj.dep_ == "pobj":
                        found += phrase_actors(pobj, idx, depth + 1)
    for ch in tok.children:  # "X and Y", "X, together with Y"; "The US, Saudi Arabia, the UAE and Egypt"
        if ch.dep_ == "conj" or (ch.dep_ == "appos" and own is not None and _same_kind(idx.at(ch), own)):
            found += phrase_actors(ch, idx, depth + 1)
    return _unique(found)


def _same_kind(a: ActorMention | None, b: ActorMention) -> bool:
    """An apposition naming another actor of the same kind is a list ("X, Y and Z"), not a description."""
    return a is not None and a.kind == b.kind and a.actor_id != b.actor_id


def _conjuncts(tok: Token) -> list[Token]:
    """Tokens coordinated with ``tok`` (a list parsed as appositions counts too)."""
    out: list[Token] = []
    for ch in tok.children:
        if ch.dep_ == "conj" or ch.dep_ == "appos" and ch.pos_ == "PROPN" and tok.pos_ == "PROPN":
            out += [ch, *_conjuncts(ch)]
    return out


def _misparsed_persons(tok: Token, own: ActorMention, idx: ActorIndex) -> list[ActorMention]:
    """"President A B and President C D" parsed with A B as a modifier of D: both are named."""
    out = []
    for t in tok.subtree:
        if t.i >= tok.i:
            break
        m = idx.at(t)
        if m is not None and m.kind == "person" and m.actor_id != own.actor_id and t.dep_ in ("nmod", "conj"):
            out.append(m)
    return out


def _title_states(tok: Token, idx: ActorIndex) -> list[ActorMention]:
    """States named in a person's title ("US Secretary of State X", "Rwanda's Foreign Minister X")."""
    out = []
    for t in tok.subtree:
        if t.i >= tok.i:
            break
        m = idx.at(t)
        if m is not None and m.kind == "state" and t.dep_ in ("amod", "compound", "poss", "nmod"):
            out.append(m)
    return out


def _group_size(tok: Token) -> int | None:
    counts = argument_rules()["counts"]
    for ch in tok.children:
        if ch.dep_ in ("nummod", "det", "predet", "amod") and ch.lower_ in counts:
            return int(counts[ch.lower_])
    return None


def coordinated_groups(doc: Doc, idx: ActorIndex, before: int) -> list[tuple[int, list[ActorMention]]]:
    """Actors named together ("India and Pakistan", "X, Y and Z") before token ``before``: (position, members)."""
    out = []
    for t in doc[:before]:
        own = idx.at(t)
        extra = _misparsed_persons(t, own, idx) if own is not None and own.kind == "person" else []
        if t.dep_ in ("conj", "appos") or not (extra or any(c.dep_ in ("conj", "appos") for c in t.children)):
            continue
        members = _unique(extra + [m for c in (t, *_conjuncts(t)) if (m := idx.at(c))])
        if len(members) >= 2:
            out.append((t.i, members))
    return out


def _fit(members: list[ActorMention], kind: str, n: int) -> list[ActorMention]:
    """The members a group noun of ``kind`` counts: "both sides" of "Iran's X and the US's Y" are the states."""
    kinds = ["state", "person", None] if kind == "any" else [kind]
    for k in kinds:
        fit = [m for m in members if k is None or m.kind == k]
        if len(fit) == n:
            return fit
    return []


def group_reference(tok: Token, idx: ActorIndex) -> list[ActorMention]:
    """"the two countries", "both sides", "the four countries": the latest group of that size and kind."""
    kinds = argument_rules()["group_nouns"]
    kind = kinds.get(tok.lower_)
    n = _group_size(tok) if kind else None
    if kind is None or n is None:
        return []
    groups = [(pos, fit) for pos, members in coordinated_groups(tok.doc, idx, tok.i)
              if (fit := _fit(members, kind, n))]
    if not groups:
        return []
    seen = [m.actor_id for m in idx.mentions if m.start < tok.i]
    # the most mentioned group so far (the story's parties), the latest on a tie
    _, fit = max(groups, key=lambda g: (sum(seen.count(m.actor_id) for m in g[1]), g[0]))
    return [ActorMention(tok.i, tok.i + 1, m.actor_id, tok.text, m.kind, f"group '{tok.text}' -> '{m.text}'")
            for m in fit]


def _unique(ms: list[ActorMention]) -> list[ActorMention]:
    seen, out = set(), []
    for m in ms:
        if m.actor_id not in seen:
            seen.add(m.actor_id)
            out.append(m)
    return out


def companions(tok: Token, idx: ActorIndex) -> list[ActorMention]:
    """Actors attached by "together with", "along with", "accompanied by" (participants)."""
    out: list[ActorMention] = []
    for t in tok.subtree:
        if t.lower_ == "with" and t.head.lower_ in ("together", "along", "alongside") or (
                t.lower_ == "by" and t.head.lemma_ == "accompany"):
            for pobj in t.children:
                if pobj.dep_ == "pobj":
                    out += phrase_actors(pobj, idx)
    return out


def third_parties(tok: Token, idx: ActorIndex) -> tuple[list[ActorMention], bool]:
    """"in the presence of X", "under the mediation of X", "talks hosted by X": (participants, hosted?)."""
    rules = argument_rules()
    phrases = {tuple(p) for p in rules["participant_phrases"]}
    heads = {p[0] for p in phrases}
    agents = set(rules["participant_agents"])
    cols = columns(tok.doc)
    lemmas, deps = cols.lemmas, cols.deps
    out: list[ActorMention] = []
    hosted = False
    for i in _near(tok, 3):  # only the words that can start a phrase or name a hosting verb become tokens
        if not (lemmas[i] in heads and deps[i] == "pobj" or lemmas[i] in agents and deps[i] in ("acl", "advcl")):
            continue
        t = tok.doc[i]
        if t.dep_ == "pobj" and any((t.lemma_.lower(), c.lower_) in phrases for c in t.children):
            for prep in (c for c in t.children if c.dep_ == "prep"):
                out += [a for o in prep.children if o.dep_ == "pobj" for a in phrase_actors(o, idx)]
        if t.dep_ in ("acl", "advcl") and t.tag_ == "VBN" and t.lemma_.lower() in agents:
            for ag in (c for c in t.children if c.dep_ == "agent"):
                found = [a for o in ag.children if o.dep_ == "pobj" for a in phrase_actors(o, idx)]
                out += found
                hosted = hosted or bool(found)
    return _unique(out), hosted


def _near(tok: Token, depth: int) -> list[int]:
    """Indices of the tokens within ``depth`` arcs below ``tok`` without entering another clause."""
    cols = columns(tok.doc)
    deps = cols.deps
    out: list[int] = []
    frontier = [tok.i]
    for _ in range(depth):
        nxt = [c for t in frontier for c in cols.children(t) if deps[c] not in ("ccomp", "conj", "relcl", "parataxis")]
        out += nxt
        frontier = nxt
    return out


def persons_in(tok: Token, idx: ActorIndex) -> list[ActorMention]:
    return _unique([m for t in tok.subtree if (m := idx.at(t)) and m.kind == "person"])


def _place_ents(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, text) of the doc's place-like entities, read once per doc (``doc.ents`` builds every span)."""
    cached = doc.user_data.get(PLACE_ENTS_KEY)
    if not isinstance(cached, list):
        text = doc_text(doc)
        cached = doc.user_data[PLACE_ENTS_KEY] = [(e.start, e.end, text[e.start_char:e.end_char])
                                                  for e in doc.ents if e.label_ in PLACE_LABELS]
    return cached


def place_of_phrase(tok: Token, depth: int = 0) -> tuple[Place, str] | None:
    """The place a prepositional object or compound names ("Florida", "the Kremlin").

    An unknown multi-word venue ("Joint Base X in Anchorage") is not read word by word: its own
    "in X" names the place.
    """
    doc = tok.doc
    if tok.lower_ in ("capital", "capitals"):  # "the Malian capital", "Mali's capital"
        for ch in tok.children:
            p = places.capital_of(ch.text) if ch.dep_ in ("amod", "compound", "poss") else None
            if p is not None:
                return p, f"{ch.text} {tok.text}"
    ents = [e for e in _place_ents(doc) if e[0] <= tok.i < e[1]]
    candidates = [e[2] for e in ents]
    left = min((t.i for t in tok.subtree if t.dep_ in ("compound", "amod") or t.i == tok.i), default=tok.i)
    candidates.append(doc[left:tok.i + 1].text)
    if not (left < tok.i and any(e[1] - e[0] > 1 for e in ents)):
        candidates.append(tok.text)
    for text in candidates:
        p = places.resolve(text) if text[:1].isupper() else None  # "at a later date" is no place
        if p is not None:
            return p, text
    if depth < 2:
        of_ok = tok.lemma_.lower() in argument_rules()["place_of_heads"]  # "the city of Kunming"
        for prep in (c for c in tok.children if c.dep_ == "prep" and (c.lower_ == "in" or of_ok and c.lower_ == "of")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found = place_of_phrase(pobj, depth + 1)
                if found:
                    return found
    return None


def prep_places(tok: Token, preps: set[str]) -> list[tuple[Place, str]]:
    out = []
    for ch in tok.children:
        if ch.dep_ == "prep" and ch.lower_ in preps:
            for pobj in ch.children:
                if pobj.dep_ == "pobj":
                    found = place_of_phrase(pobj)
                    if found:
                        out.append(found)
    return out


def compound_place(tok: Token) -> tuple[Place, str] | None:
    """"the Doha talks", "the Geneva round": a place named before a nominal trigger."""
    comps = [c for c in tok.children if c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN"]
    if not comps:
        return None
    start = min(t.i for c in comps for t in c.subtree)
    text = tok.doc[start:tok.i].text
    p = places.resolve(text)
    # a country before the noun is its agent or topic ("U.S. strikes", "the Ukraine talks"), not its venue
    return (p, text) if p and p.kind != "country" else None
