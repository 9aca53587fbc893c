"""CLI commands for the quotes area (registered on parley.cli.base.app / show_app)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer
from rich.table import Table

from parley.cli.base import DB_OPTION_HELP, app, console, show_app
from parley.cli.events import train_app
from parley.records import Statement


def statements_table(statements: list[Statement], title: str = "statements") -> Table:
    """A rich table of statements: speaker, cue, channel, date and text."""
    table = Table(title=title)
    for col in ("id", "speaker", "as written", "cue", "direct", "channel", "date", "text"):
        table.add_column(col, overflow="fold")
    for s in statements:
        table.add_row(s.id, s.speaker or "-", s.speaker_text or "-", s.cue or "-", "yes" if s.direct else "no",
                      s.channel or "-", s.date or "-", s.text[:160])
    return table


@app.command("quotes")
def quotes_cmd(
    path: Path = typer.Argument(..., help="A plain-text article, or - for stdin."),
    published: str | None = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD)."),
) -> None:
    """Print the statements parley finds in one text (no store)."""
    from parley.pipeline import process_text

    text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    when = dt.date.fromisoformat(published) if published else None
    record = process_text(text, when)
    console.print(statements_table(record.statements, title=f"statements in {path}"))


@show_app.command("statements")
def show_statements(
    db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP),
    speaker: str | None = typer.Option(None, "--speaker", help="Only statements by this actor id."),
) -> None:
    """The statements of the stored record as a table."""
    from parley.export import build_record
    from parley.store import Store, default_url

    record = build_record(Store(db or default_url()))
    rows = [s for s in record.statements if speaker is None or s.speaker == speaker]
    console.print(statements_table(rows))


@train_app.command("quotes")
def train_quotes(
    path: Path = typer.Argument(Path("../shared/data/polnear/train"), help="A PolNeAR split (text/, attributions/)."),
    out: Path | None = typer.Option(None, "--out", help="Output TSV (default: parley's data/quotes/cues_polnear.tsv)."),
    limit: int | None = typer.Option(None, "--limit", help="Only the first N articles (quick runs)."),
) -> None:
    """Derive the PolNeAR cue lexicon (cue lemma/pattern counts and precisions) from a training split."""
    from parley.quotes_lexicon import build, default_out

    target = out or default_out()
    rows = build(path, target, limit)
    console.print(f"{len(rows)} rows written to {target}")
