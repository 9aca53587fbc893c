"""Every command and evaluation suite is documented in the README."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command

from parley.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


def test_every_command_is_in_the_readme() -> None:
    group = get_command(app)
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        assert f"parley {name}" in README, name
        for sub in getattr(cmd, "commands", {}):
            assert sub in README, f"{name} {sub}"


def test_every_eval_suite_is_in_the_readme() -> None:
    suites = Path(__file__).resolve().parents[1] / "src" / "parley" / "evaluation"
    for path in suites.glob("*.py"):
        text = path.read_text("utf-8")
        if path.stem.startswith("_") or "\ndef run(" not in text:
            continue
        assert f"`{path.stem}" in README, path.stem
