"""Evaluation suites. ``parley eval SUITE PATH`` imports ``parley.evaluation.SUITE`` and calls
its ``run(path, options) -> EvalResult``.

Convention: a rich table for people; with ``--json``, one JSON object of metrics as
the last line of stdout (``EvalResult.metrics``).
"""

from __future__ import annotations

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
