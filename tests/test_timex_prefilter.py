"""The pattern prefilter finds exactly what running every pattern over the whole text finds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from parley.timex import prefilter
from parley.timex.lexicon import lexicon, patterns

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "acceptance" / "seed" / "article.txt"


def _full_scan(text: str) -> list[tuple[int, tuple[int, int], dict[str, str | None]]]:
    return [(o, mo.span(), mo.groupdict()) for o, pat in enumerate(patterns()) for mo in pat.regex.finditer(text)]


def _prefiltered(text: str) -> list[tuple[int, tuple[int, int], dict[str, str | None]]]:
    return [(o, mo.span(), mo.groupdict()) for o, _pat, mo in prefilter.matches(text)]


@pytest.mark.parametrize("text", [
    "On Wednesday, March 3, 2024, at 10:30 GMT, two years ago, the year-ago quarter.",
    "\u017funday, the wee\u212aend, \u0663\u0660 years ago, \u0130n the 1990s and the \u201990s",
    "THE 20TH CENTURY; fiscal '98; 12/25/2024; 25.12.2024; 2024-05-01; noon Thursday",
    "$1999, 3.2000, a/2025, x1999, :2024",
])
def test_same_matches_as_a_full_scan(text: str) -> None:
    assert _prefiltered(text) == _full_scan(text)


def test_same_matches_on_the_seed_article() -> None:
    if not SEED.is_file():
        pytest.skip("shared seed data absent")
    text = SEED.read_text("utf-8")
    found = _prefiltered(text)
    assert found and found == _full_scan(text)


def test_same_matches_on_random_word_salad() -> None:
    rng = random.Random(12)
    words = [str(k) for t in ("months", "weekdays", "numbers", "units", "fuzzy", "holidays", "seasons")
             for k in lexicon()[t]] + "the last next ago 1999 12 3:15 p.m. quarter fiscal year-ago".split()
    for _ in range(300):
        text = " ".join(rng.choice([w, w.upper(), w.title()]) for w in rng.choices(words, k=30))
        assert _prefiltered(text) == _full_scan(text)
