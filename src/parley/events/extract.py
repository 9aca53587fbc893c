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
from functools import lru_cache
from typing import Any

import numpy as np
from spacy.parts_of_speech import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from parley.events import arguments as A
from parley.events.dating import date_range, event_date, governing_timex, present_tense
from parley.events.lexicon import Trigger, argument_rules, triggers
from parley.events.modality import modality
from parley.events.tokens import columns, word_hashes
from parley.nlp import doc_text
from parley.places import Place
from parley.records import EventDate

LIGHT_VERBS = {"hold", "have", "conduct", "attend", "host", "convene", "organise", "organize", "begin",
               "open", "start", "resume", "continue", "join", "chair", "lead", "call", "arrange", "plan"}
SPEECH_VERBS = {"describe", "speak", "say", "call", "discuss", "mention", "explain", "brief", "report",
                "comment", "tell", "characterize", "characterise", "praise"}
ANAPHORS = {"those", "that", "these", "this"}
FOLLOW_UP = {"next", "new", "another", "second", "third", "fourth", "fresh", "further", "subsequent"}
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


def _next_words(tok: Token) -> set[str]:
    """Lemmas and forms of the words of ``tok``'s subtree among the six words after it."""
    words: set[str] = set()
    doc = tok.doc
    cols = columns(doc)
    for j in range(tok.i + 1, min(tok.i + 7, len(doc))):
        if cols.is_ancestor(tok.i, j):
            t = doc[j]
            words.add(t.lemma_.lower())
            words.add(t.lower_)
    return words


