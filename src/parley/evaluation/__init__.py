"""Evaluation suites. ``parley eval SUITE PATH`` imports ``parley.evaluation.SUITE`` and calls
its ``run(path, options) -> EvalResult``.

Convention: a rich table for people; with ``--json``, one JSON object of metrics as
the last line of stdout (``EvalResult.metrics``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class EvalOptions:
    """Options every suite may read; suites ignore what they do not use."""

    fmt: str | None = None  # e.g. "polnear" | "ggt" for quotes
    out: Path | None = None  # where to write system output for independent checking
    limit: int | None = None  # only the first N documents (quick runs)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class EvalResult:
    title: str
    metrics: dict[str, Any]
    # rows of a table for people: header first
    rows: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def cat_text(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]]]:
    """The text of a CAT XML document (MEANTIME): tokens joined by spaces, a line per sentence,
    and the character span of each token id."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos, sent = 0, None
    for tok in root.iter("token"):
        if sent is not None and tok.get("sentence") != sent:
            parts.append("\n")
            pos += 1
        elif parts:
            parts.append(" ")
            pos += 1
        word = tok.text or ""
        spans[tok.get("t_id", "")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        sent = tok.get("sentence")
    return "".join(parts), spans
