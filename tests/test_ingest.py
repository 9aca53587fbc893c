"""Ingest: files, directories, JSON Lines, WARC, stdin, URLs and feeds from a local server."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from ingest_server import FIXTURES, serve

from parley import __version__
from parley.clean import clean_text
from parley.errors import CATALOGUE, ItemError
from parley.fetch import FetchConfig, Fetcher
from parley.ingest import (
    content_hash,
    decode_bytes,
    extract_html,
    iter_feed,
    iter_inputs,
)
from parley.ingest.sources import stdin_items
from parley.records import ArticleInput

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXTRACTION = SHARED / "data" / "extraction"


def quick_fetcher(**kw: object) -> Fetcher:
    cfg = FetchConfig(timeout=1.0, deadline=2.0, retries=1, backoff=0.05, delay=0.0)
    for k, v in kw.items():
        setattr(cfg, k, v)
    return Fetcher(cfg)


def articles(items: list[ArticleInput | ItemError]) -> list[ArticleInput]:
    return [x for x in items if isinstance(x, ArticleInput)]


def errors(items: list[ArticleInput | ItemError]) -> list[ItemError]:
    return [x for x in items if isinstance(x, ItemError)]


# ------------------------------------------------------------------ extraction and cleaning

def test_html_fixture_text_and_metadata() -> None:
    html = (FIXTURES / "trade-talks.html").read_text("utf-8")
    ex = extract_html(html, "https://example.org/trade")
    assert not isinstance(ex, ItemError)
    assert ex.title == "Trade negotiators agree to extend tariff truce by 90 days"
    assert ex.author == "Amara Okafor"
    assert ex.site == "The Example Ledger"
    assert ex.published == "2025-08-12"
    assert ex.text.startswith("GENEVA — Negotiators")
    assert "Stockholm in October" in ex.text
    for furniture in ("Read more", "Sign up", "Reporting by", "Photo:", "Shipping rates fall", "©"):
        assert furniture not in ex.text, furniture


def test_copyright_year_alone_is_not_a_date() -> None:
    from htmldate import find_date

    html = (FIXTURES / "copyright-only.html").read_text("utf-8")
    assert find_date(html) == "2025-01-01"  # what htmldate alone guesses from the footer
    ex = extract_html(html)
    assert not isinstance(ex, ItemError)
    assert ex.published is None


def test_json_ld_date_author() -> None:
    ex = extract_html((FIXTURES / "ceasefire-talks.html").read_text("utf-8"))
    assert not isinstance(ex, ItemError)
    assert ex.published == "2025-06-03" and ex.author == "Yusuf Haddad"
    assert "Translated by" not in ex.text and "(Photo:" not in ex.text and "Subscribe" not in ex.text


def test_clean_text_general_rules() -> None:
    text = "\n".join([
        "Talks on the border resume",
        "Negotiators met in Addis Ababa on Monday to resume talks on the disputed border region.",
        "READ MORE: Why the border talks stalled last year",
        "Photo: AFP",
        "ALSO READ: Five things to know about the dispute",
        "Both sides agreed to set up a joint technical committee.",
        "CLICK HERE TO GET THE LATEST NEWS APP FOR YOUR PHONE TODAY",
        "Follow us on Twitter for more updates",
        "Translated by Jane Roe",
        "Related",
        "- Border clashes leave three dead in the northern district overnight",
        "- Ministers to meet again after the rainy season ends in the region",
    ])
    out = clean_text(text, title="Talks on the border resume | Example News")
    assert out.splitlines() == [
        "Negotiators met in Addis Ababa on Monday to resume talks on the disputed border region.",
        "Both sides agreed to set up a joint technical committee.",
    ]


def test_clean_text_keeps_prose_headings_and_lists() -> None:
    text = "\n".join([
        "The agreement has three parts.",
        "WHAT THE DEAL SAYS",
        "- a ceasefire along the front line;",
        "- an exchange of prisoners;",
        "- talks on the final status.",
        "Officials said the text could still change.",
    ])
    assert clean_text(text) == text


def test_language_is_detected_and_flaggable() -> None:
    items = list(iter_inputs([str(FIXTURES / "accord-fr.html"), str(FIXTURES / "port-deal.html")]))
    langs = [a.language for a in articles(items)]
    assert langs == ["fr", "en"]
    assert "E013" in CATALOGUE  # the caller stores non-English articles flagged with this code


# ------------------------------------------------------------------ decoding

@pytest.mark.parametrize("raw,code", [
    (b"", "E001"), (b"   \n\t ", "E001"), (b"\x00\x01\x02binary\x00" * 50, "E002"),
    (b"caf\xe9 \xff\xfe\xfa broken " * 10, "E003"),
])
def test_decode_errors(raw: bytes, code: str) -> None:
    out = decode_bytes(raw, "x")
    assert isinstance(out, ItemError) and out.code == code


def test_decode_utf16_with_and_without_bom() -> None:
    text = "Delegations met in Riyadh to discuss a truce. " * 5
    assert decode_bytes(text.encode("utf-16"), "x") == text
    assert decode_bytes(text.encode("utf-16-le"), "x") == text
    assert decode_bytes(text.encode("utf-16-be"), "x") == text


def test_content_hash_is_stable() -> None:
    assert content_hash("abc") == content_hash("abc") != content_hash("abd")


# ------------------------------------------------------------------ files, archives, stdin

def test_directory_walk_jsonl_and_codes(tmp_path: Path) -> None:
    items = list(iter_inputs([str(FIXTURES), str(tmp_path / "nope.html")]))
    arts = articles(items)
    codes = sorted(e.code for e in errors(items))
    titles = {a.title for a in arts}
    assert "Envoys meet" in titles and "Les deux pays signent un accord de cessez-le-feu" in titles
    assert codes.count("E006") == 2  # two bad JSON Lines records
    assert "E007" in codes  # missing path
    assert all(e.code in CATALOGUE for e in errors(items))
    j1 = next(a for a in arts if a.id == "j1")
    assert j1.published == "2025-02-01" and j1.url == "https://example.org/a"


def test_gzipped_jsonl_and_truncated_gzip(tmp_path: Path) -> None:
    good = tmp_path / "batch.jsonl.gz"
    good.write_bytes(gzip.compress((FIXTURES / "export.jsonl").read_bytes()))
    bad = tmp_path / "cut.jsonl.gz"
    bad.write_bytes(good.read_bytes()[:-30])
    page = tmp_path / "cut.html.gz"
    page.write_bytes(gzip.compress((FIXTURES / "port-deal.html").read_bytes())[:-40])
    items = list(iter_inputs([str(good), str(bad), str(page)]))
    assert len(articles(items)) >= 3
    assert [e.code for e in errors(items)].count("E010") == 2


def test_warc_gz(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for name in ("trade-talks.html", "port-deal.html"):
            body = (FIXTURES / name).read_bytes()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"https://example.org/{name}", "response",
                                            payload=io.BytesIO(body), http_headers=http)
            writer.write_record(rec)
        css = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/x.css", "response",
                                                      payload=io.BytesIO(b"body{}"), http_headers=css))
    items = list(iter_inputs([str(path)]))
    arts = articles(items)
    assert [a.url for a in arts] == ["https://example.org/trade-talks.html", "https://example.org/port-deal.html"]
    assert arts[0].published == "2025-08-12"
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(path.read_bytes()[:700])
    codes = [e.code for e in errors(list(iter_inputs([str(broken)])))]
    assert codes and set(codes) <= {"E012", "E005"}


def test_stdin_text_and_jsonl() -> None:
    text = b"Ministers from the bloc agreed on Friday to resume negotiations on the trade pact next month."
    arts = articles(list(stdin_items(stream=io.BytesIO(text))))
    assert len(arts) == 1 and arts[0].origin == "stdin"
    lines = (FIXTURES / "export.jsonl").read_bytes()
    items = list(stdin_items(stream=io.BytesIO(lines)))
    assert len(articles(items)) == 2 and len(errors(items)) == 2


# ------------------------------------------------------------------ fetching

def test_fetch_page_robots_and_errors() -> None:
    with serve() as srv, quick_fetcher() as fetcher:
        base = srv.base
        items = list(iter_inputs([
            f"{base}/news/trade-talks.html", f"{base}/private/port-deal.html", f"{base}/missing",
            f"{base}/loop", f"{base}/binary", "http://127.0.0.1:9/dead",
        ], fetcher=fetcher))
        arts, errs = articles(items), errors(items)
        assert len(arts) == 1 and arts[0].url == f"{base}/news/trade-talks.html"
        assert arts[0].title == "Trade negotiators agree to extend tariff truce by 90 days"
        assert [e.code for e in errs] == ["E009", "E008", "E008", "E030", "E008"]
        assert "HTTP 404" in errs[1].detail and "redirect" in errs[2].detail
        agents = {ua for _, ua in srv.hits}
        assert agents == {fetcher.config.user_agent} and f"parley/{__version__}" in agents.pop()
        assert not any(p.startswith("/private/") for p, _ in srv.hits)  # robots.txt obeyed
        assert sum(1 for p, _ in srv.hits if p == "/robots.txt") == 1  # read once per host
        assert sum(1 for p, _ in srv.hits if p == "/missing") == 1  # a 404 is not retried


def test_fetch_timeout_and_retry() -> None:
    with serve() as srv, quick_fetcher(timeout=0.5, deadline=1.0, retries=0) as fetcher:
        got = fetcher.get(f"{srv.base}/slow")
        assert isinstance(got, ItemError) and got.code == "E008" and "timeout" in got.detail
    with serve() as srv, quick_fetcher(retries=2) as fetcher:
        got = fetcher.get(f"{srv.base}/flaky")  # 503 once, then the page
        assert not isinstance(got, ItemError) and got.status == 200
        assert [p for p, _ in srv.hits].count("/flaky") == 2


def test_fetch_size_cap() -> None:
    with serve() as srv, quick_fetcher(max_bytes=500) as fetcher:
        got = fetcher.get(f"{srv.base}/news/trade-talks.html")
        assert isinstance(got, ItemError) and got.code == "E004"


def test_feed_items_from_local_server() -> None:
    with serve() as srv, quick_fetcher() as fetcher:
        items = list(iter_feed(f"{srv.base}/feed.xml", fetcher=fetcher))
        arts = articles(items)
        assert [a.published for a in arts] == ["2025-08-12", "2025-06-03", "2025-03-20"]
        assert all(a.site == "Example Wire: Diplomacy" or a.site for a in arts)
        assert [e.code for e in errors(items)] == ["E008"]  # the item whose page is gone
        same = list(iter_inputs([], feeds=[f"{srv.base}/feed.xml"], fetcher=fetcher))
        assert [a.id for a in articles(same)] == [a.id for a in arts]
        bad = list(iter_inputs([], feeds=[f"{srv.base}/missing"], fetcher=fetcher))
        assert [e.code for e in errors(bad)] == ["E011"]


def test_feed_url_given_as_plain_source_is_detected() -> None:
    with serve() as srv, quick_fetcher() as fetcher:
        items = list(iter_inputs([f"{srv.base}/feed.xml"], fetcher=fetcher))
        assert len(articles(items)) == 3


# ------------------------------------------------------------------ the benchmark

@pytest.mark.skipif(not EXTRACTION.exists(), reason="shared extraction data absent")
def test_extraction_benchmark_sample() -> None:
    from parley.evaluation import EvalOptions
    from parley.evaluation.extraction import run

    res = run(EXTRACTION, EvalOptions(limit=40))
    assert res.metrics["n"] == 40
    assert res.metrics["f1"] > res.metrics["trafilatura"]["f1"]
    assert res.metrics["f1"] >= 0.95
    json.dumps(res.metrics)


def test_errors_command_lists_catalogue() -> None:
    from typer.testing import CliRunner

    from parley.cli import app

    res = CliRunner().invoke(app, ["errors", "--json"])
    assert res.exit_code == 0
    assert json.loads(res.stdout) == CATALOGUE
    table = CliRunner().invoke(app, ["errors"])
    assert table.exit_code == 0 and "E013" in table.stdout and "robots.txt" in table.stdout
