"""Which timex dates an event trigger: same clause, an attached PP, else the sentence.

The article date is never used silently: with no timex in the sentence the
answer is None and the caller records the event date as unknown.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

DATED = ("DATE", "TIME")
DATED_KEY = "parley_dated_timexes"


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


def _dated_index(doc: Doc) -> list[tuple[int, int]]:
    """(position in ``doc.spans["timexes"]``, sentence start) of each DATE/TIME timex with a value,
    read once per doc (every ``span._`` read costs an object); rebuilt if the group changes size."""
    group = doc.spans["timexes"] if "timexes" in doc.spans else []
    cached = doc.user_data.get(DATED_KEY)
    if not (isinstance(cached, tuple) and cached[0] == len(group)):
        cached = (len(group), [(k, s.sent.start) for k, s in enumerate(group)
                               if (s._.timex_type or "DATE") in DATED and s._.timex_value])
        doc.user_data[DATED_KEY] = cached
    return cached[1]  # type: ignore[no-any-return]


def dated_timexes(doc: Doc, sent_start: int | None = None) -> list[Span]:
    """The DATE/TIME timexes with a value (those of the sentence starting at ``sent_start`` if given)."""
    dated = _dated_index(doc)
    if not dated:
        return []
    group = doc.spans["timexes"]
    return [group[k] for k, start in dated if sent_start is None or start == sent_start]


def governing_timex(doc: Doc, token_or_span: Token | Span) -> Span | None:
    """The DATE/TIME timex governing an event trigger, or None when its sentence has none."""
    trigger = token_or_span.root if isinstance(token_or_span, Span) else token_or_span
    spans = dated_timexes(doc)
    if not spans:
        return None
    sent = trigger.sent
    in_sent = [s for s in spans if s.start >= sent.start and s.end <= sent.end]
    if not in_sent:
        return None
    direct = [s for s in in_sent if _attached(s, trigger)]
    pool = direct or in_sent
    return min(pool, key=lambda s: min(abs(s.start - trigger.i), abs(s.end - 1 - trigger.i)))
