"""The ingested lake and the pipeline build that the vault benchmarks share (scripts/bench.d/dbt_bench.py on
DuckDB, scripts/bench.d/vault_trino_bench.py on Trino and DuckDB side by side).

One lake per scale: a source database of generated Northwind, the real ingestion (the Glue job's code on one
local Spark session, not timed) into an Iceberg catalog of its own under the scale's state dir, and the build
as the demo runs it after an ingestion (scripts/vault_build.sh), measured with its whole process tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from bench_lib.proctree import run_measured

REPO = Path(__file__).resolve().parents[2]
BENCH_DB = "bench_vault"


@dataclass
class Lake:
    """The state dir, Spark catalog and source database of one scale, ingested by `ingest`."""

    spark: Any
    scale: float
    state: Path
    catalog: str
    settings: Any

    def ingest(self, change_seed: int | None = None) -> None:
        """One more batch: after a datagen change set touching 1% of the rows when `change_seed` is given."""
        from northwind_datagen.changeset import apply_changeset
        from northwind_ingest.job import run_ingestion
        from northwind_local.testing import connect

        if change_seed is not None:
            with connect(BENCH_DB) as conn:
                conn.autocommit = False
                apply_changeset(conn, share=0.01, seed=change_seed)
                conn.commit()
        summary = run_ingestion(self.spark, self.settings)
        if not summary.ok:
            raise SystemExit(summary.render())


def new_lake(spark: Any, scale: float, state_root: Path, prefix: str, owner: str | None = None) -> Lake:
    """An empty lake for `scale` under state_root/scale-<scale>, its source loaded (seed 42), nothing ingested.

    `owner`: the user that must own the warehouse (the local Trino writes the vault there as user `trino`)."""
    from northwind_local.catalog import load_local_catalog
    from northwind_local.runtime import catalog_database, drop_catalog_database_named, local_job_settings
    from northwind_local.spark import register_local_catalog
    from northwind_local.testing import load_generated

    state = state_root / f"scale-{scale:g}"
    shutil.rmtree(state, ignore_errors=True)
    drop_catalog_database_named(catalog_database(state))
    warehouse = state / "iceberg" / "warehouse"
    warehouse.mkdir(parents=True)
    if owner:
        shutil.chown(warehouse, owner)
    # A catalog name per scale: Spark keeps a catalog's location once it has been used.
    catalog = f"{prefix}_{str(scale).replace('.', '_')}"
    register_local_catalog(spark, catalog, state)
    # The catalog's tables exist before anything but Spark reads it (Trino's JDBC catalog expects them).
    load_local_catalog(state, catalog)
    load_generated(BENCH_DB, scale, seed=42)
    return Lake(spark, scale, state, catalog, local_job_settings(database=BENCH_DB, catalog=catalog))


def dbt_env(state: Path, catalog: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "NORTHWIND_STATE_DIR": str(state),
        "NORTHWIND_ICEBERG_CATALOG": catalog,
        # One target folder per scale: dbt's partial parsing reuses it from the second build on, as it does
        # for a user who runs the pipeline on a schedule.
        "DBT_TARGET_PATH": str(state / "dbt-target"),
        "DBT_LOG_PATH": str(state / "dbt-logs"),
        **extra,
    }


def vault_build(
    state: Path, catalog: str, watch: list[int] | None = None, **extra_env: str
) -> dict[str, float]:
    """The pipeline's build as the demo runs it (scripts/vault_build.sh: the models downstream of changed raw
    tables, no unit tests): wall seconds of the whole script, dbt's own elapsed (0 when it had nothing to run),
    peak MB of the process tree, and of the `watch` process trees (a server the build talks to)."""
    env = dbt_env(state, catalog, **extra_env)
    run_results = Path(env["DBT_TARGET_PATH"]) / "run_results.json"
    run_results.unlink(missing_ok=True)
    try:
        done = run_measured(["scripts/vault_build.sh"], env=env, cwd=REPO, watch=watch or [])
    except subprocess.CalledProcessError as failed:
        raise SystemExit(f"vault build failed:\n{failed.stdout[-4000:]}\n{failed.stderr[-2000:]}") from failed
    elapsed = json.loads(run_results.read_text())["elapsed_time"] if run_results.exists() else 0.0
    return {
        "wall_s": done.wall_s,
        "dbt_s": float(elapsed),
        "peak_mb": done.peak_mb,
        "watched_peak_mb": done.watched_peak_mb,
    }


def raw_vault_rows(vault: Path) -> int:
    """Rows in every table of the DuckDB raw vault (hubs, links, satellites, status, effectivity)."""
    with duckdb.connect(str(vault), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema like '%raw_vault' and table_type = 'BASE TABLE'"
        ).fetchall()
        return sum(con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables)


def restore_duckdb_vault(checkpoint: Path | None, state: Path) -> None:
    """The DuckDB vault as it was at `checkpoint` (None: no vault yet), with its memory of the last batch."""
    vault = state / "vault.duckdb"
    vault.unlink(missing_ok=True)
    Path(f"{vault}.built-batch").unlink(missing_ok=True)
    if checkpoint is not None:
        shutil.copyfile(checkpoint, vault)
        # The pipeline's memory of the last built batch belongs with the vault file it describes.
        shutil.copyfile(f"{checkpoint}.built-batch", f"{vault}.built-batch")


def save_duckdb_vault(state: Path, name: str) -> Path:
    saved = state / f"vault-{name}.duckdb"
    shutil.copyfile(state / "vault.duckdb.built-batch", f"{saved}.built-batch")
    return Path(shutil.copyfile(state / "vault.duckdb", saved))
