"""Proposals, positions and red lines: the real pipeline (spaCy model + every parley stage) on real text."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.evaluation import EvalOptions
from parley.evaluation.positions import DEFAULT_GOLD, Scores, overlap, run, score_item
from parley.pipeline import process_text
from parley.proposals import load_lexicon
from parley.proposals_views import position_rows, proposal_rows
from parley.records import Actor, Position, Proposal, Record

ANCHOR = dt.date(2025, 12, 1)
HELDOUT = DEFAULT_GOLD.with_name("heldout.json")
WORLD = DEFAULT_GOLD.with_name("world_gold.json")


def rec(text: str, published: dt.date | None = ANCHOR) -> Record:
    return process_text(text, published)


@pytest.fixture(scope="module")
def seed(seed_article: Path) -> Record:
    return process_text(seed_article.read_text("utf-8"), ANCHOR)


# -- the seed article ---------------------------------------------------------
def test_seed_numbered_plan_author_date_provisions(seed: Record) -> None:
    plan = next(p for p in seed.proposals if p.points == 28)
    assert "united-states" in plan.authors
    assert plan.published == "2025-11-20"
    provs = " | ".join(plan.provisions).lower()
    assert "withdrawal" in provs and "donbas" in provs and "armed forces" in provs and "nato" in provs
    assert len(plan.provisions) == 3
    # "the draft", "the plan" refer back to it
    assert {"the draft", "the plan"} <= {m.text for m in plan.mentions}


def test_seed_counterproposal_authors_and_relation(seed: Record) -> None:
    counter = next(p for p in seed.proposals if p.points == 19)
    assert set(counter.authors) == {"european-union", "ukraine"}
    assert counter.kind == "counterproposal"
    plan = next(p for p in seed.proposals if p.points == 28)
    assert counter.relation == {"counterproposal_to": plan.id}


def test_seed_red_lines_split_with_same_holders(seed: Record) -> None:
    assert len(seed.positions) == 3  # extra positions would be false positives
    assert all(q.stance == "red-line" and set(q.holders) == {"european-union", "ukraine"} for q in seed.positions)
    abouts = [q.about for q in seed.positions]
    assert abouts[0].startswith("no recognition of territories")
    assert "front line" in abouts[1] and "European future" in abouts[2]
    assert all(q.mentions and q.mentions[0].end > q.mentions[0].start for q in seed.positions)


def test_seed_stance_shift_is_a_version_not_a_position(seed: Record) -> None:
    plan = next(p for p in seed.proposals if p.points == 28)
    assert any(v.get("event") == "stance-shift" for v in plan.versions)


def test_seed_scorer_proposals_part_is_full(seed: Record, shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "record.json"
    out.write_text(json.dumps(seed.to_dict(), ensure_ascii=False), "utf-8")
    proc = subprocess.run([sys.executable, str(shared / "eval" / "score.py"),
                           str(shared / "acceptance" / "seed" / "expected.json"), str(out), "--json"],
                          capture_output=True, text=True, check=True)
    parts = json.loads(proc.stdout.strip().splitlines()[-2])
    assert parts["proposals"] == 1.0


# -- general patterns on other text ----------------------------------------------
def test_numbered_plan_with_word_number_and_provisions() -> None:
    r = rec("Egypt unveiled a six-point ceasefire plan on Monday. The plan would require Israel to withdraw "
            "its troops from Gaza and allow aid convoys into the territory.")
    (p,) = r.proposals
    assert p.points == 6 and p.authors == ["egypt"]
    assert p.provisions == ["withdraw its troops from Gaza", "allow aid convoys into the territory"]


def test_reject_and_never_accept_become_reject_and_red_line() -> None:
    r = rec("Hamas rejected the proposal, while Israel said it would never accept a Palestinian state.")
    got = {(q.stance, tuple(q.holders), q.about) for q in r.positions}
    assert ("reject", ("hamas",), "the proposal") in got
    assert ("red-line", ("israel",), "a Palestinian state") in got


def test_particle_cue_and_condition() -> None:
    r = rec("Pakistan insists on a role for the United Nations in Kashmir.")
    assert [(q.stance, q.holders) for q in r.positions] == [("demand", ["pakistan"])]
    r = rec("Iran agreed to resume talks on condition that sanctions are lifted.")
    got = {(q.stance, q.about) for q in r.positions}
    assert got == {("accept", "resume talks"), ("condition", "sanctions are lifted")}


def test_not_a_proposal() -> None:
    r = rec("The minister plans to visit Delhi next week. Experts in conflict resolution met in Oslo.")
    assert r.proposals == [] and r.positions == []


def test_framework_drafted_by_two_authors_and_accepted() -> None:
    r = rec("A 20-point framework drafted by Qatar and Egypt was presented on 3 March. "
            "Hamas accepted the framework, but Israel demanded changes.")
    (p,) = r.proposals
    assert p.points == 20 and p.authors == ["qatar", "egypt"]
    got = {(q.stance, q.holders[0], q.proposal) for q in r.positions}
    assert ("accept", "hamas", p.id) in got and ("demand", "israel", None) in got


# -- agreements, enumerations and refusals in 2025 world news (tests/fixtures/world/proposals2.jsonl) --------
def test_joint_agreement_has_parties_as_authors_and_no_position() -> None:
    r = rec("The United States and China agreed on Monday to slash tariffs. Under the deal, the US will cut its "
            "tariffs from 145% to 30% for 90 days, and China will reduce its duties from 125% to 10%.")
    (p,) = r.proposals
    assert set(p.authors) == {"united-states", "china"}
    assert any("145% to 30%" in x for x in p.provisions) and any(x.startswith("China will reduce") for x in p.provisions)
    assert r.positions == []  # a joint agreement is not a stance; "Monday" is never an about


def test_signed_agreement_enumeration_repaired_after_parser_error() -> None:
    r = rec("Congo and Rwanda signed a peace agreement in Washington on Friday. The agreement provides for the "
            "withdrawal of Rwandan forces within 90 days, the creation of a joint security mechanism and the "
            "neutralisation of the FDLR militia.")
    (p,) = r.proposals
    assert "rwanda" in p.authors
    assert p.provisions == ["the withdrawal of Rwandan forces within 90 days", "the creation of a joint security mechanism",
                            "the neutralisation of the FDLR militia"]
    assert r.positions == []


def test_commit_verb_infinitives_and_including_list() -> None:
    r = rec("Thailand and Cambodia signed a joint declaration on Sunday. The accord commits both countries to "
            "withdraw heavy weapons from the border, to clear landmines and to allow observers to monitor the "
            "ceasefire. The framework sets out four protocols, including the exchange of prisoners, humanitarian "
            "access and the return of refugees.")
    (p,) = r.proposals
    assert {"withdraw heavy weapons from the border", "clear landmines", "the exchange of prisoners",
            "humanitarian access", "the return of refugees"} <= set(p.provisions)
    assert not any("protocols" in x for x in p.provisions)


def test_hyphenated_counter_proposal_relation_to_its_target() -> None:
    r = rec("Talks with the United States resumed in London. Ukraine presented a counter-proposal to the US peace "
            "framework on Wednesday. The counterproposal calls for a ceasefire on land, in the air and at sea.")
    counter = next(p for p in r.proposals if p.kind == "counterproposal")
    target = next(p for p in r.proposals if p is not counter)
    assert counter.relation == {"counterproposal_to": target.id} and "united-states" in target.authors


def test_refusals_with_would_not_and_would_never() -> None:
    r = rec("Zelensky said Ukraine would never recognise the occupied territories as Russian. M23 leader Bertrand "
            "Bisimwa said the rebels would not disarm before a political settlement.")
    got = {(q.stance, q.about) for q in r.positions}
    assert ("red-line", "recognise the occupied territories as Russian") in got
    assert any(s == "reject" and a.startswith("disarm before a political settlement") for s, a in got)
    r = rec("Legal observers note the White House wouldn't close the prison.")
    assert r.positions == []  # an observer's reading is not the White House's refusal


def test_stance_noun_pointing_back_and_foreign_demand() -> None:
    r = rec("The United States has demanded that Iran halt all enrichment, a demand Tehran has rejected.")
    got = {(q.stance, tuple(q.holders), q.about) for q in r.positions}
    assert got == {("demand", ("united-states",), "halt all enrichment"),
                   ("reject", ("iran",), "Iran halt all enrichment")}
    r = rec("Hamas did not address the demand that it disarm.")
    assert not any(q.stance == "demand" for q in r.positions)  # not Hamas's own demand


def test_characterisation_condition_adjective_and_phrasal_cues() -> None:
    r = rec("The EU and the US reached a trade deal on Sunday. Bayrou called the deal a submission, while "
            "Merz described the agreement as a turning point.")
    got = {(q.stance, q.holders[0]) for q in r.positions}
    assert ("oppose", "francois-bayrou") in got or any(s == "oppose" for s, _ in got)
    assert any(s == "support" for s, _ in got)
    r = rec("Rwanda's foreign minister Olivier Nduhungirehe said the lifting of its defensive measures was "
            "conditional on the neutralisation of the FDLR.")
    assert [(q.stance, q.about) for q in r.positions] == [("condition", "the neutralisation of the FDLR")]
    r = rec("Israel has said the disarmament of Hamas is non-negotiable. Ukraine pushed back on the idea of "
            "ceding Crimea.")
    got = {(q.stance, q.about) for q in r.positions}
    assert ("red-line", "the disarmament of Hamas") in got and ("oppose", "the idea of ceding Crimea") in got


def test_offer_to_mediate_and_hypothetical_deal() -> None:
    r = rec("Trump offered to work with India and Pakistan to find a solution on Kashmir.")
    (p,) = r.proposals
    assert "united-states" in p.authors or "donald-trump" in p.authors
    r = rec("Trump has threatened military action if Iran does not reach a deal on its nuclear programme.")
    assert r.proposals == []


def test_if_clause_is_a_condition_of_the_subject() -> None:
    r = rec("Iran said it would resume talks if sanctions were lifted.")
    assert [(q.stance, q.holders, q.about) for q in r.positions] == [("condition", ["iran"], "sanctions were lifted")]
    r = rec("The United States would pledge to cut its emissions if China pledged to cap its own.")
    assert ("condition", ["united-states"]) in [(q.stance, q.holders) for q in r.positions]
    r = rec("Even if the talks fail, the army will stay in the city.")
    assert r.positions == []


def test_venue_name_is_not_an_author_and_definite_repeat_refers_back() -> None:
    r = rec("Congo and the M23 signed a framework for peace in Doha. The Doha framework, drafted by Qatari "
            "mediators, sets out eight protocols, including the exchange of prisoners, humanitarian access and "
            "the return of refugees.")
    (p,) = r.proposals
    assert {"m23", "qatar"} <= set(p.authors)
    assert "humanitarian access" in p.provisions


def test_world_gold_figures() -> None:
    result = run(WORLD, EvalOptions())
    m = result.metrics
    assert m["n"] >= 10
    assert m["proposals_f1"] >= 0.85 and m["provisions_f1"] >= 0.8 and m["positions_f1"] >= 0.85, m


def test_lexicon_loads_strings_not_yaml_booleans() -> None:
    lex = load_lexicon()
    for key, values in lex.map("stance_verb_particles").items():
        assert all(isinstance(v, str) for v in values), key


# -- evaluation ---------------------------------------------------------------------
def test_overlap_measure() -> None:
    assert overlap("the front line", "front line as the basis") == 1.0
    assert overlap("new taxes and spending cuts", "new taxes") > 0.5
    assert overlap("a ban on NATO membership", "the withdrawal of the army") == 0.0


def test_score_item_counts_true_and_false_positives() -> None:
    item = {"id": "x", "text": "t", "proposals": [
        {"name": "six-point plan", "points": 6, "authors": [["Egypt"]], "provisions": [{"text": "withdraw troops"}],
         "start": 0, "end": 1}],
        "positions": [{"holders": [["Hamas"]], "stance": "reject", "about": "the proposal"}]}
    r = Record(actors=[Actor("egypt", "Egypt"), Actor("hamas", "Hamas")],
               proposals=[Proposal("p1", "plan", points=6, authors=["egypt"], provisions=["withdraw troops", "x y"])],
               positions=[Position("q1", ["hamas"], "reject", "the proposal"),
                          Position("q2", ["hamas"], "accept", "the proposal")])
    s = Scores()
    score_item(item, r, s)
    assert (s.proposals.tp, s.proposals.fp, s.proposals.fn) == (1, 0, 0)
    assert (s.provisions.tp, s.provisions.fp, s.provisions.fn) == (1, 1, 0)
    assert (s.positions.tp, s.positions.fp, s.positions.fn) == (1, 1, 0)


def test_eval_positions_quick_run_has_contract_keys() -> None:
    result = run(DEFAULT_GOLD, EvalOptions(limit=4))
    for key in ("proposals_f1", "provisions_f1", "positions_f1", "proposals_p", "positions_r", "n"):
        assert key in result.metrics
    assert result.metrics["n"] == 4


def test_gold_files_are_well_formed() -> None:
    for path in (DEFAULT_GOLD, HELDOUT, WORLD):
        items = json.loads(path.read_text("utf-8"))["items"]
        for it in items:
            assert it["source"] and it["licence"]
            for q in it["positions"]:
                assert it["text"][q["start"]:q["end"]] == q["about"]
    assert len(json.loads(DEFAULT_GOLD.read_text("utf-8"))["items"]) >= 15


# -- views and CLI ---------------------------------------------------------------------
def test_views_filter_by_actor_name_or_id(seed: Record) -> None:
    assert len(position_rows(seed, actor="ukraine")) == 3
    assert len(position_rows(seed, actor="European Union")) == 3
    assert position_rows(seed, actor="russia") == []
    rows = proposal_rows(seed)
    assert any(r.points == 19 and r.relation and "counterproposal_to" in r.relation for r in rows)


def test_cli_show_proposals_and_positions(seed_article: Path, db_url: str) -> None:
    from parley.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["run", str(seed_article), "--db", db_url, "--ingest-date", "2026-11-24"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["show", "proposals", "--db", db_url])
    assert res.exit_code == 0 and "│ 28 " in res.output and "│ 19 " in res.output
    res = runner.invoke(app, ["show", "positions", "--actor", "ukraine", "--db", db_url])
    assert res.exit_code == 0 and res.output.count("red-line") == 3
