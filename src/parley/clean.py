"""Post-cleaning of article text: page furniture out, whitespace normalised.

``clean_text(text, title=None, description=None) -> str``. What goes, in order:
a leading repeat of the headline (and of the standfirst when it is not
repeated in the body), lines matching ``data/boilerplate.yaml`` (credits,
captions, prompts, share bars, "read more" lines), a trailer that starts with a
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
_BULLET = re.compile(r"^\s*([-•*·▪►]|\d{1,2}[.)])\s+")
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


def _drop_lead(lines: list[str], title: str | None, description: str | None, body: str) -> list[str]:
    """Drop a headline repeated as the first line(s), and a standfirst not repeated further down."""
    heads = [_norm(x) for x in (title, description) if x and _norm(x)]
    while lines and heads:
        first = _norm(lines[0])
        if not first:
            lines = lines[1:]
            continue
        if title and first == _norm(title):
            lines = lines[1:]
            continue
        if description and first == _norm(description) and body.count(lines[0].strip()) == 1 \
                and len(lines) > 3:
            lines = lines[1:]
            continue
        break
    return lines


def _is_shout(line: str) -> bool:
    """A line in capitals with several words: a cross-promotion headline, not prose."""
    letters = [c for c in line if c.isalpha()]
    words = _WORD.findall(line)
    return len(words) >= 3 and len(letters) >= 12 and all(not c.islower() for c in letters) \
        and any(c.isupper() for c in letters)


def _cut_tail(lines: list[str], tail: tuple[re.Pattern[str], ...]) -> list[str]:
    """Cut at a trailer header ("Related", "Most read", ...) found in the last third."""
    start = (2 * len(lines)) // 3
    for i in range(max(1, start), len(lines)):
        line = lines[i]
        if len(line) <= 60 and any(p.match(line) for p in tail):
            return lines[:i]
    return lines


def _drop_link_list(lines: list[str]) -> list[str]:
    """Drop a closing run of list items that read like links (no sentence punctuation)."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    i = end
    while i > 0 and _BULLET.match(lines[i - 1]):
        i -= 1
    run = [x for x in lines[i:end] if x.strip()]
    if len(run) < 2 or i == 0:
        return lines
    unpunctuated = sum(1 for x in run if not x.rstrip().endswith((".", "!", "?", ":", ";", '"', "”")))
    if unpunctuated >= 0.8 * len(run):
        return lines[:i]
    return lines


def clean_text(text: str, title: str | None = None, description: str | None = None) -> str:
    """Remove page furniture from extracted text; normalise line ends and blank runs."""
    pats = load_patterns(os.environ.get("PARLEY_BOILERPLATE"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    lines = [line.rstrip() for line in text.split("\n")]
    lines = _drop_lead(lines, title, description, text)
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
    kept = _cut_tail(kept, pats.tail)
    kept = _drop_link_list(kept)
    out = "\n".join(kept)
    out = re.sub(r"[ \t]+\n", "\n", out)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()
