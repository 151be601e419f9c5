"""Where the report finds things in the DuckDB vault file: the raw schema and the schema of each layer."""

from __future__ import annotations

import os

import duckdb

# Layers of the vault by the schema suffix dbt gives their folder (see dbt/vault/dbt_project.yml).
LAYERS = ("raw_vault", "business_vault", "marts")
MANIFEST = "batch_manifest"


def raw_schema() -> str:
    """The schema dbt's source plugin loads the raw tables into (dbt/profiles.yml, plugin config `schema`)."""
    return os.environ.get("NORTHWIND_RAW_DATABASE", "northwind_raw")


def tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(schema, table) of every base table, by table name (views hold no rows of their own)."""
    return con.execute(
        "select table_schema, table_name from information_schema.tables"
        " where table_type = 'BASE TABLE' order by table_name, table_schema"
    ).fetchall()


def raw_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The raw layer's tables: views dbt's source plugin created over the Iceberg tables (the manifest too)."""
    return [
        row[0]
        for row in con.execute(
            "select table_name from information_schema.tables where table_schema = ? order by table_name",
            [raw_schema()],
        ).fetchall()
    ]


def layer_of(schema: str) -> str | None:
    return next((name for name in LAYERS if schema.endswith(name)), None)


def schema_of(con: duckdb.DuckDBPyConnection, table: str) -> str:
    found = [schema for schema, name in tables(con) if name == table]
    if not found:
        raise RuntimeError(f"table {table} is not in the vault database: did `dbt build` run?")
    return found[0]


def manifest(con: duckdb.DuckDBPyConnection) -> str:
    """The quoted name of the raw layer's batch manifest, or a clear error when dbt never loaded it."""
    schema = raw_schema()
    if MANIFEST not in raw_tables(con):
        raise RuntimeError(f"no {schema}.{MANIFEST} in the vault database: did `dbt build` run?")
    return f'"{schema}"."{MANIFEST}"'


def columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> set[str]:
    return {row[0] for row in con.execute(f'describe "{schema}"."{table}"').fetchall()}
