"""The events stage's data: trigger lexicon, PLOVER types/modes with CAMEO codes, modality cues.

All of it lives in ``parley/data/events/`` (TSV/YAML with header comments) so that a user can read
why something was coded and add a trigger without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

DATA = "parley.data.events"


@dataclass(frozen=True)
class Trigger:
    lemma: str  # head lemma
    extra: tuple[str, ...]  # further words that must appear among the head's dependents
    pos: str  # verb | noun
    type: str
    mode: str | None
    flags: frozenset[str]
    line: int  # line in triggers.tsv, shown by ``parley explain``

    @property
    def label(self) -> str:
        return " ".join((self.lemma, *self.extra))


def _lines(name: str) -> list[tuple[int, list[str]]]:
    text = resources.files(DATA).joinpath(name).read_text(encoding="utf-8")
    return [(i, ln.split("\t")) for i, ln in enumerate(text.splitlines(), 1)
            if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """(head lemma, pos) -> triggers, longest (most specific) first."""
    out: dict[tuple[str, str], list[Trigger]] = {}
    for i, cols in _lines("triggers.tsv"):
        cols += [""] * (5 - len(cols))
        words = cols[0].strip().lower().split()
        if cols[1].strip() == "noun" and len(words) > 1:  # "phone call": the head noun comes last
            words = [words[-1], *words[:-1]]
        flags = frozenset(f.strip() for f in cols[4].split(",") if f.strip())
        trig = Trigger(words[0], tuple(words[1:]), cols[1].strip(), cols[2].strip(), cols[3].strip() or None, flags, i)
        out.setdefault((trig.lemma, trig.pos), []).append(trig)
    for lst in out.values():
        lst.sort(key=lambda t: -len(t.extra))
    return out


@lru_cache(maxsize=1)
def cameo_codes() -> dict[tuple[str, str | None], str | None]:
    """(type, mode) -> CAMEO code; (type, None) is the type's default."""
    out: dict[tuple[str, str | None], str | None] = {}
    for _, cols in _lines("plover.tsv"):
        cols += [""] * (4 - len(cols))
        out[(cols[0].strip(), cols[1].strip() or None)] = cols[2].strip() or None
    return out


def cameo(type_: str, mode: str | None) -> str | None:
    codes = cameo_codes()
    return codes.get((type_, mode)) or codes.get((type_, None))


def types() -> list[str]:
    """Every type: the 16 PLOVER types then the x- types."""
    seen: list[str] = []
    for t, _ in cameo_codes():
        if t not in seen:
            seen.append(t)
    return seen


@lru_cache(maxsize=1)
def modality_cues() -> dict[str, Any]:
    text = resources.files(DATA).joinpath("modality.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@lru_cache(maxsize=1)
def argument_rules() -> dict[str, Any]:
    """``data/events/arguments.yaml``: raising/control verbs, group nouns, participant and target phrases."""
    text = resources.files(DATA).joinpath("arguments.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data
