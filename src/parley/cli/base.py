"""The Typer applications every CLI module registers commands on."""

from __future__ import annotations

import datetime as dt

import typer
from rich.console import Console

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="parley: a sourced record of negotiations and conflicts from news.")
show_app = typer.Typer(no_args_is_help=True, help="Show parts of the stored record in the terminal.")
app.add_typer(show_app, name="show")

console = Console()
err_console = Console(stderr=True)

DB_OPTION_HELP = "Database URL (default: $PARLEY_DB or sqlite:///parley.db)."


def parse_date_option(value: str | None, name: str) -> dt.date | None:
    """An ISO date from a command-line option, or a clean usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from None
