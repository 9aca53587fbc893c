"""Near-duplicate articles: wire copies and updated versions of one report.

MinHash over word shingles of the normalised text, with an LSH index
(datasketch) so that a lookup stays sub-linear in the number of articles.

- ``DuplicateIndex``: add articles, ask for the closest earlier near-duplicate.
- ``find_near_duplicate(store_or_index, text) -> article_id | None``: for ingest.
- ``duplicate_links(articles) -> dict[id, canonical_id]``: for the merge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from datasketch import MinHash, MinHashLSH

from parley.records import Article

if TYPE_CHECKING:
    from parley.store import Store

_WORD = re.compile(r"\w+", re.UNICODE)


def _settings() -> dict[str, Any]:
    from parley.merge import load_config

    return dict(load_config()["near_duplicates"])


def shingles(text: str, k: int = 5) -> set[str]:
    """Word k-shingles of the lower-cased text (punctuation and spacing ignored)."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


@lru_cache(maxsize=4)
def _template(num_perm: int) -> MinHash:
    """A MinHash whose (seeded, fixed) permutations are drawn once rather than per text."""
    return MinHash(num_perm=num_perm, seed=1)


def minhash(text: str, k: int = 5, num_perm: int = 128) -> MinHash:
    tpl = _template(num_perm)
    mh = MinHash(num_perm=num_perm, seed=1, permutations=tpl.permutations, scheme=tpl.scheme)
    mh.update_batch([sh.encode("utf-8") for sh in sorted(shingles(text, k))])
    return mh


class DuplicateIndex:
    """An LSH index of article texts; ``query`` returns the best earlier near-duplicate."""

    def __init__(self, threshold: float | None = None, shingle: int | None = None,
                 num_perm: int | None = None) -> None:
        cfg = _settings()
        self.threshold = float(threshold if threshold is not None else cfg["threshold"])
        self.k = int(shingle or cfg["shingle"])
        self.num_perm = int(num_perm or cfg["num_perm"])
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self.hashes: dict[str, MinHash] = {}

    def sketch(self, text: str) -> MinHash:
        """The MinHash of ``text`` with this index's shingle size and permutations."""
        return minhash(text, self.k, self.num_perm)

    def add(self, article_id: str, text: str, mh: MinHash | None = None) -> None:
        if article_id in self.hashes:
            return
        mh = mh or minhash(text, self.k, self.num_perm)
        self.hashes[article_id] = mh
        self.lsh.insert(article_id, mh)

    def query(self, text: str, mh: MinHash | None = None) -> str | None:
        """The indexed article most similar to ``text`` above the threshold, or None."""
        mh = mh or minhash(text, self.k, self.num_perm)
        best: tuple[float, str] | None = None
        for cand in self.lsh.query(mh):
            sim = mh.jaccard(self.hashes[cand])
            if sim >= self.threshold and (best is None or (sim, best[1]) > (best[0], cand)):
                best = (sim, cand)
        return best[1] if best else None


def find_near_duplicate(store_or_index: Store | DuplicateIndex, text: str) -> str | None:
    """The id of a stored article that ``text`` nearly duplicates, or None.

    Given a :class:`Store`, an index of its articles is built for this one call; callers
    that look up many texts should build a :class:`DuplicateIndex` once and pass it.
    """
    index = store_or_index if isinstance(store_or_index, DuplicateIndex) else index_store(store_or_index)
    return index.query(text)


def index_store(store: Store) -> DuplicateIndex:
    index = DuplicateIndex()
    for art in store.iter_articles():
        if art.status == "ok":
            index.add(art.id, art.text)
    return index


def duplicate_links(articles: Iterable[Article]) -> dict[str, str]:
    """article id -> id of the earliest article it nearly duplicates (canonical, never chained).

    Earliest = earliest published, then first stored (the order ``articles`` come in).
    """
    index = DuplicateIndex()
    links: dict[str, str] = {}
    ordered = sorted(enumerate(articles), key=lambda p: (p[1].published or "9999", p[0]))
    for _, art in ordered:
        if art.status != "ok" or not art.text:
            continue
        mh = minhash(art.text, index.k, index.num_perm)
        hit = index.query(art.text, mh)
        if hit is not None:
            links[art.id] = links.get(hit, hit)
        else:
            index.add(art.id, art.text, mh)
    return links
