"""Shared fixtures: where ../shared is, the seed article, a fresh SQLite URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.paths import shared_dir

SHARED = shared_dir()
SEED_DIR = SHARED / "acceptance" / "seed"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def seed_article(shared: Path) -> Path:
    return shared / "acceptance" / "seed" / "article.txt"


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'parley.db'}"
