"""Render an Event's provenance for people: sentence, trigger, rule, and where date/place/actors came from."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from parley.records import Event


def render(event: Event) -> Table:
    ex: dict[str, Any] = event.explain or {}
    t = Table(title=f"event {event.id}: {event.type}" + (f" ({event.mode})" if event.mode else ""),
              show_header=False, expand=False)
    t.add_column("what", style="bold")
    t.add_column("value")
    sentence = ex.get("sentence") or ""
    trig = ex.get("trigger") or event.trigger or ""
    text = Text(sentence)
    if trig:
        text.highlight_words([trig], style="bold reverse")
    t.add_row("sentence", text)
    t.add_row("trigger", f"{trig} (lexicon: '{ex.get('trigger_lemma')}', data/events/triggers.tsv line {ex.get('lexicon_line')})")
    t.add_row("rule", str(ex.get("rule") or event.rule))
    t.add_row("CAMEO", str(event.cameo))
    t.add_row("modality", f"{event.modality}" + (f" (cue: {ex['modality_cue']})" if ex.get("modality_cue") else ""))
    d = event.date
    t.add_row("date", f"{d.value} [{d.start} .. {d.end}] from {ex.get('date_from')}" if d else "unknown")
    loc = event.location
    t.add_row("place", f"{loc.name}, {loc.country} ({loc.lat}, {loc.lon}) from {ex.get('place_from')}" if loc else "unknown")
    for role, ids in (("sources", event.sources), ("targets", event.targets), ("participants", event.participants)):
        origin = ex.get("actors_from", {})
        t.add_row(role, "; ".join(f"{i} <- {origin.get(i, '?')}" for i in ids) or "-")
    for m in ex.get("mentions", []):
        t.add_row("mention", f"{m['trigger']}: {m['rule']}")
    return t
