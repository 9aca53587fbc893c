"""Runs and ingest-time near-duplicate links, through the real CLI on a real SQLite file.

``parley run`` links a near-duplicate to the stored (or same-batch) article it copies
and records itself in the ``runs`` table; ``parley show timeline`` marks what the
latest run stored as new. Articles: ``tests/fixtures/story`` plus one report of an
unrelated meeting written here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from _records import fresh_pg_database, pg_base_url
from sqlalchemy import inspect, select
from typer.testing import CliRunner

from parley.cli import app
from parley.store import Store, runs

STORY = Path(__file__).parent / "fixtures" / "story"
runner = CliRunner()

OTHER = {
    "id": "herald-port", "url": "https://coastalherald.example/2025/05/13/port-talks", "site": "Coastal Herald",
    "published": "2025-05-13", "title": "Port talks open in Mombasa",
    "text": ("MOMBASA, May 13 - Kenya and Tanzania held talks in Mombasa on Tuesday on a dispute over port "
             "fees, officials said.\nThe Kenyan trade minister met her Tanzanian counterpart for four hours, "
             "and both sides agreed to meet again next month, the ministry said in a statement."),
}


def _cli(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _lines(path: Path, *items: dict) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), "utf-8")
    return path


def _items(name: str) -> dict[str, dict]:
    rows = [json.loads(line) for line in (STORY / name).read_text("utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows}


def _stored_links(url: str) -> dict[str, str | None]:
    store = Store(url)
    try:
        return {a.id: a.near_duplicate_of for a in store.iter_articles()}
    finally:
        store.engine.dispose()


def _exported_links(url: str, tmp_path: Path) -> dict[str, str | None]:
    out = tmp_path / "record.json"
    _cli("export", "--format", "json", "--out", str(out), "--db", url)
    return {a["id"]: a["near_duplicate_of"] for a in json.loads(out.read_text("utf-8"))["articles"]}


def _run_rows(url: str) -> list[dict]:
    store = Store(url)
    try:
        with store.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(runs).order_by(runs.c.id)).mappings()]
    finally:
        store.engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'parley.db'}"
        return
    with fresh_pg_database(pg_base_url()) as pg_url:
        yield pg_url


def test_runs_table_on_both_databases(url: str) -> None:
    store = Store(url)
    try:
        assert store.latest_run() is None
        first = store.start_run()
        assert store.latest_run() is None  # an unfinished run is not "the latest run"
        store.finish_run(first, {"article_ids": ["a1", "a2"], "errors": {"E010": 1}})
        second = store.start_run()
        assert second > first
        latest = store.latest_run()
        assert latest is not None and latest["id"] == first
        assert latest["summary"] == {"article_ids": ["a1", "a2"], "errors": {"E010": 1}}
        assert latest["started"] <= latest["finished"]
    finally:
        store.engine.dispose()


def test_wire_copy_in_one_batch_is_linked_at_ingest(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'batch.db'}"
    batch = _lines(tmp_path / "batch.jsonl", _items("reports.jsonl")["wire-geneva"],
                   _items("wire_copy.jsonl")["courier-geneva"])
    out = _cli("run", str(batch), "--db", url, "--ingest-date", "2025-05-12", "--json")
    summary = json.loads(out[out.index("\n{") + 1:])  # after the progress line
    assert summary["processed"] == 2 and summary["near_duplicates"] == 1
    assert _stored_links(url) == {"wire-geneva": None, "courier-geneva": "wire-geneva"}
    assert _exported_links(url, tmp_path) == {"wire-geneva": None, "courier-geneva": "wire-geneva"}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Run 1: the three reports; run 2 (same ingest date): the wire copy and an unrelated report."""
    tmp = tmp_path_factory.mktemp("runs")
    url = f"sqlite:///{tmp / 'runs.db'}"
    _cli("run", str(STORY / "reports.jsonl"), "--db", url, "--ingest-date", "2025-05-13")
    second = _lines(tmp / "second.jsonl", _items("wire_copy.jsonl")["courier-geneva"], OTHER)
    _cli("run", str(second), "--db", url, "--ingest-date", "2025-05-13")
    return url


def test_wire_copy_in_a_later_run_is_linked_at_ingest(two_runs: str, tmp_path: Path) -> None:
    stored = _stored_links(two_runs)
    assert stored["courier-geneva"] == "wire-geneva"
    assert {k: v for k, v in stored.items() if k != "courier-geneva"} == dict.fromkeys(
        ["wire-geneva", "ledger-deal", "times-talks", "herald-port"])
    assert _exported_links(two_runs, tmp_path)["courier-geneva"] == "wire-geneva"


def test_each_run_is_recorded_with_the_articles_it_stored(two_runs: str) -> None:
    rows = _run_rows(two_runs)
    assert len(rows) == 2
    assert all(r["started"] <= r["finished"] for r in rows)
    assert rows[0]["summary"]["article_ids"] == ["wire-geneva", "ledger-deal", "times-talks"]
    assert rows[1]["summary"]["article_ids"] == ["courier-geneva", "herald-port"]
    assert rows[1]["summary"]["near_duplicates"] == 1
    assert "runs" in inspect(Store(two_runs).engine).get_table_names()


def test_timeline_marks_what_the_latest_run_added(two_runs: str) -> None:
    timeline = json.loads(_cli("show", "timeline", "--json", "--db", two_runs))
    record = json.loads(_cli("export", "--format", "json", "--db", two_runs))
    by_id = {e["id"]: {m["article"] for m in e["mentions"]} for e in record["events"]}
    change = {t["event"]: t["change"] for t in timeline}
    only_new = [e for e, arts in by_id.items() if arts == {"herald-port"}]
    assert only_new, by_id  # the unrelated report gives at least one event of its own
    assert all(change[e] == "new" for e in only_new)
    old = [e for e, arts in by_id.items() if arts <= {"wire-geneva", "ledger-deal", "times-talks"}]
    assert old and all(change[e] is None for e in old)
    copied = [e for e, arts in by_id.items() if "courier-geneva" in arts]
    assert all(change[e] == "updated" for e in copied)
    # one ingest date for both runs: the old approximation sees no change at all
    by_date = json.loads(_cli("show", "timeline", "--json", "--db", two_runs, "--since-ingest-date"))
    assert all(t["change"] is None for t in by_date)
