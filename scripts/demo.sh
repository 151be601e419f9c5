#!/usr/bin/env bash
# `make demo`: the platform on one machine. Northwind in a local PostgreSQL -> the Glue job's own code on local
# Spark -> Iceberg tables -> dbt on DuckDB -> Data Vault and marts, then a summary and an HTML report.
#
# Settings (environment):
#   NORTHWIND_SQL=path     load this Northwind dump (the real one) instead of generated data
#   NORTHWIND_SCALE=N      scale of the generated data (default 1, about 830 orders)
#   NORTHWIND_SEED=N       seed of the generated data (default 42)
#   NORTHWIND_ENGINE=trino build the vault and marts on the local Trino (the engine Athena is built on) instead
#                          of DuckDB: installs Trino, starts it (scripts/local_trino.sh), same summary
# Each step's full log is under .local/logs/demo/; a failing step names its log and shows its end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PYTHONPATH="$root/glue_job:$root/datagen:$root/demo"
export NORTHWIND_STATE_DIR="$root/.local"
export NORTHWIND_SCALE="${NORTHWIND_SCALE:-1}"
export NORTHWIND_SEED="${NORTHWIND_SEED:-42}"
STEP_LOG_DIR="$root/.local/logs/demo"
mkdir -p "$STEP_LOG_DIR"
# shellcheck source=scripts/lib/steps.sh
source scripts/lib/steps.sh
py=.venv/bin/python
export NORTHWIND_ENGINE="${NORTHWIND_ENGINE:-duckdb}"
case "$NORTHWIND_ENGINE" in
  duckdb) setup_profile=demo target=local engine_name=DuckDB ;;
  trino) setup_profile=trino target=trino engine_name=Trino ;;
  *) echo "NORTHWIND_ENGINE=$NORTHWIND_ENGINE: expected duckdb or trino" >&2; exit 2 ;;
esac

# The data a run asks for, so a second run with the same request keeps the loaded database.
if [ -n "${NORTHWIND_SQL:-}" ]; then
  [ -f "$NORTHWIND_SQL" ] || { echo "NORTHWIND_SQL=$NORTHWIND_SQL: no such file" >&2; exit 2; }
  wanted="dump $(realpath "$NORTHWIND_SQL") $(stat -c %Y "$NORTHWIND_SQL")"
else
  wanted="generated scale=$NORTHWIND_SCALE seed=$NORTHWIND_SEED"
fi
loaded_marker=.local/demo-source

load_northwind() {
  if [ -f "$loaded_marker" ] && [ "$(cat "$loaded_marker")" = "$wanted" ]; then
    echo "already loaded: $wanted"
    return 0
  fi
  rm -f "$loaded_marker"
  scripts/local_postgres.sh load
  echo "$wanted" >"$loaded_marker"
}

dbt_vault() {
  .venv/bin/dbt "$@" --project-dir dbt/vault --profiles-dir dbt --target "$target"
}

echo "Northwind Data Vault Platform, local demo ($wanted)"
step "Install dependencies (npm, Python, PostgreSQL, jars)" scripts/setup.sh "$setup_profile"
step "Start the local PostgreSQL" scripts/local_postgres.sh start
step "Load Northwind into PostgreSQL" load_northwind
step "Ingest PostgreSQL -> Iceberg (Glue job code, Spark)" "$py" -m northwind_local
if [ "$NORTHWIND_ENGINE" = trino ]; then
  step "Start the local Trino" scripts/local_trino.sh start
fi
step "Build the Data Vault and marts (dbt build, $engine_name)" scripts/vault_build.sh
step "Generate the dbt docs" dbt_vault docs generate --target-path "$root/.local/dbt-docs"
step "Synthesize the cloud stacks (CDKTF -> Terraform JSON)" scripts/synth_summary.sh
synth_log=$(ls "$STEP_LOG_DIR"/*-synthesize-*.log)
echo
echo "Finished in $(steps_elapsed)s. Step logs: $STEP_LOG_DIR"
echo
"$py" -m northwind_demo --state-dir .local summary \
  --run-results dbt/vault/target/run_results.json \
  --report-dir .local/report \
  --docs-dir .local/dbt-docs
echo
echo "Cloud stacks synthesized for deployment (resources per type: $synth_log)"
grep -E '^[a-z0-9-]+: [0-9]+ resources' "$synth_log" | sed 's/^/  /'
