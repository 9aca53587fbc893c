"""The whole pipeline runs to the end on real news of every shape (no hang, no exception)."""

from __future__ import annotations

import datetime as dt
import signal
from pathlib import Path

import pytest

from parley.errors import ItemError
from parley.pipeline import process
from parley.records import ArticleInput


def _polnear_texts(shared: Path, n: int) -> list[str]:
    files = sorted((shared / "data" / "polnear" / "dev" / "text").glob("*.txt"))[:n]
    return [p.read_text("utf-8", errors="replace") for p in files]


def test_pipeline_finishes_on_real_news(shared: Path) -> None:
    texts = _polnear_texts(shared, 25)
    if not texts:
        pytest.skip("no PolNeAR texts")

    def stop(_sig: int, _frame: object) -> None:  # a generous bound: this checks termination, not speed
        raise TimeoutError("pipeline did not finish: a loop in a stage never ends")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(600)
    try:
        arts = [ArticleInput(id=f"p{i}", text=t, published=dt.date(2016, 1, 1).isoformat()) for i, t in enumerate(texts)]
        results = list(process(arts))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert len(results) == len(texts)
    errors = [rec for _, rec in results if isinstance(rec, ItemError)]
    assert not errors, [e.message for e in errors]


def test_a_failing_stage_costs_one_article_not_the_batch() -> None:
    import spacy
    from spacy.language import Language

    from parley.nlp import MODEL

    @Language.component("test_fails_on_marker")
    def fails(doc):  # type: ignore[no-untyped-def]
        if "MARKER" in doc.text:
            raise ValueError("stage failure")
        return doc

    nlp = spacy.load(MODEL)
    nlp.add_pipe("parley_guard", name="test_stage", config={"component": "test_fails_on_marker"})
    arts = [ArticleInput(id=f"a{i}", text=t, published="2025-05-12") for i, t in enumerate(
        ["Egypt and Qatar held talks in Cairo on Monday.", "MARKER Egypt and Qatar held talks.",
         "Israel and Hamas agreed on a ceasefire on Thursday."])]
    results = {art.id: rec for art, rec in process(arts, nlp=nlp)}
    assert isinstance(results["a1"], ItemError) and results["a1"].code == "E020"
    assert "stage failure" in results["a1"].detail
    assert not isinstance(results["a0"], ItemError) and not isinstance(results["a2"], ItemError)
