"""The web pages in a real browser: Playwright driving Debian's chromium against `parley serve`.

Two servers on 127.0.0.1 (random free ports), each a real `parley serve` process on a
SQLite file: one with the seed article run through the whole pipeline (robust checks,
and the screenshots in docs/screenshots/), one with hand-built records (exact checks,
the click-through, and an article full of script tags that must never run).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from _records import echo_record, hostile_record, talks_record

from parley.store import Store

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync", "--disable-background-networking",
        "--disable-component-update"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(url: str) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "parley"), "serve", "--db", url, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/articles?limit=1", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"parley serve did not start: {out[-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/chromium is missing in CI: `source .ci/services.sh` first")
        pytest.skip("/usr/bin/chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def seed_server(seed_article: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    from parley.runner import run

    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'parley.db'}"
    store = Store(url)
    summary = run([str(seed_article)], store, ingest_date=dt.date(2026, 11, 24))
    store.engine.dispose()
    assert summary.processed == 1, summary.to_dict()
    for base in _serve(url):
        yield base, summary.article_ids[0]


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('fixtures') / 'parley.db'}"
    store = Store(url)
    for rec in (talks_record(), echo_record(), hostile_record()):
        store.save(rec.articles[0], rec)
    store.engine.dispose()
    yield from _serve(url)


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 860})  # type: ignore[attr-defined]
    pg = ctx.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.errors, pg.dialogs = errors, dialogs
    yield pg
    ctx.close()
    assert not errors, errors
    assert not dialogs, dialogs


def _open(page: object, url: str) -> None:
    page.goto(url)  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)  # type: ignore[attr-defined]


def _shot(page: object, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)  # type: ignore[attr-defined]


# -- the seed, through the whole pipeline ------------------------------------------

def test_seed_article_view_highlights_facts(page: object, seed_server: tuple[str, str]) -> None:
    base, article_id = seed_server
    _open(page, f"{base}/articles/{article_id}")
    text = page.inner_text("[data-testid=article-text]")  # type: ignore[attr-defined]
    assert len(text) > 1000
    assert page.locator("mark.hl-actor").count() >= 1  # type: ignore[attr-defined]
    assert page.locator("mark.hl-timex").count() >= 1  # type: ignore[attr-defined]
    assert page.locator("[data-testid=fact-actor]").count() >= 1  # type: ignore[attr-defined]
    _shot(page, "article.png")
    mark = page.locator("mark.hl-actor").first  # type: ignore[attr-defined]
    mark.click()
    assert page.locator("li.fact.active").count() >= 1  # type: ignore[attr-defined]


def test_seed_timeline_network_map(page: object, seed_server: tuple[str, str]) -> None:
    base, _ = seed_server
    _open(page, base + "/")
    n_dots = page.locator("[data-testid=event-dot]").count()  # type: ignore[attr-defined]
    if n_dots:
        page.locator("[data-testid=event-dot]").last.click()  # type: ignore[attr-defined]
        page.locator("[data-testid=event-card]").first.wait_for()  # type: ignore[attr-defined]
    _shot(page, "timeline.png")
    _open(page, base + "/network")
    n_nodes = page.locator("[data-testid=actor-node]").count()  # type: ignore[attr-defined]
    if n_nodes:
        biggest = max(page.locator("[data-testid=actor-node]").all(),  # type: ignore[attr-defined]
                      key=lambda n: float(n.get_attribute("r")))
        biggest.click()
        page.locator("[data-testid=event-card]").first.wait_for()  # type: ignore[attr-defined]
    _shot(page, "network.png")
    _open(page, base + "/map")
    _shot(page, "map.png")
    events = page.evaluate("fetch('/api/events?limit=1000').then(r => r.json())")  # type: ignore[attr-defined]
    dated = [e for e in events["items"] if e["bounds"]]
    assert n_dots == len(dated)
    with_actors = {a for e in events["items"] for a in e["actor_names"]}
    assert n_nodes == len(with_actors)
    assert events["total"] >= 1 and n_dots >= 1, "the seed should yield at least one dated event"


# -- exact checks on hand-built records -----------------------------------------------

def test_timeline_encodes_type_modality_corroboration(page: object, fixture_server: str) -> None:
    _open(page, fixture_server + "/")
    dots = page.locator("[data-testid=event-dot]")  # type: ignore[attr-defined]
    assert dots.count() == 4
    attrs = {d.get_attribute("data-id"): (d.get_attribute("fill"), d.get_attribute("stroke"), float(d.get_attribute("r")))
             for d in dots.all()}
    assert attrs["talks-e3"][0] == "#fff"  # planned: hollow
    assert attrs["talks-e1"][0] == attrs["talks-e1"][1] != "#fff"
    assert attrs["talks-e1"][2] > attrs["talks-e2"][2]  # corroborated by two outlets: bigger
    assert attrs["talks-e1"][1] != attrs["talks-e2"][1]  # CONSULT and x-PROPOSE differ in colour
    page.select_option("[data-testid=actor-filter]", "egypt")  # type: ignore[attr-defined]
    page.wait_for_function("document.querySelectorAll('[data-testid=event-dot]').length === 1")  # type: ignore[attr-defined]
    assert "actor=egypt" in page.url  # type: ignore[attr-defined]


def test_click_timeline_event_then_article(page: object, fixture_server: str) -> None:
    _open(page, fixture_server + "/")
    page.click("[data-testid=event-dot][data-id='talks-e1']")  # type: ignore[attr-defined]
    card = page.locator("[data-testid=event-card]")  # type: ignore[attr-defined]
    card.first.wait_for()
    assert "CONSULT" in card.first.inner_text() and "Geneva" in card.first.inner_text()
    page.click("[data-testid=open-article]")  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready='1']")  # type: ignore[attr-defined]
    assert "/articles/talks#event-talks-e1" in page.url  # type: ignore[attr-defined]
    active = page.locator("mark.hl.active")  # type: ignore[attr-defined]
    assert active.count() >= 1
    joined = "".join(active.all_inner_texts())
    assert "met in Geneva" in joined
    assert page.locator("li.fact.active#fact-event-talks-e1").count() == 1  # type: ignore[attr-defined]


def test_article_view_highlights_every_kind(page: object, fixture_server: str) -> None:
    _open(page, fixture_server + "/articles/talks")
    for kind, n in (("actor", 4), ("event", 3), ("statement", 1), ("timex", 2), ("proposal", 1), ("position", 1)):
        marks = page.locator(f"mark.hl-{kind}")  # type: ignore[attr-defined]
        assert marks.count() >= n if n else marks.count() == 0, kind
    text = page.inner_text("[data-testid=article-text]")  # type: ignore[attr-defined]
    assert text.strip() == talks_record().articles[0].text
    page.click("mark.hl-actor >> text=Priya Sharma")  # type: ignore[attr-defined]
    assert page.locator("#fact-actor-priya-sharma.active").count() == 1  # type: ignore[attr-defined]


def test_network_click_shows_events(page: object, fixture_server: str) -> None:
    _open(page, fixture_server + "/network")
    nodes = page.locator("[data-testid=actor-node]")  # type: ignore[attr-defined]
    assert sorted(n.get_attribute("data-id") for n in nodes.all()) == ["egypt", "india", "pakistan"]
    assert page.locator("[data-testid=edge]").count() == 1  # type: ignore[attr-defined]
    page.click("[data-testid=actor-node][data-id='india']")  # type: ignore[attr-defined]
    cards = page.locator("[data-testid=panel-events] [data-testid=event-card]")  # type: ignore[attr-defined]
    assert sorted(c.get_attribute("data-id") for c in cards.all()) == ["talks-e1", "talks-e3"]
    page.click("[data-testid=edge]", force=True)  # type: ignore[attr-defined]
    assert cards.count() == 2


def test_map_plots_event_locations(page: object, fixture_server: str) -> None:
    _open(page, fixture_server + "/map")
    points = page.locator("[data-testid=map-point]")  # type: ignore[attr-defined]
    places = {p.get_attribute("data-place"): (float(p.get_attribute("cx")), float(p.get_attribute("cy")))
              for p in points.all()}
    assert set(places) == {"Geneva", "Doha", "Cairo"}
    assert places["Geneva"] == pytest.approx((180 + 6.15, 90 - 46.2))
    page.click("[data-testid=map-point][data-place='Cairo']", force=True)  # type: ignore[attr-defined]
    card = page.locator("[data-testid=event-card]").first  # type: ignore[attr-defined]
    card.wait_for()
    assert card.get_attribute("data-id") == "hostile-e1"


def test_article_text_is_escaped_and_no_script_runs(page: object, fixture_server: str) -> None:
    _open(page, fixture_server + "/articles/hostile")
    assert page.evaluate("typeof window.__pwned") == "undefined"  # type: ignore[attr-defined]
    assert page.locator("[data-testid=article-text] script, [data-testid=article-text] img").count() == 0  # type: ignore[attr-defined]
    assert "<script>window.__pwned = 1;</script>" in page.inner_text("[data-testid=article-text]")  # type: ignore[attr-defined]
    assert "<script>" in page.inner_text("[data-testid=article-title]")  # type: ignore[attr-defined]
    # the same text through the timeline's event panel (evidence) and the articles list
    _open(page, fixture_server + "/")
    page.click("[data-testid=event-dot][data-id='hostile-e1']")  # type: ignore[attr-defined]
    page.locator("[data-testid=event-card]").first.wait_for()  # type: ignore[attr-defined]
    assert "<script>" in page.inner_text("[data-testid=panel]")  # type: ignore[attr-defined]
    _open(page, fixture_server + "/articles")
    assert page.evaluate("typeof window.__pwned") == "undefined"  # type: ignore[attr-defined]
