"""The raw layer's contract: table names and metadata columns (documented in docs/ingestion.md, "The raw layer").

Per source table `<t>` the namespace holds:
- `<t>`: the change log, append-only. Source columns + `_op`, `_batch_id`, `_load_ts`, `_record_source`,
  `_row_hash`; partitioned by identity(`_batch_id`), so reading one batch prunes files on every engine.
- `<t>_keys`: the ingestion's own state: the key columns, `_row_hash` and `_batch_id` of each key's latest
  version (deleted keys removed). Change detection compares with it; downstream never reads it.
and one `batch_manifest` table for the namespace (see manifest.py).
"""

from __future__ import annotations

from pyspark.sql import types as T

from northwind_ingest.identifiers import spark_quote
from northwind_ingest.row_hash import ROW_HASH_COLUMN
from northwind_ingest.settings import TargetSettings

OP_INSERT, OP_UPDATE, OP_DELETE = "insert", "update", "delete"
KEYS_SUFFIX = "_keys"
MANIFEST_TABLE = "batch_manifest"

# Appended to every change-log row, after the source columns; the dbt vault reads these names.
LOG_METADATA_FIELDS = (
    T.StructField("_op", T.StringType(), True),
    T.StructField("_batch_id", T.StringType(), True),
    T.StructField("_load_ts", T.TimestampNTZType(), True),
    T.StructField("_record_source", T.StringType(), True),
    T.StructField(ROW_HASH_COLUMN, T.StringType(), True),
)
METADATA_COLUMNS = tuple(f.name for f in LOG_METADATA_FIELDS)


def ident(target: TargetSettings, table: str) -> str:
    """`catalog`.`namespace`.`table` for Spark SQL."""
    return spark_quote(target.catalog, target.namespace, table)


def dotted(target: TargetSettings, table: str) -> str:
    """catalog.namespace.table, unquoted (validated identifiers), for the Spark catalog API."""
    return f"{target.catalog}.{target.namespace}.{table}"


def keys_table(table: str) -> str:
    return f"{table}{KEYS_SUFFIX}"


def reserved_name_clashes(source_tables: list[str]) -> list[str]:
    """Source tables whose names the raw layer needs for itself."""
    names = set(source_tables)
    return sorted(
        t
        for t in names
        if t == MANIFEST_TABLE or (t.endswith(KEYS_SUFFIX) and t[: -len(KEYS_SUFFIX)] in names)
    )
