"""Who and where: actor mentions around a trigger (source, target, participants) and its place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parley import places
from parley.places import Place

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}
PLACE_PREPS = {"in", "at", "on"}  # "on the sidelines" is filtered by the gazetteer
PRONOUNS = {"he", "she", "they", "we", "i", "it", "who", "which", "that", "you", "us", "them"}
FIRST_PERSON = {"we", "i", "us", "our", "my"}


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
    spans = doc.spans["actors"] if "actors" in doc.spans else []
    actors = doc._.actors or {}
    out = []
    for sp in spans:
        if sp._.actor_id:
            a = actors.get(sp._.actor_id)
            out.append(ActorMention(sp.start, sp.end, sp._.actor_id, sp.text, getattr(a, "type", None),
                                    sp._.actor_rule or "actors-stage"))
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
    """Actors a noun phrase denotes: the phrase itself, else its modifiers/"from X" (a delegation's state)."""
    if depth > 3:
        return []
    own = idx.at(tok)
    found: list[ActorMention] = [own] if own else []
    if not own:
        for ch in tok.children:
            if ch.dep_ in ("compound", "amod", "poss", "nmod", "appos"):
                m = idx.at(ch)
                if m:
                    found.append(m)
            elif ch.dep_ == "prep" and ch.lower_ in ("from", "of"):
                for pobj in ch.children:
                    if pobj.dep_ == "pobj":
                        found += phrase_actors(pobj, idx, depth + 1)
    for ch in tok.children:  # "X and Y", "X, together with Y"
        if ch.dep_ == "conj":
            found += phrase_actors(ch, idx, depth + 1)
    return _unique(found)


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


def persons_in(tok: Token, idx: ActorIndex) -> list[ActorMention]:
    return _unique([m for t in tok.subtree if (m := idx.at(t)) and m.kind == "person"])


def place_of_phrase(tok: Token) -> tuple[Place, str] | None:
    """The place a prepositional object or compound names ("Florida", "the Kremlin")."""
    doc = tok.doc
    ents = [e for e in doc.ents if e.start <= tok.i < e.end and e.label_ in PLACE_LABELS]
    candidates = [e.text for e in ents]
    left = min((t.i for t in tok.subtree if t.dep_ in ("compound", "amod") or t.i == tok.i), default=tok.i)
    candidates.append(doc[left:tok.i + 1].text)
    candidates.append(tok.text)
    for text in candidates:
        p = places.resolve(text)
        if p is not None:
            return p, text
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
    return (p, text) if p else None
