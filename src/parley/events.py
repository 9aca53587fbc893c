"""Events: PLOVER-coded, with mode, modality, date, place and actors.

Skeleton stub: the events issue fills this in.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("parley_events", assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    doc._.events = []
    return doc
