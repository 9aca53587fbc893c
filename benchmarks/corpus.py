"""The benchmark corpus: news text from ../shared/data (PolNeAR, MEANTIME, ECB+), repeated as needed."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from parley.paths import shared_dir  # noqa: E402


def _polnear() -> list[str]:
    base = shared_dir() / "data" / "polnear"
    return [p.read_text("utf-8", errors="replace") for p in sorted(base.glob("*/text/*.txt"))]


def _xml_tokens(path: Path) -> str:
    raw = path.read_text("utf-8", errors="replace")
    toks = re.findall(r"<token[^>]*>([^<]*)</token>", raw)
    return " ".join(toks)


def _meantime_ecb() -> list[str]:
    base = shared_dir() / "data"
    files = sorted((base / "meantime").rglob("*.xml")) + sorted((base / "ecbplus").rglob("*.xml"))
    return [t for t in (_xml_tokens(p) for p in files) if len(t) > 200]


def texts(n: int, max_chars: int = 6000) -> list[str]:
    """``n`` news texts (each cut at ``max_chars``), cycling through the corpus."""
    pool = [t[:max_chars] for t in _polnear() + _meantime_ecb() if t.strip()]
    if not pool:
        raise SystemExit("no benchmark corpus: ../shared/data is missing")
    return list(itertools.islice(itertools.cycle(pool), n))
