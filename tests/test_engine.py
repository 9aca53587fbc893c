"""The local and Spark engines write the same record on the same input (Spark on local[2])."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

from parley.engine import run_local, run_spark

INGEST = dt.date(2026, 11, 24)
FIXTURES = Path(__file__).parent / "fixtures"


def _input(tmp: Path, seed_article: Path) -> Path:
    rows = [
        {"id": "seed", "text": seed_article.read_text("utf-8")},
        {"id": "cairo", "published": "2025-10-06",
         "text": "Foreign ministers of Egypt and Qatar met in Cairo on Monday to discuss a ceasefire in Gaza. "
                 "\"We are close to an agreement,\" the Qatari prime minister said after the meeting."},
        {"id": "empty", "text": ""},
        {"id": "page", "html": "<html><head><title>Talks</title></head><body><article><p>"
                               + "Delegations from India and Pakistan held talks in Geneva on Tuesday. " * 3
                               + "</p></article></body></html>", "published": "2025-05-13"},
    ]
    path = tmp / "in.jsonl"
    lines = [json.dumps(r) for r in rows]
    for name in ("story/reports.jsonl", "story/wire_copy.jsonl", "world/articles.jsonl"):  # stories to merge
        lines += (FIXTURES / name).read_text("utf-8").splitlines()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_local_engine_writes_record(tmp_path: Path, seed_article: Path) -> None:
    src = _input(tmp_path, seed_article)
    record, errors = run_local(src, tmp_path / "local", INGEST)
    assert [e.code for e in errors] == ["E001"]
    assert {"seed", "cairo", "page", "wire-geneva"} <= {a.id for a in record.articles}
    assert (tmp_path / "local" / "facts.parquet").exists()
    on_disk = json.loads((tmp_path / "local" / "record.json").read_text("utf-8"))
    assert {"seed", "cairo", "page"} <= {a["id"] for a in on_disk["articles"]}
    assert on_disk["duplicates"], "the wire copy is linked to its original"


needs_spark = pytest.mark.skipif(
    (importlib.util.find_spec("pyspark") is None or shutil.which("java") is None) and os.environ.get("CI") != "true",
    reason="pyspark or java not installed",
)


@needs_spark
@pytest.mark.spark
def test_spark_equals_local(tmp_path: Path, seed_article: Path) -> None:
    src = _input(tmp_path, seed_article)
    run_local(src, tmp_path / "local", INGEST)
    _, errors = run_spark(src, tmp_path / "spark", INGEST, master="local[2]")
    assert [e.code for e in errors] == ["E001"]
    local = (tmp_path / "local" / "record.json").read_text("utf-8")
    spark = (tmp_path / "spark" / "record.json").read_text("utf-8")
    assert json.loads(local)["articles"], "the local engine produced no articles"
    events = json.loads(local)["events"]
    assert any(len({m["article"] for m in e["mentions"]}) > 1 for e in events), "no event merged across articles"
    assert local == spark
