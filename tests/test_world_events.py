"""Events on realistic 2025 world news (not the seed): the key events of each report, with type, actors,
date, place and modality, and a few events that must NOT be coded.

``tests/fixtures/world/articles.jsonl`` (five reports written by the lead) and ``articles2.jsonl`` (six
more, written as an unseen check) run through the whole pipeline. ``python tests/test_world_events.py``
prints a scoreboard (key events found / fully right, and the precision of all events coded).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "world"
ANY: Any = object()


@dataclass
class Want:
    """A key event: every listed actor must be among the event's sources/targets/participants."""

    article: str
    type: str
    actors: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)  # must be among the sources
    targets: set[str] = field(default_factory=set)  # must be among the targets
    date: Any = ANY  # a date value prefix, a tuple of acceptable prefixes, None (must be unknown) or ANY
    place: Any = ANY  # location name, None or ANY
    modality: Any = "asserted"
    mode: Any = ANY
    optional: bool = False  # acceptable (counts for precision) but not required


@dataclass
class Forbid:
    article: str
    type: str
    sources: set[str] = field(default_factory=set)
    exact_actors: set[str] | None = None  # forbidden when the actors are exactly these


DRC = "democratic-republic-of-the-congo"
UAE = "united-arab-emirates"

WANT1 = [
    Want("gaza-sharm", "AGREE", sources={"israel", "hamas"}, place="Sharm el-Sheikh"),
    Want("gaza-sharm", "CONSULT", actors={"israel", "hamas"}, place="Sharm el-Sheikh"),
    Want("gaza-sharm", "RETREAT", sources={"israel"}, modality="planned", mode="withdraw"),
    # "The group has rejected ...": needs "the group" -> Hamas from the actors stage (not linked yet)
    Want("gaza-sharm", "REJECT", sources={"hamas"}, optional=True),
    Want("gaza-sharm", "x-TRAVEL", sources={"jared-kushner"}, place="Israel", date="2025-10-10", modality="planned"),
    Want("gaza-sharm", "CONSULT", sources={"donald-trump"}, modality="hypothetical", optional=True),
    Want("gaza-sharm", "AGREE", sources={"benjamin-netanyahu"}, modality="planned", optional=True),
    Want("drc-rwanda", "AGREE", actors={DRC, "rwanda", "marco-rubio"}, date="2025-06-27", place="Washington",
         mode="sign"),
    Want("drc-rwanda", "RETREAT", sources={"rwanda"}, modality="planned", mode="withdraw"),
    Want("drc-rwanda", "CONSULT", actors={"felix-tshisekedi", "paul-kagame"}, place="Washington",
         date="FUTURE_REF", modality="planned"),
    Want("drc-rwanda", "COERCE", sources={"m23"}, optional=True),
    Want("drc-rwanda", "AGREE", actors={"felix-tshisekedi", "paul-kagame"}, modality="planned", optional=True),
    Want("thai-cambodia", "AGREE", sources={"thailand", "cambodia"}, date="2025-07-28", place="Putrajaya"),
    Want("thai-cambodia", "CONSULT", actors={"cambodia", "thailand", "united-states", "china", "anwar-ibrahim"},
         date=(None, "2025-07-28"), place="Putrajaya"),
    # the accuser is Phumtham (the actors stage links the bare "Phumtham" to its own id): not Thailand
    Want("thai-cambodia", "ACCUSE", targets={"cambodia"}),
    Want("thai-cambodia", "CONSULT", actors={"thailand", "cambodia"}, date="2025-07-29", modality="planned"),
    Want("thai-cambodia", "CONSULT", actors={"border-committee"}, date="2025-08-04", place="Cambodia",
         modality="planned"),
    Want("us-china-geneva", "AGREE", sources={"united-states", "china"}, date="2025-05-12", place="Geneva"),
    Want("us-china-geneva", "CONSULT", actors={"united-states", "china"}, place="Geneva",
         date=(None, "2025-W19", "2025-05-10", "2025-05-11")),
    Want("us-china-geneva", "CONCEDE", sources={"united-states"}, modality="planned"),
    Want("us-china-geneva", "CONCEDE", sources={"china"}, modality="planned"),
    Want("us-china-geneva", "CONSULT", actors={"united-states", "china"}, place="London", date="2025-06",
         modality="hypothetical", optional=True),
    Want("india-pakistan", "AGREE", sources={"india", "pakistan"}, date="2025-05-10"),
    Want("india-pakistan", "CONSULT", actors={"india", "pakistan"}, date="2025-05-10", mode="phone"),
    Want("india-pakistan", "CONSULT", actors={"marco-rubio", "narendra-modi", "shehbaz-sharif"}),
    Want("india-pakistan", "REJECT", sources={"india"}),
]
FORBID1 = [
    Forbid("gaza-sharm", "RETREAT", sources={"donald-trump"}),
    Forbid("drc-rwanda", "CONSULT", sources={"united-states"}),
    Forbid("thai-cambodia", "CONSULT", exact_actors={"united-states", "china"}),
    Forbid("us-china-geneva", "SANCTION", sources={"united-states"}),
    Forbid("thai-cambodia", "ACCUSE", sources={"thailand"}),
    Forbid("india-pakistan", "ASSAULT"),
]

