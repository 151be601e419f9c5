"""Cost follows the change, on the real pipeline (real dump in PostgreSQL -> real ingestion -> dbt on DuckDB):
an incremental model reads only the data files of the batches it has not loaded yet, and a model whose table
got no new rows reads no data file at all (neither the raw log nor its own table).

The evidence is DuckDB's own profile of the model's compiled SQL (`explain (analyze, format json)`): its
iceberg scans report the data files they read. The SQL is what `dbt compile` renders at that moment, with the
model's watermark looked up as dbt run would (macro `new_rows_filter`). With a bound DuckDB cannot use while
planning (`load_ts > (select max(load_ts) from this)`), the orders log's scan would read every batch's files
and this test fails.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from shared_pipeline import CATALOG
from shared_pipeline import SOURCE_DB as DB
from vault_harness import ingest, run_dbt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dbt" / "vault" / "plugins"))
from northwind_iceberg import load_extensions

CHANGED_ORDER = 10248


def compiled_sql(state: Path, model: str) -> str:
    """The model's SQL as `dbt run` would execute it now (is_incremental true, watermark read from the vault)."""
    run_dbt(["compile", "--select", model], state, catalog=CATALOG)
    (path,) = (state / "dbt-target" / "compiled").rglob(f"{model}.sql")
    return path.read_text()


def scans(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every table or iceberg scan of a DuckDB JSON profile, with its extra info."""
    if "SCAN" in (node.get("operator_name") or ""):
        yield node
    for child in node.get("children", []):
        yield from scans(child)


def profile(state: Path, sql: str) -> list[dict[str, Any]]:
    with duckdb.connect(str(state / "vault.duckdb"), read_only=True) as con:
        load_extensions(con)
        (row,) = con.execute("explain (analyze, format json) " + sql).fetchall()
    plan = json.loads(row[1])
    return list(scans(plan[0] if isinstance(plan, list) else plan))


def orders_files_read(state: Path, sql: str) -> set[str]:
    files: set[str] = set()
    for scan in profile(state, sql):
        names = (scan.get("extra_info") or {}).get("Filename(s)", "")
        files |= {name for name in names.split() if "/northwind_raw/orders/data/" in name}
    return files


def batch_files(state: Path, table: str) -> dict[str, set[str]]:
    """batch id -> the data files of that batch's partition of the table's log."""
    data = next((state / "iceberg").rglob(f"northwind_raw/{table}/data"))
    return {
        part.name.split("=", 1)[1]: {f"file:{path}" for path in part.glob("*.parquet")}
        for part in data.iterdir()
        if part.name.startswith("_batch_id=")
    }


@pytest.fixture(scope="module")
def pipeline(spark: Any, first_build: Any) -> Iterator[dict[str, Any]]:
    from northwind_local.testing import connect, drop_database

    state = first_build.state
    settings = first_build.restore()  # the dump's first batch, built (tests/shared_pipeline.py)
    try:
        with connect(DB) as pg:
            pg.execute(
                "update orders set ship_city = ship_city || ' (moved)' where order_id = %s", [CHANGED_ORDER]
            )
        ingest(spark, settings)
        yield {"state": state, "spark": spark, "settings": settings}
    finally:
        drop_database(DB)


def test_an_incremental_satellite_reads_only_the_new_batchs_files(pipeline: dict[str, Any]) -> None:
    state = pipeline["state"]
    batches = batch_files(state, "orders")
    assert len(batches) == 2, batches  # the initial load and the one-order change
    old_batch, new_batch = sorted(batches)

    read = orders_files_read(state, compiled_sql(state, "sat_order"))

    assert read == batches[new_batch]
    assert not read & batches[old_batch]


def test_a_model_of_an_unchanged_table_reads_no_data_file(pipeline: dict[str, Any]) -> None:
    state = pipeline["state"]
    # Load the pending order change, then ingest again with nothing changed: the orders log gets no batch.
    run_dbt(["run"], state, catalog=CATALOG)
    ingest(pipeline["spark"], pipeline["settings"])

    sql = compiled_sql(state, "sat_order")
    scanned = profile(state, sql)

    files = [(scan.get("extra_info") or {}).get("Total Files Read", "0") for scan in scanned]
    assert all(count == "0" for count in files), scanned
    # Nor is the satellite's own history read (its latest rows are looked up only for new keys).
    assert not [scan for scan in scanned if "sat_order" in json.dumps(scan.get("extra_info") or {})], scanned


def test_rows_of_an_uncommitted_batch_are_never_loaded(pipeline: dict[str, Any]) -> None:
    """A batch whose log rows are written but whose manifest rows are not (still running, or crashed) lies
    after every watermark: the constant bound lets its files through, the committed-batch filter must not."""
    from pyspark.sql import functions as F

    state, spark = pipeline["state"], pipeline["spark"]
    log = f"{CATALOG}.northwind_raw.orders"
    pending = (
        spark.table(log)
        .where(F.col("order_id") == CHANGED_ORDER)
        .orderBy(F.col("_load_ts").desc())
        .limit(1)
        .withColumn("ship_city", F.lit("Uncommitted City"))
        .withColumn("_op", F.lit("update"))
        .withColumn("_batch_id", F.lit("29991231T000000000000Z-00000000"))
        .withColumn("_load_ts", F.current_timestamp().cast("timestamp_ntz"))
    )
    pending.writeTo(log).append()

    run_dbt(["run", "--select", "sat_order"], state, catalog=CATALOG)

    with duckdb.connect(str(state / "vault.duckdb"), read_only=True) as con:
        (loaded,) = con.execute(
            "select count(*) from main_raw_vault.sat_order where ship_city = 'Uncommitted City'"
        ).fetchone()
    assert loaded == 0
