#!/usr/bin/env bash
# Vault benchmark: `dbt build` of the whole pipeline as the demo runs it, on generated Northwind at scale 1, 100
# and 1000 (override: VAULT_BENCH_SCALES=1,100), median of 3 (VAULT_BENCH_REPEATS) for: a full build, an
# unchanged batch, a 1% change and two pending batches, plus dbt's start-up alone. Uses its own database
# (bench_vault) and state under .local/bench/vault: `make demo` data is untouched. Figures also go to
# .local/bench/results.jsonl (benchmark `vault`).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export PYTHONPATH="$root/glue_job:$root/datagen"
scripts/local_postgres.sh start >/dev/null
mkdir -p .local/bench/vault
.venv/bin/python scripts/bench.d/dbt_bench.py \
  --scales "${VAULT_BENCH_SCALES:-1,100,1000}" --repeats "${VAULT_BENCH_REPEATS:-3}" \
  --state-root .local/bench/vault --json .local/bench/vault.json
