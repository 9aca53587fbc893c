"""Event dates on the seed article that the seed scorer's date ranges cannot tell apart.

The scorer accepts any day in a range for "last week's talks"; these pin the analyst's reading.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from parley.pipeline import process_text


def test_seed_event_dates_follow_their_own_timex(seed_article: Path) -> None:
    rec = process_text(seed_article.read_text("utf-8"), dt.date(2025, 12, 1))
    geneva = [e for e in rec.events if e.location and e.location.name == "Geneva"]
    assert geneva and all(e.date and e.date.value == "2025-W48" for e in geneva), "last week's talks in Geneva"
    appoint = [e for e in rec.events if e.type == "x-APPOINT"]
    assert appoint and all(e.date and e.date.value == "2025-11-28" for e in appoint), "appointed on Friday"
