#!/usr/bin/env bash
# `make vault-rebuild`: rebuild the Data Vault from the raw layer's memory. Every committed batch of the
# append-only Iceberg change logs is replayed, in load order, into a new, EMPTY DuckDB vault file; the
# insert-only layers (hubs, links, satellites, status, effectivity) are built from the log, never refreshed
# in place (they are `full_refresh: false`). Only when that `dbt build` passes (data tests included) does the
# new file replace the vault; the previous one is kept beside it as vault.duckdb.before-rebuild.
#
# Settings (environment): NORTHWIND_STATE_DIR (default .local) holds the Iceberg warehouse and the vault;
# NORTHWIND_ICEBERG_CATALOG (default local) names the catalog. Extra arguments go to `dbt build`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state=$(realpath "${NORTHWIND_STATE_DIR:-$root/.local}")
[ -d "$state/iceberg" ] || {
  echo "no Iceberg raw layer under $state/iceberg: run the ingestion first (make demo)" >&2
  exit 2
}
export NORTHWIND_STATE_DIR="$state"
export PYTHONPATH="$root/glue_job:$root/datagen:$root/demo${PYTHONPATH:+:$PYTHONPATH}"

# The new vault is built in its own folder under the same file name (dbt names the DuckDB database after
# the file, and the staging views refer to it by that name).
work="$state/vault-rebuild"
rm -rf "$work"
mkdir -p "$work"
started=$(date +%s)
NORTHWIND_VAULT_DIR="$work" .venv/bin/dbt build --project-dir dbt/vault --profiles-dir dbt --target local \
  --target-path "$work/target" --log-path "$work/logs" "$@"

# dbt checkpoints the file on exit; a leftover WAL belongs with its file.
if [ -f "$state/vault.duckdb" ]; then
  mv -f "$state/vault.duckdb" "$state/vault.duckdb.before-rebuild"
  if [ -f "$state/vault.duckdb.wal" ]; then
    mv -f "$state/vault.duckdb.wal" "$state/vault.duckdb.before-rebuild.wal"
  fi
fi
mv "$work/vault.duckdb" "$state/vault.duckdb"
if [ -f "$work/vault.duckdb.wal" ]; then mv "$work/vault.duckdb.wal" "$state/vault.duckdb.wal"; fi
echo "vault rebuilt from the raw log in $(($(date +%s) - started))s: $state/vault.duckdb" \
  "(the previous vault: $state/vault.duckdb.before-rebuild)"
