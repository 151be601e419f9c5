"""What `make demo` prints at the end: rows per layer, dbt test results, revenue reconciled, top customers.

Every figure is read from where the pipeline left it: the source PostgreSQL, the DuckDB vault and dbt's
run_results.json. The raw layer is read as dbt's source plugin last loaded it from Iceberg into the vault
database (schema `northwind_raw`): the change logs and the batch manifest, no catalog opened here, so this
does not depend on where the local catalog lives.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import psycopg

# Layers of the vault by the schema suffix dbt gives their folder (see dbt/vault/dbt_project.yml).
VAULT_LAYERS = ("raw_vault", "business_vault", "marts")

# The dump's revenue formula (docs/ingestion.md, "The source data"), computed on the source, independently of dbt.
# Prices and discounts are REAL: their float32 values differ from the entered ones (19.45 is 19.4500007...), a
# drift that passes a cent at scale 10. The vault takes REAL values at four decimals, and so does this figure.
SOURCE_REVENUE_SQL = (
    "select sum(unit_price::numeric(18, 4) * quantity * (1 - discount::numeric(18, 4))) from order_details"
)

# To the cent.
REVENUE_TOLERANCE = Decimal("0.01")


@dataclass(frozen=True)
class TestResults:
    passed: int
    failed: int
    warned: int
    skipped: int


# The raw layer's batch manifest (see dbt/vault/macros/raw_log.sql); every other raw table is a change log.
MANIFEST_TABLE = "batch_manifest"


@dataclass(frozen=True)
class TableBatch:
    """One table's row of a committed batch in the manifest."""

    table: str
    mode: str
    inserted: int
    updated: int
    deleted: int


def _raw_tables(con: duckdb.DuckDBPyConnection, raw_schema: str) -> list[str]:
    tables = [
        row[0]
        for row in con.execute(
            "select table_name from information_schema.tables where table_schema = ? order by table_name",
            [raw_schema],
        ).fetchall()
    ]
    # A vault on Trino sees the ingestion's own state tables beside the logs; DuckDB's plugin does not.
    is_raw_log = getattr(con, "is_raw_log", None)
    if is_raw_log is not None:
        tables = [table for table in tables if is_raw_log(table)]
    if MANIFEST_TABLE not in tables:
        raise RuntimeError(f"no {raw_schema}.{MANIFEST_TABLE} in the vault database: did `dbt build` run?")
    return tables


def raw_layer_rows(con: duckdb.DuckDBPyConnection, raw_schema: str = "northwind_raw") -> dict[str, int]:
    """Change-log rows per raw table, counting only committed batches (rows of a failed or running batch,
    which the vault ignores, are not counted either). The manifest is not a log and is left out."""
    return {
        table: int(
            con.execute(
                f'select count(*) from "{raw_schema}"."{table}" where _batch_id in'
                f' (select batch_id from "{raw_schema}"."{MANIFEST_TABLE}")'
            ).fetchone()[0]
        )
        for table in _raw_tables(con, raw_schema)
        if table != MANIFEST_TABLE
    }


def committed_batches(con: duckdb.DuckDBPyConnection, raw_schema: str = "northwind_raw") -> int:
    _raw_tables(con, raw_schema)
    return int(
        con.execute(f'select count(distinct batch_id) from "{raw_schema}"."{MANIFEST_TABLE}"').fetchone()[0]
    )


def latest_batch(
    con: duckdb.DuckDBPyConnection, raw_schema: str = "northwind_raw"
) -> tuple[str, list[TableBatch]] | None:
    """The newest committed batch (batch ids sort in time) and its counts per table and op."""
    _raw_tables(con, raw_schema)
    manifest = f'"{raw_schema}"."{MANIFEST_TABLE}"'
    rows = con.execute(
        f"select batch_id, table_name, mode, inserted, updated, deleted from {manifest}"
        f" where batch_id = (select max(batch_id) from {manifest}) order by table_name"
    ).fetchall()
    if not rows:
        return None
    return rows[0][0], [TableBatch(table, mode, int(i), int(u), int(d)) for _, table, mode, i, u, d in rows]


def _schema_of(con: duckdb.DuckDBPyConnection, table: str) -> str:
    found = con.execute(
        "select table_schema from information_schema.tables where table_name = ?", [table]
    ).fetchall()
    if not found:
        raise RuntimeError(f"table {table} is not in the vault database: did `dbt build` run?")
    return found[0][0]


def vault_rows(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    """Rows per table of each vault layer (tables only: staging views hold no rows of their own)."""
    layers: dict[str, dict[str, int]] = {}
    tables = con.execute(
        "select table_schema, table_name from information_schema.tables"
        " where table_type = 'BASE TABLE' order by table_name"
    ).fetchall()
    # DuckDB: one schema per layer, named after it. A vault on Trino says where each table belongs.
    layer_of = getattr(con, "layer_of", None)
    for schema, table in tables:
        if layer_of is not None:
            layer = layer_of(schema, table)
        else:
            layer = next((name for name in VAULT_LAYERS if schema.endswith(name)), None)
        if layer is None:
            continue
        # Real rows only: the ghost row of every hub and satellite (record_source 'SYSTEM') is no business key.
        columns = {c[0] for c in con.execute(f'describe "{schema}"."{table}"').fetchall()}
        real = " where record_source <> 'SYSTEM'" if "record_source" in columns else ""
        count = con.execute(f'select count(*) from "{schema}"."{table}"{real}').fetchone()[0]
        layers.setdefault(layer, {})[table] = int(count)
    return layers


def test_results(run_results: Path) -> TestResults | None:
    """Counts of dbt data tests and unit tests by status in this run's `dbt build`; None when the run built
    nothing (scripts/vault_build.sh removes the previous build's results before it decides)."""
    if not run_results.is_file():
        return None
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    tests = [r for r in results if r["unique_id"].split(".")[0] in ("test", "unit_test")]

    def count(*statuses: str) -> int:
        return sum(1 for r in tests if r["status"] in statuses)

    return TestResults(
        passed=count("pass", "success"),
        failed=count("fail", "error"),
        warned=count("warn"),
        skipped=count("skipped"),
    )


def source_revenue(pg: psycopg.Connection) -> Decimal:
    return Decimal(str(pg.execute(SOURCE_REVENUE_SQL).fetchone()[0]))


def mart_revenue(con: duckdb.DuckDBPyConnection) -> Decimal:
    schema = _schema_of(con, "mart_sales")
    return Decimal(str(con.execute(f'select sum(revenue) from "{schema}".mart_sales').fetchone()[0]))


def top_customers(con: duckdb.DuckDBPyConnection, limit: int = 5) -> list[tuple[str, str, str, Decimal]]:
    schema = _schema_of(con, "mart_customer_sales")
    return con.execute(
        f'select customer_id, company_name, country, revenue from "{schema}".mart_customer_sales'
        " order by revenue desc, customer_id limit ?",
        [limit],
    ).fetchall()
