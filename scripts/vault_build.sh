#!/usr/bin/env bash
# The pipeline's dbt build, as `make demo`, `make demo-change` and the vault benchmark run it after an
# ingestion (docs/vault-operations.md, "Running only what changed"):
# - only the models downstream of raw tables that got rows since the last passing build
#   (`python -m northwind_local.changed_tables`); everything when the vault is new; no dbt run at all when no
#   table changed;
# - without dbt's unit tests: they test the macros on fixed inputs, not the data, so they belong to `make test`
#   (whose dbt builds run them), not to every batch, as dbt recommends for production runs.
# The last built batch is kept beside the vault file and moves on only when `dbt build` passed.
# Settings (environment): NORTHWIND_STATE_DIR (default .local), NORTHWIND_ICEBERG_CATALOG (default local),
# NORTHWIND_ENGINE (duckdb, the default, or trino: the same project on the local Trino, scripts/local_trino.sh).
# Extra arguments go to `dbt build`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state=$(realpath "${NORTHWIND_STATE_DIR:-$root/.local}")
export NORTHWIND_STATE_DIR="$state"
export PYTHONPATH="$root/glue_job:$root/datagen:$root/demo${PYTHONPATH:+:$PYTHONPATH}"
engine=${NORTHWIND_ENGINE:-duckdb}
case "$engine" in
  duckdb)
    target=local
    vault="$state/vault.duckdb"
    built="$vault.built-batch"
    # A vault file that is gone (deleted, never built) has loaded nothing, whatever an old marker says.
    [ -f "$vault" ] || rm -f "$built"
    ;;
  trino)
    target=trino
    built="$state/trino-vault.built-batch"
    scripts/local_trino.sh status >/dev/null || {
      echo "the local Trino is not running on 127.0.0.1:${NORTHWIND_TRINO_PORT:-58080}: run scripts/local_trino.sh start" >&2
      exit 2
    }
    ;;
  *) echo "NORTHWIND_ENGINE=$engine: expected duckdb or trino" >&2; exit 2 ;;
esac

# dbt's run results describe the build that wrote them: drop the last build's, so that a run with nothing to
# build never reports its tests as this run's (the demo summary reads this file).
rm -f "$root/dbt/vault/target/run_results.json"

rc=0
selection=$(.venv/bin/python -m northwind_local.changed_tables select --built "$built" \
  --state-dir "$state" --catalog "${NORTHWIND_ICEBERG_CATALOG:-local}") || rc=$?
if [ "$rc" -eq 3 ]; then
  echo "no raw table got rows since the last build: nothing to run"
elif [ "$rc" -ne 0 ]; then
  exit "$rc"
else
  echo "dbt build --select $selection"
  # shellcheck disable=SC2086 # one word per selector
  .venv/bin/dbt build --project-dir dbt/vault --profiles-dir dbt --target "$target" \
    --exclude-resource-type unit_test --select $selection "$@"
fi
.venv/bin/python -m northwind_local.changed_tables mark --built "$built"
