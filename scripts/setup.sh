#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install parley with its dev tools. Idempotent.
# PARLEY_EXTRAS selects extras (default: dev); CI adds spark. pip's output goes to .venv/install.log.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
extras=${PARLEY_EXTRAS:-dev}
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv with $("$PY" --version)"
  "$PY" -m venv .venv
fi
stamp=".venv/.parley-installed-$(sha256sum pyproject.toml | cut -c1-16)-${extras//,/_}"
if [ ! -f "$stamp" ]; then
  echo "installing parley[$extras] and its dependencies into .venv (a few minutes the first time; log: .venv/install.log)"
  if ! { .venv/bin/python -m pip install --upgrade pip && .venv/bin/python -m pip install -e ".[${extras}]"; } \
      > .venv/install.log 2>&1; then
    tail -n 40 .venv/install.log
    echo "installation failed; see .venv/install.log" >&2
    exit 1
  fi
  touch "$stamp"
fi
