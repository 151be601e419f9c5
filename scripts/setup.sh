#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine, idempotently.
# Each step lives in scripts/setup.d/NN-name.sh (run in order) and skips itself when already done,
# so a second `make setup` takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .local
for step in scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "==> setup: $(basename "$step" .sh)"
  bash "$step"
done
