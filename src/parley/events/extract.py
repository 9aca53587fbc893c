"""Find event mentions over the spaCy parse and merge mentions of one event.

A mention is found where a trigger from ``data/events/triggers.tsv`` heads a clause (a verb) or a
noun phrase (a nominal event). Its arguments come from dependency patterns over actor mentions; its
modality, date and place from the clause. Mentions of the same event are then merged, preferring
to leave two events apart when unsure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from parley.events import arguments as A
from parley.events.dating import date_range, event_date, governing_timex, present_tense
from parley.events.lexicon import Trigger, triggers
from parley.events.modality import modality
from parley.places import Place
from parley.records import EventDate

LIGHT_VERBS = {"hold", "have", "conduct", "attend", "host", "convene", "organise", "organize", "begin",
               "open", "start", "resume", "continue", "join", "chair", "lead", "call", "arrange", "plan"}
SPEECH_VERBS = {"describe", "speak", "say", "call", "discuss", "mention", "explain", "brief", "report",
                "comment", "tell", "characterize", "characterise", "praise"}
ANAPHORS = {"those", "that", "these", "this"}
SKIP_DEPS = {"amod", "compound", "nmod", "npadvmod"}


@dataclass
class EventMention:
    trig: Trigger
    tok: Token  # the trigger token
    clause: Token  # the token that heads the clause (trigger or light verb)
    sources: list[A.ActorMention] = field(default_factory=list)
    targets: list[A.ActorMention] = field(default_factory=list)
    participants: list[A.ActorMention] = field(default_factory=list)
    mode: str | None = None
    modality: str = "asserted"
    modality_cue: str = ""
    date: EventDate | None = None
    date_rule: str | None = None
    place: Place | None = None
    place_text: str | None = None
    place_rule: str | None = None
    anaphoric: bool = False
    rule: str = ""
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def actor_ids(self) -> set[str]:
        return {m.actor_id for m in self.sources + self.targets + self.participants}

    @property
    def span(self) -> Span:
        return self.tok.sent


def _has_words(tok: Token, extra: tuple[str, ...]) -> bool:
    if not extra:
        return True
    words = {t.lemma_.lower() for t in tok.subtree if t.i > tok.i and t.i - tok.i <= 6}
    words |= {t.lower_ for t in tok.subtree if t.i > tok.i and t.i - tok.i <= 6}
    return all(w in words for w in extra)


def _object(tok: Token) -> Token | None:
    for ch in tok.children:
        if ch.dep_ in ("dobj", "iobj"):
            return ch
    if tok.dep_ in ("acl", "advcl") and tok.tag_ == "VBN":  # "Zelensky ..., welcomed by Macron"
        return _passive_subject_of_participle(tok)
    for ch in tok.children:
        if ch.dep_ == "nsubjpass":
            return ch
    return None


def _passive_subject_of_participle(tok: Token) -> Token | None:
    head = tok.head
    if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("FAC", "GPE", "LOC"):
        return head
    while head.pos_ not in ("VERB", "AUX") and head.head is not head:
        head = head.head
    for ch in head.children:
        if ch.dep_ in ("nsubj", "nsubjpass"):
            return ch
    return None


def _flags_ok(trig: Trigger, tok: Token, idx: A.ActorIndex) -> bool:
    if "obj_actor" in trig.flags:
        obj = _object(tok)
        if obj is None or not A.phrase_actors(obj, idx):
            return False
    if "to_place" in trig.flags and not A.prep_places(tok, {"to", "for", "into"}):
        return False
    return True


def match_trigger(tok: Token, idx: A.ActorIndex) -> Trigger | None:
    pos = "verb" if tok.pos_ in ("VERB", "AUX") else "noun" if tok.pos_ == "NOUN" else None
    if pos is None or (pos == "verb" and tok.dep_ in SKIP_DEPS):
        return None
    for trig in triggers().get((tok.lemma_.lower(), pos), []):
        if _has_words(tok, trig.extra) and _flags_ok(trig, tok, idx):
            return trig
    return None


def _subject(tok: Token) -> Token | None:
    """The agent: nsubj, "by X" of a passive, or the subject of the clause it depends on."""
    t: Token | None = tok
    for _ in range(4):
        if t is None:
            break
        for ch in t.children:
            if ch.dep_ == "nsubj" or ch.dep_ == "csubj":
                if ch.lower_ in ("who", "which", "that") and t.dep_ == "relcl":
                    return _appos_head(t.head)
                return ch
            if ch.dep_ == "agent":
                pobj = next((c for c in ch.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if t.dep_ == "relcl" and not any(c.dep_.startswith("nsubj") for c in t.children):
            return t.head
        if t.dep_ not in ("xcomp", "conj", "advcl", "ccomp") or t.head is t:
            break
        t = t.head
    return None


def _left_actor(tok: Token, idx: A.ActorIndex) -> Token | None:
    """Fallback subject: the nearest actor left of the verb in its sentence, outside any prepositional phrase."""
    if any(c.dep_.startswith("nsubj") for a in [tok, *tok.ancestors] for c in a.children):
        return None
    for t in reversed(list(tok.doc[tok.sent.start:tok.i])):
        if idx.at(t) and not any(a.dep_ == "prep" or a.dep_ == "pobj" for a in [t, *t.ancestors][:4]):
            return t
    return None


def _appos_head(tok: Token) -> Token:
    """"Ali Khan, the minister's former aide, who resigned": the named head, not the appositive."""
    while tok.dep_ == "appos" and tok.head is not tok:
        tok = tok.head
    return tok


def _with_actors(tok: Token, idx: A.ActorIndex) -> list[A.ActorMention]:
    out: list[A.ActorMention] = []
    for ch in tok.children:
        if ch.dep_ == "prep" and ch.lower_ in ("with", "between", "among"):
            for pobj in ch.children:
                if pobj.dep_ == "pobj":
                    out += A.phrase_actors(pobj, idx)
    return out


def _quote_speaker(tok: Token) -> str | None:
    """Actor id of the speaker of the quote a first-person pronoun is in (from the quotes stage)."""
    for st in tok.doc._.statements or []:
        for m in st.mentions:
            if m.start <= tok.idx < m.end and st.speaker:
                return str(st.speaker)
    return None


def _speaker_state(speaker: str, doc: Doc) -> str | None:
    actors = doc._.actors or {}
    a = actors.get(speaker)
    if a is None or not a.country:
        return None
    for aid, other in actors.items():
        if other.name == a.country:
            return str(aid)
    return None


def _resolve_pronoun(tok: Token) -> list[A.ActorMention] | None:
    """First person inside a quote -> the speaker and the state they speak for; other pronouns: unknown."""
    if tok.lower_ not in A.FIRST_PERSON:
        return None
    speaker = _quote_speaker(tok)
    if speaker is None:
        return None
    out = [A.ActorMention(tok.i, tok.i + 1, speaker, tok.text, "person", "quote-speaker")]
    state = _speaker_state(speaker, tok.doc)
    if state:
        out.insert(0, A.ActorMention(tok.i, tok.i + 1, state, tok.text, "state", "quote-speaker-state"))
    return out


def _role(tok: Token | None, idx: A.ActorIndex) -> tuple[list[A.ActorMention], bool]:
    """Actors of a role phrase, and whether it is an unresolved pronoun."""
    if tok is None:
        return [], False
    found = A.phrase_actors(tok, idx)
    if found:
        return found, False
    if tok.lower_ in A.PRONOUNS or tok.pos_ == "PRON":
        resolved = _resolve_pronoun(tok)
        return (resolved or []), resolved is None
    return [], False


def verbal_mention(tok: Token, trig: Trigger, idx: A.ActorIndex) -> EventMention | None:
    subj = _subject(tok) or _left_actor(tok, idx)
    obj = _object(tok)
    sources, unresolved = _role(subj, idx)
    if unresolved:
        return None  # an unresolved "they"/"we": we do not know who acted
    targets, _ = _role(obj, idx)
    targets += _with_actors(tok, idx)
    for t in tok.subtree:  # "be in touch with X": the with-phrase hangs from the trigger's other words
        if trig.extra and t is not tok and t.lemma_.lower() in trig.extra:
            targets += _with_actors(t, idx)
    m = EventMention(trig, tok, tok, sources=sources, rule=f"verb:{trig.label}")
    m.targets = [t for t in targets if t.actor_id not in {s.actor_id for s in sources}]
    comp = A.companions(subj, idx) if subj is not None else []
    persons = (A.persons_in(subj, idx) if subj is not None else []) + comp
    m.participants = [p for p in persons if p.actor_id not in m.actor_ids]
    if not m.sources and comp:
        m.sources = comp[:1]
    return m


def _governing_verb(tok: Token) -> Token | None:
    if tok.dep_ in ("dobj", "attr", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        return tok.head.head
    return None


def _is_definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children)


def nominal_mention(tok: Token, trig: Trigger, idx: A.ActorIndex) -> EventMention | None:
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and match_trigger(tok.head.head, idx):
        return None  # "the first round of negotiations": one event
    gov = _governing_verb(tok)
    light = gov is not None and gov.lemma_.lower() in LIGHT_VERBS
    speech = gov is not None and gov.lemma_.lower() in SPEECH_VERBS or (
        tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in SPEECH_VERBS)
    clause = gov if light and gov is not None else tok
    m = EventMention(trig, tok, clause, rule=f"noun:{trig.label}" + (f" under '{gov.lemma_}'" if light and gov else ""))
    own: list[A.ActorMention] = [a for ch in tok.children if ch.dep_ in ("poss", "compound", "amod")
                                 if (a := idx.at(ch)) is not None]
    for ch in tok.children:
        if ch.dep_ == "prep" and ch.lower_ in ("from", "by"):
            for pobj in ch.children:
                if pobj.dep_ == "pobj":
                    own += A.phrase_actors(pobj, idx)
    own = [a for a in own if not _mere_place(a.text)]
    if light and gov is not None:
        m.sources, _ = _role(_subject(gov) or _left_actor(gov, idx), idx)
    m.sources = A._unique(m.sources + own)
    m.targets = [a for a in _with_actors(tok, idx) if a.actor_id not in {s.actor_id for s in m.sources}]
    m.participants = [p for p in _of_persons(tok, idx) if p.actor_id not in m.actor_ids]
    m.anaphoric = "anaphoric" in trig.flags and (speech or (_is_definite(tok) and not light))
    if "agent" in trig.flags and not (own or m.sources):
        return None
    return m


def _mere_place(text: str) -> bool:
    """"the Doha talks": a city named before the noun is where, not who."""
    from parley import places

    p = places.resolve(text)
    return p is not None and p.kind not in ("country",) and not places.is_capital(text)


def _of_persons(tok: Token, idx: A.ActorIndex) -> list[A.ActorMention]:
    out: list[A.ActorMention] = []
    for ch in tok.children:
        if ch.dep_ == "prep" and ch.lower_ in ("of", "with", "between"):
            out += A.persons_in(ch, idx)
    return out


def anaphor_mentions(nominal: EventMention, idx: A.ActorIndex) -> list[EventMention]:
    """"talks in Geneva (and those with the Russians in Abu Dhabi)": a new event of the same kind."""
    out = []
    for t in nominal.tok.sent:
        if t.lower_ in ANAPHORS and t.pos_ == "PRON" and t.i > nominal.tok.i:
            actors = _with_actors(t, idx)
            where = [p for x in t.subtree for p in A.prep_places(x, A.PLACE_PREPS)]
            if actors:
                m = EventMention(nominal.trig, t, t, targets=actors, rule=f"anaphor '{t.text}' of {nominal.trig.label}")
                m.date, m.date_rule = nominal.date, "date of the antecedent"
                if where:
                    m.place, m.place_text, m.place_rule = where[0][0], where[0][1], f"'{t.text} ... in'"
                out.append(m)
    return out


def find_place(m: EventMention) -> None:
    preps = set(A.PLACE_PREPS) | ({"to", "for", "into"} if m.trig.type == "x-TRAVEL" else set())
    heads = [m.tok, m.clause]
    if m.tok.dep_ == "acl" and A.place_of_phrase(m.tok.head):  # "at the Palace, welcomed by ..."
        m.place, m.place_text = A.place_of_phrase(m.tok.head)  # type: ignore[misc]
        m.place_rule = f"the place the participle hangs from: '{m.place_text}'"
        return
    if m.tok.dep_ in ("advcl", "acl", "xcomp", "relcl") and m.tok.head.pos_ in ("VERB", "AUX"):
        heads.append(m.tok.head)
    for prep in [c for c in m.tok.children if c.dep_ == "prep" and c.lower_ in ("with", "of")]:
        heads += [o for o in prep.children if o.dep_ == "pobj" and not match_any(o)]
    heads += [c for c in m.tok.children if c.dep_ == "dobj" and not match_any(c)]
    for h in heads:
        found = A.prep_places(h, preps)
        if found:
            m.place, m.place_text = found[0]
            m.place_rule = f"preposition '{found[0][1]}' on '{h.text}'"
            return
    if m.trig.pos == "noun":
        comp = A.compound_place(m.tok)
        if comp:
            m.place, m.place_text = comp
            m.place_rule = f"place named before the noun: '{comp[1]}'"


def match_any(tok: Token) -> bool:
    return (tok.lemma_.lower(), "noun") in triggers()


def find_date(m: EventMention, published: dt.date | None) -> None:
    if m.date is not None:
        return
    heads = [m.tok] + ([m.clause] if m.clause is not m.tok else [])
    span = governing_timex(m.tok.doc, heads)
    if span is not None:
        m.date = event_date(span._.timex_value, span.text)
        if m.date:
            m.date_rule = f"time expression '{span.text}' governing the clause"


def find_modality(m: EventMention, published: dt.date | None) -> None:
    future = False
    rng = date_range(m.date.value) if m.date else None
    if rng and published and rng[0] > published:
        future = True
    m.modality, m.modality_cue = modality(m.clause, future)
    if m.date is None and published and m.modality == "asserted" and present_tense(m.clause):
        m.date = event_date(published.isoformat(), None)
        m.date_rule = "present tense: the article's date"


def mentions(doc: Doc) -> list[EventMention]:
    idx = A.ActorIndex(doc)
    published = doc._.published
    out: list[EventMention] = []
    for tok in doc:
        trig = match_trigger(tok, idx)
        if trig is None:
            continue
        m = verbal_mention(tok, trig, idx) if trig.pos == "verb" else nominal_mention(tok, trig, idx)
        if m is None:
            continue
        m.mode = trig.mode
        find_place(m)
        find_date(m, published)
        find_modality(m, published)
        out.append(m)
        if trig.pos == "noun":
            out += anaphor_mentions(m, idx)
    _inherit(out)
    return out


def _inherit(ms: list[EventMention]) -> None:
    """A nominal event without actors inside a verbal event's clause takes its parties ("met ... to follow up on the talks")."""
    for m in ms:
        if m.trig.pos != "noun" or m.actor_ids or m.anaphoric or not (m.place or m.date):
            continue
        for other in ms:
            if other.trig.pos == "verb" and other.tok.sent == m.tok.sent and other.tok in m.tok.ancestors:
                m.sources, m.targets = list(other.sources), list(other.targets)
                m.rule += f"; parties of '{other.tok.text}'"
                m.notes["donor"] = other
                break


def lead_place(doc: Doc) -> Place | None:
    """The dateline place ("BRUSSELS – ..."), if the text starts with one."""
    from parley import places

    m = re.match(r"^\s*([A-Z][\w .'\u2019-]{1,40}?)\s*(?:,[^–—\n]{0,30})?\s*[–—-]{1,2}\s", doc.text)
    return places.resolve(m.group(1)) if m else None
