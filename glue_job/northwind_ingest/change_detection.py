"""Which rows of a source table changed since the last committed batch, read at the change's size.

Design (docs/ingestion.md, "Change detection"): PostgreSQL stamps every row version with the id of the transaction that
wrote it (`xmin`). A row inserted or updated since the last batch was written by a transaction at or above
that batch's snapshot xmin, so the candidates are `xid8(xmin) >= horizon`; they are hashed and compared
with the stored key table, which turns them into inserts and updates and drops rewrites of the same values.
Deletes: the table's row count inside the snapshot must equal the stored count plus the inserts; only when
it is lower are the source keys read and anti-joined with the stored keys.

`xmin` is 32 bits and wraps around; it is widened to xid8 with the epoch of the snapshot's xmax (a visible
row's xid is below xmax, so a raw value above xmax's low half belongs to the previous epoch). That is exact
while the span since the horizon stays below 2^31 transactions; beyond it, or when the source schema
evolved, the table is compared in full (every row hashed and joined with the stored keys).
"""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from northwind_ingest.identifiers import pg_quote
from northwind_ingest.manifest import (
    MODE_FULL_COMPARE,
    MODE_INCREMENTAL,
    MODE_INITIAL,
    MODE_UNCHANGED,
    TableState,
)
from northwind_ingest.raw_layer import OP_DELETE, OP_INSERT, OP_UPDATE, ident, keys_table
from northwind_ingest.row_hash import ROW_HASH_COLUMN, row_hash
from northwind_ingest.schema_evolution import SchemaEvolution
from northwind_ingest.settings import JobSettings
from northwind_ingest.source import SourceTable, plan_slices, read_rows
from northwind_ingest.source_snapshot import SnapshotInfo, SourceSnapshot

# Beyond this many transactions since the horizon the 32-bit xmin could alias: compare in full.
MAX_XID_SPAN = 2**31
_EPOCH = 2**32


