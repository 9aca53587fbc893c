#!/usr/bin/env bash
# Set up parley and run the main job on the seed article:
# ingest + extract + store, print the events table, write record.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
seed=${1:-../shared/acceptance/seed/article.txt}
db=${PARLEY_DB:-sqlite:///parley.db}
export COLUMNS=${COLUMNS:-150}  # a wide table also when the output is not a terminal
.venv/bin/parley run "$seed" --db "$db"
.venv/bin/parley show events --db "$db"
.venv/bin/parley export --format json --out record.json --db "$db"
echo "record written to $(pwd)/record.json"
