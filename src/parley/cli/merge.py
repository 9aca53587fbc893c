"""CLI commands for the merge area (registered on parley.cli.base.app / show_app)."""

from __future__ import annotations
