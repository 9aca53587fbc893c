"""The REST API through FastAPI's test client, on a real SQLite file and (when available) PostgreSQL.

The store holds two hand-built articles (tests/_records.py) so every figure below is exact.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from _records import (
    HOSTILE_TEXT,
    TALKS_TEXT,
    echo_record,
    fresh_pg_database,
    hostile_record,
    pg_base_url,
    talks_record,
)
from fastapi.testclient import TestClient

from parley.api import create_app
from parley.export import GDELT_COLUMNS
from parley.store import Store

TOKEN = "s3cret-token"
CONTRACT_KEYS = {"articles", "actors", "events", "statements", "proposals", "positions", "timexes"}


def _fill(url: str) -> None:
    store = Store(url)
    for rec in (talks_record(), echo_record(), hostile_record()):
        store.save(rec.articles[0], rec)
    store.engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'parley.db'}"
        _fill(url)
        with TestClient(create_app(url)) as c:
            yield c
        return
    with fresh_pg_database(pg_base_url()) as url:
        _fill(url)
        app = create_app(url)
        with TestClient(app) as c:
            yield c
        app.state.store.engine.dispose()


def ids(resp_json: dict) -> set[str]:
    return {i["id"] for i in resp_json["items"]}


def test_openapi_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/actors", "/api/statements",
              "/api/proposals", "/api/positions", "/api/timeline", "/api/export"):
        assert p in paths, p
    assert "post" in paths["/api/articles"]


def test_articles_are_paginated_without_text(client: TestClient) -> None:
    page = client.get("/api/articles").json()
    assert page["total"] == 3 and [i["id"] for i in page["items"]] == ["hostile", "talks", "echo"]
    assert "text" not in page["items"][0] and page["items"][1]["chars"] == len(TALKS_TEXT)
    first = client.get("/api/articles?limit=1").json()
    second = client.get("/api/articles?limit=1&offset=1").json()
    assert (first["total"], len(first["items"]), second["items"][0]["id"]) == (3, 1, "talks")
    assert client.get("/api/articles?offset=5").json()["items"] == []
    assert ids(client.get("/api/articles?q=geneva").json()) == {"talks", "echo"}


def test_article_detail_has_every_kind_of_highlight(client: TestClient) -> None:
    view = client.get("/api/articles/talks").json()
    assert view["article"]["text"] == TALKS_TEXT
    assert "".join(s["text"] for s in view["segments"]) == TALKS_TEXT
    assert view["counts"] == {"actor": 4, "event": 3, "statement": 1, "proposal": 1, "position": 1, "timex": 2}
    marked = {s["text"] for s in view["segments"] if "actor" in s["kinds"]}
    assert {"India", "Pakistan", "Priya Sharma"} <= marked
    assert {e["id"] for e in view["events"]} == {"talks-e1", "talks-e2", "talks-e3"}
    assert view["statements"][0]["speaker_name"] == "Priya Sharma"


def test_event_filters(client: TestClient) -> None:
    def q(query: str) -> set[str]:
        resp = client.get(f"/api/events?{query}")
        assert resp.status_code == 200, resp.text
        return ids(resp.json())

    assert q("") == {"talks-e1", "talks-e2", "talks-e3", "hostile-e1"}
    assert q("type=CONSULT") == {"talks-e1", "talks-e3", "hostile-e1"}
    assert q("type=x-PROPOSE,AGREE") == {"talks-e2"}
    assert q("actor=india") == {"talks-e1", "talks-e3"}
    assert q("since=2025-03-05") == {"talks-e3"}
    assert q("until=2025-03-03") == {"talks-e1"}
    assert q("since=2025-03-04&until=2025-03-04") == {"talks-e2", "hostile-e1"}
    assert q("modality=planned") == {"talks-e3"}
    assert q("min_corroboration=2") == {"talks-e1"}
    assert q("article=hostile") == {"hostile-e1"}
    assert q("article=echo") == {"talks-e1"}  # the merged event keeps both articles' mentions
    assert q("actor=pakistan&type=CONSULT&modality=asserted") == {"talks-e1"}
    assert q("actor=nobody") == set()
    page = client.get("/api/events?limit=2&offset=3").json()
    assert (page["total"], len(page["items"])) == (4, 1)


def test_event_detail_carries_evidence(client: TestClient) -> None:
    ev = client.get("/api/events/talks-e1").json()
    assert {m["article"] for m in ev["evidence"]} == {"talks", "echo"}
    m = ev["evidence"][0]
    assert m["text"] == TALKS_TEXT[m["start"]:m["end"]] and m["text"].endswith("3 March 2025")
    assert ev["actor_names"] == {"india": "India", "pakistan": "Pakistan"}
    assert ev["bounds"] == {"start": "2025-03-03", "end": "2025-03-03"} and ev["corroboration"] == 2


def test_actors_statements_proposals_positions(client: TestClient) -> None:
    actors = client.get("/api/actors").json()
    assert actors["total"] == 4 and actors["items"][0]["id"] == "pakistan"
    assert {a["id"]: a["events"] for a in actors["items"]}["india"] == 2
    assert ids(client.get("/api/actors?type=person").json()) == {"priya-sharma"}
    one = client.get("/api/actors/priya-sharma").json()
    assert one["role"] == "foreign minister" and len(one["mentions"]) == 1
    assert ids(client.get("/api/statements?speaker=priya-sharma").json()) == {"talks-s1"}
    assert client.get("/api/statements?article=hostile").json()["total"] == 0
    assert client.get("/api/proposals?author=pakistan").json()["items"][0]["points"] == 12
    assert ids(client.get("/api/positions?stance=reject&holder=india").json()) == {"talks-q1"}


def test_views_timeline_network_map(client: TestClient) -> None:
    tl = client.get("/api/timeline").json()
    assert [i["id"] for i in tl["items"]] == ["talks-e1", "hostile-e1", "talks-e2", "talks-e3"]
    assert tl["range"] == {"start": "2025-03-03", "end": "2025-03-16"} and tl["undated"] == 0
    assert {i["id"]: i["modality"] for i in tl["items"]}["talks-e3"] == "planned"
    assert [i["id"] for i in client.get("/api/timeline?actor=egypt").json()["items"]] == ["hostile-e1"]
    net = client.get("/api/network").json()
    assert {n["id"] for n in net["nodes"]} == {"india", "pakistan", "egypt"}
    assert net["edges"] == [{"source": "india", "target": "pakistan", "events": ["talks-e1", "talks-e3"], "count": 2}]
    pts = client.get("/api/map").json()
    assert {p["place"] for p in pts["points"]} == {"Geneva", "Doha", "Cairo"} and pts["unplaced"] == 1


def test_exports(client: TestClient) -> None:
    import csv

    import pyarrow.parquet as pq

    resp = client.get("/api/export?format=json")
    record = resp.json()
    assert CONTRACT_KEYS <= set(record) and len(record["events"]) == 4
    assert resp.headers["content-disposition"].endswith('parley-record.json"')
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export?format=csv").text)))
    assert len(rows) == 4 and tuple(rows[0]) == GDELT_COLUMNS
    geneva = next(r for r in rows if r["GlobalEventID"] == "talks-e1")
    assert (geneva["SQLDATE"], geneva["Actor1Code"], geneva["Actor2Code"], geneva["EventRootCode"]) == \
        ("20250303", "india", "pakistan", "04")
    assert geneva["SOURCEURL"] == "https://news.example/talks"
    assert (geneva["NumArticles"], geneva["Corroboration"]) == ("2", "2")
    table = pq.read_table(io.BytesIO(client.get("/api/export?format=parquet").content))
    assert table.num_rows == 4 and str(table.schema.field("ActionGeo_Lat").type) == "double"
    lines = client.get("/api/export?format=plover-jsonl").text.splitlines()
    plover = [json.loads(line) for line in lines]
    assert {p["event"] for p in plover} == {"CONSULT", "x-PROPOSE"}
    hostile = next(p for p in plover if p["id"] == "hostile-e1")
    assert hostile["source"]["text"] == HOSTILE_TEXT and hostile["location"]["name"] == "Cairo"


@pytest.mark.parametrize("url, status", [
    ("/api/events?limit=0", 422), ("/api/events?limit=5000", 422), ("/api/events?offset=-1", 422),
    ("/api/events?since=yesterday", 422), ("/api/events?until=2025-13-01", 422),
    ("/api/events?since=2025-03-05&until=2025-03-01", 422), ("/api/events?modality=maybe", 422),
    ("/api/events?min_corroboration=0", 422), ("/api/events?min_corroboration=lots", 422),
    ("/api/timeline?since=2025-02-30", 422), ("/api/export?format=xml", 422), ("/api/articles?limit=x", 422),
    ("/api/events/no-such-event", 404), ("/api/articles/no-such-article", 404), ("/api/actors/nobody", 404),
    ("/api/events?type=" + "A" * 500, 422),
])
def test_bad_parameters_get_a_clear_4xx(client: TestClient, url: str, status: int) -> None:
    resp = client.get(url)
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["message"] and isinstance(body["message"], str)


def test_odd_but_valid_values_are_not_errors(client: TestClient) -> None:
    for url in ("/api/events?type=%3Cscript%3E", "/api/events?actor=%00", "/api/articles?q=%25",
                "/api/statements?speaker=", "/api/events?since=2025-03-05&until=2025-03-05"):
        assert client.get(url).status_code == 200, url


# -- ingest -------------------------------------------------------------------------

@pytest.fixture()
def writable(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(f"sqlite:///{tmp_path / 'w.db'}", token=TOKEN)) as c:
        yield c


def test_ingest_is_disabled_without_a_token(client: TestClient) -> None:
    resp = client.post("/api/articles", json={"text": TALKS_TEXT}, headers={"Authorization": "Bearer x"})
    assert resp.status_code == 403 and "--token" in resp.json()["message"]


def test_ingest_needs_the_right_token(writable: TestClient) -> None:
    missing = writable.post("/api/articles", json={"text": TALKS_TEXT})
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = writable.post("/api/articles", json={"text": TALKS_TEXT}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403


@pytest.mark.parametrize("body", [{}, {"text": "a", "url": "https://x.example"}, {"text": TALKS_TEXT, "published": "soon"},
                                  {"text": "Too short."}])
def test_ingest_rejects_bad_bodies(writable: TestClient, body: dict) -> None:
    resp = writable.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert resp.status_code == 422 and resp.json()["message"], resp.text


def test_ingest_runs_the_pipeline_and_stores(writable: TestClient) -> None:
    body = {"text": TALKS_TEXT, "id": "posted", "title": "Posted", "published": "2025-03-04"}
    resp = writable.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert resp.status_code == 201, resp.text
    assert resp.json()["article_id"] == "posted" and resp.json()["status"] == "stored"
    art = writable.get("/api/articles/posted").json()["article"]
    assert art["published"] == "2025-03-04" and art["published_source"] == "given"
    again = writable.post("/api/articles", json=body, headers={"X-Parley-Token": TOKEN})
    assert again.status_code == 201 and again.json()["status"] == "duplicate"
    assert writable.get("/api/articles").json()["total"] == 1


# -- the same exports and plots from the command line --------------------------------

def test_cli_export_formats_and_plots(tmp_path: Path) -> None:
    import csv

    import pyarrow.parquet as pq
    from typer.testing import CliRunner

    from parley.cli import app

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    _fill(url)
    runner = CliRunner()

    def ok(*args: str) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, result.output
        return result.output

    ok("export", "--format", "csv", "--out", str(tmp_path / "e.csv"), "--db", url)
    with (tmp_path / "e.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 4
    ok("export", "--format", "parquet", "--out", str(tmp_path / "e.parquet"), "--db", url)
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 4
    lines = ok("export", "--format", "plover-jsonl", "--db", url).strip().splitlines()
    assert len(lines) == 4 and all(json.loads(line)["event"] for line in lines)
    for bad in (["export", "--format", "parquet"], ["export", "--format", "xml"],
                ["plot", "pie", "--out", str(tmp_path / "x.svg")], ["plot", "timeline", "--out", str(tmp_path / "x.txt")]):
        result = runner.invoke(app, [*bad, "--db", url])
        assert result.exit_code == 2, (bad, result.output)
    for kind, name in (("timeline", "t.svg"), ("network", "n.png")):
        ok("plot", kind, "--out", str(tmp_path / name), "--db", url)
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "CONSULT" in svg
    assert (tmp_path / "n.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ok("plot", "timeline", "--actor", "egypt", "--out", str(tmp_path / "egypt.svg"), "--db", url)
    assert "1 dated events" in (tmp_path / "egypt.svg").read_text(encoding="utf-8")


def test_ingest_html_extracts_the_main_text(writable: TestClient) -> None:
    paragraphs = "".join(f"<p>{s}.</p>" for s in TALKS_TEXT.split(". "))
    html = (f"<html><head><title>Geneva talks</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>Geneva talks</h1>{paragraphs}</article><footer>All rights reserved</footer></body></html>")
    resp = writable.post("/api/articles", json={"html": html, "published": "2025-03-04"},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert resp.status_code == 201, resp.text
    art = writable.get(f"/api/articles/{resp.json()['article_id']}").json()["article"]
    assert "met in Geneva" in art["text"] and "All rights reserved" not in art["text"]


@pytest.mark.parametrize("value, start, end, bounds", [
    ("2025-03-03", "2025-03-03", "2025-03-03", ("2025-03-03", "2025-03-03")),
    ("2025-W11", "2025-03-10", "2025-03-16", ("2025-03-10", "2025-03-16")),
    ("2025-W11", None, None, None),
    ("2025-12-02TAF", None, None, ("2025-12-02", "2025-12-02")),
    ("2025-03", None, None, ("2025-03-01", "2025-03-31")),
    ("PRESENT_REF", None, None, None),
])
def test_event_bounds_only_trust_iso_dates(value: str, start: str | None, end: str | None,
                                           bounds: tuple[str, str] | None) -> None:
    from parley.records import Event, EventDate
    from parley.web import event_bounds

    assert event_bounds(Event("e", "CONSULT", date=EventDate(value, start, end))) == bounds
