"""Language of a text with langdetect, made deterministic (fixed seed)."""

from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 5000
MIN_LETTERS = 20


@lru_cache(maxsize=1)
def _factory_ready() -> bool:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    return True


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` ("en", "fr", "zh-cn", ...) or None when unknown."""
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    sample = text[:SAMPLE_CHARS]
    if sum(1 for c in sample if c.isalpha()) < MIN_LETTERS:
        return None
    _factory_ready()
    try:
        best = detect_langs(sample)
    except LangDetectException:
        return None
    if not best or best[0].prob < 0.5:
        return None
    return str(best[0].lang)
