#!/usr/bin/env bash
# Installs what the project needs on a fresh machine, idempotently.
#   scripts/setup.sh        what `make demo` needs: scripts/setup.d/NN-name.sh
#   scripts/setup.sh trino  that, plus Trino and dbt-trino (from setup-test.d), for NORTHWIND_ENGINE=trino
#   scripts/setup.sh test   that, then what only the tests need: scripts/setup-test.d/NN-name.sh
# Each step skips itself when already done, so a second run takes seconds. The steps of one folder need
# nothing from each other, and on a fresh machine they mostly wait on downloads: they run at the same time
# (apt callers queue on a lock, scripts/lib/apt.sh), each into its own log, printed whole when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .local/logs/setup
profile=${1:-demo}
case "$profile" in
  demo) groups=("scripts/setup.d/*.sh") ;;
  # `NORTHWIND_ENGINE=trino make demo`: the demo's setup, plus Trino (a plain demo on DuckDB never pays for it).
  trino) groups=("scripts/setup.d/*.sh" "scripts/setup-test.d/15-python-test.sh scripts/setup-test.d/40-trino.sh") ;;
  test) groups=("scripts/setup.d/*.sh" "scripts/setup-test.d/*.sh") ;;
  *) echo "usage: scripts/setup.sh [demo|trino|test] (got '$profile')" >&2; exit 2 ;;
esac

# run_together STEP...: every step at once; each one's log and time once it ends; fails if any step failed.
run_together() {
  local step name pids=() failed=()
  local started=$SECONDS
  for step in "$@"; do
    name=$(basename "$step" .sh)
    (
      begin=$SECONDS
      bash "$step" >".local/logs/setup/$name.log" 2>&1
      echo $((SECONDS - begin)) >".local/logs/setup/$name.seconds"
    ) &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    name=$(basename "${@:i+1:1}" .sh)
    if wait "${pids[$i]}"; then
      echo "==> setup: $name ($(cat ".local/logs/setup/$name.seconds") s)"
      cat ".local/logs/setup/$name.log"
    else
      failed+=("$name")
      echo "==> setup: $name FAILED (log .local/logs/setup/$name.log):" >&2
      cat ".local/logs/setup/$name.log" >&2
    fi
  done
  [ ${#failed[@]} -eq 0 ] || { echo "setup failed: ${failed[*]}" >&2; return 1; }
  [ $# -le 1 ] || echo "==> setup: $# steps together in $((SECONDS - started)) s"
}

for group in "${groups[@]}"; do
  # shellcheck disable=SC2086 # each group is a list of globs
  run_together $group
done
