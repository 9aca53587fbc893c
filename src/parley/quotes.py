"""Statements: quotes and paraphrases with their speakers.

Skeleton stub: the statements issue fills this in.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("parley_quotes", assigns=["doc._.statements"])
def quotes_component(doc: Doc) -> Doc:
    doc._.statements = []
    return doc
