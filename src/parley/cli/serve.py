"""CLI commands for the serve area: ``parley serve`` and ``parley plot``."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from parley.cli.base import DB_OPTION_HELP, app, err_console
from parley.store import default_url


@app.command()
def serve(
    db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    token: str | None = typer.Option(None, "--token", help="Enable POST /api/articles with this bearer token "
                                     "(default: $PARLEY_API_TOKEN; without one the API is read-only)."),
) -> None:
    """Serve the REST API (docs at /docs) and the web pages: timeline, actor network, map, articles."""
    import uvicorn

    from parley.api import create_app

    token = token or os.environ.get("PARLEY_API_TOKEN") or None
    url = db or default_url()
    err_console.print(f"parley: serving {url} on http://{host}:{port}/ "
                      f"({'ingest enabled' if token else 'read-only'}; API docs at /docs)")
    uvicorn.run(create_app(url, token), host=host, port=port, log_level="warning")


@app.command()
def plot(
    kind: str = typer.Argument(..., help="timeline | network"),
    out: Path = typer.Option(..., "--out", help="Output file: .svg, .png or .pdf."),
    db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP),
    actor: str | None = typer.Option(None, "--actor", help="Only events with this actor id."),
) -> None:
    """Draw the record's timeline or actor network to an image file."""
    from parley.export import build_record
    from parley.plots import plot as draw
    from parley.store import Store

    try:
        path = draw(build_record(Store(db or default_url())), kind, out, actor=actor)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    err_console.print(f"wrote {path}")
