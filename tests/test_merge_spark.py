"""The cross-article merge as a Spark job (local[2]) gives exactly the driver merge's record."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from parley.engine import ROW_FIELDS, _spark_session, rows_to_record
from parley.merge import merge_record
from parley.records import Article, Event, EventDate, Location, Mention, Record

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif((importlib.util.find_spec("pyspark") is None or shutil.which("java") is None)
                       and os.environ.get("CI") != "true", reason="pyspark or java not installed"),
]

STORIES = [
    ("ceasefire Gaza hostages Doha mediators truce", ["israel", "hamas", "qatar", "egypt"], ("Doha", "Qatar")),
    ("tariffs trade deal soybeans negotiators Geneva", ["united-states", "china"], ("Geneva", "Switzerland")),
    ("border clashes Kashmir artillery ceasefire hotline", ["india", "pakistan"], (None, "India")),
    ("peace plan territory guarantees security Istanbul", ["russia", "ukraine", "turkey"], ("Istanbul", "Turkey")),
]
FILLER = "the of said on in officials talks meeting week statement government minister".split()


def _record(n_articles: int = 48, seed: int = 3) -> Record:
    """Reports of four stories: shared actors, nearby dates, some undated events, a few text-less articles."""
    rng = random.Random(seed)
    rec = Record()
    for i in range(n_articles):
        words, actors, (city, country) = STORIES[i % len(STORIES)]
        aid = f"a{i:02d}"
        text = "" if i % 11 == 5 else " ".join(rng.choices(words.split(), k=30) + rng.choices(FILLER, k=40))
        rec.articles.append(Article(id=aid, text=text, published=f"2025-11-{10 + i % 5:02d}", site=f"outlet{i % 7}"))
        for k in range(3):
            day = f"2025-11-{8 + rng.randrange(4):02d}"
            date = None if rng.random() < 0.2 else EventDate(day, day, day, None)
            pair = rng.sample(actors, 2)
            loc = Location(city, country) if rng.random() < 0.6 else None
            rec.events.append(Event(
                id=f"e{k}", type=rng.choice(["CONSULT", "CONSULT", "x-TRAVEL", "AGREE"]), modality="asserted",
                date=date, location=loc, sources=pair[:1], targets=pair[1:],
                trigger=rng.choice(["talks", "met", "agreed"]), mentions=[Mention(aid, 20 * k, 20 * k + 9)]))
    return rec


def _rows(rec: Record) -> list[dict[str, Any]]:
    rows = [{"article_id": a.id, "kind": "articles", "fact_id": a.id, "data": json.dumps(a.to_dict())}
            for a in rec.articles]
    rows += [{"article_id": e.mentions[0].article, "kind": "events", "fact_id": e.id, "data": json.dumps(e.to_dict())}
             for e in rec.events]
    return rows


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = _spark_session("local[2]")
    yield session
    session.stop()


def test_spark_merge_equals_driver_merge(spark: Any) -> None:
    from parley.merge_spark import merge_record_spark

    rows = _rows(_record())
    local = merge_record(rows_to_record(rows))
    facts = spark.createDataFrame([tuple(r[k] for k in ROW_FIELDS) for r in rows],
                                  "article_id string, kind string, fact_id string, data string")
    merged = merge_record_spark(spark, rows_to_record(r for r in rows if r["kind"] != "events"), facts)
    multi = [e for e in local.events if len({m.article for m in e.mentions}) > 1]
    assert len(multi) >= 5, "the synthetic stories should merge across articles"
    assert len(local.events) < 48 * 3
    assert json.dumps(merged.to_dict(), sort_keys=True) == json.dumps(local.to_dict(), sort_keys=True)


def test_spark_merge_of_no_events(spark: Any) -> None:
    from parley.merge_spark import merge_record_spark

    rows = [r for r in _rows(_record(4)) if r["kind"] == "articles"]
    facts = spark.createDataFrame([tuple(r[k] for k in ROW_FIELDS) for r in rows],
                                  "article_id string, kind string, fact_id string, data string")
    merged = merge_record_spark(spark, rows_to_record(rows), facts)
    assert merged.events == [] and len(merged.articles) == 4


def test_components_union_find() -> None:
    from parley.merge_spark import _components

    comp = _components([(5, 3), (3, 9), (1, 2), (9, 5)])
    assert comp == {1: 1, 2: 1, 3: 3, 5: 3, 9: 3}
