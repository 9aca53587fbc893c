"""Rich renderings of the record for the terminal (used by ``parley show ...``)."""

from __future__ import annotations

from rich.table import Table

from parley.records import Event, Record
from parley.store import natural_id


def _date_text(ev: Event) -> str:
    if ev.date is None:
        return "-"
    d = ev.date
    return d.value or (f"{d.start}..{d.end}" if d.start != d.end else d.start) or "-"


def _names(record: Record, ids: list[str]) -> str:
    names = {a.id: a.name for a in record.actors}
    return ", ".join(names.get(i, i) for i in ids) or "-"


def events_table(record: Record, type_: str | None = None, actor: str | None = None) -> Table:
    """One row per event: id, type/mode, modality, date, place, who did what to whom, sources."""
    table = Table(title="events", show_lines=False)
    table.add_column("id", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("modality", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("place")
    table.add_column("who", overflow="fold", ratio=1)
    table.add_column("n", justify="right")
    for ev in sorted(record.events, key=natural_id):
        if type_ and ev.type != type_:
            continue
        if actor and actor not in {*ev.sources, *ev.targets, *ev.participants}:
            continue
        place = ev.location.name if ev.location and ev.location.name else "-"
        who = _names(record, ev.sources) + (f" -> {_names(record, ev.targets)}" if ev.targets else "")
        if ev.participants:
            who += f" (with {_names(record, ev.participants)})"
        kind = ev.type + (f"/{ev.mode}" if ev.mode else "")
        table.add_row(ev.id, kind, ev.modality, _date_text(ev), place, who, str(ev.corroboration))
    return table
