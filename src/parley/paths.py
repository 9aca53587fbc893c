"""Where parley finds the shared evaluation material (``../shared`` beside the clone)."""

from __future__ import annotations

import os
from pathlib import Path


def shared_dir() -> Path:
    """``$PARLEY_SHARED``, else ``../shared`` beside the repository or the working directory."""
    env = os.environ.get("PARLEY_SHARED")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[2]
    for cand in (repo.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared"):
        if cand.is_dir():
            return cand
    return repo.parent / "shared"
