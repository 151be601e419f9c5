"""The batch manifest: which batches are committed, and each table's state after them.

One small Iceberg table `batch_manifest` in the raw namespace, one row per (batch, source table), all rows of
a batch appended in ONE commit after every table of the batch succeeded. That commit is what makes a batch
visible: downstream reads only change-log rows whose `_batch_id` is in the manifest, and the next run takes
its change-detection horizon and its rollback points from here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime

from pyspark.sql import SparkSession
from pyspark.sql import types as T

from northwind_ingest.raw_layer import MANIFEST_TABLE, dotted, ident
from northwind_ingest.settings import TargetSettings

MODE_INITIAL, MODE_INCREMENTAL, MODE_FULL_COMPARE, MODE_UNCHANGED = (
    "initial",
    "incremental",
    "full-compare",
    "unchanged",
)

MANIFEST_SCHEMA = T.StructType(
    [
        T.StructField("batch_id", T.StringType()),
        T.StructField("started_at", T.TimestampNTZType()),
        T.StructField("committed_at", T.TimestampNTZType()),
        T.StructField("table_name", T.StringType()),
        T.StructField("mode", T.StringType()),
        T.StructField("log_snapshot_id", T.LongType()),
        T.StructField("keys_snapshot_id", T.LongType()),
        T.StructField("inserted", T.LongType()),
        T.StructField("updated", T.LongType()),
        T.StructField("deleted", T.LongType()),
        T.StructField("source_rows", T.LongType()),
        # The source snapshot's xmin (xid8): rows written by transactions at or above it are the next
        # run's candidates.
        T.StructField("source_xmin", T.LongType()),
        T.StructField("schema_change", T.StringType()),
    ]
)


@dataclass(frozen=True)
class TableState:
    """One manifest row: a table's state after a committed batch."""

    batch_id: str
    started_at: datetime
    committed_at: datetime
    table_name: str
    mode: str
    log_snapshot_id: int
    keys_snapshot_id: int
    inserted: int
    updated: int
    deleted: int
    source_rows: int
    source_xmin: int
    schema_change: str = ""


def manifest_exists(spark: SparkSession, target: TargetSettings) -> bool:
    return spark.catalog.tableExists(dotted(target, MANIFEST_TABLE))


def latest_states(spark: SparkSession, target: TargetSettings) -> dict[str, TableState]:
    """Each table's row of its newest committed batch (batch ids sort in time).

    The manifest is small (a row per table per batch): one scan collected to the driver is cheaper than a
    grouped query, which would cost a shuffle on every run.
    """
    if not manifest_exists(spark, target):
        return {}
    names = [f.name for f in fields(TableState)]
    latest: dict[str, TableState] = {}
    for row in spark.table(ident(target, MANIFEST_TABLE)).select(*names).collect():
        state = TableState(**row.asDict())
        if state.table_name not in latest or state.batch_id > latest[state.table_name].batch_id:
            latest[state.table_name] = state
    return latest


def committed_batches(spark: SparkSession, target: TargetSettings) -> list[str]:
    if not manifest_exists(spark, target):
        return []
    rows = spark.sql(f"select distinct batch_id from {ident(target, MANIFEST_TABLE)} order by batch_id")
    return [r.batch_id for r in rows.collect()]


def commit_batch(spark: SparkSession, target: TargetSettings, states: list[TableState]) -> None:
    """Append every table's row of one batch in a single Iceberg commit (creating the table atomically)."""
    df = spark.createDataFrame([tuple(asdict(s).values()) for s in states], MANIFEST_SCHEMA)
    writer = df.coalesce(1).writeTo(ident(target, MANIFEST_TABLE))
    if manifest_exists(spark, target):
        writer.append()
    else:
        writer.using("iceberg").tableProperty("format-version", "2").create()
