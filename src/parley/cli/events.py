"""Event commands: ``parley explain EVENT_ID`` and ``parley train plover``."""

from __future__ import annotations

from pathlib import Path

import typer

from parley.cli.base import DB_OPTION_HELP, app, console, err_console

train_app = typer.Typer(no_args_is_help=True, help="Train parley's optional learned components.")
app.add_typer(train_app, name="train")

DEFAULT_PLOVER = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "plover"


@app.command("explain")
def explain_cmd(
    event_id: str = typer.Argument(..., help="An event id from the record (see `parley show events`)."),
    db: str | None = typer.Option(None, "--db", help=DB_OPTION_HELP),
) -> None:
    """Why an event was coded: sentence, trigger, rule, and where its date, place and actors came from."""
    from parley.events import explain
    from parley.export import build_record
    from parley.store import Store, default_url

    record = build_record(Store(db or default_url(), create=False))
    event = next((e for e in record.events if e.id == event_id), None)
    if event is None:
        err_console.print(f"no event {event_id!r} in the record")
        raise typer.Exit(1)
    console.print(explain(event))


@train_app.command("plover")
def train_plover(
    data: Path = typer.Option(DEFAULT_PLOVER, "--data", help="Folder holding PLV_train.tsv."),
    out: Path | None = typer.Option(None, "--out", help="Model file (default: the shipped one)."),
    cv: bool = typer.Option(False, "--cv", help="Also report 5-fold cross-validation on the training data."),
    seeds: str = typer.Option("0,1,2", "--seeds", help="CV shuffling seeds, comma-separated (fresh ones: 3,4,5)."),
) -> None:
    """Train the PLOVER type classifier (PLV_train.tsv plus the GSR records) and write the shipped model file."""
    from parley.events.classifier import MODEL_FILE
    from parley.train.plover import cross_validate, train_model

    target = out or Path(__file__).resolve().parents[1] / "data" / "events" / MODEL_FILE
    if not (data / "PLV_train.tsv").is_file():
        err_console.print(f"[E007] file or path not found: {data / 'PLV_train.tsv'}")
        raise typer.Exit(2)
    if cv:
        console.print(cross_validate(data, seeds=tuple(int(x) for x in seeds.split(",") if x.strip())))
    console.print(train_model(data, target))
