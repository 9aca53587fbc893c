"""Cross-article merge: near-duplicates, event/statement/proposal coreference, conflicts, ECB+ scoring.

The story tests run the real CLI (``parley run`` / ``export`` / ``show``) with the real
pipeline on a real SQLite file over ``tests/fixtures/story`` (wire-style reports of one
negotiation).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli import app
from parley.dedup import DuplicateIndex, find_near_duplicate
from parley.evaluation.corefscore import b_cubed, ceaf_e, conll, muc
from parley.merge import (
    average_link,
    candidate_pairs,
    date_range,
    load_config,
    merge_record,
    place_score,
    trigger_score,
)
from parley.records import Article, Event, EventDate, Location, Mention, Proposal, Record, Statement
from parley.store import Store

STORY = Path(__file__).parent / "fixtures" / "story"
runner = CliRunner()


def _cli(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _export(db_url: str, tmp_path: Path, name: str = "record.json") -> dict:
    out = tmp_path / name
    _cli("export", "--format", "json", "--out", str(out), "--db", db_url)
    return json.loads(out.read_text("utf-8"))


@pytest.fixture(scope="module")
def story_records(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict, str]:
    """The three reports alone, and the three reports + a wire copy + an exact copy."""
    tmp = tmp_path_factory.mktemp("story")
    alone, both = f"sqlite:///{tmp / 'alone.db'}", f"sqlite:///{tmp / 'both.db'}"
    _cli("run", str(STORY / "reports.jsonl"), "--db", alone, "--ingest-date", "2025-05-12")
    _cli("run", str(STORY / "reports.jsonl"), "--db", both, "--ingest-date", "2025-05-12")
    _cli("run", str(STORY / "wire_copy.jsonl"), str(STORY / "exact_copy.jsonl"), "--db", both,
         "--ingest-date", "2025-05-13")
    return _export(alone, tmp, "alone.json"), _export(both, tmp, "both.json"), both


# --------------------------------------------------------------------------- through the CLI
def test_wire_copy_is_linked_and_not_counted_twice(story_records: tuple[dict, dict, str]) -> None:
    alone, both, _ = story_records
    arts = {a["id"]: a for a in both["articles"]}
    assert "wire-geneva-mirror" not in arts  # the byte-identical copy is skipped at ingest
    assert arts["courier-geneva"]["near_duplicate_of"] == "wire-geneva"
    assert {"article": "courier-geneva", "duplicate_of": "wire-geneva", "kind": "near-duplicate"} in both["duplicates"]
    assert all(a["near_duplicate_of"] is None for a in alone["articles"])
    # the copy adds mentions, never another statement nor another source
    assert len(both["statements"]) == len(alone["statements"])
    corr_alone = sorted((s["text"], s["corroboration"]) for s in alone["statements"])
    corr_both = sorted((s["text"], s["corroboration"]) for s in both["statements"])
    assert corr_alone == corr_both
    outlets = {"wire-geneva": "g", "courier-geneva": "g", "ledger-deal": "l", "times-talks": "t"}
    for kind in ("events", "statements", "proposals"):
        for fact in both[kind]:
            arts_of = {m["article"] for m in fact["mentions"]}
            assert fact["corroboration"] == len({outlets[a] for a in arts_of}), fact


def test_two_reports_of_one_meeting_are_one_event(story_records: tuple[dict, dict, str]) -> None:
    alone, _, _ = story_records
    consult = [e for e in alone["events"] if e["type"] == "CONSULT"]
    meetings = [e for e in consult if "times-talks" in {m["article"] for m in e["mentions"]}]
    assert len(meetings) == 1, meetings  # Market Times reports one meeting
    (meeting,) = meetings
    assert (meeting["location"] or {}).get("name") == "Geneva"
    assert "ledger-deal" in {m["article"] for m in meeting["mentions"]}  # Asia Ledger's report of it
    assert meeting["corroboration"] >= 2
    # the earliest report's fact gives the merged id (stable across exports)
    assert meeting["id"].startswith("times-talks-")


def test_show_conflicts_and_timeline(story_records: tuple[dict, dict, str]) -> None:
    _, both, db = story_records
    conflicts = json.loads(_cli("show", "conflicts", "--json", "--db", db))
    assert {"kind", "fact", "field", "values"} <= set(conflicts[0])
    assert any(c["field"] == "date" and len(c["values"]) >= 2 for c in conflicts)
    timeline = json.loads(_cli("show", "timeline", "--json", "--db", db, "--since", "2025-05-01"))
    starts = [t["start"] for t in timeline if t["start"]]
    assert starts == sorted(starts) and all(s >= "2025-05-01" for s in starts)
    assert any(t["corroboration"] >= 2 for t in timeline)
    assert any(t["change"] for t in timeline) or len({a["ingest_date"] for a in both["articles"]}) < 2
    text = _cli("show", "timeline", "--db", db, "--actor", "china")
    assert "timeline" in text


# --------------------------------------------------------------------------- near-duplicates
def test_find_near_duplicate_index_and_store(tmp_path: Path) -> None:
    lines = [json.loads(x) for x in (STORY / "reports.jsonl").read_text("utf-8").splitlines()]
    copy = json.loads((STORY / "wire_copy.jsonl").read_text("utf-8"))
    index = DuplicateIndex()
    for row in lines:
        index.add(row["id"], row["text"])
    assert index.query(copy["text"]) == "wire-geneva"
    assert index.query(lines[1]["text"] + " extra") == "ledger-deal"
    assert index.query("An unrelated report about football results and the weather in Lagos. " * 5) is None
    store = Store(f"sqlite:///{tmp_path / 'd.db'}")
    store.save(Article(id="x1", text=lines[0]["text"], content_hash="h1"))
    assert find_near_duplicate(store, copy["text"]) == "x1"


# --------------------------------------------------------------------------- merge rules
def _art(aid: str, published: str, text: str = "", site: str | None = None) -> Article:
    return Article(id=aid, text=text or f"report {aid} about talks between delegations", published=published,
                   site=site, content_hash=aid)


def _event(eid: str, art: str, start: int = 0, date: EventDate | None = None, place: Location | None = None,
           modality: str = "asserted", actors: tuple[str, ...] = ("ukraine", "united-states")) -> Event:
    return Event(id=eid, type="CONSULT", trigger="talks", modality=modality, date=date, location=place,
                 sources=list(actors), mentions=[Mention(art, start, start + 10)])


STORY_TEXT = "delegations held talks on the peace plan ceasefire prisoners exchange negotiators security guarantees"


def _story_text(i: int) -> str:
    """Same vocabulary (one story), different word order (not near-duplicates)."""
    words = STORY_TEXT.split()
    random.Random(i).shuffle(words)
    return " ".join(words)


def _record(events: list[Event], n: int = 3) -> Record:
    arts = [_art(f"a{i}", f"2025-11-2{i}", _story_text(i), site=f"outlet{i}") for i in range(1, n + 1)]
    return Record(articles=arts, events=events)


def test_range_refined_by_day_and_place_by_city() -> None:
    last_week = EventDate(value="2025-W47", start="2025-11-17", end="2025-11-23", text="last week")
    day = EventDate(value="2025-11-23", start="2025-11-23", end="2025-11-23", text="on 23 November")
    rec = _record([_event("a1-e1", "a1", date=last_week, place=Location(name="Switzerland")),
                   _event("a2-e1", "a2", date=day, place=Location(name="Geneva", country="Switzerland"))])
    (ev,) = merge_record(rec).events
    assert ev.id == "a1-e1" and ev.corroboration == 2 and len(ev.mentions) == 2
    assert ev.date is not None and ev.date.value == "2025-11-23"
    assert ev.location is not None and ev.location.name == "Geneva"
    assert ev.conflicts == []


def test_conflicting_cities_and_countries() -> None:
    day = EventDate(value="2025-11-23", start="2025-11-23", end="2025-11-23")
    apart = _record([_event("a1-e1", "a1", date=day, place=Location(name="Geneva")),
                     _event("a2-e1", "a2", date=day, place=Location(name="Abu Dhabi"))])
    assert len(merge_record(apart).events) == 2  # different countries: two meetings
    assert place_score(Location(name="Geneva"), Location(name="Switzerland")) == 1.0
    assert place_score(Location(name="Geneva"), Location(name="Abu Dhabi")) is None


def test_date_and_modality_conflicts_are_kept_with_sources() -> None:
    sat = EventDate(value="2025-11-22", start="2025-11-22", end="2025-11-22", text="Saturday")
    sun = EventDate(value="2025-11-23", start="2025-11-23", end="2025-11-23", text="Sunday")
    geneva = Location(name="Geneva", country="Switzerland")
    rec = _record([_event("a1-e1", "a1", date=sat, place=geneva, modality="planned"),
                   _event("a2-e1", "a2", date=sun, place=geneva),
                   _event("a3-e1", "a3", date=sun, place=geneva)])
    (ev,) = merge_record(rec).events
    fields = {c["field"]: c["values"] for c in ev.conflicts}
    assert set(fields) == {"date", "modality"}
    by_value = {v["value"]["value"]: v["articles"] for v in fields["date"]}
    assert by_value == {"2025-11-22": ["a1"], "2025-11-23": ["a2", "a3"]}
    assert ev.date is not None and ev.date.value == "2025-11-23"  # the better-supported date
    assert ev.modality == "asserted"


def test_same_article_never_merged_and_far_dates_kept_apart() -> None:
    day = EventDate(value="2025-11-23", start="2025-11-23", end="2025-11-23")
    later = EventDate(value="2025-12-20", start="2025-12-20", end="2025-12-20")
    rec = _record([_event("a1-e1", "a1", 0, date=day), _event("a1-e2", "a1", 50, date=day),
                   _event("a2-e1", "a2", date=later)])
    assert sorted(e.id for e in merge_record(rec).events) == ["a1-e1", "a1-e2", "a2-e1"]


def test_merged_ids_do_not_depend_on_input_order() -> None:
    day = EventDate(value="2025-11-23", start="2025-11-23", end="2025-11-23")
    events = [_event(f"a{i}-e1", f"a{i}", date=day) for i in (1, 2, 3)]
    first = merge_record(_record(list(events)))
    shuffled = list(events)
    random.Random(3).shuffle(shuffled)
    second = merge_record(_record(shuffled))
    assert [e.id for e in first.events] == [e.id for e in second.events] == ["a1-e1"]
    assert first.events[0].corroboration == 3


def test_statements_and_proposal_versions() -> None:
    quote = "We have made substantial progress in the very important talks"
    rec = _record([])
    rec.statements = [
        Statement(id="a1-s1", speaker="john-doe", text=quote, mentions=[Mention("a1", 0, 60)]),
        Statement(id="a2-s1", speaker="doe", text=quote.lower() + ".", mentions=[Mention("a2", 5, 66)]),
        Statement(id="a3-s1", speaker="jane-roe", text=quote, mentions=[Mention("a3", 0, 60)]),
    ]
    rec.proposals = [
        Proposal(id="a1-p1", name="28-point plan", points=28, authors=["united-states"], mentions=[Mention("a1", 1, 9)]),
        Proposal(id="a3-p1", name="19-point peace plan", points=19, authors=["united-states"],
                 mentions=[Mention("a3", 1, 9)]),
    ]
    merged = merge_record(rec)
    assert [(s.id, s.corroboration, s.speaker) for s in merged.statements] == [
        ("a1-s1", 2, "john-doe"), ("a3-s1", 1, "jane-roe")]
    (plan,) = merged.proposals
    assert plan.id == "a1-p1" and plan.points == 19
    assert [v["points"] for v in plan.versions] == [28, 19]
    assert plan.conflicts[0]["field"] == "points"


def test_helpers() -> None:
    assert date_range(EventDate(value="2025-W47", start=None, end=None)) is not None
    assert trigger_score("shooting", "shoot") == 1.0
    assert trigger_score("kill", "die") == 0.8
    assert trigger_score("say", "say") == 0.0
    assert trigger_score("escaped", "escape") == 1.0  # the stemmer drops a final -e too
    assert trigger_score("opened fire", "shooting") == 0.8  # phrases are stemmed word by word
    assert trigger_score("talks", "airstrike") == -0.25


def test_sparse_average_link_matches_scipy() -> None:
    """The sparse average-link clustering cuts the same tree as scipy's full one."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    rng = np.random.default_rng(5)
    n = 30
    sims = np.clip(rng.normal(0.05, 0.1, (n, n)), 0, 1)
    sims[:10, :10] += 0.4
    sims[12:20, 12:20] += 0.3
    sims = np.triu(sims, 1)
    sims = sims + sims.T
    pairs = {(i, j): float(sims[i, j]) for i in range(n) for j in range(i + 1, n) if sims[i, j] > 0}
    ours = average_link(n, pairs, 0.2)
    dist = 1.0 - sims
    np.fill_diagonal(dist, 0.0)
    ref = fcluster(linkage(squareform(dist, checks=False), method="average"), t=0.8, criterion="distance")
    same = {(i, j) for i in range(n) for j in range(i + 1, n) if ours[i] == ours[j]}
    assert same == {(i, j) for i in range(n) for j in range(i + 1, n) if ref[i] == ref[j]}
    assert len(set(ours)) < n


