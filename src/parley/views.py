"""Rich renderings of the record for the terminal (used by ``parley show ...``)."""

from __future__ import annotations

from rich.table import Table

from parley.records import Event, Record


def _date_text(ev: Event) -> str:
    if ev.date is None:
        return "-"
    d = ev.date
    span = d.value or (f"{d.start}..{d.end}" if d.start != d.end else d.start) or "-"
    return f"{span}" + (f" ({d.text})" if d.text else "")


def _names(record: Record, ids: list[str]) -> str:
    names = {a.id: a.name for a in record.actors}
    return ", ".join(names.get(i, i) for i in ids) or "-"


def events_table(record: Record, type_: str | None = None, actor: str | None = None) -> Table:
    """One row per event: type, mode, modality, date, place, who, evidence."""
    table = Table(title="events", show_lines=False)
    for col in ("id", "type", "mode", "modality", "date", "place", "sources", "targets", "participants", "n"):
        table.add_column(col, overflow="fold")
    for ev in record.events:
        if type_ and ev.type != type_:
            continue
        if actor and actor not in {*ev.sources, *ev.targets, *ev.participants}:
            continue
        place = ev.location.name if ev.location and ev.location.name else "-"
        table.add_row(ev.id, ev.type, ev.mode or "-", ev.modality, _date_text(ev), place,
                      _names(record, ev.sources), _names(record, ev.targets),
                      _names(record, ev.participants), str(len(ev.mentions)))
    return table
