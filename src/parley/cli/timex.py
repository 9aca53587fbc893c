"""CLI commands for the timex area (registered on parley.cli.base.app / show_app)."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from parley.cli.base import app, console, parse_date_option


@app.command("timex")
def timex_cmd(
    text: str = typer.Argument(..., help="Text to read (use - for stdin)."),
    anchor: str | None = typer.Option(None, "--date", help="Anchor (publication) date, YYYY-MM-DD."),
    infer: str | None = typer.Option(None, "--infer-published",
                                     help="Ingest date YYYY-MM-DD: infer the publication date from the text."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Find and normalise the time expressions of a text (TIMEX3 type and value)."""
    from parley.timex import infer_published, normalise

    if text == "-":
        text = typer.get_text_stream("stdin").read()
    ingest = parse_date_option(infer, "--infer-published")
    published = infer_published(text, ingest) if ingest else None
    base = parse_date_option(anchor, "--date") or published
    timexes = normalise(text, base)
    if as_json:
        print(json.dumps({"anchor": base.isoformat() if base else None,
                          "published": published.isoformat() if published else None,
                          "timexes": [t.to_dict() for t in timexes]}))
        return
    if ingest:
        console.print(f"published (from text): {published}")
    table = Table(title=f"time expressions (anchor {base})")
    for col in ("start", "end", "text", "type", "value", "mod"):
        table.add_column(col)
    for t in timexes:
        table.add_row(str(t.start), str(t.end), t.text, t.type, t.value or "", t.mod or "")
    console.print(table)