def _story_articles(n: int, stories: int) -> list[Article]:
    """Zipf-distributed background words (as in news) plus 15 of 20 topical words of the article's story."""
    rng = random.Random(1)
    topical = [[f"topic{s}w{k}" for k in range(20)] for s in range(stories)]
    background = [f"back{k}" for k in range(20000)]
    zipf = [1.0 / (r + 1) for r in range(len(background))]
    return [Article(id=f"x{i}", text=" ".join(rng.choices(background, zipf, k=80) + rng.choices(topical[i % stories], k=15)))
            for i in range(n)]


def test_story_blocking_is_near_linear_and_finds_stories() -> None:
    from parley.merge import Context, _sources, load_config

    cfg = load_config()["events"]
    compared = []
    for n in (400, 800):
        arts = _story_articles(n, n // 8)
        ctx = Context(arts, _sources(arts, {}), float(cfg["story_threshold"]), cfg)
        compared.append(ctx.compared)
        assert ctx.story_of("x0") == ctx.story_of(f"x{n // 8}") != ctx.story_of("x1")
    assert compared[1] < 3 * compared[0]  # all pairs would be 4x
    assert compared[1] < 800 * 799 // 2 // 10


def test_events_of_different_stories_are_not_compared() -> None:
    day = EventDate(value="2025-11-23", start="2025-11-23", end="2025-11-23")
    events = [_event("a1-e1", "a1", date=day), _event("a2-e1", "a2", date=day), _event("a3-e1", "a3", date=day)]
    stories = {"a1": 1, "a2": 1, "a3": 2}
    cfg = load_config()["events"]
    assert candidate_pairs(events, cfg, stories.get) == {(0, 1)}
    assert candidate_pairs(events, cfg) == {(0, 1), (0, 2), (1, 2)}  # unknown stories: shared actors


# --------------------------------------------------------------------------- coreference measures
KEY = [["a", "b", "c"], ["d", "e", "f", "g"]]
RESPONSE = [["a", "b"], ["c", "d"], ["f", "g", "h", "i"]]


def test_measures_on_the_pradhan_example() -> None:
    """Pradhan et al. (2014), 'Scoring coreference partitions of predicted mentions', Fig. 1."""
    m = muc(KEY, RESPONSE)
    assert (round(m.recall, 4), round(m.precision, 4)) == (0.4, 0.4)
    b = b_cubed(KEY, RESPONSE)
    assert (round(b.recall, 4), round(b.precision, 4)) == (round(35 / 84, 4), 0.5)
    c = ceaf_e(KEY, RESPONSE)
    assert (round(c.recall, 4), round(c.precision, 4)) == (0.65, round(1.3 / 3, 4))


def test_measures_edge_cases() -> None:
    perfect = conll(KEY, KEY)
    assert perfect["conll_f1"] == 1.0
    singletons = [[x] for c in KEY for x in c]
    s = conll(KEY, singletons)
    assert s["muc"]["recall"] == 0.0 and s["b3"]["precision"] == 1.0
    one = conll(KEY, [[x for c in KEY for x in c]])
    assert one["muc"]["recall"] == 1.0 and one["b3"]["recall"] == 1.0 and one["b3"]["precision"] < 0.6


def test_eval_ecb_small(shared: Path) -> None:
    data = shared / "data" / "ecbplus"
    if not data.is_dir():
        pytest.skip("ECB+ data absent")
    out = _cli("eval", "ecb", str(data), "--limit", "6", "--json")
    metrics = json.loads(out.strip().splitlines()[-1])
    assert metrics["documents"] == 6 and metrics["gold_mentions"] > 20
    assert 0.5 < metrics["conll_f1_gold_mentions"] <= 1.0
    assert {"muc_gold_mentions", "b3_gold_mentions", "ceafe_gold_mentions", "conll_f1_end_to_end"} <= set(metrics)


def test_proposal_blocking_finds_every_acceptable_pair() -> None:
    """The blocked proposal pairs are exactly the pairs the all-pairs loop would accept."""
    from parley.merge import _proposal_pairs, _proposal_score

    rng = random.Random(1)
    words = ["peace", "plan", "ceasefire", "cease-fire", "framework", "deal", "trade", "roadmap", "28-point",
             "20-point", "proposal", "truce", "accord", "security", "guarantees"]
    props = [Proposal(id=f"p{i}", name=" ".join(rng.sample(words, rng.randint(0, 3))) or None,
                      authors=rng.sample(["us", "russia", "ukraine", "eu", "qatar"], rng.randint(0, 2)),
                      points=rng.choice([None, None, 20, 28]), mentions=[Mention(f"a{i // 3}", 0, 5)])
             for i in range(240)]
    cfg = load_config()["proposals"]
    score = _proposal_score(cfg)
    every = {(i, j) for i in range(len(props)) for j in range(i + 1, len(props)) if score(props[i], props[j]) is not None}
    blocked = _proposal_pairs(props, float(cfg["name_ratio"]))
    assert len(every) > 100
    assert {p for p in blocked if score(props[p[0]], props[p[1]]) is not None} == every
    assert len(blocked) < len(props) * (len(props) - 1) // 2
