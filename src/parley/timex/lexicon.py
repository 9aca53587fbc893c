"""The temporal lexicon and pattern files (src/parley/data/time/), loaded once.

``lexicon.yaml`` holds the vocabularies; ``patterns.yaml`` the extraction
patterns, whose ``{NAME:group}`` macros expand to a vocabulary's alternation
captured as ``group``. A user may point ``PARLEY_TIME_PATTERNS`` at an extra
patterns file whose entries are added before the shipped ones.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "time"

# Macros that are not vocabularies: fixed regexes.
FIXED = {
    "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
    "YEAR": r"(?:1[0-9]\d\d|20\d\d)",
    "DIGITS": r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?",
}
# Every pattern starts here: not inside a word, a number, an amount or a path.
LEFT_EDGE = r"(?<![\w$£€.,/:])"


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern[str]
    kind: str
    type: str
    case: bool  # the pattern's first letter must be upper case when the match is bare


def _alternation(words: list[str]) -> str:
    """A regex alternation, longest first, abbreviations allowing a final dot."""
    parts = []
    for w in sorted(words, key=len, reverse=True):
        esc = re.escape(w).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    with open(DATA / "lexicon.yaml", encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def lookup(table: str, word: str) -> Any:
    """The lexicon value for ``word`` (case, spacing, apostrophes and final dot normalised)."""
    key = re.sub(r"\s+", " ", word.lower().replace("\u2019", "'")).strip()
    entries = lexicon()[table]
    if key in entries:
        return entries[key]
    return entries.get(key.rstrip("."))


def _macro_map() -> dict[str, str]:
    lex = lexicon()
    out = dict(FIXED)
    names = {"MONTH": "months", "WEEKDAY": "weekdays", "PART": "parts_of_day", "SEASON": "seasons",
             "NUM": "numbers", "ORD": "ordinals", "UNIT": "units", "FUZZY": "fuzzy",
             "HOLIDAY": "holidays", "SET": "sets", "MOD": "modifiers"}
    for macro, table in names.items():
        out[macro] = _alternation([str(k) for k in lex[table]])
    tens = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    ones = r"(?:one|two|three|four|five|six|seven|eight|nine)"
    compound = tens + r"[\s-]" + ones
    frac = r"\d+\s+1/2"
    out["NUM"] = "(?:" + frac + "|" + compound + "|" + FIXED["DIGITS"] + "|" + out["NUM"][3:]
    return out


def expand(source: str, macros: dict[str, str]) -> str:
    """Replace ``{NAME}`` / ``{NAME:group}`` macros in a pattern source."""

    def sub(m: re.Match[str]) -> str:
        body = macros[m.group(1)]
        return f"(?P<{m.group(2)}>{body})" if m.group(2) else body

    return re.sub(r"\{([A-Z]+)(?::(\w+))?\}", sub, source)


def _pattern_files() -> list[Path]:
    extra = os.environ.get("PARLEY_TIME_PATTERNS")
    files = [Path(extra)] if extra else []
    return [*files, DATA / "patterns.yaml"]


@lru_cache(maxsize=1)
def patterns() -> list[Pattern]:
    macros = _macro_map()
    out: list[Pattern] = []
    for path in _pattern_files():
        with open(path, encoding="utf-8") as fh:
            entries = yaml.safe_load(fh) or []
        for e in entries:
            src = LEFT_EDGE + "(?:" + expand(e["re"], macros) + r")(?![\w/%])"
            out.append(Pattern(e["name"], re.compile(src, re.IGNORECASE), e["kind"],
                               e.get("type", "DATE"), bool(e.get("case", False))))
    return out


@lru_cache(maxsize=1)
def modifier_regex() -> re.Pattern[str]:
    """Modifier words just before a timex (end-anchored on the left context)."""
    mods = _alternation([str(k) for k in lexicon()["modifiers"]])
    return re.compile(r"(?<![\w-])(" + mods + r")(?:\s+|-|\s*-\s*)$", re.IGNORECASE)
