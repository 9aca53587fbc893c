"""Proposals, positions and red lines.

Skeleton stub: the proposals issue fills this in.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("parley_proposals", assigns=["doc._.proposals", "doc._.positions"])
def proposals_component(doc: Doc) -> Doc:
    doc._.proposals = []
    doc._.positions = []
    return doc
