"""Time expressions: find and normalise them (TIMEX3), anchored on the publication date.

Skeleton stub: the time issue fills this in. Public entry points:
``normalise(text, anchor) -> list[Timex]`` and the ``parley_timex`` component.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from parley.records import Timex


def normalise(text: str, anchor: dt.date | None, article_id: str = "") -> list[Timex]:
    """Every time expression in ``text`` with its TIMEX3 type and value."""
    return []


@Language.component("parley_timex", assigns=["doc.spans"])
def timex_component(doc: Doc) -> Doc:
    doc.spans["timexes"] = []
    return doc


def infer_published(text: str, ingest_date: dt.date) -> dt.date | None:
    """The publication date implied by the text itself (e.g. "Yesterday (30 November)"), or None."""
    return None
