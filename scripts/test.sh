#!/usr/bin/env bash
# Set up parley, start the services the tests need (PostgreSQL, Chromium), run ruff, mypy and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PARLEY_EXTRAS=${PARLEY_EXTRAS:-dev,spark} bash scripts/setup.sh
if [ -f .ci/services.sh ]; then
  # shellcheck disable=SC1091
  source .ci/services.sh
fi
.venv/bin/ruff check src tests
.venv/bin/mypy src
.venv/bin/python -m pytest -q "$@"
