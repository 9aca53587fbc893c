"""CLI commands for the ingest area (registered on parley.cli.base.app / show_app)."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from parley.cli.base import app, console
from parley.errors import CATALOGUE


@app.command("errors")
def errors_cmd(as_json: bool = typer.Option(False, "--json", help="Print the catalogue as JSON.")) -> None:
    """List the coded error catalogue (every rejected input gets one of these codes)."""
    if as_json:
        typer.echo(json.dumps(CATALOGUE, indent=1))
        return
    table = Table(title="parley error codes")
    table.add_column("code", style="bold")
    table.add_column("meaning")
    for code, meaning in sorted(CATALOGUE.items()):
        table.add_row(code, meaning)
    console.print(table)
