"""Tense of the clause a timex sits in, from the spaCy parse (past | present | future | None).

The cue words (verbs of planning, deadline verbs) are in lexicon.yaml, section ``tense``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from parley.timex.lexicon import lexicon

FUTURE_AUX = {"will", "shall", "'ll", "wo", "\u2019ll", "gon"}


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    table = lexicon()["tense"]
    return {k: frozenset(str(w) for w in v) for k, v in table.items()}


def governing_verb(tok: Token) -> Token | None:
    """The verb of the clause ``tok`` belongs to (walking up the dependency tree)."""
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t != tok:
            return t
        if t.head == t:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def _past_perfect(tok: Token) -> bool:
    """``tok`` (or the copula it hangs on) has "had" as an auxiliary: "had been due to"."""
    for t in (tok, tok.head):
        if any(a.lower_ in ("had", "'d") and a.tag_ == "VBD" for a in t.children if a.dep_ == "aux"):
            return True
        if t.dep_ not in ("acomp", "attr"):
            break
    return False


def _infinitive_tense(verb: Token, depth: int) -> str | None:
    """"planned to leave Thursday" is future; "declined to comment Saturday" is past.

    An infinitive takes the tense of the clause it depends on, unless that clause
    plans or schedules it (then it is future, or past under a past perfect).
    """
    matrix = verb.head
    if matrix == verb:
        return "future"
    if matrix.pos_ in ("NOUN", "PROPN", "PRON"):  # "celebrations to mark", "ways to get"
        if matrix.lemma_.lower() in _cues()["future_nouns"]:
            return "future"
        head = governing_verb(matrix)
        return verb_tense(head, depth + 1) if head is not None and depth < 3 else None
    planning = matrix.lemma_.lower() in _cues()["future_lemmas"] or matrix.lemma_ == "be"
    if planning:
        return "past" if _past_perfect(matrix) else "future"
    return verb_tense(matrix, depth + 1) if depth < 3 else None


def _participle_tense(verb: Token, depth: int) -> str | None:
    """A bare participle is past, unless it plans ("talks scheduled for June") in a clause
    that is not itself past ("a lecture planned for Saturday was cancelled" is past)."""
    if verb.lemma_.lower() not in _cues()["future_lemmas"]:
        return "past"
    head = governing_verb(verb)
    if head is not None and head != verb and depth < 3 and verb_tense(head, depth + 1) == "past":
        return "past"
    return "future"


def verb_tense(verb: Token, depth: int = 0) -> str | None:
    """Tense of a verb from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if "to" in words:
        return _infinitive_tense(verb, depth)
    if any(a.tag_ == "MD" for a in auxes):
        return "past" if "have" in words else "future"
    if any(a.tag_ == "VBD" for a in auxes):
        if verb.tag_ == "VBG" and any(a.lower_ in ("was", "were") for a in auxes) and \
                verb.lemma_ in ("go",):
            return "future"
        return "past"
    if any(a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
        return "future"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and not auxes:  # "products introduced in April", "the year ended March 31"
        return _participle_tense(verb, depth)
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBG" and depth < 3 and verb.head != verb:
        head = governing_verb(verb)
        return verb_tense(head, depth + 1) if head is not None else None
    return None


def _cue_tense(span: Span, verb: Token | None) -> str | None:
    """Cues stronger than the verb's tense: a possessive day ("Wednesday's ruling") is past
    (future after "ahead of"); "effective June 1", "postponed until Tuesday" and "has
    scheduled a news conference Thursday" are future."""
    doc = span.doc
    before = doc[max(0, span.start - 2):span.start].text.lower()
    if span.root.dep_ == "poss" or (span.end < len(doc) and doc[span.end].tag_ == "POS"):
        return "future" if before.endswith("ahead of") else "past"
    if span.start > 0 and doc[span.start - 1].lower_ in _cues()["future_before"]:
        return "future"  # "a new labor pact effective June 1"
    if verb is None:
        return None
    if span.start > 0 and doc[span.start - 1].lower_ in ("until", "till", "to") \
            and verb.lemma_.lower() in _cues()["deadline_lemmas"]:
        return "future"
    deps = {c.dep_ for c in verb.children}
    if verb.lemma_.lower() in _cues()["scheduling_lemmas"] and "dobj" in deps and \
            "auxpass" not in deps:
        return "future"  # "has scheduled a news conference Thursday"
    return None


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    """Tense governing the character span [start, end) of ``doc``."""
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = governing_verb(span.root)
    if verb is None:
        sent_root = span.sent.root
        verb = sent_root if sent_root.pos_ in ("VERB", "AUX") else None
    cue = _cue_tense(span, verb)
    if cue is not None:
        return cue
    return verb_tense(verb) if verb is not None else None
