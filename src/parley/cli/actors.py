"""CLI commands for the actors area: ``parley actors import FILE`` and ``parley actors show NAME``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.table import Table

from parley.cli.base import app, console

actors_app = typer.Typer(no_args_is_help=True, help="The actor registry: import entries, explain resolutions.")
app.add_typer(actors_app, name="actors")


@actors_app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="A Wikidata JSON dump (.json/.jsonl) or a SPARQL result CSV."),
    out: Path | None = typer.Option(None, "--out", help="Write the registry YAML here "
                                    "(default: $PARLEY_ACTORS_DIR or ~/.parley/actors)."),
) -> None:
    """Build or extend the actor registry from a downloaded file (no network)."""
    from parley.actors.importer import import_file
    from parley.errors import ParleyError

    try:
        res = import_file(file, out)
    except ParleyError as exc:
        raise typer.BadParameter(str(exc)) from None
    console.print(f"wrote {res.path}: {res.entries} entries ({res.people} people, {res.roles} roles)")


@actors_app.command("show")
def show_cmd(
    name: str = typer.Argument(..., help="A name, alias or description, e.g. 'Andriy Sybiga' or 'Zhongnanhai'."),
    date: str | None = typer.Option(None, "--date", help="Article date for roles (YYYY-MM-DD; default today)."),
    text: str | None = typer.Option(None, "--text", help="Also link every mention in this text and show rules."),
) -> None:
    """Explain a resolution: which alias, which rule, which registry entry (with roles and dates)."""
    from parley.actors.explain import explain, explain_in_text

    on = dt.date.fromisoformat(date) if date else dt.date.today()
    hits = explain(name, on)
    if not hits:
        console.print(f"no registry entry for {name!r}: in an article it becomes an actor of its own "
                      "(from NER) with wikidata null")
    for h in hits:
        console.print(f"[bold]{h['name']}[/bold] ({h['id']}, {h['type']}) matched {h['match']!r} by {h['rule']}",
                      highlight=False)
        console.print(f"  country: {h['country']}  role on {on}: {h['role']}  wikidata: {h['wikidata']}  "
                      f"cameo: {h['cameo']}  source: {h['source']}", highlight=False, markup=False)
        if h["roles"]:
            table = Table("title", "kind", "of", "start", "end", "active")
            for r in h["roles"]:
                table.add_row(r["title"], str(r["kind"]), str(r["of"]), str(r["start"]), str(r["end"]),
                              "yes" if r["active"] else "")
            console.print(table)
    if text:
        table = Table("start", "end", "mention", "actor", "rule")
        for m in explain_in_text(text, on):
            table.add_row(str(m["start"]), str(m["end"]), m["text"], m["actor"], m["rule"])
        console.print(table)