# Written before any tuning on them: the unseen check.
WANT2 = [
    Want("armenia-azerbaijan", "AGREE", actors={"nikol-pashinyan", "ilham-aliyev"}, date="2025-08-08",
         place="Washington", mode="sign"),
    Want("armenia-azerbaijan", "CONSULT", sources={"donald-trump"}, actors={"nikol-pashinyan", "ilham-aliyev"},
         date="2025-08-08", place="Washington", mode="host"),
    Want("armenia-azerbaijan", "REQUEST", sources={"azerbaijan"}, targets={"armenia"}),
    Want("armenia-azerbaijan", "AGREE", sources={"donald-trump"}, optional=True),
    Want("russia-ukraine-istanbul", "CONSULT", actors={"russia", "ukraine"}, date="2025-05-16", place="Istanbul"),
    Want("russia-ukraine-istanbul", "AGREE", actors={"russia", "ukraine"}),
    Want("russia-ukraine-istanbul", "ACCUSE", sources={"volodymyr-zelensky"}, targets={"russia"}),
    Want("russia-ukraine-istanbul", "REJECT", sources={"russia"}),
    Want("iran-us-muscat", "CONSULT", actors={"iran", "united-states"}, date="2025-04-12", place="Muscat"),
    Want("iran-us-muscat", "CONSULT", actors={"iran", "united-states"}, date="2025-04-19", modality="planned"),
    Want("iran-us-muscat", "THREATEN", sources={"donald-trump"}),
    Want("iran-us-muscat", "AGREE", actors={"iran", "united-states"}, optional=True),
    Want("trump-putin-anchorage", "CONSULT", actors={"donald-trump", "vladimir-putin"}, date="2025-08-15",
         place="Anchorage"),
    Want("trump-putin-anchorage", "CONSULT", sources={"donald-trump"}, targets={"volodymyr-zelensky"},
         modality="planned"),
    Want("trump-putin-anchorage", "x-TRAVEL", sources={"volodymyr-zelensky"}, place="Washington",
         date="2025-08-18", modality="planned"),
    Want("trump-putin-anchorage", "CONSULT", actors={"donald-trump", "vladimir-putin"}, place="Moscow",
         optional=True, modality=ANY),
    Want("eu-us-turnberry", "AGREE", actors={"ursula-von-der-leyen", "donald-trump"}, date="2025-07-27",
         place="Turnberry"),
    Want("eu-us-turnberry", "CONSULT", actors={"ursula-von-der-leyen", "donald-trump"}),
    Want("eu-us-turnberry", "ACCUSE", sources={"francois-bayrou"}),
    Want("eu-us-turnberry", "SUPPORT", sources={"friedrich-merz"}),
    Want("eu-us-turnberry", "SANCTION", sources={"united-states"}, modality="planned", optional=True),
    Want("sudan-quad", "REQUEST", sources={"united-states", "saudi-arabia", UAE, "egypt"}, date="2025-09-12"),
    Want("sudan-quad", "CONSULT", actors={"united-states", "saudi-arabia", UAE, "egypt"}, place="Washington"),
    Want("sudan-quad", "REJECT", sources={"sudan"}),
]
FORBID2 = [
    Forbid("russia-ukraine-istanbul", "CONSULT", exact_actors={"volodymyr-zelensky"}),
]


