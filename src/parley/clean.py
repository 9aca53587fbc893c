"""Post-cleaning of article text: boilerplate lines out, whitespace normalised.

The patterns live in ``data/boilerplate.yaml``; a user file given by
``PARLEY_BOILERPLATE`` adds to them.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml


@lru_cache(maxsize=4)
def _patterns(extra: str | None = None) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    data = yaml.safe_load(resources.files("parley").joinpath("data/boilerplate.yaml").read_text("utf-8"))
    if extra and Path(extra).exists():
        user = yaml.safe_load(Path(extra).read_text("utf-8")) or {}
        for key in ("drop_line", "strip"):
            data[key] = list(data.get(key) or []) + list(user.get(key) or [])
    drop = [re.compile(p, re.I) for p in data.get("drop_line") or []]
    strip = [re.compile(p, re.I) for p in data.get("strip") or []]
    return drop, strip


def clean_text(text: str) -> str:
    """Remove boilerplate lines and fragments; normalise line ends and blank runs."""
    drop, strip = _patterns(os.environ.get("PARLEY_BOILERPLATE"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = []
    for line in text.split("\n"):
        if any(p.search(line) for p in drop):
            continue
        for p in strip:
            line = p.sub("", line)
        lines.append(line.rstrip())
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()
