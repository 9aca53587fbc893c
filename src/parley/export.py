"""Exports of the stored record: JSON (the contract), CSV, Parquet, PLOVER JSON Lines.

``build_record(store) -> Record`` is the merged record every export and the API use.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parley.merge import merge_record
from parley.records import Record
from parley.store import Store

FORMATS = ("json",)


def build_record(store: Store) -> Record:
    """The stored facts, merged across articles."""
    return merge_record(store.load_record())


def record_json(record: Record) -> dict[str, Any]:
    return record.to_dict()


def export(store: Store, fmt: str, out: Path | None) -> str | None:
    """Write the record in ``fmt`` to ``out`` (or return it as text when ``out`` is None)."""
    record = build_record(store)
    if fmt == "json":
        text = json.dumps(record_json(record), ensure_ascii=False, indent=2)
        if out is None:
            return text
        out.write_text(text, encoding="utf-8")
        return None
    raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