def row_xid8_sql(snapshot: SnapshotInfo) -> str:
    """SQL for the 64-bit id of the transaction that wrote each row version (see module doc)."""
    base = (snapshot.xmax // _EPOCH) * _EPOCH
    low_xmax = snapshot.xmax % _EPOCH
    raw = "xmin::text::bigint"
    return f"(case when {raw} > {low_xmax} then {base - _EPOCH} + {raw} else {base} + {raw} end)"


@dataclass(frozen=True)
class ChangePlan:
    """What one table needs this batch, decided from catalog queries alone (no row is read yet)."""

    table: SourceTable
    mode: str
    state: TableState | None
    evolution: SchemaEvolution
    source_rows: int  # inside the snapshot
    candidates: int  # rows to read: all (initial, full compare) or those written since the horizon


def plan_change(
    snapshot: SourceSnapshot,
    settings: JobSettings,
    table: SourceTable,
    state: TableState | None,
    evolution: SchemaEvolution,
) -> ChangePlan:
    info = snapshot.info
    assert info is not None
    source = pg_quote(settings.source.schema, table.name)
    if state is None:
        # The first load counts nothing: slices are sized from the planner's estimate.
        return ChangePlan(table, MODE_INITIAL, None, evolution, -1, max(table.estimated_rows, 0))
    if evolution.changed or info.xmax - state.source_xmin >= MAX_XID_SPAN:
        (row,) = snapshot.query(f"select count(*) as n from {source}")
        return ChangePlan(table, MODE_FULL_COMPARE, state, evolution, int(row["n"]), int(row["n"]))
    row = snapshot.query_one(
        f"select count(*) as n, count(*) filter (where {row_xid8_sql(info)} >= {state.source_xmin}) as changed "
        f"from {source}"
    )
    n, changed = int(row["n"]), int(row["changed"])
    mode = MODE_UNCHANGED if changed == 0 and n == state.source_rows else MODE_INCREMENTAL
    return ChangePlan(table, mode, state, evolution, n, changed)


def hashed(df: DataFrame, table: SourceTable) -> DataFrame:
    return df.select("*", row_hash(table.schema()))


def initial_rows(
    spark: SparkSession, settings: JobSettings, snapshot: SourceSnapshot, plan: ChangePlan
) -> DataFrame:
    """Every source row, as inserts."""
    slices = plan_slices(snapshot, settings, plan.table, plan.candidates)
    rows = read_rows(spark, settings, snapshot, plan.table, plan=slices)
    return hashed(rows, plan.table).withColumn("_op", F.lit(OP_INSERT))


def _stored_keys(spark: SparkSession, settings: JobSettings, table: SourceTable) -> DataFrame:
    stored = spark.table(ident(settings.target, keys_table(table.name)))
    return stored.select(
        *table.key_columns,
        F.col(ROW_HASH_COLUMN).alias("_stored_hash"),
        F.col("_batch_id").alias("_stored_batch"),
    )


def _classified(joined: DataFrame) -> DataFrame:
    """Rows with their stored hash (null for a new key): inserts and updates; same-value rewrites dropped."""
    return joined.where(
        F.col("_stored_hash").isNull() | (F.col("_stored_hash") != F.col(ROW_HASH_COLUMN))
    ).withColumn("_op", F.when(F.col("_stored_hash").isNull(), F.lit(OP_INSERT)).otherwise(F.lit(OP_UPDATE)))


def upserts_since_horizon(
    spark: SparkSession, settings: JobSettings, snapshot: SourceSnapshot, plan: ChangePlan
) -> DataFrame:
    """Candidates (rows written since the horizon), classified as inserts or updates."""
    assert plan.state is not None and snapshot.info is not None
    where = f"{row_xid8_sql(snapshot.info)} >= {plan.state.source_xmin}"
    slices = plan_slices(snapshot, settings, plan.table, plan.candidates, where)
    candidates = hashed(
        read_rows(spark, settings, snapshot, plan.table, where=where, plan=slices), plan.table
    )
    keys = list(plan.table.key_columns)
    # The candidates are few next to the stored keys: broadcast them, so the key table is scanned once and
    # never shuffled; the matched stored rows are few again and go back the same way.
    matched = _stored_keys(spark, settings, plan.table).join(F.broadcast(candidates.select(*keys)), keys)
    return _classified(candidates.join(F.broadcast(matched), keys, "left")).drop(
        "_stored_hash", "_stored_batch"
    )


def full_compare(
    spark: SparkSession, settings: JobSettings, snapshot: SourceSnapshot, plan: ChangePlan
) -> DataFrame:
    """Every source row hashed and joined with the stored keys: inserts and updates (deletes separately)."""
    slices = plan_slices(snapshot, settings, plan.table, plan.source_rows)
    rows = hashed(read_rows(spark, settings, snapshot, plan.table, plan=slices), plan.table)
    keys = list(plan.table.key_columns)
    joined = rows.join(_stored_keys(spark, settings, plan.table), keys, "left")
    return _classified(joined).drop("_stored_hash", "_stored_batch")


# Delete detection narrows the key comparison to ranges of the leading key whose row counts disagree.
DELETE_BUCKETS = 2000


def _bucket(column: str, width: int) -> str:
    """Integer division truncating toward zero, the same in PostgreSQL (`/`) and Spark (`div`)."""
    return f"`{column}` div {width}"


def deleted_key_buckets(
    snapshot: SourceSnapshot, settings: JobSettings, plan: ChangePlan, upserts: DataFrame, stored: DataFrame
) -> tuple[str, int, list[int]] | None:
    """Buckets of the leading integer key that lost rows, or None to compare every key.

    Per bucket, the source count inside the snapshot must equal the stored keys plus this batch's inserts
    (both exactly known); only a bucket with fewer source rows holds deletes. Two cheap aggregates (one in
    PostgreSQL, one over the key table's leading column) spare reading and joining every key of a big table.
    """
    key = plan.table.split_column
    if key is None:
        return None
    width = max(1, -(-plan.source_rows // DELETE_BUCKETS))
    source = snapshot.query(
        f'select "{key}" / {width} as b, count(*) as n '
        f"from {pg_quote(settings.source.schema, plan.table.name)} group by 1"
    )
    in_source = {int(r["b"]): int(r["n"]) for r in source}
    bucket = F.expr(_bucket(key, width)).alias("b")
    kept = {r["b"]: r["count"] for r in stored.groupBy(bucket).count().collect()}
    new = upserts.where(F.col("_op") == OP_INSERT).groupBy(bucket).count().collect()
    for r in new:
        kept[r["b"]] = kept.get(r["b"], 0) + r["count"]
    return key, width, sorted(b for b, n in kept.items() if in_source.get(b, 0) < n)


def deletes(
    spark: SparkSession,
    settings: JobSettings,
    snapshot: SourceSnapshot,
    plan: ChangePlan,
    upserts: DataFrame,
    log: DataFrame,
) -> DataFrame:
    """Stored keys missing from the source, with their last known values taken from the change log (only
    the partitions of the batches that wrote those versions are read)."""
    keys = list(plan.table.key_columns)
    stored = _stored_keys(spark, settings, plan.table)
    buckets = deleted_key_buckets(snapshot, settings, plan, upserts, stored)
    where, last_versions = "true", log.where(F.col("_op") != OP_DELETE)
    if buckets is not None:
        key, width, ranges = buckets
        listed = ", ".join(str(b) for b in ranges) or "null"
        where = f'"{key}" / {width} in ({listed})'
        in_buckets = F.expr(_bucket(key, width)).isin(ranges)
        stored, last_versions = stored.where(in_buckets), last_versions.where(in_buckets)
    source_keys = read_rows(
        spark, settings, snapshot, plan.table, columns=plan.table.key_columns, where=where
    )
    # Cached: the deleted keys are few, and both the batch list and the join below need them.
    gone = stored.join(source_keys, keys, "left_anti").cache()
    batches = [r._stored_batch for r in gone.select("_stored_batch").distinct().collect()]
    found = last_versions.where(F.col("_batch_id").isin(batches)).join(F.broadcast(gone), keys)
    found = found.where(
        (F.col("_batch_id") == F.col("_stored_batch")) & (F.col(ROW_HASH_COLUMN) == F.col("_stored_hash"))
    )
    source_columns = [c.name for c in plan.table.columns]
    return found.select(*source_columns, ROW_HASH_COLUMN, F.lit(OP_DELETE).alias("_op"))
