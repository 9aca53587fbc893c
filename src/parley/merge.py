"""Cross-article merge: one fact per real-world fact, with all its sources.

Skeleton stub: the story issue fills this in. ``merge_record(record) -> Record``.
"""

from __future__ import annotations

from parley.records import Record


def merge_record(record: Record) -> Record:
    """The record with facts reported by several articles merged (stub: unchanged)."""
    return record
