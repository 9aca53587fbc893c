"""events: triggers, arguments, modality, date, place, coreference; PLOVER and MEANTIME evaluations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy

from parley.events import explain, extract_events
from parley.events.dating import event_date
from parley.events.lexicon import cameo, triggers, types
from parley.nlp import MODEL, declare_extensions

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
declare_extensions()


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load(MODEL)


def events(nlp: spacy.language.Language, text: str, published: dt.date | None = dt.date(2025, 12, 1)) -> list:
    doc = nlp(text)
    doc._.article_id, doc._.published = "t1", published
    return extract_events(doc)


def test_lexicon_has_16_plover_types_and_x_types_with_cameo() -> None:
    ts = types()
    assert len([t for t in ts if not t.startswith("x-")]) == 16
    assert {"x-RESIGN", "x-TRAVEL", "x-PROPOSE", "x-APPOINT"} <= set(ts)
    assert cameo("CONSULT", "host") == "043"
    assert ("meet", "verb") in triggers()


def test_week_value_gives_monday_to_sunday() -> None:
    d = event_date("2025-W48", "last week")
    assert d is not None and (d.start, d.end) == ("2025-11-24", "2025-11-30")


def test_host_visit_with_venue_place(nlp: spacy.language.Language) -> None:
    evs = events(nlp, "Chancellor Olaf Scholz is at the Kremlin, welcomed by President Vladimir Putin.")
    consult = [e for e in evs if e.type == "CONSULT"]
    assert consult and consult[0].mode == "host"
    assert consult[0].location is not None and consult[0].location.name == "Moscow"


def test_planned_travel_to_a_country(nlp: spacy.language.Language) -> None:
    evs = events(nlp, "The envoy Anna Berg will fly to Russia.")
    assert [e.type for e in evs] == ["x-TRAVEL"]
    assert evs[0].modality == "planned" and evs[0].location is not None
    assert evs[0].location.country == "Russia"


def test_negated_and_hypothetical(nlp: spacy.language.Language) -> None:
    neg = events(nlp, "Narendra Modi did not meet Shehbaz Sharif in Islamabad.")
    assert neg and neg[0].modality == "negated"
    hyp = events(nlp, "Benjamin Netanyahu would meet Mahmoud Abbas if the truce holds.")
    assert hyp and hyp[0].modality == "hypothetical"


def test_no_actor_no_event_and_definite_anaphor_merges(nlp: spacy.language.Language) -> None:
    assert events(nlp, "The weather was fine and talks are good in general.") == []
    evs = events(nlp, "Emmanuel Macron met Friedrich Merz in Berlin. The meeting lasted two hours.")
    assert len(evs) == 1 and len(evs[0].mentions) == 2


def test_explain_renders(nlp: spacy.language.Language) -> None:
    from rich.console import Console

    evs = events(nlp, "Emmanuel Macron met Friedrich Merz in Berlin.")
    console = Console(record=True, width=200)
    console.print(explain(evs[0]))
    out = console.export_text()
    assert "met" in out and "Berlin" in out and "triggers.tsv" in out


@pytest.mark.skipif(not (SHARED / "data" / "plover").is_dir(), reason="shared PLOVER data absent")
def test_plover_eval_runs_on_a_slice() -> None:
    from parley.evaluation import EvalOptions
    from parley.evaluation.plover import run

    res = run(SHARED / "data" / "plover" / "PLOVER_GSR_CAMEO.txt", EvalOptions(limit=40))
    assert {"accuracy", "macro_f1", "n", "events_per_sentence"} <= set(res.metrics)
    assert res.metrics["n"] == 40 and res.metrics["accuracy"] > 0.4


@pytest.mark.skipif(not (SHARED / "data" / "meantime").is_dir(), reason="shared MEANTIME data absent")
def test_meantime_eval_runs_on_a_slice() -> None:
    from parley.evaluation import EvalOptions
    from parley.evaluation.meantime import run

    res = run(SHARED / "data" / "meantime", EvalOptions(limit=3))
    assert res.metrics["docs"] == 3 and 0.0 <= res.metrics["precision"] <= 1.0
