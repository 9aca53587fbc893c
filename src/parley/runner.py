"""``parley run``: ingest -> pipeline -> store, one transaction per article.

``run(sources, store, ...) -> RunSummary``. Bad items get a coded error and the
batch goes on; nothing stored is lost when a later item fails. Each new article is
looked up in one near-duplicate (MinHash LSH) index of the stored articles, built
once per run, and linked (``Article.near_duplicate_of``) before it is saved. Every
run is recorded in the store's ``runs`` table with its summary (the articles it stored).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from datasketch import MinHash

from parley.dedup import DuplicateIndex, index_store
from parley.errors import ItemError
from parley.ingest import content_hash, iter_inputs
from parley.pipeline import process, resolve_published, to_article
from parley.records import Article, ArticleInput
from parley.store import Store


@dataclass
class RunSummary:
    processed: int = 0
    duplicates: int = 0
    versions: int = 0
    flagged: int = 0
    near_duplicates: int = 0
    errors: list[ItemError] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    @property
    def error_counts(self) -> dict[str, int]:
        return dict(Counter(e.code for e in self.errors))

    def to_dict(self) -> dict[str, object]:
        return {"processed": self.processed, "duplicates": self.duplicates, "versions": self.versions,
                "flagged": self.flagged, "near_duplicates": self.near_duplicates, "errors": self.error_counts,
                "article_ids": self.article_ids}


def _is_english(art: ArticleInput) -> bool:
    return art.language in (None, "en")


def run(
    sources: Iterable[str],
    store: Store,
    ingest_date: dt.date | None = None,
    published: dt.date | None = None,
    feeds: Iterable[str] = (),
    batch_size: int = 16,
    n_process: int | None = 1,
    on_item: Callable[[str, str], None] | None = None,
) -> RunSummary:
    """Process every input and store it; ``on_item(origin, outcome)`` reports progress."""
    ingest_date = ingest_date or dt.date.today()
    summary = RunSummary()
    run_id = store.start_run()
    try:
        _run(sources, store, ingest_date, published, feeds, batch_size, n_process, on_item, summary)
    finally:
        store.finish_run(run_id, summary.to_dict())
    return summary


def _run(sources: Iterable[str], store: Store, ingest_date: dt.date, published: dt.date | None,
         feeds: Iterable[str], batch_size: int, n_process: int | None,
         on_item: Callable[[str, str], None] | None, summary: RunSummary) -> None:
    tick = on_item or (lambda _o, _s: None)

    def fresh() -> Iterator[ArticleInput]:
        for item in iter_inputs(sources, feeds):
            if isinstance(item, ItemError):
                summary.errors.append(item)
                tick(item.origin, item.code)
                continue
            if store.has_hash(content_hash(item.text)):
                summary.duplicates += 1
                tick(item.origin or item.id, "duplicate")
                continue
            art = resolve_published(item, ingest_date, published)
            if not _is_english(art):
                _store_flagged(store, art, summary)
                tick(art.origin or art.id, "E013")
                continue
            yield art

    near = _NearDuplicates(store)
    for art, rec in process(fresh(), batch_size=batch_size, n_process=n_process):
        if isinstance(rec, ItemError):
            summary.errors.append(rec)
            tick(rec.origin, rec.code)
            continue
        article = rec.articles[0]
        near.link(article)
        try:
            res = store.save(article, rec)
        except Exception as exc:  # a failed write loses only this article
            err = ItemError("E021", art.origin or art.id, f"{type(exc).__name__}: {exc}"[:200])
            summary.errors.append(err)
            tick(err.origin, err.code)
            continue
        if res.status == "duplicate":
            summary.duplicates += 1
        else:
            summary.processed += 1
            summary.versions += res.status == "version"
            summary.article_ids.append(res.article_id)
            summary.near_duplicates += article.near_duplicate_of is not None
            near.add(res.article_id, article)
        tick(art.origin or art.id, res.status)


class _NearDuplicates:
    """The run's near-duplicate index: stored articles, then each article this run stores."""

    def __init__(self, store: Store) -> None:
        self.index: DuplicateIndex = index_store(store)
        self.root = {a.id: a.near_duplicate_of for a in store.iter_articles() if a.near_duplicate_of}
        self.pending: dict[str, MinHash] = {}

    def link(self, article: Article) -> None:
        """Set ``near_duplicate_of`` to the root of the closest earlier near-duplicate, if any."""
        if article.status != "ok" or not article.text or article.near_duplicate_of:
            return
        mh = self.index.sketch(article.text)
        self.pending[article.id] = mh
        hit = self.index.query(article.text, mh)
        if hit is not None:
            article.near_duplicate_of = self.root.get(hit, hit)

    def add(self, stored_id: str, article: Article) -> None:
        mh = self.pending.pop(article.id, None)
        if mh is None:
            return
        if article.near_duplicate_of:
            self.root[stored_id] = article.near_duplicate_of
        self.index.add(stored_id, article.text, mh)


def _store_flagged(store: Store, art: ArticleInput, summary: RunSummary) -> None:
    article = to_article(art)
    article.status, article.flag = "flagged", "E013"
    res = store.save(article, None)
    summary.flagged += res.status != "duplicate"
    summary.errors.append(ItemError("E013", art.origin or art.id, f"language {art.language}"))
