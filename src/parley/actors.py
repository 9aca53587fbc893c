"""Actors: registry and linking of mentions to one identity each.

Skeleton stub: the actors issue fills this in.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("parley_actors", assigns=["doc.spans", "doc._.actors"])
def actors_component(doc: Doc) -> Doc:
    doc.spans["actors"] = []
    doc._.actors = {}
    return doc
