"""The store on SQLite and PostgreSQL: migrations, round trips, dedup, upserts, concurrent writers.

PostgreSQL tests use ``PARLEY_TEST_PG`` (``source .ci/services.sh``); each test gets its
own fresh database. Without the variable they skip, except under ``CI=true``.
"""

from __future__ import annotations

import dataclasses
import multiprocessing as mp
from collections.abc import Iterator
from pathlib import Path

import pytest
from _records import fresh_pg_database, hostile_record, pg_base_url, talks_record
from sqlalchemy import func, inspect, select, text

from parley.ingest import content_hash
from parley.records import Actor, Article, Mention, Record
from parley.store import FACT_TABLES, Store, actor_mentions, actors, articles

TABLES = {"articles", "actors", "actor_mentions", *FACT_TABLES}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'parley.db'}"
        return
    with fresh_pg_database(pg_base_url()) as pg_url:
        yield pg_url


@pytest.fixture()
def store(url: str) -> Iterator[Store]:
    st = Store(url)
    yield st
    st.engine.dispose()


def _save(store: Store, rec: Record) -> str:
    return store.save(dataclasses.replace(rec.articles[0]), rec).status


def test_migration_creates_schema_and_is_idempotent(store: Store, url: str) -> None:
    names = set(inspect(store.engine).get_table_names())
    assert TABLES | {"alembic_version"} <= names
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0002"
    again = Store(url)  # upgrading an up-to-date schema is a no-op
    assert again.counts() == store.counts()
    again.engine.dispose()


def test_round_trip_is_exact(store: Store) -> None:
    rec = talks_record()
    rec.events[0].explain = {"rule": "verb:met", "scores": [0.5, 1.0], "note": "Genève — ü"}
    assert _save(store, rec) == "stored"
    back = store.load_record()
    assert [a.to_dict() for a in back.articles] == [a.to_dict() for a in rec.articles]
    for kind in FACT_TABLES:
        assert [f.to_dict() for f in getattr(back, kind)] == [f.to_dict() for f in getattr(rec, kind)], kind
    by_id = {a.id: a for a in back.actors}
    assert set(by_id) == {"india", "pakistan", "priya-sharma"}
    assert [(m.start, m.end) for m in by_id["pakistan"].mentions] == \
        [(m.start, m.end) for m in rec.actors[1].mentions]
    assert by_id["priya-sharma"].role == "foreign minister"


def test_same_content_twice_is_a_duplicate(store: Store) -> None:
    rec = talks_record()
    assert _save(store, rec) == "stored"
    before = store.counts()
    assert _save(store, talks_record()) == "duplicate"
    assert store.counts() == before
    assert store.has_hash(rec.articles[0].content_hash or "")


def test_same_id_new_content_is_a_version(store: Store) -> None:
    _save(store, talks_record("x"))
    changed = talks_record("x")
    changed.articles[0].text += " Talks resumed later."
    changed.articles[0].content_hash = content_hash(changed.articles[0].text)
    res = store.save(changed.articles[0], changed)
    assert (res.status, res.article_id) == ("version", "x~v2")
    stored = {a.id: a for a in store.iter_articles()}
    assert stored["x~v2"].version_of == "x"


def test_actor_upsert_fills_but_never_overwrites(store: Store) -> None:
    _save(store, talks_record())
    later = hostile_record()
    later.actors.append(Actor("india", "India (other name)", "state", wikidata="Q668",
                              mentions=[Mention("hostile", 0, 8, "Officials")]))
    # the same mention twice in one record is stored once
    later.actors[0].mentions.append(dataclasses.replace(later.actors[0].mentions[0]))
    _save(store, later)
    with store.engine.connect() as conn:
        india = conn.execute(select(actors).where(actors.c.id == "india")).mappings().one()
        egypt_mentions = conn.execute(select(func.count()).select_from(actor_mentions)
                                      .where(actor_mentions.c.actor_id == "egypt")).scalar_one()
    assert india["name"] == "India" and india["wikidata"] == "Q668" and india["iso"] == "IND"
    assert egypt_mentions == 1


def test_delete_article_removes_its_facts(store: Store) -> None:
    _save(store, talks_record())
    _save(store, hostile_record())
    store.delete_article("talks")
    rec = store.load_record()
    assert [a.id for a in rec.articles] == ["hostile"]
    assert {e.id for e in rec.events} == {"hostile-e1"}
    assert all(m.article == "hostile" for a in rec.actors for m in a.mentions)


def test_json_columns_hold_unicode_and_nesting(store: Store) -> None:
    rec = hostile_record()
    rec.events[0].conflicts = [{"field": "date", "values": ["2025-03-04", None], "by": {"a": ["ü", "中文"]}}]
    _save(store, rec)
    (ev,) = store.load_facts("events")
    assert ev.conflicts == rec.events[0].conflicts


# -- concurrent writers ----------------------------------------------------------

N_ARTICLES = 12


def _batch(i: int) -> tuple[Article, Record]:
    rec = talks_record(f"art{i}")
    art = rec.articles[0]
    art.text = f"{art.text} Report number {i}."
    art.content_hash = content_hash(art.text)
    # every article shares the same actors: the actor upsert races between writers
    return art, rec


def _writer(url: str, order: list[int], out: mp.Queue) -> None:
    store = Store(url, create=False)
    statuses = []
    for i in order:
        art, rec = _batch(i)
        statuses.append(store.save(art, rec).status)
    store.engine.dispose()
    out.put(statuses)


def test_two_processes_write_without_duplicates(store: Store, url: str) -> None:
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    orders = [list(range(N_ARTICLES)), list(reversed(range(N_ARTICLES)))]
    procs = [ctx.Process(target=_writer, args=(url, order, out)) for order in orders]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    statuses = [s for r in results for s in r]
    assert statuses.count("stored") == N_ARTICLES
    assert statuses.count("duplicate") == N_ARTICLES
    counts = store.counts()
    assert counts["articles"] == N_ARTICLES
    assert counts["actors"] == 3
    assert counts["events"] == 3 * N_ARTICLES
    with store.engine.connect() as conn:
        hashes = conn.execute(select(func.count(func.distinct(articles.c.content_hash)))).scalar_one()
    assert hashes == N_ARTICLES


def test_two_parley_run_processes_store_each_article_once(store: Store, url: str, tmp_path: Path) -> None:
    """The real CLI, twice at once over the same inputs: every article once, no failed writes."""
    import json
    import subprocess
    import sys

    from _records import ECHO_TEXT, HOSTILE_TEXT, TALKS_TEXT

    inputs = tmp_path / "in"
    inputs.mkdir()
    texts = [TALKS_TEXT, ECHO_TEXT, HOSTILE_TEXT, TALKS_TEXT + " Talks are due to resume in April."]
    for i, t in enumerate(texts):
        (inputs / f"a{i}.txt").write_text(t, encoding="utf-8")
    parley = str(Path(sys.executable).parent / "parley")
    cmd = [parley, "run", str(inputs), "--db", url, "--published", "2025-03-04", "--json"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-2000:]
    summaries = [json.loads(out) for out, _ in outs]
    assert sum(s["processed"] for s in summaries) == len(texts)
    assert sum(s["duplicates"] for s in summaries) == len(texts)
    assert all(not s["errors"] for s in summaries), summaries
    counts = store.counts()
    assert counts["articles"] == len(texts)
    rec = store.load_record()
    assert len({a.content_hash for a in rec.articles}) == len(texts)
    assert len({(m.article, m.start, m.end, a.id) for a in rec.actors for m in a.mentions}) == \
        sum(len(a.mentions) for a in rec.actors)
