"""Hand-built records for the storage, API and web tests: every offset is computed from the text.

The articles are synthetic (not the seed) so that the tests can assert exact facts
whatever the NLP stages currently extract. ``HOSTILE_TEXT`` carries script tags and
an ``onerror`` attribute: no page may run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import uuid4

import pytest

from parley.ingest import content_hash
from parley.records import (
    Actor,
    Article,
    Event,
    EventDate,
    Location,
    Mention,
    Position,
    Proposal,
    Record,
    Statement,
    Timex,
)

TALKS_TEXT = (
    "Foreign ministers of India and Pakistan met in Geneva on 3 March 2025 to discuss a ceasefire. "
    "\"We will not accept any partition of the valley,\" said Priya Sharma, the Indian foreign minister. "
    "Pakistan proposed a 12-point framework for the talks. "
    "The two delegations plan to meet again in Doha next week."
)

ECHO_TEXT = (
    "Foreign ministers of India and Pakistan met in Geneva on 3 March 2025 to discuss a ceasefire, "
    "officials in both capitals said. No agreement was announced after the meeting."
)

HOSTILE_TEXT = (
    "Officials said <script>window.__pwned = 1;</script> that talks in Cairo continued. "
    "<img src=x onerror=\"window.__pwned = 2\"> Egypt hosted the delegations on 4 March 2025."
)


def _m(article: str, text: str, needle: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Mention(article, start, start + len(needle), needle)


def talks_record(article_id: str = "talks") -> Record:
    """One article with actors, three events (one planned), a quote, a proposal, a position, timexes."""
    t, a = TALKS_TEXT, article_id
    art = Article(id=a, text=t, title="Ministers meet in Geneva", published="2025-03-04",
                  published_source="given", url="https://news.example/talks", content_hash=content_hash(t))
    actors = [
        Actor("india", "India", "state", iso="IND", mentions=[_m(a, t, "India")]),
        Actor("pakistan", "Pakistan", "state", iso="PAK",
              mentions=[_m(a, t, "Pakistan"), _m(a, t, "Pakistan", 1)]),
        Actor("priya-sharma", "Priya Sharma", "person", country="India", role="foreign minister",
              mentions=[_m(a, t, "Priya Sharma")]),
    ]
    met = _m(a, t, "Foreign ministers of India and Pakistan met in Geneva on 3 March 2025")
    events = [
        Event(f"{a}-e1", "CONSULT", mode="third-party", cameo="043", modality="asserted",
              date=EventDate("2025-03-03", "2025-03-03", "2025-03-03", "on 3 March 2025"),
              location=Location("Geneva", "Switzerland", 46.2, 6.15), sources=["india"], targets=["pakistan"],
              mentions=[met], trigger="met"),
        Event(f"{a}-e2", "x-PROPOSE", modality="asserted",
              date=EventDate("2025-03-04", "2025-03-04", "2025-03-04", None),
              sources=["pakistan"], mentions=[_m(a, t, "Pakistan proposed a 12-point framework")]),
        Event(f"{a}-e3", "CONSULT", mode="visit", modality="planned",
              date=EventDate("2025-W11", "2025-03-10", "2025-03-16", "next week"),
              location=Location("Doha", "Qatar", 25.29, 51.53), participants=["india", "pakistan"],
              mentions=[_m(a, t, "plan to meet again in Doha next week")]),
    ]
    quote = "We will not accept any partition of the valley,"
    statements = [Statement(f"{a}-s1", "priya-sharma", quote, direct=True, cue="said", date="2025-03-03",
                            mentions=[_m(a, t, quote)], speaker_text="Priya Sharma")]
    proposals = [Proposal(f"{a}-p1", "12-point framework", points=12, authors=["pakistan"],
                          published="2025-03-04", mentions=[_m(a, t, "12-point framework")])]
    positions = [Position(f"{a}-q1", ["india"], "reject", "partition of the valley",
                          mentions=[_m(a, t, "We will not accept any partition of the valley")])]
    timexes = [
        Timex(a, *_span(t, "3 March 2025"), "3 March 2025", "DATE", "2025-03-03"),
        Timex(a, *_span(t, "next week"), "next week", "DATE", "2025-W11"),
    ]
    return Record(articles=[art], actors=actors, events=events, statements=statements,
                  proposals=proposals, positions=positions, timexes=timexes)


def echo_record(article_id: str = "echo") -> Record:
    """Another outlet reporting the Geneva meeting of :func:`talks_record` (the merge joins them)."""
    t, a = ECHO_TEXT, article_id
    art = Article(id=a, text=t, title="Talks in Geneva", published="2025-03-04", published_source="given",
                  url="https://wire.example/geneva-talks", site="Wire", content_hash=content_hash(t))
    actors = [Actor("india", "India", "state", iso="IND", mentions=[_m(a, t, "India")]),
              Actor("pakistan", "Pakistan", "state", iso="PAK", mentions=[_m(a, t, "Pakistan")])]
    ev = Event(f"{a}-e1", "CONSULT", mode="third-party", cameo="043", modality="asserted",
               date=EventDate("2025-03-03", "2025-03-03", "2025-03-03", "on 3 March 2025"),
               location=Location("Geneva", "Switzerland", 46.2, 6.15), sources=["india"], targets=["pakistan"],
               mentions=[_m(a, t, "Foreign ministers of India and Pakistan met in Geneva on 3 March 2025")],
               trigger="met")
    return Record(articles=[art], actors=actors, events=[ev],
                  timexes=[Timex(a, *_span(t, "3 March 2025"), "3 March 2025", "DATE", "2025-03-03")])


def hostile_record(article_id: str = "hostile") -> Record:
    t, a = HOSTILE_TEXT, article_id
    art = Article(id=a, text=t, title="<script>window.__pwned = 3;</script>", published="2025-03-05",
                  published_source="given", content_hash=content_hash(t))
    egypt = Actor("egypt", "Egypt", "state", iso="EGY", mentions=[_m(a, t, "Egypt")])
    ev = Event(f"{a}-e1", "CONSULT", mode="host", modality="asserted",
               date=EventDate("2025-03-04", "2025-03-04", "2025-03-04", "on 4 March 2025"),
               location=Location("Cairo", "Egypt", 30.04, 31.24), sources=["egypt"],
               mentions=[Mention(a, 0, len(t), None)])
    return Record(articles=[art], actors=[egypt], events=[ev],
                  timexes=[Timex(a, *_span(t, "4 March 2025"), "4 March 2025", "DATE", "2025-03-04")])


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def pg_base_url() -> str:
    """The PostgreSQL server for tests (``PARLEY_TEST_PG``): skip without one, fail in CI."""
    url = os.environ.get("PARLEY_TEST_PG")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("PARLEY_TEST_PG is not set in CI: `source .ci/services.sh` first")
        pytest.skip("PARLEY_TEST_PG is not set (source .ci/services.sh to start PostgreSQL)")
    return url


@contextmanager
def fresh_pg_database(base_url: str) -> Iterator[str]:
    """A new, empty database on the test server; dropped afterwards."""
    from sqlalchemy import create_engine, text

    name = f"parley_t_{uuid4().hex[:12]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
