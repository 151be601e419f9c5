"""One ingestion run: discover the source tables, then read and write each one, isolating failures."""

from __future__ import annotations

import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from pyspark.sql import SparkSession

from northwind_ingest.settings import JobSettings
from northwind_ingest.sink import RunMetadata, ensure_namespace, write_table
from northwind_ingest.source import (
    SourceTable,
    SourceUnavailableError,
    discover_tables,
    java_message,
    plan_read,
    read_table,
)
from northwind_ingest.summary import RunSummary, TableResult

log = logging.getLogger("northwind_ingest")


def new_run_metadata() -> RunMetadata:
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    return RunMetadata(load_ts=now, batch_id=f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}")


def run_ingestion(spark: SparkSession, settings: JobSettings, meta: RunMetadata | None = None) -> RunSummary:
    """Copy every discovered table into Iceberg. Never raises for data problems: read the summary.

    A failed table keeps its previous snapshot; tables already committed stay committed.
    """
    meta = meta or new_run_metadata()
    summary = RunSummary(batch_id=meta.batch_id)
    started = time.monotonic()
    try:
        tables = discover_tables(spark, settings)
    except (SourceUnavailableError, ValueError) as exc:
        summary.error = str(exc)
    else:
        try:
            ensure_namespace(spark, settings)
        except Exception as exc:  # noqa: BLE001 - reported in the summary like any other failure
            summary.error = f"cannot open Iceberg namespace {settings.target.namespace}: {java_message(exc)}"
    if summary.error:
        log.error("%s", summary.error)
        summary.seconds = time.monotonic() - started
        return summary
    log.info("batch %s: %d tables from %s", meta.batch_id, len(tables), settings.source.schema)
    # Each table is its own Spark job and its own Iceberg commit, so tables can run side by side;
    # results are reported in table order whatever the finishing order.
    with ThreadPoolExecutor(max_workers=settings.parallel_tables, thread_name_prefix="table") as pool:
        summary.results = list(pool.map(lambda t: ingest_table(spark, settings, t, meta), tables))
    summary.seconds = time.monotonic() - started
    return summary


def ingest_table(
    spark: SparkSession, settings: JobSettings, table: SourceTable, meta: RunMetadata
) -> TableResult:
    """Read and write one table; any failure becomes a failed TableResult naming the table."""
    t0 = time.monotonic()
    try:
        plan = plan_read(spark, settings, table)
        data = read_table(spark, settings, table, plan)
        written = write_table(spark, settings, table.name, data, meta)
        result = TableResult(table.name, True, written.rows, time.monotonic() - t0, written.snapshot_id)
    except Exception as exc:  # noqa: BLE001 - one table's failure must not stop the others
        message = java_message(exc) if hasattr(exc, "java_exception") else str(exc)
        if table.name not in message:
            message = f"table {table.name}: {message}"
        result = TableResult(table.name, False, seconds=time.monotonic() - t0, message=message)
    (log.info if result.ok else log.error)("%s", result.log_line())
    return result