@lru_cache(maxsize=2)
def run(name: str) -> dict[str, list[dict[str, Any]]]:
    """Run the whole pipeline over one fixture file: article id -> its events (as dicts)."""
    from parley.pipeline import process
    from parley.records import ArticleInput

    arts = [ArticleInput(id=d["id"], text=d["text"], title=d.get("title"), published=d["published"],
                         published_source="given")
            for d in map(json.loads, (FIXTURES / name).read_text(encoding="utf-8").splitlines())]
    out: dict[str, list[dict[str, Any]]] = {}
    for art, rec in process(arts):
        out[art.id] = [e.to_dict() for e in getattr(rec, "events", [])]
    return out


def actors_of(ev: dict[str, Any]) -> set[str]:
    return set(ev["sources"]) | set(ev["targets"]) | set(ev["participants"])


def _date_ok(want: Any, ev: dict[str, Any]) -> bool:
    if want is ANY:
        return True
    value = (ev.get("date") or {}).get("value")
    options = want if isinstance(want, tuple) else (want,)
    return any((value is None) if o is None else (value or "").startswith(o) for o in options)


def _place_ok(want: Any, ev: dict[str, Any]) -> bool:
    if want is ANY:
        return True
    name = (ev.get("location") or {}).get("name")
    return (name is None) if want is None else (name or "").lower() == want.lower()


