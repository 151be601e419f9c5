"""Writing one Iceberg table per source table: create, evolve (add columns only), atomic overwrite, expire."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from northwind_ingest.identifiers import spark_quote
from northwind_ingest.settings import JobSettings

# Ingestion metadata added to every raw row; the dbt vault reads these names.
METADATA_FIELDS = (
    T.StructField("_load_ts", T.TimestampNTZType(), True),
    T.StructField("_record_source", T.StringType(), True),
    T.StructField("_batch_id", T.StringType(), True),
)
METADATA_COLUMNS = tuple(f.name for f in METADATA_FIELDS)
log = logging.getLogger("northwind_ingest")


class SchemaChangeError(RuntimeError):
    """The source dropped or retyped a column: the table is left untouched until someone decides."""


@dataclass(frozen=True)
class RunMetadata:
    """Identical for every row of one run."""

    load_ts: datetime  # UTC, zone-less
    batch_id: str


@dataclass(frozen=True)
class WriteResult:
    rows: int
    snapshot_id: int
    added_columns: tuple[str, ...]
    created: bool


def table_name(settings: JobSettings, table: str) -> str:
    return spark_quote(settings.target.catalog, settings.target.namespace, table)


def with_metadata(df: DataFrame, record_source: str, meta: RunMetadata) -> DataFrame:
    return df.select(
        *[F.col(f"`{c}`") for c in df.columns],
        F.lit(meta.load_ts).cast(T.TimestampNTZType()).alias("_load_ts"),
        F.lit(record_source).alias("_record_source"),
        F.lit(meta.batch_id).alias("_batch_id"),
    )


def schema_changes(table: str, existing: T.StructType, source: T.StructType) -> list[T.StructField]:
    """Columns to add; raises SchemaChangeError when the source dropped or retyped a column."""
    current = {f.name: f.dataType for f in existing.fields if f.name not in METADATA_COLUMNS}
    wanted = {f.name: f.dataType for f in source.fields}
    dropped = sorted(set(current) - set(wanted))
    retyped = sorted(
        f"{name} ({current[name].simpleString()} -> {wanted[name].simpleString()})"
        for name in set(current) & set(wanted)
        if current[name] != wanted[name]
    )
    problems = []
    if dropped:
        problems.append(f"dropped column(s) {', '.join(dropped)}")
    if retyped:
        problems.append(f"changed type of {', '.join(retyped)}")
    if problems:
        raise SchemaChangeError(
            f"table {table}: source schema changed incompatibly ({'; '.join(problems)}); "
            "the Iceberg table was left untouched"
        )
    return [f for f in source.fields if f.name not in current]


def _ddl_columns(fields: list[T.StructField] | tuple[T.StructField, ...]) -> str:
    return ", ".join(f"`{f.name}` {f.dataType.simpleString()}" for f in fields)


def _table_properties(settings: JobSettings) -> str:
    props = {
        "format-version": "2",
        "history.expire.min-snapshots-to-keep": str(settings.retain_snapshots),
        "history.expire.max-snapshot-age-ms": str(settings.snapshot_max_age_hours * 3600 * 1000),
    }
    return ", ".join(f"'{k}' = '{v}'" for k, v in props.items())


def table_exists(spark: SparkSession, settings: JobSettings, table: str) -> bool:
    return spark.catalog.tableExists(f"{settings.target.catalog}.{settings.target.namespace}.{table}")


def ensure_namespace(spark: SparkSession, settings: JobSettings) -> None:
    spark.sql(
        f"CREATE NAMESPACE IF NOT EXISTS {spark_quote(settings.target.catalog, settings.target.namespace)}"
    )


def write_table(
    spark: SparkSession, settings: JobSettings, table: str, data: DataFrame, meta: RunMetadata
) -> WriteResult:
    """Replace the table's content with `data` in one Iceberg commit (a new snapshot)."""
    name = table_name(settings, table)
    clashes = sorted(set(data.columns) & set(METADATA_COLUMNS))
    if clashes:
        raise SchemaChangeError(
            f"table {table}: source column(s) {', '.join(clashes)} clash with the ingestion metadata columns"
        )
    created = False
    added: list[T.StructField] = []
    if table_exists(spark, settings, table):
        added = schema_changes(table, spark.table(name).schema, data.schema)
        if added:
            spark.sql(f"ALTER TABLE {name} ADD COLUMNS ({_ddl_columns(added)})")
    else:
        # Created from the mapped schema (all columns optional), so an empty source makes an empty table.
        spark.sql(
            f"CREATE TABLE {name} ({_ddl_columns(list(data.schema.fields) + list(METADATA_FIELDS))}) "
            f"USING iceberg TBLPROPERTIES ({_table_properties(settings)})"
        )
        created = True
    try:
        # Overwrite-by-filter `true`: delete every current file and add the new ones in a single commit.
        with_metadata(data, settings.source.record_source(table), meta).writeTo(name).overwrite(F.lit(True))
    except Exception:
        if created:  # a table born in a failed run would look like a successful empty load
            spark.sql(f"DROP TABLE IF EXISTS {name} PURGE")
        raise
    snapshots = snapshot_stats(spark, settings, table)
    cutoff = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=settings.snapshot_max_age_hours)
    # Expiring costs a Spark job per table: only run it when some snapshot is actually due. The data is
    # committed by now, so a failed clean-up is a warning, not a failed table.
    if snapshots.count > settings.retain_snapshots and snapshots.oldest < cutoff:
        try:
            expire_snapshots(spark, settings, table, cutoff)
        except Exception as exc:  # noqa: BLE001
            log.warning("table %s: snapshot expiry failed (data is committed): %s", table, exc)
    return WriteResult(snapshots.total_records, snapshots.current_id, tuple(f.name for f in added), created)


@dataclass(frozen=True)
class SnapshotStats:
    current_id: int
    total_records: int
    count: int
    oldest: datetime  # UTC, zone-less


def snapshot_stats(spark: SparkSession, settings: JobSettings, table: str) -> SnapshotStats:
    """Newest snapshot id and row total, snapshot count and oldest commit, from the table's metadata.

    Read through Iceberg's Java API: a `.snapshots` metadata query would cost a Spark job per table, and
    the row total comes from the snapshot summary rather than a recount.
    """
    jvm = spark.sparkContext._jvm
    ident = f"{settings.target.catalog}.{settings.target.namespace}.{table}"
    iceberg = jvm.org.apache.iceberg.spark.Spark3Util.loadIcebergTable(spark._jsparkSession, ident)
    current = iceberg.currentSnapshot()
    millis = [s.timestampMillis() for s in iceberg.snapshots()]
    return SnapshotStats(
        current_id=int(current.snapshotId()),
        total_records=int(current.summary().get("total-records")),
        count=len(millis),
        oldest=datetime.fromtimestamp(min(millis) / 1000, UTC).replace(tzinfo=None),
    )


def expire_snapshots(spark: SparkSession, settings: JobSettings, table: str, cutoff: datetime) -> None:
    """Drop snapshots older than `cutoff`, always keeping the newest `retain_snapshots`."""
    ident = f"{settings.target.namespace}.{table}"
    spark.sql(
        f"CALL {spark_quote(settings.target.catalog)}.system.expire_snapshots("
        f"table => '{ident}', older_than => TIMESTAMP '{cutoff:%Y-%m-%d %H:%M:%S}', "
        f"retain_last => {settings.retain_snapshots})"
    )
