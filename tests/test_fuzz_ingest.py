"""Fuzz: over a thousand broken inputs mixed with good ones, through iter_inputs into SQLite.

Asserts: every good input gives exactly one article and is stored exactly once (a second
copy is a duplicate), every bad input gives at least one coded error and no article, no
exception escapes, and SQLite's integrity check passes afterwards.
"""

from __future__ import annotations

import gzip
import json
import random
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_server import serve

from parley.errors import CATALOGUE, ItemError
from parley.fetch import FetchConfig, Fetcher
from parley.ingest import content_hash, iter_inputs
from parley.pipeline import to_article
from parley.records import ArticleInput
from parley.store import Store

SEED = 20251125
BIG_BYTES = 50 * 1024 * 1024

PLACES = ["Nairobi", "Jakarta", "Doha", "Geneva", "Cairo", "Islamabad", "Manila", "Bogotá", "Riyadh", "Hanoi",
          "Addis Ababa", "Ankara", "Muscat", "Dakar", "Kuala Lumpur", "Oslo", "Astana", "Lima"]
TOPICS = ["a ceasefire", "a trade agreement", "a prisoner exchange", "water sharing", "a border dispute",
          "tariff cuts", "a maritime boundary", "humanitarian access", "a debt restructuring", "grain exports"]


def good_text(rng: random.Random, n: int) -> str:
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    paras = [
        f"Delegations met in {place} on day {n} of the talks to discuss {topic}, officials said.",
        f"The negotiators agreed to continue working on {topic} and to meet again within {n % 9 + 2} weeks.",
        f"Observers said round {n} of the talks in {place} had been more constructive than earlier ones.",
    ]
    return "\n\n".join(paras)


def good_html(text: str, n: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Talks, round {n}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>Talks, round {n}</h1>{body}</article>"
            f"<footer>Subscribe to our newsletter</footer></body></html>")


class Case:
    def __init__(self, source: str, kind: str, good: bool, text: str | None = None) -> None:
        self.source, self.kind, self.good, self.text = source, kind, good, text


