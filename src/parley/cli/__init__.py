"""parley's command line: thin commands over the library's public functions.

Each area registers its commands in its own module (``parley.cli.<area>``) on the
shared ``app``/``show_app`` from :mod:`parley.cli.base`.
"""

from __future__ import annotations

from parley.cli import (  # noqa: F401  (importing registers the commands)
    actors,
    core,
    events,
    ingest,
    merge,
    proposals,
    quotes,
    scale,
    serve,
    timex,
)
from parley.cli.base import app

__all__ = ["app"]
