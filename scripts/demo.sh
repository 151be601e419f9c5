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
# The step logs are this run's: an older run's (another engine numbers its steps differently) would be found too.
rm -f "$STEP_LOG_DIR"/[0-9][0-9]-*.log
run_started=$(date -u +%Y-%m-%dT%H:%M:%S)
export STEP_TIMINGS="$STEP_LOG_DIR/step-timings.tsv"
: >"$STEP_TIMINGS"
# shellcheck source=scripts/lib/steps.sh
source scripts/lib/steps.sh
py=.venv/bin/python
export NORTHWIND_ENGINE="${NORTHWIND_ENGINE:-duckdb}"
case "$NORTHWIND_ENGINE" in
  duckdb) setup_profile=demo target=local engine_name=DuckDB ;;
  trino) setup_profile=trino target=trino engine_name=Trino ;;
  *) echo "NORTHWIND_ENGINE=$NORTHWIND_ENGINE: expected duckdb or trino" >&2; exit 2 ;;
esac

if [ -n "${NORTHWIND_SQL:-}" ]; then
  [ -f "$NORTHWIND_SQL" ] || { echo "NORTHWIND_SQL=$NORTHWIND_SQL: no such file" >&2; exit 2; }
  wanted="dump $NORTHWIND_SQL"
else
  wanted="generated data, scale $NORTHWIND_SCALE, seed $NORTHWIND_SEED"
fi

dbt_vault() {
  .venv/bin/dbt "$@" --project-dir dbt/vault --profiles-dir dbt --target "$target"
}

# The build has just parsed and compiled the project: the docs start from its manifest and partial-parse file
# instead of doing both again (--no-compile), which halves the step. They only add the catalog.
dbt_docs() {
  mkdir -p "$root/.local/dbt-docs"
  cp dbt/vault/target/manifest.json dbt/vault/target/partial_parse.msgpack "$root/.local/dbt-docs/"
  dbt_vault docs generate --static --no-compile --target-path "$root/.local/dbt-docs"
}

echo "Northwind Data Vault Platform, local demo ($wanted)"
step "Install dependencies (npm, Python, PostgreSQL, jars)" scripts/setup.sh "$setup_profile"
step "Start the local PostgreSQL" scripts/local_postgres.sh start
# A new cluster is loaded by `start` already; this loads again only when the settings ask for other data.
step "Load Northwind into PostgreSQL" scripts/local_postgres.sh ensure-loaded
step "Ingest PostgreSQL -> Iceberg (Glue job code, Spark)" "$py" -m northwind_local
if [ "$NORTHWIND_ENGINE" = trino ]; then
  step "Start the local Trino" scripts/local_trino.sh start
fi
step "Build the Data Vault and marts (dbt build, $engine_name)" scripts/vault_build.sh
step "Generate the dbt docs" dbt_docs
step "Synthesize the cloud stacks (CDKTF -> Terraform JSON)" scripts/synth_summary.sh
synth_log=$(ls "$STEP_LOG_DIR"/*-synthesize-*.log)
echo
echo "Finished in $(steps_elapsed)s. Step logs: $STEP_LOG_DIR"
echo
# The report first: it is wanted most when the summary below finds a failure (docs/run-report.md).
# It reads the DuckDB vault file; on Trino the summary below is the run's record.
if [ "$NORTHWIND_ENGINE" = duckdb ]; then
  "$py" -m northwind_demo.report --state-dir .local --kind demo --started-at "$run_started" \
    --steps "$STEP_TIMINGS" --run-results dbt/vault/target/run_results.json \
    --report-dir .local/report --docs-dir .local/dbt-docs
else
  echo "(the HTML run report reads the DuckDB vault: not written for NORTHWIND_ENGINE=$NORTHWIND_ENGINE)"
fi
"$py" -m northwind_demo --state-dir .local summary \
  --run-results dbt/vault/target/run_results.json \
  --docs-dir .local/dbt-docs
echo
echo "Cloud stacks synthesized for deployment (resources per type: $synth_log)"
grep -E '^[a-z0-9-]+: [0-9]+ resources' "$synth_log" | sed 's/^/  /'
