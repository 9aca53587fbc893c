"""Batch engines: the same pipeline locally (``nlp.pipe``) or on Apache Spark (``mapInPandas``).

Both read JSON Lines or Parquet of articles (columns ``text`` or ``html``, optional
``id``, ``url``, ``title``, ``published``), write the per-article facts as Parquet
(``facts.parquet``: article_id, kind, fact_id, data) and the merged record
(``record.json``). On the same input the two engines write the same record.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from parley.errors import ItemError
from parley.records import Article, ArticleInput, Record, RecordBase

FACT_KINDS = ("articles", "actors", "events", "statements", "proposals", "positions", "timexes")
ROW_FIELDS = ("article_id", "kind", "fact_id", "data")


def row_to_input(row: dict[str, Any], origin: str) -> ArticleInput | ItemError:
    """One input row (dict) to a cleaned article, or a coded error."""
    from parley.ingest import html_to_article, text_to_article

    meta = {k: row.get(k) for k in ("id", "url", "title", "published", "author", "site")}
    meta = {k: (None if v is None or v != v else v) for k, v in meta.items()}  # NaN from pandas -> None
    html, text = row.get("html"), row.get("text")
    if isinstance(html, str) and html.strip():
        return html_to_article(html, origin, meta)
    if isinstance(text, str):
        return text_to_article(text, origin, meta)  # empty text gets its own code (E001)
    return ItemError("E006", origin, "no text or html field")


def record_rows(rec: Record) -> list[dict[str, Any]]:
    """Flatten one article's record to rows (article_id, kind, fact_id, JSON data)."""
    art_id = rec.articles[0].id
    rows = []
    for kind in FACT_KINDS:
        for n, fact in enumerate(getattr(rec, kind)):
            fid = getattr(fact, "id", None) or f"{kind}-{n}"
            rows.append({"article_id": art_id, "kind": kind, "fact_id": str(fid),
                         "data": json.dumps(fact.to_dict(), ensure_ascii=False, sort_keys=True)})
    return rows


def rows_to_record(rows: Iterable[dict[str, Any]]) -> Record:
    """Rebuild a (per-article, unmerged) record from fact rows; actors are joined by id."""
    from parley.records import Actor, Event, Position, Proposal, Statement, Timex

    classes: dict[str, type[RecordBase]] = {"articles": Article, "actors": Actor, "events": Event, "statements": Statement,
               "proposals": Proposal, "positions": Position, "timexes": Timex}
    rec = Record()
    actors: dict[str, Actor] = {}
    ordered = sorted(rows, key=lambda r: (r["article_id"], r["kind"], r["fact_id"]))
    for row in ordered:
        fact = classes[row["kind"]].from_dict(json.loads(row["data"]))
        if isinstance(fact, Actor):
            if fact.id in actors:
                actors[fact.id].mentions.extend(fact.mentions)
            else:
                actors[fact.id] = fact
        else:
            getattr(rec, row["kind"]).append(fact)
    rec.actors = sorted(actors.values(), key=lambda a: a.id)
    return rec


def process_rows(rows: Iterable[tuple[str, dict[str, Any]]], ingest_date: dt.date,
                 published: dt.date | None = None, batch_size: int = 16,
                 n_process: int | None = 1) -> Iterator[dict[str, Any] | ItemError]:
    """Run the pipeline over input rows; yield fact rows and coded errors."""
    from parley.pipeline import process, resolve_published

    def inputs() -> Iterator[ArticleInput]:
        for origin, row in rows:
            item = row_to_input(row, origin)
            if isinstance(item, ItemError):
                errors.append(item)
                continue
            yield resolve_published(item, ingest_date, published)

    errors: list[ItemError] = []
    for _art, rec in process(inputs(), batch_size=batch_size, n_process=n_process):
        yield from errors
        errors.clear()
        if isinstance(rec, ItemError):
            yield rec
        else:
            yield from record_rows(rec)
    yield from errors


