"""Modality of an event mention: negated > hypothetical > planned > reported > asserted (cues in data)."""

from __future__ import annotations

from spacy.tokens import Token

from parley.events.lexicon import modality_cues
from parley.events.tokens import span_text

ORDER = ["negated", "hypothetical", "planned", "reported", "asserted"]


def _governors(tok: Token, limit: int = 3) -> list[Token]:
    out: list[Token] = []
    t = tok
    while t.head != t and len(out) < limit:
        if t.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "dobj", "pobj", "prep", "acl", "relcl", "auxpass"):
            break
        t = t.head
        out.append(t)
    return out


def _window(tok: Token, n: int = 6) -> str:
    sent = tok.sent
    start = max(sent.start, tok.i - n)
    return " " + span_text(tok.doc, start, tok.i).lower() + " "


def _sent_after(tok: Token, n: int = 8) -> str:
    end = min(tok.sent.end, tok.i + n)
    return " " + span_text(tok.doc, tok.i, end).lower() + " "


def _modal(t: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children)


def _reported(tok: Token, govs: list[Token], cues: dict[str, object]) -> bool:
    """Is the clause reported by a verb of saying in the past ("said X would ...", "saying that X would")?"""
    rep = cues["reported"]
    governors = set(rep["governors"]) if isinstance(rep, dict) else set()
    chain = [tok, *govs]
    for low, high in zip(chain, chain[1:], strict=False):
        if low.dep_ == "ccomp" and high.lemma_.lower() in governors and high.tag_ in ("VBD", "VBN", "VBG"):
            return True
    return False


def _inherited(tok: Token, govs: list[Token], future_date: bool) -> tuple[str, str] | None:
    """A purpose clause ("would convene ... to approve") shares a non-asserted modality of its governor."""
    if tok.dep_ not in ("advcl", "xcomp") or not govs or not any(c.lower_ == "to" for c in tok.children):
        return None
    mod, cue = modality(govs[0], future_date)
    if mod in ("planned", "hypothetical"):
        return mod, f"purpose clause of '{govs[0].text}' ({cue})"
    return None


def modality(tok: Token, future_date: bool = False) -> tuple[str, str]:
    """(modality, cue) for the clause headed by ``tok`` (the trigger or its light verb)."""
    cues = modality_cues()
    kids = {c.lower_ for c in tok.children}
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    govs = _governors(tok)
    gov_lemmas = {g.lemma_.lower() for g in govs}
    finite_conj = tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ", "VBP")  # "would respect ... but accused"
    for g in govs[:1] if tok.dep_ in ("xcomp", "conj") and not finite_conj else []:
        auxes |= {c.lower_ for c in g.children if c.dep_ in ("aux", "auxpass")}
    if finite_conj:
        govs = [g for g in govs if not _modal(g)]
    neg = cues["negated"]
    if kids & set(neg["children"]) or any(c.dep_ == "neg" for c in tok.children):
        return "negated", "negation"
    if gov_lemmas & set(neg["governors"]):
        return "negated", f"governed by {sorted(gov_lemmas & set(neg['governors']))[0]}"
    hyp = cues["hypothetical"]
    marks = {c.lower_ for t in (tok, *govs) for c in t.children if c.dep_ == "mark"}
    if marks & set(hyp["markers"]):
        return "hypothetical", f"marker {sorted(marks & set(hyp['markers']))[0]}"
    if auxes & set(hyp["aux"]):
        cue = sorted(auxes & set(hyp["aux"]))[0]
        if cue in cues["planned"]["reported_future_aux"] and "have" not in auxes and _reported(tok, govs, cues):
            return "planned", f"'{cue}' in reported speech (future in the past)"
        return "hypothetical", f"aux {cue}"
    plan = cues["planned"]
    if auxes & set(plan["aux"]):
        return "planned", f"aux {sorted(auxes & set(plan['aux']))[0]}"
    if gov_lemmas & set(plan["governors"]) and tok.dep_ == "xcomp":
        return "planned", f"governed by {sorted(gov_lemmas & set(plan['governors']))[0]}"
    if plan.get("be_to") and tok.dep_ == "xcomp" and tok.head.lemma_ == "be":
        return "planned", "is to"
    inherited = _inherited(tok, govs, future_date)
    if inherited is not None:
        return inherited
    after = _sent_after(tok)
    for ph in plan["phrases"]:
        if f" {ph} " in after:
            return "planned", ph
    if future_date:
        return "planned", "future date"
    rep = cues["reported"]
    for t in (tok, *(govs[:1] if tok.dep_ == "xcomp" else [])):
        for c in t.children:
            if c.lower_ in rep["adverbs"]:
                return "reported", c.lower_
    window = _window(tok, 12)
    for ph in rep["phrases"]:
        if f" {ph} " in window:
            return "reported", ph
    if tok.dep_ in ("ccomp",) and tok.head.lemma_.lower() in rep["governors"] and tok.head.i < tok.i:
        return "reported", f"{tok.head.lemma_} that"
    return "asserted", ""
