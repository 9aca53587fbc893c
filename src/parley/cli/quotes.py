"""CLI commands for the quotes area (registered on parley.cli.base.app / show_app)."""

from __future__ import annotations