def _left_words(tok: Token) -> set[str]:
    """Lemmas and forms of a noun's modifiers before it ("phone" of "a phone call")."""
    return {w for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") for w in (c.lemma_.lower(), c.lower_)}


def _object(tok: Token) -> Token | None:
    for ch in tok.children:
        if ch.dep_ in ("dobj", "iobj"):
            return ch
    finite = any(c.dep_ in ("aux", "auxpass", "nsubjpass", "nsubj") for c in tok.children)
    if tok.dep_ in ("acl", "advcl") and tok.tag_ == "VBN" and not finite:  # "Zelensky ..., welcomed by Macron"
        return _passive_subject_of_participle(tok)
    for ch in tok.children:
        if ch.dep_ == "nsubjpass":
            return ch
    return None


def _passive_subject_of_participle(tok: Token) -> Token | None:
    head = tok.head
    if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("FAC", "GPE", "LOC"):
        return head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    for ch in head.children:
        if ch.dep_ in ("nsubj", "nsubjpass"):
            return ch
    return None


def _flags_ok(trig: Trigger, tok: Token, idx: A.ActorIndex) -> bool:
    if "obj_actor" in trig.flags:
        obj = _object(tok)
        if obj is None or obj.lemma_.lower() in argument_rules()["unit_objects"] or not A.phrase_actors(obj, idx):
            return False
    if "to_place" in trig.flags and not A.prep_places(tok, {"to", "for", "into"}):
        return False
    return True


def match_trigger(tok: Token, idx: A.ActorIndex) -> Trigger | None:
    tag = tok.pos  # the integer tag: no string per token
    pos = "verb" if tag in (VERB, AUX) else "noun" if tag == NOUN else None
    if pos is None or (pos == "verb" and tok.dep_ in SKIP_DEPS):
        return None
    if pos == "verb" and (tok.dep_ in ("dobj", "pobj") or tok.dep_ in ("xcomp", "pcomp", "ccomp")
                          and tok.head.lemma_.lower() in argument_rules()["cessation_verbs"]):
        return None  # "agreed to stop all firing": a gerund object names an activity, not an event
    words: set[str] | None = None  # read once, for the first trigger that needs further words
    for trig in triggers().get((tok.lemma_.lower(), pos), []):
        if trig.extra:
            if words is None:
                words = _next_words(tok) if pos == "verb" else _left_words(tok)
            if not all(w in words for w in trig.extra):
                continue
        if _flags_ok(trig, tok, idx):
            return trig
    return None


def _own_subject(t: Token) -> Token | None:
    for ch in t.children:
        if ch.dep_ in ("nsubj", "csubj"):
            if ch.lower_ in ("who", "which", "that") and t.dep_ == "relcl":
                return _appos_head(t.head)
            return ch
        if ch.dep_ == "agent":
            pobj = next((c for c in ch.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _controller(gov: Token) -> Token | None:
    """The agent of an xcomp under ``gov``: "X is expected to", "commits X to"."""
    rules = argument_rules()
    lemma = gov.lemma_.lower()
    for ch in gov.children:
        if ch.dep_ == "nsubjpass" and lemma in rules["raising"]:
            return ch
        if ch.dep_ == "dobj" and lemma in rules["object_control"]:
            return ch
    return None


def _modal_head(t: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children)


def _subject(tok: Token) -> Token | None:
    """The agent: nsubj, "by X" of a passive, or the subject of the clause it depends on.

    A passive without "by X" has no known agent; a reported clause (ccomp) never takes the speaker.
    """
    if any(c.dep_ == "nsubjpass" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
        return None
    t: Token = tok
    prev: Token | None = None
    for _ in range(5):
        if prev is not None and prev.dep_ == "xcomp":
            ctl = _controller(t)
            if ctl is not None:
                return ctl
        found = _own_subject(t)
        if found is not None:
            return found
        if t.dep_ == "relcl" and not any(c.dep_.startswith("nsubj") for c in t.children):
            return t.head
        if t.dep_ == "pcomp" and t.tag_ == "VBG" and t.head.dep_ == "prep":  # "X said after meeting Y"
            prev, t = t, t.head.head
            continue
        if t.dep_ not in ("xcomp", "conj", "advcl", "acomp") or t.head == t:  # acomp: "X is due to hold talks"
            break
        prev, t = t, t.head
        if prev.dep_ == "conj" and prev.tag_ in ("VBD", "VBZ") and _modal_head(t) and t.dep_ == "ccomp":
            prev, t = t, t.head  # "X said Y would respect ... but accused Z": coordinated with "said"
    return None


def _reported_speaker(tok: Token, idx: A.ActorIndex) -> list[A.ActorMention]:
    """"Trump said he might visit": a he/she subject of a reported clause is the speaker."""
    rules = argument_rules()
    t = tok.head
    for _ in range(4):
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in rules["speech"]:
            subj = _own_subject(t.head)
            found = A.phrase_actors(subj, idx) if subj is not None else []
            persons = [m for m in found if m.kind == "person"]
            return [A.ActorMention(tok.i, tok.i + 1, m.actor_id, tok.text, m.kind, "reported-speech speaker")
                    for m in persons[:1]]
        if t.dep_ not in ("xcomp", "conj", "advcl") or t.head == t:
            break
        t = t.head
    return []


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
    while tok.dep_ == "appos" and tok.head != tok:
        tok = tok.head
    return tok


def _with_actors(tok: Token, idx: A.ActorIndex, type_: str | None = None) -> list[A.ActorMention]:
    preps = argument_rules()["target_preps"]
    allowed = set(preps.get(type_ or "", preps["default"]))
    out: list[A.ActorMention] = []
    for ch in tok.children:
        if ch.dep_ == "prep" and ch.lower_ in allowed:
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
    if tok.lower_ in ("he", "she"):
        speaker = _reported_speaker(tok, idx)
        if speaker:
            rest = [a for c in tok.children if c.dep_ == "conj" for a in A.phrase_actors(c, idx)]
            return A._unique(speaker + rest), False
    found = A.phrase_actors(tok, idx)
    if found:
        return found, False
    if tok.lower_ in A.PRONOUNS or tok.pos_ == "PRON":
        resolved = _resolve_pronoun(tok)
        return (resolved or []), resolved is None
    return [], False


def _split_places(ms: list[A.ActorMention], idx: A.ActorIndex) -> tuple[list[A.ActorMention], list[A.ActorMention]]:
    """Targets that are towns or regions ("seized Goma") are where the event happened, not whom it hit."""
    from parley import places

    actors: list[A.ActorMention] = []
    where: list[A.ActorMention] = []
    for m in ms:
        p = places.resolve(m.text)
        is_place = p is not None and p.kind in ("city", "region") and not places.is_capital(m.text)
        geo = m.kind == "place" or idx.doc[m.start].ent_type_ in ("GPE", "LOC", "FAC")
        (where if is_place and geo and m.kind != "state" else actors).append(m)
    return actors, where


def verbal_mention(tok: Token, trig: Trigger, idx: A.ActorIndex) -> EventMention | None:
    subj = _subject(tok) or _left_actor(tok, idx)
    obj = _object(tok)
    sources, unresolved = _role(subj, idx)
    if unresolved:
        return None  # an unresolved "they"/"we": we do not know who acted
    targets, unknown_target = _role(obj, idx)
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and not sources and not idx.at(tok.head):
        return None  # "a deal giving X ...": the deal acts, not an actor
    if trig.type == "REQUEST" and not targets:  # "demanded that Armenia change ...": the one asked
        targets = [a for c in tok.children if c.dep_ == "ccomp"
                   for s in c.children if s.dep_ == "nsubj" for a in A.phrase_actors(s, idx)]
    targets += _with_actors(tok, idx, trig.type)
    if obj is not None:
        targets += _with_actors(obj, idx, trig.type) if trig.type in ("SANCTION", "CONCEDE") else []
    if trig.extra:  # "be in touch with X": the with-phrase hangs from the trigger's other words
        for t in tok.subtree:
            if t != tok and t.lemma_.lower() in trig.extra:
                targets += _with_actors(t, idx, trig.type)
    if unknown_target and not targets and trig.type == "CONSULT":
        return None  # "to brief them": a consultation with an unknown counterpart
    targets, where = _split_places(targets, idx)
    m = EventMention(trig, tok, tok, sources=sources, rule=f"verb:{trig.label}")
    m.targets = [t for t in A._unique(targets) if t.actor_id not in {s.actor_id for s in sources}]
    if where:
        m.notes["object_place"] = where[0]
    comp = A.companions(subj, idx) if subj is not None else []
    third, hosted = A.third_parties(tok, idx)
    own_persons = A.persons_in(subj, idx) if subj is not None and subj.lower_ not in A.PRONOUNS else []
    persons = own_persons + comp + third
    m.participants = [p for p in A._unique(persons) if p.actor_id not in m.actor_ids]
    if hosted:
        m.notes["hosted"] = True
    if not m.sources and comp:
        m.sources = comp[:1]
    if "pair" in trig.flags and not m.targets and len(m.sources) < 2:
        return None  # "X spoke by phone" needs a counterpart
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
    attend = gov is not None and gov.lemma_.lower() in argument_rules()["attend_verbs"] and tok.dep_ == "dobj"
    speech = gov is not None and gov.lemma_.lower() in SPEECH_VERBS or (
        tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in SPEECH_VERBS)
    clause = gov if (light or attend) and gov is not None else tok
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
        clause = tok.head  # "a meeting ... is scheduled for 4 August", "the next round could take place in X"
    m = EventMention(trig, tok, clause, rule=f"noun:{trig.label}" + (f" under '{gov.lemma_}'" if (light or attend) and gov else ""))
    own: list[A.ActorMention] = [a for ch in tok.children if ch.dep_ in ("poss", "compound", "amod")
                                 if (a := idx.at(ch)) is not None]
    for ch in tok.children:
        if ch.dep_ == "prep" and ch.lower_ in ("from", "by", "of"):
            for pobj in ch.children:
                if pobj.dep_ == "pobj":
                    own += A.phrase_actors(pobj, idx)
    own = [a for a in own if not _mere_place(a.text)]
    if (light or attend) and gov is not None:
        m.sources, _ = _role(_subject(gov) or _left_actor(gov, idx), idx)
    m.sources = A._unique(m.sources + own)
    if not m.sources and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during") and tok.head.head.pos_ == "VERB" \
            and not _is_definite(tok):  # "X secured his consent in a phone call with Y": X is on the call
        m.sources, _ = _role(_subject(tok.head.head), idx)
    m.targets = [a for a in _with_actors(tok, idx, trig.type) if a.actor_id not in {s.actor_id for s in m.sources}]
    third, hosted = A.third_parties(tok, idx)
    m.participants = [p for p in A._unique(_of_persons(tok, idx) + third) if p.actor_id not in m.actor_ids]
    m.notes["hosted"] = hosted
    m.anaphoric = "anaphoric" in trig.flags and (speech or (_is_definite(tok) and not light))
    if any(c.dep_ == "amod" and c.lower_ in FOLLOW_UP for c in tok.children):
        m.anaphoric = False  # "the next round": a new event with the parties of the last one
        m.notes["follow_up"] = True
    if attend and _is_definite(tok):  # "X attended the meeting": X joins the meeting already reported
        m.anaphoric = True
        m.participants = A._unique(m.participants + m.sources)
        m.sources = []
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
    for h in list(heads):  # "scheduled for 4 August in Cambodia": the place hangs from the date
        heads += [o for p in h.children if p.dep_ == "prep" for o in p.children
                  if o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME")]
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
            return
    obj_place = m.notes.get("object_place")
    if obj_place is not None:
        from parley import places

        p = places.resolve(obj_place.text)
        if p is not None:
            m.place, m.place_text = p, obj_place.text
            m.place_rule = f"the place the event's object names: '{obj_place.text}'"


def match_any(tok: Token) -> bool:
    return (tok.lemma_.lower(), "noun") in triggers()


def _in_sequence_pp(tok: Token) -> Token | None:
    """The preposition of "after/following ... talks" a nominal sits in (through "of"), or None."""
    seq = set(argument_rules()["sequence_preps"])
    t = tok
    for _ in range(4):
        if t.dep_ != "pobj":
            return None
        prep = t.head
        if prep.lower_ in seq:
            return prep
        if prep.lower_ != "of" or prep.head.dep_ != "pobj" and prep.head.pos_ != "NOUN":
            return None
        t = prep.head
    return None


def _speech_timex(span: Span, tok: Token) -> bool:
    """A timex on the verb of saying ("..., mediators said on Thursday") dates the saying, not the event."""
    speech = set(argument_rules()["speech"])
    t = span.root
    while t.head.i != t.i and t.pos_ not in ("VERB", "AUX"):
        t = t.head
    return t != tok and t.lemma_.lower() in speech and tok in t.subtree


def find_date(m: EventMention, published: dt.date | None) -> None:
    if m.date is not None:
        return
    heads = [m.tok] + ([m.clause] if m.clause is not m.tok else [])
    span = governing_timex(m.tok.doc, heads)
    if span is None or _speech_timex(span, m.tok) and not _present_perfect(m.clause):
        return  # "X and Y have reached a deal, Z said on Tuesday": news of the day dates the deal
    if m.trig.pos == "noun" and _in_sequence_pp(m.tok) is not None and span not in _own_timexes(m.tok):
        return  # "agreed on Monday after weekend talks": Monday is not the talks' date
    m.date = event_date(span._.timex_value, span.text, published)
    if m.date:
        m.date_rule = f"time expression '{span.text}' governing the clause"


def _present_perfect(tok: Token) -> bool:
    return tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children)


def _own_timexes(tok: Token) -> list[Span]:
    sub = {t.i for t in tok.subtree}
    return [s for s in tok.doc.spans.get("timexes", []) if s.root.i in sub]


def find_modality(m: EventMention, published: dt.date | None) -> None:
    future = False
    rng = date_range(m.date.value) if m.date else None
    if rng and published and rng[0] > published or (m.date is not None and m.date.value == "FUTURE_REF"):
        future = True
    m.modality, m.modality_cue = modality(m.clause, future)
    if m.date is None and published and m.modality == "asserted" and present_tense(m.clause):
        m.date = event_date(published.isoformat(), None, published)
        m.date_rule = "present tense: the article's date"


@lru_cache(maxsize=1)
def _trigger_hashes() -> np.ndarray:
    """The head lemmas of the trigger lexicon, hashed for ``Columns.lemma_in``."""
    return word_hashes({lemma for lemma, _pos in triggers()})


def mentions(doc: Doc) -> list[EventMention]:
    idx = A.ActorIndex(doc)
    published = doc._.published
    out: list[EventMention] = []
    for i in columns(doc).lemma_in(_trigger_hashes()):  # only tokens whose lemma heads a trigger
        tok = doc[i]
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
    """Share what the parse says two mentions of one sentence have in common.

    A nominal event without actors inside a verbal event's clause takes its parties ("met ... to follow
    up on the talks"); a verbal event "after/during talks in X" takes the talks' place.
    """
    for m in ms:
        if m.trig.pos != "noun" or m.anaphoric:
            continue
        for other in ms:
            if other.trig.pos != "verb" or other.tok.sent != m.tok.sent or other.tok not in m.tok.ancestors:
                continue
            if not (m.sources or m.targets) and (m.place or m.date):
                m.sources, m.targets = list(other.sources), list(other.targets)
                m.rule += f"; parties of '{other.tok.text}'"
                m.notes["donor"] = other
            seq = _in_sequence_pp(m.tok)
            if seq is not None and other.place is None and m.place is not None and other.tok in seq.ancestors:
                other.place, other.place_text = m.place, m.place_text
                other.place_rule = f"place of the '{m.tok.text}' it came {seq.lower_}: '{m.place_text}'"
            break


def lead_place(doc: Doc) -> Place | None:
    """The dateline place ("BRUSSELS – ..."), if the text starts with one."""
    from parley import places

    m = re.match(r"^\s*([A-Z][\w .'\u2019-]{1,40}?)\s*(?:,[^–—\n]{0,30})?\s*[–—-]{1,2}\s", doc_text(doc))
    return places.resolve(m.group(1)) if m else None
