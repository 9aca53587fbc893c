"""CLI commands for the merge area: ``parley show conflicts`` and ``parley show timeline``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import typer
from rich.table import Table

from parley.cli.base import DB_OPTION_HELP, console, show_app
from parley.store import Store, default_url


def _record(db: str | None, store: Store | None = None) -> Any:
    from parley.export import build_record

    return build_record(store or Store(db or default_url()))


def _latest_run_articles(store: Store) -> list[str] | None:
    """Ids of the articles the latest finished run stored, or None when no run is recorded."""
    run = store.latest_run()
    if run is None:
        return None
    return [str(a) for a in (run.get("summary") or {}).get("article_ids", [])]


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        if "start" in value or "value" in value and "end" in value:
            rng = value.get("start") if value.get("start") == value.get("end") else \
                f"{value.get('start')}..{value.get('end')}"
            return f"{value.get('value') or rng}" + (f" ({value['text']})" if value.get("text") else "")
        return ", ".join(str(v) for k, v in value.items() if v is not None and k in ("name", "country"))
    return str(value)


@show_app.command("conflicts")
def show_conflicts(
    db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the conflicts as JSON."),
) -> None:
    """Where merged sources disagree (date, place, modality, number of points), with their articles."""
    from parley.story import conflicts

    found = conflicts(_record(db))
    if as_json:
        typer.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"conflicts ({len(found)})")
    for col in ("fact", "field", "value", "articles"):
        table.add_column(col, overflow="fold")
    for c in found:
        for i, v in enumerate(c.values):
            table.add_row(c.fact if i == 0 else "", c.field if i == 0 else "",
                          _value_text(v.get("value")), ", ".join(v.get("articles", [])))
    console.print(table)


@show_app.command("timeline")
def show_timeline(
    db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP),
    actor: str | None = typer.Option(None, "--actor", help="Only events with this actor id."),
    since: str | None = typer.Option(None, "--since", help="Only events on or after this ISO date."),
    since_run: bool = typer.Option(
        True, "--since-run/--since-ingest-date",
        help="Mark as new/updated what the latest run stored (default), or what the latest ingest date did."),
    as_json: bool = typer.Option(False, "--json", help="Print the timeline as JSON."),
) -> None:
    """Merged events in date order with corroboration; planned ones marked, what changed since the previous run flagged."""
    from parley.story import timeline

    try:
        since_date = dt.date.fromisoformat(since) if since else None
    except ValueError:
        raise typer.BadParameter(f"--since must be an ISO date (YYYY-MM-DD), got {since!r}") from None
    store = Store(db or default_url())
    fresh = _latest_run_articles(store) if since_run else None
    entries = timeline(_record(db, store), actor=actor, since=since_date, fresh=fresh)
    if as_json:
        typer.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"timeline ({len(entries)} events)")
    for col in ("date", "event", "type", "what", "place", "actors", "sources", "change"):
        table.add_column(col, overflow="fold")
    for e in entries:
        ev = e.event
        when = "-" if e.start is None else (e.start.isoformat() if e.start == e.end else f"{e.start}..{e.end}")
        what = ("[yellow]planned[/yellow] " if e.planned else "") + (ev.trigger or ev.modality)
        place = ev.location.name if ev.location and ev.location.name else "-"
        actors = ", ".join(dict.fromkeys([*ev.sources, *ev.targets, *ev.participants])) or "-"
        table.add_row(when, ev.id, ev.type, what, place, actors, str(ev.corroboration), e.change or "")
    console.print(table)
