"""Per-document token columns, built once and shared by the events and proposals stages.

The stages' per-token passes only act on tokens that carry a cue word (a trigger lemma, a stance verb,
a proposal noun). Reading ``tok.lemma_`` on every token of every pass costs a spaCy ``Token`` and a
string lookup each time; ``columns(doc)`` reads the forms, lemmas, dependency labels and heads of all
tokens in one ``Doc.to_array`` call, so that a pass asks "which tokens have one of these words" (a
vectorised hash lookup) and visits only those. The columns hold a handful of arrays and lists per
document, not one object per token, so that keeping them costs the garbage collector nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LOWER
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

from parley.nlp import doc_text

KEY = "parley_token_columns"
ACTORS_KEY = "parley_actor_spans"
_HASHES: dict[str, int] = {}  # cue word -> its string hash (cue words come from the data files: bounded)


def word_hashes(words: Iterable[str]) -> np.ndarray:
    """The string hashes of ``words``, for ``Columns.lemma_in``/``lower_in``."""
    known = _HASHES
    out = []
    for w in words:
        h = known.get(w)
        if h is None:
            h = known[w] = get_string_id(w)
        out.append(h)
    return np.array(out, dtype=np.uint64)


class _Column:
    """One string attribute of every token: hashes (optionally of the lower-cased string) and strings."""

    def __init__(self, hashes: np.ndarray, strings: StringStore, lower: bool = False) -> None:
        values, self._inverse = np.unique(hashes, return_inverse=True)
        self._names = [strings[h] for h in values.tolist()]
        if lower:
            lowered = [s.lower() for s in self._names]
            self.hashes = np.array([h if s == low else get_string_id(low) for h, s, low in
                                    zip(values.tolist(), self._names, lowered, strict=True)], dtype=np.uint64)[self._inverse]
            self._names = lowered
        else:
            self.hashes = hashes
        self._values: list[str] | None = None

    @property
    def values(self) -> list[str]:
        """The string of every token (built on first use)."""
        if self._values is None:
            names = self._names
            self._values = [names[k] for k in self._inverse.tolist()]
        return self._values

    def find(self, words: Iterable[str]) -> list[int]:
        """Indices (ascending) of the tokens whose string is one of ``words``."""
        return self.find_hashes(word_hashes(set(words)))

    def find_hashes(self, wanted: np.ndarray) -> list[int]:
        """Indices (ascending) of the tokens whose string has one of the hashes ``wanted``."""
        if not len(wanted) or not len(self.hashes):
            return []
        found: list[int] = np.flatnonzero(np.isin(self.hashes, wanted)).tolist()
        return found


class Columns:
    """Forms, lemmas, dependency labels and heads of one doc's tokens, by token index."""

    def __init__(self, doc: Doc) -> None:
        self.n = len(doc)
        strings = doc.vocab.strings
        arr = doc.to_array([LOWER, LEMMA, DEP, HEAD]).reshape(-1, 4)
        self._lowers = _Column(arr[:, 0], strings)
        self._lemmas = _Column(arr[:, 1], strings, lower=True)
        self._deps = _Column(arr[:, 2], strings)
        # HEAD is the offset to the head, stored unsigned: the cast to int64 restores negative offsets
        heads = np.arange(self.n, dtype=np.int64) + arr[:, 3].astype(np.int64)
        self.heads: list[int] = heads.tolist()  # ``tok.head.i``
        self._by_head = np.argsort(heads, kind="stable")  # token indices grouped by head, ascending in a group
        self._head_bounds: list[int] = np.concatenate(([0], np.cumsum(np.bincount(heads, minlength=self.n)))).tolist()

    @property
    def lowers(self) -> list[str]:
        """``tok.lower_`` by token index."""
        return self._lowers.values

    @property
    def lemmas(self) -> list[str]:
        """``tok.lemma_.lower()`` by token index."""
        return self._lemmas.values

    @property
    def deps(self) -> list[str]:
        """``tok.dep_`` by token index."""
        return self._deps.values

    def children(self, i: int) -> list[int]:
        """``[c.i for c in doc[i].children]``."""
        kids: list[int] = self._by_head[self._head_bounds[i]:self._head_bounds[i + 1]].tolist()
        return [k for k in kids if k != i]

    def is_ancestor(self, anc: int, i: int) -> bool:
        """``doc[anc].is_ancestor(doc[i])``."""
        heads = self.heads
        for _ in range(self.n):  # as spaCy: no token has more ancestors than the doc has tokens
            h = heads[i]
            if h == i:
                return False
            if h == anc:
                return True
            i = h
        return False

    def with_lemma(self, words: Iterable[str]) -> list[int]:
        """Indices (ascending) of the tokens whose lower-cased lemma is one of ``words``."""
        return self._lemmas.find(words)

    def with_lower(self, words: Iterable[str]) -> list[int]:
        """Indices (ascending) of the tokens whose lower-cased form is one of ``words``."""
        return self._lowers.find(words)

    def lemma_in(self, hashes: np.ndarray) -> list[int]:
        """``with_lemma`` for words already hashed by ``word_hashes`` (a fixed word list used on every doc)."""
        return self._lemmas.find_hashes(hashes)

    def lower_in(self, hashes: np.ndarray) -> list[int]:
        """``with_lower`` for words already hashed by ``word_hashes``."""
        return self._lowers.find_hashes(hashes)


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` from the cached document text (``Span.text`` visits every token)."""
    if end <= start:
        return ""
    last = doc[end - 1]
    return doc_text(doc)[doc[start].idx:last.idx + len(last)]


def actor_spans(doc: Doc) -> list[tuple[int, int, str, str | None, str]]:
    """(start, end, actor id, rule, text) of each linked span in ``doc.spans["actors"]``, read once per doc
    (iterating a span group builds every span, and each ``span._`` read an object)."""
    cached = doc.user_data.get(ACTORS_KEY)
    if not isinstance(cached, list):
        text = doc_text(doc)
        cached = []
        for sp in doc.spans["actors"] if "actors" in doc.spans else []:
            ext = sp._
            aid = ext.actor_id
            if aid:
                cached.append((sp.start, sp.end, aid, ext.actor_rule, text[sp.start_char:sp.end_char]))
        doc.user_data[ACTORS_KEY] = cached
    return cached


def columns(doc: Doc) -> Columns:
    """The token columns of ``doc``, computed on first use and kept in ``doc.user_data``."""
    cached = doc.user_data.get(KEY)
    if isinstance(cached, Columns) and cached.n == len(doc):
        return cached
    cols = Columns(doc)
    doc.user_data[KEY] = cols
    return cols
