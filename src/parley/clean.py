"""Post-cleaning of article text: page furniture out, whitespace normalised.

``clean_text(text, title=None, description=None) -> str``. What goes, in order:
a leading repeat of the headline (and of the standfirst when it is not
repeated in the body), lines matching ``data/boilerplate.yaml`` (credits,
captions, prompts, share bars, "read more" lines), repeated paragraphs, a trailer that starts with a
"Related"/"Most read" header in the last third of the text, a trailing list
of links, and shouted (all-capitals) cross-promotion lines. No rule names a
site. A user file given by ``PARLEY_BOILERPLATE`` adds patterns.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

_KEYS = ("drop_line", "strip", "tail_header")
_BULLET = re.compile(r"^\s*[-•*·▪►]\s+")
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", "»", ")")
LINK_ITEM_WORDS = 6
SHOUT_WORDS = 8
HEADING_WORDS = 30
LEAD_LINES = 3
REPEAT_WORDS = 8
STANDFIRST_MIN_WORDS = 5
STANDFIRST_MAX_WORDS = 35
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Patterns:
    drop: tuple[re.Pattern[str], ...]
    strip: tuple[re.Pattern[str], ...]
    tail: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=4)
def load_patterns(extra: str | None = None) -> Patterns:
    """The packaged boilerplate patterns plus those of a user file, compiled."""
    text = resources.files("parley").joinpath("data/boilerplate.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    if extra and Path(extra).exists():
        user = yaml.safe_load(Path(extra).read_text("utf-8")) or {}
        for key in _KEYS:
            data[key] = list(data.get(key) or []) + list(user.get(key) or [])

    def comp(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.I) for p in data.get(key) or [])

    return Patterns(comp("drop_line"), comp("strip"), comp("tail_header"))


def _norm(s: str) -> str:
    return " ".join(_WORD.findall(s.lower()))


def _like_title(line: str, title: str) -> bool:
    """The line is the headline, give or take a site name, kicker or punctuation."""
    a, b = _norm(line).split(), set(_norm(title).split())
    if not a or not b:
        return False
    shared = sum(1 for w in a if w in b)
    return shared >= 0.8 * len(a) and shared >= 0.6 * len(b)


def _is_heading(line: str) -> bool:
    return len(_WORD.findall(line)) <= HEADING_WORDS and not line.rstrip().endswith((".", ";", ",", ":"))


def _drop_lead(lines: list[str], title: str | None, description: str | None) -> list[str]:
    """Drop the headline repeated at the top (with any kicker before it) and an unpunctuated standfirst."""
    content = [i for i, x in enumerate(lines) if x.strip()]
    headline = False
    if title:
        for i in content[:LEAD_LINES]:
            if not _is_heading(lines[i]):
                break
            if _like_title(lines[i], title):
                lines, headline = lines[i + 1:], True
                break
    first = next((i for i, x in enumerate(lines) if x.strip()), None)
    if description and first is not None and len(lines) > first + 3:
        line = lines[first]
        deck = headline and STANDFIRST_MIN_WORDS <= len(_WORD.findall(line)) <= STANDFIRST_MAX_WORDS
        if _norm(line) == _norm(description) and (deck or not line.rstrip().endswith(_SENTENCE_END)):
            lines = lines[first + 1:]  # a standfirst under the headline, not the lead paragraph
    return lines


def _is_shout(line: str) -> bool:
    """A line in capitals with several words: a cross-promotion headline, not prose."""
    if "|" in line or line.rstrip().endswith("?"):
        return False
    letters = [c for c in line if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return len(_WORD.findall(line)) >= SHOUT_WORDS and upper >= 0.9 * len(letters) > 0


def _cut_tail(lines: list[str], tail: tuple[re.Pattern[str], ...]) -> list[str]:
    """Cut at a trailer header ("Related", "Most read", ...) found in the last third."""
    start = (2 * len(lines)) // 3
    for i in range(max(1, start), len(lines)):
        line = lines[i]
        if len(line) <= 60 and any(p.match(line) for p in tail):
            return lines[:i]
    return lines


def _drop_link_list(lines: list[str]) -> list[str]:
    """Drop closing list items that read like linked headlines (several words, no sentence end)."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    i = end
    while i > 0 and (not lines[i - 1].strip() or _is_link_item(lines[i - 1])):
        i -= 1
    run = [x for x in lines[i:end] if x.strip()]
    return lines[:i] if len(run) >= 2 and i > 0 else lines


def _is_link_item(line: str) -> bool:
    return bool(_BULLET.match(line)) and len(_WORD.findall(line)) >= LINK_ITEM_WORDS \
        and not line.rstrip().endswith(_SENTENCE_END)


def _drop_repeats(lines: list[str]) -> list[str]:
    """Keep the first copy of a paragraph that the page repeats (pull quotes, duplicated blocks)."""
    seen: set[str] = set()
    out = []
    for line in lines:
        key = _norm(line)
        if len(key.split()) >= REPEAT_WORDS:
            if key in seen:
                continue
            seen.add(key)
        out.append(line)
    return out


def clean_text(text: str, title: str | None = None, description: str | None = None) -> str:
    """Remove page furniture from extracted text; normalise line ends and blank runs."""
    pats = load_patterns(os.environ.get("PARLEY_BOILERPLATE"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    lines = [line.rstrip() for line in text.split("\n")]
    lines = _drop_lead(lines, title, description)
    lines = _cut_tail(lines, pats.tail)
    kept: list[str] = []
    for line in lines:
        if not line.strip():
            kept.append("")
            continue
        if any(p.search(line) for p in pats.drop) or _is_shout(line):
            continue
        for p in pats.strip:
            line = p.sub("", line)
        kept.append(line.rstrip())
    kept = _drop_repeats(kept)
    kept = _drop_link_list(kept)
    out = "\n".join(kept)
    out = re.sub(r"[ \t]+\n", "\n", out)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()
