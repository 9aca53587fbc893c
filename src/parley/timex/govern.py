"""Which timex dates an event trigger: same clause, an attached PP, else the sentence.

The article date is never used silently: with no timex in the sentence the
answer is None and the caller records the event date as unknown.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

DATED = ("DATE", "TIME")


def _attached(tx: Span, trigger: Token) -> bool:
    """The timex hangs off the trigger itself (a PP/modifier of the trigger), below any other verb.

    A timex of the trigger's clause verb does not count as attached: the older code meant to
    accept it but compared tokens with ``is`` (always false); accepting it dated "last week's
    talks" by the clause's "Yesterday (30 November)", so the tested behaviour is kept.
    """
    t = tx.root
    for _ in range(8):
        if t == trigger:
            return True
        if t.head == t or (t != tx.root and t.pos_ in ("VERB", "AUX")):
            return False
        t = t.head
    return False


def _dated(doc: Doc) -> list[Span]:
    """The doc's DATE/TIME timexes with a value, read once per doc (the timex stage has run)."""
    group = doc.spans.get("timexes", [])
    cached = doc.user_data.get("parley_dated_timexes")
    if not (isinstance(cached, tuple) and cached[0] == len(group)):
        cached = (len(group), [s for s in group if (s._.timex_type or "DATE") in DATED and s._.timex_value])
        doc.user_data["parley_dated_timexes"] = cached
    return list(cached[1])


def governing_timex(doc: Doc, token_or_span: Token | Span) -> Span | None:
    """The DATE/TIME timex governing an event trigger, or None when its sentence has none."""
    trigger = token_or_span.root if isinstance(token_or_span, Span) else token_or_span
    spans = _dated(doc)
    if not spans:
        return None
    sent = trigger.sent
    in_sent = [s for s in spans if s.start >= sent.start and s.end <= sent.end]
    if not in_sent:
        return None
    direct = [s for s in in_sent if _attached(s, trigger)]
    pool = direct or in_sent
    return min(pool, key=lambda s: min(abs(s.start - trigger.i), abs(s.end - 1 - trigger.i)))
