"""Writes a Northwind raw layer (Iceberg, one table per source table) straight from the SQL dump.

Used only where Spark is not the point: fast dbt checks and the benchmark's data loading. It follows the
ingestion contract (namespace `northwind_raw`, source columns plus `_load_ts`, `_record_source`, `_batch_id`,
one full snapshot per run) so the dbt project cannot tell it from the Glue job's output.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pyarrow as pa
from pyiceberg.catalog import Catalog
from pyiceberg.catalog.sql import SqlCatalog

NAMESPACE = "northwind_raw"
_STATEMENT = re.compile(r"^(CREATE TABLE .*?\);|INSERT INTO .*?\);)$", re.MULTILINE | re.DOTALL)


def local_catalog(state_dir: Path) -> SqlCatalog:
    """A SQLite-backed pyiceberg catalog with its warehouse under state_dir (same layout as the ingestion)."""
    warehouse = state_dir / "iceberg" / "warehouse"
    warehouse.mkdir(parents=True, exist_ok=True)
    return SqlCatalog(
        "local",
        uri=f"sqlite:///{state_dir / 'iceberg' / 'catalog.db'}",
        warehouse=f"file://{warehouse}",
    )


def load_dump(dump: Path) -> duckdb.DuckDBPyConnection:
    """Loads the PostgreSQL dump's tables into an in-memory DuckDB (the dump is plain CREATE/INSERT)."""
    con = duckdb.connect()
    for statement in _STATEMENT.findall(dump.read_text()):
        # PostgreSQL writes bytea as '\\x<hex>'; keep it as text here and decode it when writing.
        con.execute(statement.replace(" bytea", " varchar /* bytea */"))
    return con


def write_raw(
    con: duckdb.DuckDBPyConnection,
    catalog: Catalog,
    load_ts: dt.datetime,
    batch_id: str,
) -> None:
    """Overwrites every raw table with the current content of the DuckDB tables (a full snapshot)."""
    catalog.create_namespace_if_not_exists(NAMESPACE)
    tables = [row[0] for row in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
    for table in tables:
        binary = [
            row[0]
            for row in con.execute(
                "select column_name from duckdb_columns() where table_name = ?"
                " and column_name in ('picture', 'photo')",
                [table],
            ).fetchall()
        ]
        columns = ", ".join(f"unhex(substr({c}, 3)) as {c}" for c in binary)
        star = f"* replace ({columns})" if binary else "*"
        arrow = con.execute(
            f"""select {star}, ?::timestamp as _load_ts, 'northwind.public.{table}' as _record_source,
                       ?::varchar as _batch_id
                from {table}""",
            [load_ts, batch_id],
        ).to_arrow_table()
        arrow = _iceberg_friendly(arrow)
        identifier = f"{NAMESPACE}.{table}"
        if catalog.table_exists(identifier):
            iceberg = catalog.load_table(identifier)
        else:
            iceberg = catalog.create_table(identifier, schema=arrow.schema)
        iceberg.overwrite(arrow)


def _iceberg_friendly(table: pa.Table) -> pa.Table:
    """Iceberg has no 16-bit ints; Spark widens smallint to int the same way."""
    fields = []
    for field in table.schema:
        kind = field.type
        if pa.types.is_int16(kind) or pa.types.is_int8(kind):
            kind = pa.int32()
        elif pa.types.is_large_string(kind):
            kind = pa.string()
        fields.append(pa.field(field.name, kind))
    return table.cast(pa.schema(fields))
