"""Writing one table's batch: append to its change log, merge its key table, evolve, roll back.

Every write is one Iceberg commit. A table's first batch creates the log and the key table together with
their data (create-and-write: a failed first load leaves no table behind). Later batches append to the log
and MERGE the key table (merge-on-read: only delete files for the touched keys, no rewrite of the rest).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from northwind_ingest.identifiers import spark_quote
from northwind_ingest.raw_layer import OP_DELETE, dotted, ident, keys_table
from northwind_ingest.row_hash import ROW_HASH_COLUMN
from northwind_ingest.schema_evolution import SchemaEvolution
from northwind_ingest.settings import TargetSettings
from northwind_ingest.source import SourceTable

LOG_PROPERTIES = {
    "format-version": "2",
    # Appends only: small batches, one file per batch partition; maintenance compacts.
    "write.distribution-mode": "none",
}
KEYS_PROPERTIES = {
    "format-version": "2",
    "write.merge.mode": "merge-on-read",
    "write.update.mode": "merge-on-read",
    "write.delete.mode": "merge-on-read",
    "write.distribution-mode": "none",
}


@dataclass(frozen=True)
class BatchStamp:
    """Identical for every row of one batch."""

    batch_id: str
    load_ts: datetime  # UTC, zone-less
    started_at: datetime


@dataclass(frozen=True)
class Snapshots:
    """Current snapshot ids of a table's log and key table (None: the table does not exist)."""

    log: int | None
    keys: int | None


def table_exists(spark: SparkSession, target: TargetSettings, table: str) -> bool:
    return spark.catalog.tableExists(dotted(target, table))


# A table that exists but has no snapshot yet (manifest and restore need to tell it from a missing one).
NO_SNAPSHOT = -1


def _iceberg_table(spark: SparkSession, target: TargetSettings, table: str):
    jvm = spark.sparkContext._jvm
    return jvm.org.apache.iceberg.spark.Spark3Util.loadIcebergTable(
        spark._jsparkSession, dotted(target, table)
    )


def current_snapshot_id(spark: SparkSession, target: TargetSettings, table: str) -> int | None:
    """From the table's metadata through Iceberg's Java API (a `.snapshots` query costs a Spark job)."""
    if not table_exists(spark, target, table):
        return None
    current = _iceberg_table(spark, target, table).currentSnapshot()
    return int(current.snapshotId()) if current is not None else NO_SNAPSHOT


def added_records(spark: SparkSession, target: TargetSettings, table: str) -> int:
    """Rows the table's latest commit added, from its snapshot summary (no data file is read)."""
    current = _iceberg_table(spark, target, table).currentSnapshot()
    return int(current.summary().get("added-records") or 0) if current is not None else 0


def schema_ahead_of_data(spark: SparkSession, target: TargetSettings, table: str) -> bool:
    """The table's schema changed after its current snapshot was written: a batch evolved it and then
    failed (rolling back restores data, not schema), so the next batch must compare in full."""
    iceberg = _iceberg_table(spark, target, table)
    current = iceberg.currentSnapshot()
    return current is not None and int(iceberg.schema().schemaId()) != int(current.schemaId())


def snapshots(spark: SparkSession, target: TargetSettings, table: str) -> Snapshots:
    return Snapshots(
        current_snapshot_id(spark, target, table), current_snapshot_id(spark, target, keys_table(table))
    )


def log_rows(changes: DataFrame, table: SourceTable, record_source: str, stamp: BatchStamp) -> DataFrame:
    """Source columns in source order, then the metadata columns of the contract (raw_layer.py)."""
    return changes.select(
        *[F.col(f"`{c.name}`") for c in table.columns],
        F.col("_op"),
        F.lit(stamp.batch_id).alias("_batch_id"),
        F.lit(stamp.load_ts).cast(T.TimestampNTZType()).alias("_load_ts"),
        F.lit(record_source).alias("_record_source"),
        F.col(ROW_HASH_COLUMN),
    )


def _with_properties(writer, properties: dict[str, str]):
    for key, value in properties.items():
        writer = writer.tableProperty(key, value)
    return writer


def create_tables(spark: SparkSession, target: TargetSettings, table: SourceTable, rows: DataFrame) -> None:
    """The first batch: the log created with its rows, then the key table created from the log's rows."""
    log_writer = rows.writeTo(ident(target, table.name)).using("iceberg").partitionedBy(F.col("_batch_id"))
    _with_properties(log_writer, LOG_PROPERTIES).create()
    written = spark.table(ident(target, table.name))
    keys = written.select(*table.key_columns, ROW_HASH_COLUMN, "_batch_id")
    _with_properties(
        keys.writeTo(ident(target, keys_table(table.name))).using("iceberg"), KEYS_PROPERTIES
    ).create()


def append_batch(spark: SparkSession, target: TargetSettings, table: SourceTable, rows: DataFrame) -> None:
    """A later batch: one append to the log, one MERGE of the changed keys into the key table."""
    rows.writeTo(ident(target, table.name)).append()
    view = f"batch_keys_{table.name}"
    rows.select(*table.key_columns, ROW_HASH_COLUMN, "_batch_id", "_op").createOrReplaceTempView(view)
    on = " and ".join(f"k.`{c}` = b.`{c}`" for c in table.key_columns)
    insert_cols = ", ".join(f"`{c}`" for c in (*table.key_columns, ROW_HASH_COLUMN, "_batch_id"))
    insert_vals = ", ".join(f"b.`{c}`" for c in (*table.key_columns, ROW_HASH_COLUMN, "_batch_id"))
    spark.sql(
        f"merge into {ident(target, keys_table(table.name))} k using {view} b on {on} "
        f"when matched and b._op = '{OP_DELETE}' then delete "
        f"when matched then update set k.{ROW_HASH_COLUMN} = b.{ROW_HASH_COLUMN}, k._batch_id = b._batch_id "
        f"when not matched and b._op <> '{OP_DELETE}' then insert ({insert_cols}) values ({insert_vals})"
    )
    spark.catalog.dropTempView(view)


def evolve(
    spark: SparkSession, target: TargetSettings, table: SourceTable, evolution: SchemaEvolution
) -> None:
    """Apply safe schema changes to the log (and the key table, for key columns)."""
    for name in (table.name, keys_table(table.name)):
        is_keys = name != table.name
        added = [f for f in evolution.added if not is_keys]
        widened = [f for f in evolution.widened if not is_keys or f.name in table.key_columns]
        qualified = ident(target, name)
        if added:
            columns = ", ".join(f"`{f.name}` {f.dataType.simpleString()}" for f in added)
            spark.sql(f"alter table {qualified} add columns ({columns})")
        for f in widened:
            spark.sql(f"alter table {qualified} alter column `{f.name}` type {f.dataType.simpleString()}")


def restore(spark: SparkSession, target: TargetSettings, table: str, snapshot_id: int | None) -> None:
    """Put `table` back at `snapshot_id`; None means it did not exist, so drop it."""
    current = current_snapshot_id(spark, target, table)
    if snapshot_id == NO_SNAPSHOT:
        return  # nothing to go back to; a table without snapshot holds no rows either way
    if snapshot_id is None:
        if table_exists(spark, target, table):
            spark.sql(f"drop table if exists {ident(target, table)} purge")
        return
    if current != snapshot_id:
        spark.sql(
            f"call {spark_quote(target.catalog)}.system.set_current_snapshot("
            f"table => '{target.namespace}.{table}', snapshot_id => {snapshot_id})"
        )
