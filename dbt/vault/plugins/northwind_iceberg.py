"""dbt-duckdb source plugin: reads a raw-layer Iceberg table through pyiceberg on every dbt run.

DuckDB cannot download its iceberg extension here, so sources with `meta: {plugin: northwind_iceberg}` are
resolved by this plugin: it loads the table's current snapshot from the local catalog the ingestion job
writes (Iceberg JDBC catalog tables in the local PostgreSQL, files in `.local/iceberg/warehouse/`) and
hands DuckDB an Arrow table. Nothing is cached between runs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyarrow as pa
from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig
from duckdb import DuckDBPyConnection
from pyiceberg.catalog import Catalog


def _open_catalog(state_dir: Path, name: str) -> Catalog:
    """The local runtime package owns the catalog layout; use its loader when it is importable."""
    try:
        from northwind_local.catalog import load_local_catalog
    except ImportError:
        # The dbt project alone (PYTHONPATH without glue_job): the documented layout of the default state
        # dir, i.e. database iceberg_catalog on the local PostgreSQL, password read by libpq from the
        # pgpass file of scripts/local_postgres.sh (never in the URL).
        from pyiceberg.catalog.sql import SqlCatalog

        port = os.environ.get("NORTHWIND_PG_PORT", "55432")
        passfile = state_dir / "postgres" / "pgpass"
        return SqlCatalog(
            name,
            uri=f"postgresql+psycopg://northwind@127.0.0.1:{port}/iceberg_catalog?passfile={passfile}",
            warehouse=(state_dir / "iceberg" / "warehouse").as_uri(),
            schema_version="v1",
        )
    return load_local_catalog(state_dir, name=name)


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        state_dir = Path(plugin_config.get("state_dir", ".local")).resolve()
        if not (state_dir / "iceberg").is_dir():
            raise RuntimeError(
                f"northwind_iceberg: no local Iceberg catalog under {state_dir / 'iceberg'}; "
                "run the ingestion first (make demo) or set NORTHWIND_STATE_DIR"
            )
        self._catalog = _open_catalog(state_dir, str(plugin_config.get("catalog", "local")))
        self._schema = str(plugin_config.get("schema", "northwind_raw"))

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        # dbt-duckdb runs `create schema if not exists` before each source load; two threads doing that
        # on a new database conflict in DuckDB's catalog, so the schema exists before any thread starts.
        conn.execute(f'create schema if not exists "{self._schema}"')

    def load(self, source_config: SourceConfig) -> pa.Table:
        namespace = source_config.get("iceberg_namespace", source_config.schema)
        identifier = f"{namespace}.{source_config.identifier}"
        if not self._catalog.table_exists(identifier):
            raise RuntimeError(
                f"northwind_iceberg: raw table {identifier} is missing from the local Iceberg catalog; "
                "has the ingestion run for every source table?"
            )
        return self._catalog.load_table(identifier).scan().to_arrow()

    def default_materialization(self) -> str:
        # Re-created from the Iceberg snapshot each run, so the staging views stay queryable after dbt exits.
        return "table"
