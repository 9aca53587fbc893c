"""CLI commands for the proposals area: ``parley show proposals`` and ``parley show positions``."""

from __future__ import annotations

import typer
from rich.table import Table

from parley.cli.base import DB_OPTION_HELP, console, show_app
from parley.proposals_views import PositionRow, ProposalRow
from parley.records import Record

STANCE_STYLE = {"red-line": "bold red", "reject": "red", "oppose": "red", "demand": "yellow", "condition": "yellow",
                "support": "green", "accept": "green", "concession": "cyan"}


def proposals_table(rows: list[ProposalRow]) -> Table:
    table = Table(title="proposals", show_lines=True)
    for col in ("id", "proposal", "points", "authors", "published", "provisions", "relation", "positions on it"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r.id, f"{r.name or '-'}\n[dim]{r.kind or ''}[/dim]", str(r.points or "-"),
                      "\n".join(r.authors) or "-", r.published or "-",
                      "\n".join(f"• {p}" for p in r.provisions) or "-", r.relation or "-",
                      "\n".join(r.positions) or "-")
    return table


def positions_table(rows: list[PositionRow], title: str) -> Table:
    table = Table(title=title, show_lines=True)
    for col in ("date", "holders", "stance", "about", "proposal", "article"):
        table.add_column(col, overflow="fold")
    for r in rows:
        date = r.date or "-"
        if r.dated_by == "article":
            date += "\n[dim](reported)[/dim]"
        style = STANCE_STYLE.get(r.stance, "")
        table.add_row(date, "\n".join(r.holders), f"[{style}]{r.stance}[/{style}]" if style else r.stance, r.about,
                      r.proposal or "-", r.article or "-")
    return table


def _record(db: str | None) -> Record:
    from parley.export import build_record
    from parley.store import Store, default_url

    return build_record(Store(db or default_url()))


@show_app.command("proposals")
def show_proposals(db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP)) -> None:
    """The proposals on the table: authors, points, provisions, and who stands where on each."""
    from parley.proposals_views import proposal_rows

    console.print(proposals_table(proposal_rows(_record(db))))


@show_app.command("positions")
def show_positions(
    actor: str | None = typer.Option(None, "--actor", help="Only positions held by this actor (id, name or country)."),
    stance: str | None = typer.Option(None, "--stance", help="Only this stance (red-line, demand, reject, ...)."),
    db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP),
) -> None:
    """Who holds what, on which proposal, over time."""
    from parley.proposals_views import position_rows

    rows = position_rows(_record(db), actor=actor, stance=stance)
    title = f"positions of {actor}" if actor else "positions"
    console.print(positions_table(rows, title))
