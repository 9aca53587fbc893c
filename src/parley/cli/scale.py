"""CLI commands for the scale area (registered on parley.cli.base.app / show_app)."""

from __future__ import annotations

import typer

from parley.cli.base import app, console


@app.command()
def bench(
    only: list[str] = typer.Option([], "--only", help="pipeline | scaling | spark | merge (repeatable)."),
    size: str | None = typer.Option(None, "--size", help="Size argument passed to each benchmark."),
) -> None:
    """Run the benchmarks in benchmarks/ and write benchmarks/results.md."""
    from parley.bench import BENCHMARKS, run_one, write_results

    names = only or list(BENCHMARKS)
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        raise typer.BadParameter(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    results = {}
    for name in names:
        with console.status(f"benchmark {name}"):
            results[name] = run_one(name, size)
        console.print_json(data={name: results[name]})
    console.print(f"wrote {write_results(results)}")
