"""Exports of the stored record: JSON (the contract), CSV, Parquet, PLOVER JSON Lines.

``build_record(store) -> Record`` is the merged record every export and the API use;
``export(store, fmt, out)`` writes one format to a file (or returns text formats as a
string); ``render(record, fmt) -> bytes`` is the in-memory form the API serves.

CSV and Parquet hold one row per event with GDELT-like columns (``GDELT_COLUMNS``)
plus parley's own (PLOVER type, mode, modality, date range, evidence offsets).
PLOVER JSON Lines holds one PLOVER-style event object per line.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from parley.merge import merge_record
from parley.records import Actor, Event, Record
from parley.store import Store

FORMATS = ("json", "csv", "parquet", "plover-jsonl")
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "plover-jsonl": "application/x-ndjson",
}
SUFFIXES = {"json": "json", "csv": "csv", "parquet": "parquet", "plover-jsonl": "jsonl"}

# One row per event. Names follow GDELT 2.0 where a column means the same thing.
GDELT_COLUMNS = (
    "GlobalEventID", "SQLDATE", "DateStart", "DateEnd", "DateText",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type",
    "Participants", "PloverType", "PloverMode", "Modality", "EventCode", "EventRootCode",
    "NumMentions", "NumArticles", "Corroboration", "Confidence",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "SOURCEURL", "ArticleIds", "Mentions", "Trigger",
)
_INT_COLUMNS = {"NumMentions", "NumArticles", "Corroboration"}
_FLOAT_COLUMNS = {"Confidence", "ActionGeo_Lat", "ActionGeo_Long"}


def build_record(store: Store) -> Record:
    """The stored facts, merged across articles."""
    return merge_record(store.load_record())


def record_json(record: Record) -> dict[str, Any]:
    return record.to_dict()


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    return fmt


def export(store: Store, fmt: str, out: Path | None) -> str | None:
    """Write the record in ``fmt`` to ``out`` (or return it as text when ``out`` is None)."""
    check_format(fmt)
    if fmt == "parquet" and out is None:
        raise ValueError("parquet is binary: give --out FILE.parquet")
    data = render(build_record(store), fmt)
    if out is None:
        return data.decode("utf-8")
    out.write_bytes(data)
    return None


def render(record: Record, fmt: str) -> bytes:
    """The record in one export format, as bytes."""
    check_format(fmt)
    if fmt == "json":
        return json.dumps(record_json(record), ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "csv":
        return events_csv(record).encode("utf-8")
    if fmt == "parquet":
        return events_parquet(record)
    return "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in plover_events(record)).encode("utf-8")


# -- one row per event ------------------------------------------------------------

def _actor_cols(prefix: str, actor_id: str | None, actors: dict[str, Actor]) -> dict[str, Any]:
    actor = actors.get(actor_id) if actor_id else None
    return {
        f"{prefix}Code": actor_id,
        f"{prefix}Name": actor.name if actor else None,
        f"{prefix}CountryCode": (actor.iso or actor.country) if actor else None,
        f"{prefix}Type": actor.type if actor else None,
    }


def _first(ids: list[str]) -> str | None:
    return ids[0] if ids else None


def event_row(ev: Event, actors: dict[str, Actor], urls: dict[str, str | None]) -> dict[str, Any]:
    """One GDELT-like row for an event (None where a value is unknown)."""
    d, loc = ev.date, ev.location
    start = d.start if d else None
    src = _first(ev.sources) or _first(ev.participants)
    tgt = _first(ev.targets) or (_first(ev.participants[1:]) if not ev.sources else None)
    article_ids = list(dict.fromkeys(m.article for m in ev.mentions))
    row: dict[str, Any] = {
        "GlobalEventID": ev.id,
        "SQLDATE": start.replace("-", "")[:8] if start and len(start) >= 10 else None,
        "DateStart": start, "DateEnd": d.end if d else None, "DateText": d.text if d else None,
        **_actor_cols("Actor1", src, actors), **_actor_cols("Actor2", tgt, actors),
        "Participants": ";".join(dict.fromkeys([*ev.sources, *ev.targets, *ev.participants])) or None,
        "PloverType": ev.type, "PloverMode": ev.mode, "Modality": ev.modality,
        "EventCode": ev.cameo, "EventRootCode": ev.cameo[:2] if ev.cameo else None,
        "NumMentions": len(ev.mentions), "NumArticles": len(article_ids),
        "Corroboration": ev.corroboration, "Confidence": ev.confidence,
        "ActionGeo_FullName": loc.name if loc else None, "ActionGeo_CountryCode": loc.country if loc else None,
        "ActionGeo_Lat": loc.lat if loc else None, "ActionGeo_Long": loc.lon if loc else None,
        "SOURCEURL": next((urls[a] for a in article_ids if urls.get(a)), None),
        "ArticleIds": ";".join(article_ids) or None,
        "Mentions": ";".join(f"{m.article}:{m.start}-{m.end}" for m in ev.mentions) or None,
        "Trigger": ev.trigger,
    }
    return row


def event_rows(record: Record) -> list[dict[str, Any]]:
    actors = {a.id: a for a in record.actors}
    urls = {a.id: a.url for a in record.articles}
    return [event_row(ev, actors, urls) for ev in record.events]


def events_csv(record: Record) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(GDELT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in event_rows(record):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buf.getvalue()


def events_parquet(record: Record) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = event_rows(record)

    def kind(col: str) -> pa.DataType:
        return pa.int64() if col in _INT_COLUMNS else pa.float64() if col in _FLOAT_COLUMNS else pa.string()

    schema = pa.schema([(c, kind(c)) for c in GDELT_COLUMNS])
    table = pa.Table.from_pydict({c: [r[c] for r in rows] for c in GDELT_COLUMNS}, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return bytes(sink.getvalue().to_pybytes())


# -- PLOVER JSON Lines --------------------------------------------------------------

def plover_event(ev: Event, actors: dict[str, Actor], texts: dict[str, str]) -> dict[str, Any]:
    """One event in the PLOVER JSON style (event/mode/context/actor1/actor2/location) plus evidence."""
    row = event_row(ev, actors, {})
    mention = ev.mentions[0] if ev.mentions else None
    source_text = None
    if mention is not None and mention.article in texts:
        source_text = texts[mention.article][mention.start:mention.end]
    loc = ev.location
    return {
        "id": ev.id,
        "date": ev.date.value if ev.date else None,
        "date_start": row["DateStart"], "date_end": row["DateEnd"],
        "event": ev.type, "mode": ev.mode, "context": [], "modality": ev.modality, "cameo": ev.cameo,
        "actor1": row["Actor1Code"], "actor1_name": row["Actor1Name"], "actor1_country": row["Actor1CountryCode"],
        "actor2": row["Actor2Code"], "actor2_name": row["Actor2Name"], "actor2_country": row["Actor2CountryCode"],
        "participants": [*ev.participants],
        "location": None if loc is None else {"name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon},
        "corroboration": ev.corroboration,
        "source": None if mention is None else {"article": mention.article, "start": mention.start,
                                                "end": mention.end, "text": source_text},
        "mentions": [m.to_dict() for m in ev.mentions],
    }


def plover_events(record: Record) -> list[dict[str, Any]]:
    actors = {a.id: a for a in record.actors}
    texts = {a.id: a.text for a in record.articles}
    return [plover_event(ev, actors, texts) for ev in record.events]
