"""Core commands: run, export, eval, show events, status."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from parley.cli.base import DB_OPTION_HELP, app, console, err_console, parse_date_option, show_app
from parley.store import Store, default_url


def open_store(db: str | None) -> Store:
    return Store(db or default_url())


@app.command()
def run(
    inputs: list[str] = typer.Argument(None, help="Files, directories, URLs, or - for stdin."),
    feed: list[str] = typer.Option([], "--feed", help="RSS/Atom feed URL (repeatable)."),
    db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP),
    published: str | None = typer.Option(None, "--published", help="Publication date for every input."),
    ingest_date: str | None = typer.Option(None, "--ingest-date", help="Date of ingest (default: today)."),
    batch_size: int = typer.Option(16, help="Documents per nlp.pipe batch."),
    n_process: int = typer.Option(0, help="Worker processes (0: one per core for inputs of more than two batches)."),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as JSON."),
    engine: str | None = typer.Option(None, "--engine", help="Batch engine: local | spark (with --out)."),
    out: Path | None = typer.Option(None, "--out", help="With --engine: directory for facts.parquet and record.json."),
    master: str = typer.Option("local[2]", "--master", help="Spark master URL (with --engine spark)."),
) -> None:
    """Ingest, extract and store articles (or, with --engine, write a record directory)."""
    from parley.runner import run as run_articles

    if not inputs and not feed:
        raise typer.BadParameter("give at least one input (file, directory, URL, -) or --feed URL")
    if engine is not None:
        _run_engine(engine, inputs or [], out, parse_date_option(ingest_date, "--ingest-date"),
                    parse_date_option(published, "--published"), master, n_process)
        return
    store = open_store(db)
    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=err_console,
                  transient=False) as progress:
        task = progress.add_task("articles", total=None, rate="")
        started = dt.datetime.now()

        def tick(origin: str, outcome: str) -> None:
            progress.advance(task)
            done = progress.tasks[task].completed
            secs = max((dt.datetime.now() - started).total_seconds(), 1e-6)
            progress.update(task, rate=f"{done / secs:.1f} items/s")
            if outcome.startswith("E"):
                from parley.errors import CATALOGUE

                err_console.print(f"[red]{outcome}[/red] {origin}: {CATALOGUE.get(outcome, '')}")

        summary = run_articles(inputs or [], store, ingest_date=parse_date_option(ingest_date, "--ingest-date"),
                               published=parse_date_option(published, "--published"), feeds=feed,
                               batch_size=batch_size, n_process=n_process or None, on_item=tick)
    if as_json:
        console.print_json(json.dumps(summary.to_dict()))
    else:
        table = Table(title="run summary")
        table.add_column("outcome")
        table.add_column("count", justify="right")
        table.add_row("processed", str(summary.processed))
        table.add_row("skipped as duplicate", str(summary.duplicates))
        table.add_row("new versions", str(summary.versions))
        for code, n in sorted(summary.error_counts.items()):
            table.add_row(f"rejected {code}", str(n))
        console.print(table)
    if summary.processed == 0 and summary.duplicates == 0 and summary.errors:
        raise typer.Exit(1)


def _run_engine(engine: str, inputs: list[str], out: Path | None, ingest: dt.date | None,
                published: dt.date | None, master: str, n_process: int) -> None:
    from parley import engine as engines

    if engine not in ("local", "spark") or out is None or len(inputs) != 1:
        raise typer.BadParameter("--engine local|spark takes one INPUT (JSONL/Parquet file or directory) and --out DIR")
    ingest = ingest or dt.date.today()
    with console.status(f"running the {engine} engine"):
        if engine == "spark":
            record, errors = engines.run_spark(Path(inputs[0]), out, ingest, published, master=master)
        else:
            record, errors = engines.run_local(Path(inputs[0]), out, ingest, published, n_process=n_process or None)
    console.print(f"{len(record.articles)} articles, {len(record.events)} events, "
                  f"{len(errors)} rejected -> {out}/record.json, {out}/facts.parquet")
    if not record.articles and errors:
        raise typer.Exit(1)


@app.command("export")
def export_cmd(
    fmt: str = typer.Option("json", "--format", help="json (the contract) | csv | parquet | plover-jsonl."),
    out: Path | None = typer.Option(None, "--out", help="Output file (default: stdout)."),
    db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP),
) -> None:
    """Write the stored record (merged across articles)."""
    from parley.export import export

    try:
        text = export(open_store(db), fmt, out)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if text is not None:
        typer.echo(text)
    else:
        err_console.print(f"wrote {out}")


@app.command("eval")
def eval_cmd(
    suite: str = typer.Argument(..., help="seed | timeml | actors | plover | meantime | quotes | positions | ecb | extraction"),
    path: Path | None = typer.Argument(None, help="Data file or directory (suite-specific)."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as one JSON object, last line."),
    fmt: str | None = typer.Option(None, "--format", help="Input format, for suites that read several."),
    out: Path | None = typer.Option(None, "--out", help="Write the system output here for independent checks."),
    limit: int | None = typer.Option(None, "--limit", help="Only the first N documents."),
) -> None:
    """Evaluate parley on a gold data set."""
    from parley.evaluation import EvalOptions

    try:
        module = importlib.import_module(f"parley.evaluation.{suite}")
    except ModuleNotFoundError:
        raise typer.BadParameter(f"unknown suite {suite!r}") from None
    if not hasattr(module, "run"):
        raise typer.BadParameter(f"{suite!r} is not an evaluation suite")
    result = module.run(path, EvalOptions(fmt=fmt, out=out, limit=limit))
    for line in result.notes:
        console.print(line, markup=False, highlight=False)
    if result.rows:
        table = Table(title=result.title)
        for col in result.rows[0]:
            table.add_column(str(col))
        for row in result.rows[1:]:
            table.add_row(*[str(c) for c in row])
        console.print(table)
    if as_json:
        print(json.dumps(result.metrics))
    elif "score" in result.metrics:
        print(f"score: {result.metrics['score']}")


@show_app.command("events")
def show_events(
    db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP),
    type_: str | None = typer.Option(None, "--type", help="Only this PLOVER type."),
    actor: str | None = typer.Option(None, "--actor", help="Only events with this actor id."),
) -> None:
    """The events of the record as a table."""
    from parley.export import build_record
    from parley.views import events_table

    record = build_record(open_store(db))
    console.print(events_table(record, type_=type_, actor=actor))


@app.command()
def status(db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP)) -> None:
    """Counts of what the store holds."""
    store = open_store(db)
    table = Table(title=f"store {store.url}")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in store.counts().items():
        table.add_row(name, str(n))
    console.print(table)
