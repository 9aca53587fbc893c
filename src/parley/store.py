"""The store: SQLite by default, PostgreSQL by URL, through SQLAlchemy 2; schema by Alembic.

``Store(url).save(article, record)`` writes one article and its facts in one
transaction (re-saving the same content changes nothing); ``load_record()``
reads everything back as a :class:`~parley.records.Record` (per-article facts,
before the cross-article merge).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from parley.records import (
    Actor,
    Article,
    Event,
    Mention,
    Position,
    Proposal,
    Record,
    RecordBase,
    Statement,
    Timex,
)

DEFAULT_URL = "sqlite:///parley.db"

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(200), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text), Column("title", Text),
    Column("published", String(32), index=True), Column("published_source", String(16)),
    Column("language", String(16)), Column("text", Text, nullable=False),
    Column("author", Text), Column("site", Text), Column("ingest_date", String(32)),
    Column("status", String(16), nullable=False, default="ok"), Column("flag", String(16)),
    Column("near_duplicate_of", String(200)), Column("version_of", String(200)),
    Column("created_at", DateTime, nullable=False),
)

actors = Table(
    "actors", metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False), Column("type", String(32)),
    Column("country", Text), Column("role", Text), Column("wikidata", String(32)),
    Column("cameo", String(32)), Column("iso", String(8)),
)

actor_mentions = Table(
    "actor_mentions", metadata,
    Column("article_id", String(200), primary_key=True),
    Column("start", Integer, primary_key=True), Column("end", Integer, primary_key=True),
    Column("actor_id", String(200), primary_key=True, index=True),
    Column("text", Text),
)


runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", DateTime, nullable=False), Column("finished", DateTime),
    Column("summary", JSON),
)


def _fact_table(name: str, *extra: Column) -> Table:
    return Table(
        name, metadata,
        Column("article_id", String(200), primary_key=True),
        Column("id", String(200), primary_key=True),
        *extra,
        Column("data", JSON, nullable=False),
    )


events = _fact_table(
    "events", Column("type", String(32), index=True), Column("modality", String(16)),
    Column("date_start", String(32), index=True), Column("date_end", String(32)),
)
statements = _fact_table("statements", Column("speaker", String(200), index=True))
proposals = _fact_table("proposals", Column("name", Text))
positions = _fact_table("positions", Column("stance", String(32)))
timexes = _fact_table("timexes", Column("value", String(64)))

FACT_TABLES: dict[str, tuple[Table, type[RecordBase]]] = {
    "events": (events, Event),
    "statements": (statements, Statement),
    "proposals": (proposals, Proposal),
    "positions": (positions, Position),
    "timexes": (timexes, Timex),
}


def default_url() -> str:
    return os.environ.get("PARLEY_DB") or DEFAULT_URL


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("parley").joinpath("migrations")))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # concurrent first runs: one migrates, the others wait
            conn.execute(text("SELECT pg_advisory_xact_lock(7270616)"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@dataclass
class SaveResult:
    article_id: str
    status: str  # stored | duplicate | version


class Store:
    """One database. Every write of an article is its own transaction."""

    def __init__(self, url: str | None = None, create: bool = True) -> None:
        self.url = url or default_url()
        self.engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            _sqlite_pragmas(self.engine)
        if create:
            migrate(self.engine)

    # -- writing -------------------------------------------------------------
    def save(self, article: Article, record: Record | None = None) -> SaveResult:
        """Store an article and its facts; the same content twice changes nothing.

        Safe with several writer processes: a write that loses a race (unique
        violation, deadlock, a locked SQLite file) is rolled back and retried, and
        the retry then sees the winner's row.
        """
        for attempt in range(_SAVE_ATTEMPTS):
            try:
                return self._save_once(dataclasses.replace(article), record)
            except (IntegrityError, OperationalError, DBAPIError):
                if attempt == _SAVE_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _save_once(self, article: Article, record: Record | None) -> SaveResult:
        with self.engine.begin() as conn:
            same = conn.execute(select(articles.c.id).where(articles.c.content_hash == article.content_hash)).first()
            if same is not None:
                return SaveResult(same.id, "duplicate")
            status = "stored"
            if conn.execute(select(articles.c.id).where(articles.c.id == article.id)).first() is not None:
                old_id = article.id
                article = self._as_new_version(conn, article)
                if record is not None:
                    record.reassign_article(old_id, article.id)
                status = "version"
            row = article.to_dict()
            row["created_at"] = _now()
            conn.execute(insert(articles).values(**{c.name: row.get(c.name) for c in articles.columns}))
            if record is not None:
                self._save_facts(conn, article.id, record)
        return SaveResult(article.id, status)

    def _as_new_version(self, conn: Connection, article: Article) -> Article:
        """Same id, new content (an updated page): store it as ``ID~vN`` linked to the first version."""
        n = 2
        while conn.execute(select(articles.c.id).where(articles.c.id == f"{article.id}~v{n}")).first():
            n += 1
        article.version_of = article.id
        article.id = f"{article.id}~v{n}"
        return article

    def _save_facts(self, conn: Connection, article_id: str, record: Record) -> None:
        for actor in sorted(record.actors, key=lambda a: a.id):  # one lock order: no deadlocks
            self._upsert_actor(conn, actor)
            rows = [{"article_id": article_id, "start": m.start, "end": m.end, "actor_id": actor.id, "text": m.text}
                    for m in actor.mentions]
            if rows:
                conn.execute(_insert_ignore(conn, actor_mentions), rows)
        for name, (table, _cls) in FACT_TABLES.items():
            rows = [self._fact_row(name, article_id, f) for f in getattr(record, name)]
            if rows:
                conn.execute(insert(table), rows)

    @staticmethod
    def _fact_row(kind: str, article_id: str, fact: Any) -> dict[str, Any]:
        data = fact.to_dict()
        row: dict[str, Any] = {"article_id": article_id, "data": data}
        if kind == "timexes":
            row["id"] = f"{fact.start}-{fact.end}"
            row["value"] = fact.value
        else:
            row["id"] = fact.id
        if kind == "events":
            d = fact.date
            row.update(type=fact.type, modality=fact.modality,
                       date_start=d.start if d else None, date_end=d.end if d else None)
        elif kind == "statements":
            row["speaker"] = fact.speaker
        elif kind == "proposals":
            row["name"] = fact.name
        elif kind == "positions":
            row["stance"] = fact.stance
        return row

    @staticmethod
    def _upsert_actor(conn: Connection, actor: Actor) -> None:
        cols = {c.name for c in actors.columns}
        data = {k: v for k, v in actor.to_dict().items() if k in cols}
        if conn.execute(_insert_ignore(conn, actors).values(**data).returning(actors.c.id)).first() is not None:
            return
        old = conn.execute(select(actors).where(actors.c.id == actor.id)).mappings().one()
        fill = {k: v for k, v in data.items() if v is not None and old.get(k) is None}
        if fill:
            conn.execute(update(actors).where(actors.c.id == actor.id).values(**fill))

    def set_article_fields(self, article_id: str, **fields: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(articles).where(articles.c.id == article_id).values(**fields))

    def delete_article(self, article_id: str) -> None:
        with self.engine.begin() as conn:
            for table, _ in FACT_TABLES.values():
                conn.execute(delete(table).where(table.c.article_id == article_id))
            conn.execute(delete(actor_mentions).where(actor_mentions.c.article_id == article_id))
            conn.execute(delete(articles).where(articles.c.id == article_id))

    # -- runs ----------------------------------------------------------------
    def start_run(self) -> int:
        """Open a row in ``runs`` (finished is NULL until :meth:`finish_run`); returns its id."""
        with self.engine.begin() as conn:
            q = insert(runs).values(started=_now(), finished=None, summary=None).returning(runs.c.id)
            return int(conn.execute(q).scalar_one())

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(runs).where(runs.c.id == run_id).values(finished=_now(), summary=summary))

    def latest_run(self) -> dict[str, Any] | None:
        """The newest finished run as ``{"id", "started", "finished", "summary"}``, or None."""
        q = select(runs).where(runs.c.finished.is_not(None)).order_by(runs.c.id.desc()).limit(1)
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        return dict(row) if row is not None else None

    # -- reading -------------------------------------------------------------
    def has_hash(self, content_hash: str) -> bool:
        with self.engine.connect() as conn:
            q = select(articles.c.id).where(articles.c.content_hash == content_hash)
            return conn.execute(q).first() is not None

    def iter_articles(self) -> Iterator[Article]:
        cols = [c for c in articles.columns if c.name != "created_at"]
        with self.engine.connect() as conn:
            for row in conn.execute(select(*cols).order_by(articles.c.created_at, articles.c.id)).mappings():
                yield Article.from_dict(dict(row))

    def load_actors(self) -> list[Actor]:
        with self.engine.connect() as conn:
            found = [Actor.from_dict(dict(r)) for r in conn.execute(select(actors).order_by(actors.c.id)).mappings()]
            by_id = {a.id: a for a in found}
            q = select(actor_mentions).order_by(actor_mentions.c.article_id, actor_mentions.c.start)
            for r in conn.execute(q).mappings():
                if r["actor_id"] in by_id:
                    by_id[r["actor_id"]].mentions.append(Mention(r["article_id"], r["start"], r["end"], r["text"]))
        return found

    def load_facts(self, kind: str, article_ids: Iterable[str] | None = None) -> list[Any]:
        table, cls = FACT_TABLES[kind]
        q = select(table.c.data).order_by(table.c.article_id, table.c.id)
        if article_ids is not None:
            q = q.where(table.c.article_id.in_(list(article_ids)))
        with self.engine.connect() as conn:
            return [cls.from_dict(r.data) for r in conn.execute(q)]

    def load_record(self) -> Record:
        """Every stored article and fact, per article (not yet merged across articles)."""
        rec = Record(articles=list(self.iter_articles()), actors=self.load_actors())
        for kind in FACT_TABLES:
            setattr(rec, kind, self.load_facts(kind))
        rec.events.sort(key=natural_id)
        rec.statements.sort(key=natural_id)
        rec.proposals.sort(key=natural_id)
        rec.positions.sort(key=natural_id)
        rec.timexes.sort(key=lambda t: (t.article, t.start))
        return rec

    def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        out = {}
        with self.engine.connect() as conn:
            for table in (articles, actors, events, statements, proposals, positions, timexes):
                out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        return out


_SAVE_ATTEMPTS = 5


def _now() -> dt.datetime:
    """Naive UTC (the DateTime columns carry no zone)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _insert_ignore(conn: Connection, table: Table) -> Any:
    """INSERT that skips rows whose key already exists (ON CONFLICT DO NOTHING)."""
    name = conn.dialect.name
    if name == "postgresql":
        return pg_dialect.insert(table).on_conflict_do_nothing()
    if name == "sqlite":
        return sqlite_dialect.insert(table).on_conflict_do_nothing()
    return insert(table).prefix_with("IGNORE", dialect="mysql")


def natural_id(fact: Any) -> tuple[str, int, str]:
    """Sort "a1-e10" after "a1-e9"."""
    fid = str(fact.id)
    head = fid.rstrip("0123456789")
    tail = fid[len(head):]
    return head, int(tail) if tail else -1, fid
