"""Rank and name abbreviations do not end sentences (data/tokenizer/abbreviations.txt)."""

from __future__ import annotations

from parley.nlp import abbreviations, load_nlp


def test_abbreviations_keep_the_sentence_whole() -> None:
    nlp = load_nlp()
    assert "Lt." in abbreviations() and "Ma." in abbreviations()
    for text in ("Foreign Secretary Ma. Theresa Lazaro said the move was unlawful.",
                 "Lt. Gen. Abdel Fattah al-Burhan met Amb. Smith and Sen. Rubio in Jeddah."):
        doc = nlp(text)
        assert len(list(doc.sents)) == 1, [s.text for s in doc.sents]
    doc = nlp("The talks ended on Tuesday. The next round is in Doha.")
    assert len(list(doc.sents)) == 2
