#!/usr/bin/env bash
# Installs what the project needs on a fresh machine, idempotently.
#   scripts/setup.sh        what `make demo` needs: scripts/setup.d/NN-name.sh, in order
#   scripts/setup.sh trino  that, plus Trino (scripts/setup-test.d/40-trino.sh), for NORTHWIND_ENGINE=trino
#   scripts/setup.sh test   that, then what only the tests need: scripts/setup-test.d/NN-name.sh
# Each step skips itself when already done, so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .local
profile=${1:-demo}
extra=()
case "$profile" in
  demo) dirs=(scripts/setup.d) ;;
  # `NORTHWIND_ENGINE=trino make demo`: the demo's setup, plus Trino (a plain demo on DuckDB never pays for it).
  trino) dirs=(scripts/setup.d) extra=(scripts/setup-test.d/40-trino.sh) ;;
  test) dirs=(scripts/setup.d scripts/setup-test.d) ;;
  *) echo "usage: scripts/setup.sh [demo|trino|test] (got '$profile')" >&2; exit 2 ;;
esac
for dir in "${dirs[@]}"; do
  for step in "$dir"/*.sh; do
    [ -e "$step" ] || continue
    echo "==> setup: $(basename "$step" .sh)"
    bash "$step"
  done
done
for step in "${extra[@]}"; do
  echo "==> setup: $(basename "$step" .sh)"
  bash "$step"
done