def candidates(w: Want, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events of the type whose actors include the wanted ones."""
    return [e for e in events if e["type"] == w.type and w.actors <= actors_of(e) and w.sources <= set(e["sources"])
            and w.targets <= set(e["targets"])]


def problems(w: Want, ev: dict[str, Any]) -> list[str]:
    out = []
    if not _date_ok(w.date, ev):
        out.append(f"date {(ev.get('date') or {}).get('value')} != {w.date}")
    if not _place_ok(w.place, ev):
        out.append(f"place {(ev.get('location') or {}).get('name')} != {w.place}")
    if w.modality is not ANY and ev["modality"] != w.modality:
        out.append(f"modality {ev['modality']} != {w.modality}")
    if w.mode is not ANY and ev.get("mode") != w.mode:
        out.append(f"mode {ev.get('mode')} != {w.mode}")
    return out


def best(w: Want, events: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, list[str]]:
    cands = candidates(w, events)
    if not cands:
        return None, ["not found"]
    ranked = sorted(cands, key=lambda e: len(problems(w, e)))
    return ranked[0], problems(w, ranked[0])


def forbidden(f: Forbid, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == f.type and f.sources <= set(e["sources"])
            and (f.exact_actors is None or actors_of(e) == f.exact_actors)]


def scoreboard(name: str, wants: list[Want], forbids: list[Forbid]) -> dict[str, Any]:
    """found / right over required key events; precision = events matching any key event / all events."""
    got = run(name)
    required = [w for w in wants if not w.optional]
    found = right = 0
    lines = []
    for w in required:
        ev, probs = best(w, got.get(w.article, []))
        found += ev is not None
        right += not probs
        lines.append(f"{'ok  ' if not probs else 'FAIL'} {w.article} {w.type} {sorted(w.actors | w.sources)}: "
                     f"{'; '.join(probs)}")
    matched = {id(e) for w in wants for e in candidates(w, got.get(w.article, []))}
    events = [e for evs in got.values() for e in evs]
    extra = [e for e in events if id(e) not in matched]
    bad = [e for f in forbids for e in forbidden(f, got.get(f.article, []))]
    return {"file": name, "required": len(required), "found": found, "right": right, "events": len(events),
            "matched": len(events) - len(extra), "precision": round((len(events) - len(extra)) / max(len(events), 1), 3),
            "forbidden": len(bad), "lines": lines,
            "extra": [f"{e['id']} {e['type']} {e['sources']}->{e['targets']} {e.get('trigger')}" for e in extra]}


def _ids(wants: list[Want]) -> list[str]:
    return [f"{w.article}:{w.type}:{'+'.join(sorted(w.actors | w.sources))}" for w in wants]


REQ1 = [w for w in WANT1 if not w.optional]
REQ2 = [w for w in WANT2 if not w.optional]


@pytest.mark.parametrize("want", REQ1, ids=_ids(REQ1))
def test_key_events_lead_set(want: Want) -> None:
    ev, probs = best(want, run("articles.jsonl").get(want.article, []))
    assert not probs, f"{want}: {probs}; got {run('articles.jsonl').get(want.article)}"


@pytest.mark.parametrize("forbid", FORBID1 + FORBID2, ids=lambda f: f"{f.article}:{f.type}")
def test_not_coded(forbid: Forbid) -> None:
    name = "articles.jsonl" if forbid in FORBID1 else "articles2.jsonl"
    assert not forbidden(forbid, run(name).get(forbid.article, []))


def test_precision_lead_set() -> None:
    board = scoreboard("articles.jsonl", WANT1, FORBID1)
    assert board["precision"] >= 0.8, board["extra"]


def test_unseen_set_floor() -> None:
    """The second set is a check, not a tuning target: a floor that catches regressions."""
    board = scoreboard("articles2.jsonl", WANT2, FORBID2)
    assert board["found"] / board["required"] >= 0.65, board["lines"]  # measured 17/20 (2026-11-25)
    assert board["precision"] >= 0.6, board["extra"]  # measured 0.80


if __name__ == "__main__":  # python tests/test_world_events.py [articles|articles2]
    which = sys.argv[1:] or ["articles", "articles2"]
    for n in which:
        b = scoreboard(f"{n}.jsonl", WANT1 if n == "articles" else WANT2, FORBID1 if n == "articles" else FORBID2)
        print("\n".join(b.pop("lines")))
        print("extra:", *b.pop("extra"), sep="\n  ")
        print(json.dumps(b))


# The failure classes behind the key events, one short text each (whole pipeline, invented names where
# the actors stage does not need to know them).
def _events(text: str, published: str = "2025-06-02") -> list[dict[str, Any]]:
    import datetime as dt

    from parley.pipeline import process_text

    return [e.to_dict() for e in process_text(text, dt.date.fromisoformat(published)).events]


def test_future_in_past_is_planned_and_passive_has_no_agent() -> None:
    evs = _events("Donald Trump announced the deal on Sunday, saying that all the hostages would be released "
                  "and that Israel would withdraw its troops.")
    assert not [e for e in evs if "donald-trump" in e["sources"] and e["type"] == "RETREAT"]
    withdraw = [e for e in evs if e["type"] == "RETREAT" and e["sources"] == ["israel"]]
    assert withdraw and withdraw[0]["modality"] == "planned"


def test_the_two_countries_refers_to_the_pair() -> None:
    evs = _events("India and Pakistan agreed to a ceasefire on Saturday. Officials of the two countries spoke "
                  "by telephone on Sunday.")
    phone = [e for e in evs if e["type"] == "CONSULT"]
    assert phone and {"india", "pakistan"} <= set(phone[0]["sources"]) and phone[0]["mode"] == "phone"


def test_raising_and_object_control_give_the_agent() -> None:
    evs = _events("Paul Kagame and Felix Tshisekedi are expected to meet in Washington, the White House said. "
                  "The agreement commits Rwanda to withdraw its troops.")
    meet = [e for e in evs if e["type"] == "CONSULT"]
    assert meet and "united-states" not in meet[0]["sources"] and meet[0]["modality"] == "planned"
    assert [e for e in evs if e["type"] == "RETREAT" and e["sources"] == ["rwanda"]]


def test_attending_joins_the_meeting_and_stopping_fire_is_not_an_attack() -> None:
    evs = _events("Thailand and Cambodia held talks in Putrajaya on Monday. Representatives of the United States "
                  "and China attended the meeting. Both countries agreed to stop all firing.")
    consult = [e for e in evs if e["type"] == "CONSULT"]
    assert len(consult) == 1 and {"united-states", "china"} <= set(consult[0]["participants"])
    assert not [e for e in evs if e["type"] == "ASSAULT"]


def test_tariff_cut_is_a_concession_and_agree_after_talks_takes_their_place() -> None:
    evs = _events("The United States and China agreed on Monday to cut tariffs after two days of talks in Geneva. "
                  "The US will cut its tariffs on Chinese goods.", "2025-05-12")
    assert [e for e in evs if e["type"] == "CONCEDE" and "united-states" in e["sources"]]
    assert not [e for e in evs if e["type"] == "SANCTION"]
    agree = [e for e in evs if e["type"] == "AGREE"]
    assert agree and (agree[0]["location"] or {}).get("name") == "Geneva"
