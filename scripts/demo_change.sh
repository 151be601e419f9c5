#!/usr/bin/env bash
# `make demo-change`: change the source the way an OLTP day would (a share of customers and products updated,
# new orders, some deletes), run ingestion and dbt again, and show what the Data Vault recorded.
# Needs a finished `make demo`. NORTHWIND_CHANGE_SHARE sets the share changed (default 0.01).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PYTHONPATH="$root/glue_job:$root/datagen:$root/demo"
export NORTHWIND_STATE_DIR="$root/.local"
share="${NORTHWIND_CHANGE_SHARE:-0.01}"
export NORTHWIND_ENGINE="${NORTHWIND_ENGINE:-duckdb}"
if [ "$NORTHWIND_ENGINE" = duckdb ]; then
  [ -f .local/vault.duckdb ] || { echo "no vault yet: run \`make demo\` first" >&2; exit 2; }
else
  [ -f .local/trino-vault.built-batch ] || { echo "no vault on Trino yet: run \`NORTHWIND_ENGINE=trino make demo\` first" >&2; exit 2; }
fi
STEP_LOG_DIR="$root/.local/logs/demo-change"
mkdir -p "$STEP_LOG_DIR"
run_started=$(date -u +%Y-%m-%dT%H:%M:%S)
export STEP_TIMINGS="$STEP_LOG_DIR/step-timings.tsv"
: >"$STEP_TIMINGS"
# shellcheck source=scripts/lib/steps.sh
source scripts/lib/steps.sh
py=.venv/bin/python
counts_before="$STEP_LOG_DIR/vault-counts-before.json"
changes="$STEP_LOG_DIR/changeset.json"

apply_changes() {
  # A new seed each run, so repeated runs keep changing the data instead of replaying one change set.
  "$py" -m northwind_datagen changeset --share "$share" --seed "$(date +%s)" >"$changes"
}

echo "Change ${share} of the source and rebuild"
step "Start the local PostgreSQL" scripts/local_postgres.sh start
if [ "$NORTHWIND_ENGINE" = trino ]; then
  step "Start the local Trino" scripts/local_trino.sh start
fi
step "Count the vault's rows before the change" "$py" -m northwind_demo counts --out "$counts_before"
step "Apply a change set to the source" apply_changes
step "Ingest PostgreSQL -> Iceberg" "$py" -m northwind_local
# Only the models downstream of tables that got rows since the last build (docs/vault-operations.md, "Running only what changed").
step "Build the vault incrementally (dbt build, changed tables only)" scripts/vault_build.sh
echo
"$py" -m northwind_demo changes --before "$counts_before" --changeset "$changes"
echo
echo "The change set's ids: $changes"
echo
# Appends this run to the report's history (docs/run-report.md); the report reads the DuckDB vault file.
if [ "$NORTHWIND_ENGINE" = duckdb ]; then
  "$py" -m northwind_demo.report --state-dir .local --kind demo-change --started-at "$run_started" \
    --steps "$STEP_TIMINGS" --run-results dbt/vault/target/run_results.json --change-set "$changes" \
    --report-dir .local/report --docs-dir .local/dbt-docs
fi