def make_cases(root: Path, big: Path, base: str) -> list[Case]:
    rng = random.Random(SEED)
    cases: list[Case] = []
    counter = iter(range(1_000_000))

    def new(suffix: str) -> Path:
        return root / f"f{next(counter):05d}{suffix}"

    def bad(kind: str, count: int, make: Callable[[int], tuple[str, bytes]]) -> None:
        for i in range(count):
            suffix, data = make(i)
            p = new(suffix)
            p.write_bytes(data)
            cases.append(Case(str(p), kind, False))

    bad("empty", 60, lambda i: ([".txt", ".html", ".jsonl", ""][i % 4], b""))
    bad("whitespace", 60, lambda i: ([".txt", ".html", ".md"][i % 3], rng.choice([b" ", b"\n", b"\t\r\n "]) * (i + 1)))
    bad("binary", 140, lambda i: ([".txt", ".html", ""][i % 3], b"\x00" + rng.randbytes(200 + 37 * i)))
    bad("binary-suffix", 20, lambda i: ([".pdf", ".png", ".zip", ".docx"][i % 4], rng.randbytes(500)))
    bad("truncated-gzip", 100, lambda i: ([".txt.gz", ".html.gz", ".jsonl.gz", ".warc.gz"][i % 4],
                                          gzip.compress(good_text(rng, i).encode() * 20)[: 20 + i % 40]))
    bad("invalid-utf8", 100, lambda i: (".txt", good_text(rng, i).encode()[:60] + bytes([0xC3, 0x28, 0xFF, 0xFE][i % 4:])
                                        + b" and more words after the broken sequence " * 3))
    bad("utf16-nobom-garbage", 60, lambda i: (".txt", ("Talks resume " * 20).encode("utf-16-le") + b"\x00"
                                              + b"\x00\xd8" * (i % 3)))
    bad("html-no-body", 80, lambda i: (".html", f"<html><head><title>Only a head {i}</title></head></html>".encode()))
    bad("deeply-nested", 40, lambda i: (".html", (b"<div>" * (3000 + 100 * i)) + b"deep" + (b"</div>" * 3000)))
    bad("script-only", 80, lambda i: (".html", (f"<html><head><script>var x={i};</script></head><body>"
                                                f"<script>document.write('{'x' * 200}')</script><noscript></noscript>"
                                                "</body></html>").encode()))
    bad("short-text", 60, lambda i: (".txt", f"Too short {i}.".encode()))
    bad("bad-jsonl", 100, lambda i: (".jsonl", [b"{not json", b"[1, 2, 3]", b'{"title": "no body"}',
                                                b'{"text": ""}', b'"just a string"'][i % 5] + b"\n"))
    bad("bad-warc", 40, lambda i: ([".warc", ".warc.gz"][i % 2], rng.randbytes(300 + i)))
    bad("bad-feed", 20, lambda i: (".xml", f"<rss><channel><title>empty {i}</title></channel></rss>".encode()))
    for i in range(20):
        cases.append(Case(str(root / f"missing-{i}.html"), "missing-path", False))
    cases.append(Case(str(big), "50MB-text", False))
    for i in range(6):
        for kind, url in (("dead-url", f"http://127.0.0.1:9/gone{i}"), ("redirect-loop", f"{base}/loop?{i}"),
                          ("http-404", f"{base}/missing?{i}"), ("slow-server", f"{base}/slow?{i}"),
                          ("robots-disallowed", f"{base}/private/port-deal.html?{i}"),
                          ("binary-url", f"{base}/binary?{i}")):
            cases.append(Case(url, kind, False))

    goods: list[Case] = []
    for i in range(60):
        text = good_text(rng, 1000 + i)
        style = i % 5
        if style == 0:
            p = new(".txt")
            p.write_text(text, "utf-8")
        elif style == 1:
            p = new(".html")
            p.write_text(good_html(text, i), "utf-8")
        elif style == 2:
            p = new(".jsonl.gz")
            p.write_bytes(gzip.compress((json.dumps({"id": f"fz{i}", "text": text}) + "\n").encode()))
        elif style == 3:
            p = new(".txt")
            p.write_bytes(text.encode("utf-16-le"))  # UTF-16 without a BOM: recovered
        else:
            p = new(".html.gz")
            p.write_bytes(gzip.compress(good_html(text, i).encode("utf-8")))
        goods.append(Case(str(p), f"good-{style}", True, text))
    for name in ("trade-talks.html", "ceasefire-talks.html"):
        goods.append(Case(f"{base}/news/{name}", "good-url", True))
    cases.extend(goods)
    cases.extend(Case(c.source, c.kind + "-again", True, c.text) for c in goods[:10])  # duplicates
    rng.shuffle(cases)
    return cases


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "fifty-megabytes.txt"
    line = b"Negotiators met again today and agreed to keep talking about the draft text.\n"
    with path.open("wb") as fh:
        for _ in range(BIG_BYTES // len(line) + 1):
            fh.write(line)
    return path


def owner(origin: str, sources: list[str]) -> str:
    """The input an item came from (origins are the source, or source:N / source#N)."""
    if origin in sources:
        return origin
    for sep in (":", "#"):
        head = origin.rsplit(sep, 1)[0]
        if head in sources:
            return head
    raise AssertionError(f"item from an unknown source: {origin}")


def test_fuzz_inputs_into_store(tmp_path: Path, big_file: Path) -> None:
    assert big_file.stat().st_size >= BIG_BYTES
    files = tmp_path / "inputs"
    files.mkdir()
    store = Store(f"sqlite:///{tmp_path / 'fuzz.db'}")
    cfg = FetchConfig(timeout=0.4, deadline=0.8, retries=0, delay=0.0)
    with serve() as srv, Fetcher(cfg) as fetcher:
        cases = make_cases(files, big_file, srv.base)
        sources = [c.source for c in cases]
        outcomes: dict[str, list[ArticleInput | ItemError]] = defaultdict(list)
        stored: Counter[str] = Counter()
        for item in iter_inputs(sources, fetcher=fetcher):  # an escaping exception fails the test
            outcomes[owner(item.origin or "", sources)].append(item)
            if isinstance(item, ArticleInput):
                res = store.save(to_article(item))
                stored[res.status] += 1

    bad = [c for c in cases if not c.good]
    good = [c for c in cases if c.good]
    assert len(bad) >= 1000
    codes: Counter[str] = Counter()
    for c in bad:
        items = outcomes[c.source]
        assert items, f"{c.kind} {c.source}: nothing came out"
        assert all(isinstance(x, ItemError) for x in items), f"{c.kind} {c.source}: {items}"
        for x in items:
            assert isinstance(x, ItemError) and x.code in CATALOGUE
            codes[x.code] += 1
    distinct_good = {c.source for c in good}
    for src in distinct_good:
        items = outcomes[src]
        copies = sum(1 for c in good if c.source == src)
        arts = [x for x in items if isinstance(x, ArticleInput)]
        assert len(arts) == copies and len(items) == copies, f"{src}: {items}"
    for c in good:
        if c.text is not None:
            art = next(x for x in outcomes[c.source] if isinstance(x, ArticleInput))
            assert art.text.split() == c.text.split()

    db = sqlite3.connect(tmp_path / "fuzz.db")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        hashes = [r[0] for r in db.execute("SELECT content_hash FROM articles")]
    finally:
        db.close()
    assert len(hashes) == len(set(hashes)) == len(distinct_good)
    assert stored["stored"] == len(distinct_good) and stored["duplicate"] == len(good) - len(distinct_good)
    produced = {content_hash(x.text) for items in outcomes.values() for x in items if isinstance(x, ArticleInput)}
    assert produced == set(hashes)
    print(f"\nfuzz: {len(bad)} bad inputs ({dict(sorted(codes.items()))}), {len(good)} good "
          f"({len(distinct_good)} distinct) -> {stored['stored']} stored, {stored['duplicate']} duplicates")
