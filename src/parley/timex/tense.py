"""Tense of the clause a timex sits in, from the spaCy parse (past | present | future | None)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

FUTURE_AUX = {"will", "shall", "'ll", "wo", "\u2019ll", "gon"}
FUTURE_LEMMAS = {"plan", "expect", "schedule", "set", "due", "intend", "aim", "hope", "want",
                 "prepare", "agree", "decide", "promise", "vow", "threaten", "seek", "try",
                 "propose", "likely", "poise", "go"}


def governing_verb(tok: Token) -> Token | None:
    """The verb of the clause ``tok`` belongs to (walking up the dependency tree)."""
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t is not tok:
            return t
        if t.head is t:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def verb_tense(verb: Token, depth: int = 0) -> str | None:
    """Tense of a verb from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if "to" in words:
        return "future"
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
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBG" and depth < 3 and verb.head is not verb:
        head = governing_verb(verb)
        return verb_tense(head, depth + 1) if head is not None else None
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
    return verb_tense(verb) if verb is not None else None