def read_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Input rows from JSON Lines (optionally .gz) or Parquet files, or a directory of them."""
    import gzip

    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for f in files:
        if f.suffix == ".parquet":
            import pyarrow.parquet as pq

            for n, row in enumerate(pq.read_table(f).to_pylist(), 1):
                yield f"{f}:{n}", row
        elif f.name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
            opener = gzip.open if f.suffix == ".gz" else open
            with opener(f, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        try:
                            yield f"{f}:{n}", json.loads(line)
                        except ValueError:
                            yield f"{f}:{n}", {}


def write_facts(rows: list[dict[str, Any]], out: Path) -> list[dict[str, Any]]:
    """Write facts.parquet (rows in record order); return the rows sorted."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    rows = sorted(rows, key=lambda r: (r["article_id"], r["kind"], r["fact_id"]))
    table = pa.table({k: [r[k] for r in rows] for k in ROW_FIELDS})
    pq.write_table(table, out / "facts.parquet")
    return rows


def write_record(merged: Record, out: Path) -> Record:
    (out / "record.json").write_text(json.dumps(merged.to_dict(), ensure_ascii=False, indent=1, sort_keys=True),
                                     encoding="utf-8")
    return merged


def write_output(rows: list[dict[str, Any]], out: Path) -> Record:
    """Write facts.parquet and the merged record.json; return the merged record."""
    from parley.merge import merge_record

    rows = write_facts(rows, out)
    return write_record(merge_record(rows_to_record(rows)), out)


def run_local(path: Path, out: Path, ingest_date: dt.date, published: dt.date | None = None,
              n_process: int | None = 1) -> tuple[Record, list[ItemError]]:
    rows: list[dict[str, Any]] = []
    errors: list[ItemError] = []
    for item in process_rows(read_rows(path), ingest_date, published, n_process=n_process):
        (errors if isinstance(item, ItemError) else rows).append(item)  # type: ignore[arg-type]
    return write_output(rows, out), errors


def _spark_session(master: str) -> Any:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return (SparkSession.builder.master(master).appName("parley")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate())


def _partition_fn(ingest_iso: str, published_iso: str | None) -> Any:
    def fn(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        ingest = dt.date.fromisoformat(ingest_iso)
        given = dt.date.fromisoformat(published_iso) if published_iso else None
        for pdf in batches:
            rows = ((str(r.get("_origin")), r) for r in pdf.to_dict("records"))
            out = [r if isinstance(r, dict) else {"article_id": r.origin, "kind": "error", "fact_id": r.code,
                                                   "data": json.dumps(r.to_dict())}
                   for r in process_rows(rows, ingest, given)]
            yield pd.DataFrame(out, columns=list(ROW_FIELDS))
    return fn


def run_spark(path: Path, out: Path, ingest_date: dt.date, published: dt.date | None = None,
              master: str = "local[2]", spark_merge: bool = True) -> tuple[Record, list[ItemError]]:
    """The same pipeline per partition on Spark (model loaded once per Python worker), then the
    cross-article event merge as a Spark job (``parley.merge_spark``; ``spark_merge=False``
    merges on the driver instead)."""
    from pyspark.sql import functions as F

    from parley.merge import merge_record
    from parley.merge_spark import merge_record_spark

    spark = _spark_session(master)
    try:
        if path.suffix == ".parquet" or (path.is_dir() and any(path.glob("*.parquet"))):
            df = spark.read.parquet(str(path))
        else:
            df = spark.read.json(str(path))
        df = df.withColumn("_origin", F.concat_ws(":", F.input_file_name(), F.monotonically_increasing_id()))
        # one small file is one input split: spread the articles over every core (4 tasks each)
        df = df.repartition(spark.sparkContext.defaultParallelism * 4)
        for col in ("id", "url", "title", "published", "text", "html"):
            if col not in df.columns:
                df = df.withColumn(col, F.lit(None).cast("string"))
        schema = "article_id string, kind string, fact_id string, data string"
        facts = df.mapInPandas(_partition_fn(ingest_date.isoformat(),
                                             published.isoformat() if published else None), schema)
        facts = facts.persist()  # the pipeline runs once; the merge reads the same rows
        collected = [r.asDict() for r in facts.collect()]
        errors = [ItemError(**{k: v for k, v in json.loads(r["data"]).items() if k in ("code", "origin")})
                  for r in collected if r["kind"] == "error"]
        rows = write_facts([r for r in collected if r["kind"] != "error"], out)
        if not spark_merge:
            return write_record(merge_record(rows_to_record(rows)), out), errors
        merged = merge_record_spark(spark, rows_to_record(r for r in rows if r["kind"] != "events"), facts)
        facts.unpersist()
        return write_record(merged, out), errors
    finally:
        spark.stop()
