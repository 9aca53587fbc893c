"""Run the NLP stages over articles and collect one :class:`Record` per article.

``resolve_published`` fixes the anchor date (given > metadata > text > ingest);
``process`` streams ``(ArticleInput, Record | ItemError)`` pairs through
``nlp.pipe`` so that memory stays flat.

Memory: nothing accumulates across documents (the StringStore, the lexemes and the
live heap stay constant over a long stream). The peak is set by one batch: the
model's tok2vec allocates about 15 KB of temporary arrays per token of the batch,
so ``nlp.pipe`` batches are bounded by tokens as well as by documents (chunks sent to
worker processes by characters), and the freed heap is handed back to the OS after
each batch.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from parley.errors import ItemError
from parley.nlp import load_nlp, make_doc
from parley.records import Actor, Article, ArticleInput, Mention, Record, Timex


def parse_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def resolve_published(art: ArticleInput, ingest_date: dt.date, given: dt.date | None = None) -> ArticleInput:
    """Set ``published``/``published_source``: given, then metadata, then the text, then ingest date."""
    from parley.timex import infer_published

    if given is not None:
        art.published, art.published_source = given.isoformat(), "given"
    elif parse_date(art.published) is not None:
        art.published = parse_date(art.published).isoformat()  # type: ignore[union-attr]
        art.published_source = art.published_source or "metadata"
    else:
        inferred = infer_published(art.text, ingest_date)
        if inferred is not None:
            art.published, art.published_source = inferred.isoformat(), "text"
        else:
            art.published, art.published_source = ingest_date.isoformat(), "ingest"
    art.ingest_date = art.ingest_date or ingest_date.isoformat()
    return art


def to_article(art: ArticleInput) -> Article:
    from parley.ingest import content_hash

    return Article(
        id=art.id, text=art.text, url=art.url, title=art.title, published=art.published,
        published_source=art.published_source, language=art.language or "en", author=art.author,
        site=art.site, content_hash=content_hash(art.text), ingest_date=art.ingest_date,
    )


def doc_to_record(doc: Doc, art: ArticleInput) -> Record:
    """Collect what the components wrote on ``doc`` into a per-article record."""
    rec = Record(articles=[to_article(art)])
    for span in doc.spans.get("timexes", []):
        tx = span._.timex
        if isinstance(tx, Timex):
            rec.timexes.append(tx)
    actors: dict[str, Actor] = dict(doc._.actors or {})
    for span in doc.spans.get("actors", []):
        actor = actors.get(span._.actor_id)
        if actor is not None:
            actor.mentions.append(Mention(art.id, span.start_char, span.end_char, span.text))
    rec.actors = list(actors.values())
    rec.statements = list(doc._.statements or [])
    rec.events = list(doc._.events or [])
    rec.proposals = list(doc._.proposals or [])
    rec.positions = list(doc._.positions or [])
    return rec


# Characters per chunk sent to a worker process (about 10k tokens).
BATCH_CHARS = 50_000
# Tokens per nlp.pipe batch: the model's temporaries take about 15 KB per token of the batch.
BATCH_TOKENS = 10_000


T = TypeVar("T")


def _chunks(items: Iterable[T], size: int, limit: int, weight: Callable[[T], int]) -> Iterator[list[T]]:
    """Lists of at most ``size`` items and, past the first item, at most ``limit`` in total ``weight``."""
    chunk: list[T] = []
    total = 0
    for item in items:
        w = weight(item)
        if chunk and total + w > limit:
            yield chunk
            chunk, total = [], 0
        chunk.append(item)
        total += w
        if len(chunk) >= size:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None on other C libraries."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


def release_memory() -> None:
    """Give the heap freed by a batch back to the OS (glibc keeps it otherwise, and RSS ratchets up)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _auto_processes(articles: Iterable[ArticleInput], batch_size: int) -> tuple[Iterable[ArticleInput], int]:
    import itertools
    import os

    it = iter(articles)
    head = list(itertools.islice(it, 2 * batch_size + 1))
    n = (os.cpu_count() or 1) if len(head) > 2 * batch_size else 1
    return itertools.chain(head, it), n


def _process_chunk(chunk: list[ArticleInput]) -> list[tuple[ArticleInput, Record | ItemError]]:
    """Worker side of ``process(n_process>1)``: the model is loaded once per worker process."""
    return list(process(chunk, batch_size=len(chunk)))


def process(
    articles: Iterable[ArticleInput],
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int | None = 1,
) -> Iterator[tuple[ArticleInput, Record | ItemError]]:
    """Run the pipeline over articles whose ``published`` is already resolved.

    With ``n_process > 1`` chunks of ``batch_size`` articles go to worker processes
    (each loads the model once); results come back in input order, streamed.
    ``n_process=None`` means: one process per core when the input holds more than
    two batches, else one (starting workers costs more than it saves on a few articles).
    """
    if n_process is None:
        articles, n_process = _auto_processes(articles, batch_size)
    if n_process > 1 and nlp is None:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(n_process) as pool:
            yield from _bounded_map(pool, _chunks(articles, batch_size, BATCH_CHARS, lambda art: len(art.text)), 2 * n_process)
        return
    nlp = nlp or load_nlp()
    for batch in _doc_batches(nlp, articles, batch_size):
        yield from _run_batch(nlp, batch)
        release_memory()


def _doc_batches(nlp: Language, articles: Iterable[ArticleInput],
                 size: int) -> Iterator[list[tuple[ArticleInput, Doc]]]:
    """Tokenised articles in batches of at most ``size`` docs and, past the first, ``BATCH_TOKENS`` tokens."""
    pairs = ((art, make_doc(nlp, art.text, art.id, parse_date(art.published))) for art in articles)
    return _chunks(pairs, size, BATCH_TOKENS, lambda pair: len(pair[1]))


def _bounded_map(pool: Any, chunks: Iterator[list[ArticleInput]],
                 window: int) -> Iterator[tuple[ArticleInput, Record | ItemError]]:
    """Results of the chunks in input order, at most ``window`` chunks in flight.

    ``Pool.imap`` would buffer every finished result while the consumer (say the store
    writer) is slower than the workers; this keeps memory bounded by the window.
    """
    from collections import deque

    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(pool.apply_async(_process_chunk, (chunk,)))
        if len(pending) >= window:
            yield from pending.popleft().get()
    while pending:
        yield from pending.popleft().get()


def _run_batch(nlp: Language, batch: list[tuple[ArticleInput, Doc]]) -> Iterator[tuple[ArticleInput, Record | ItemError]]:
    """One ``nlp.pipe`` batch; its docs come back in input order."""
    arts = [art for art, _doc in batch]
    for art, doc in zip(arts, nlp.pipe((d for _a, d in batch), batch_size=len(batch)), strict=True):
        if doc._.errors:
            yield art, ItemError("E020", art.origin or art.id, "; ".join(doc._.errors)[:300])
            continue
        try:
            yield art, doc_to_record(doc, art)
        except Exception as exc:  # one bad document must not end the batch
            yield art, ItemError("E020", art.origin or art.id, f"{type(exc).__name__}: {exc}")


def process_text(text: str, published: dt.date | None, article_id: str = "a1") -> Record:
    """Convenience for tests and the library user: one text, one record."""
    from parley.clean import clean_text

    art = ArticleInput(id=article_id, text=clean_text(text), published=published.isoformat() if published else None,
                       published_source="given" if published else None)
    ((_, rec),) = list(process([art]))
    if isinstance(rec, ItemError):
        raise RuntimeError(rec.message)
    return rec
