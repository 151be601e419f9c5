"""dbt-duckdb plugin: DuckDB reads the raw-layer Iceberg tables itself, with its own `iceberg` extension.

The plugin only points DuckDB at the tables; it reads no data. Once per dbt invocation it asks the local
Iceberg catalog (the JDBC catalog tables the ingestion writes into the local PostgreSQL) for the current
`metadata_location` of every table in the raw namespace, in one query, so every table of a run is seen as of
the same instant. On the connection it then loads the pinned `avro` and `iceberg` extensions from their
PyPI packages (never downloaded at run time) and defines one view per table,
`<schema>.<table> = iceberg_scan('<metadata file>')`. The views are lazy: a query reads only the data files
its filters keep, so a filter on `_batch_id` (the log's identity partition) prunes files by partition.

The extensions are also installed, from the same package files, into DuckDB's extension directory, so that a
later DuckDB 1.5.5 session that opens the vault file (the demo's summary, a person's shell) can load them
for those views without a download.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

# Load order matters: the iceberg extension needs avro (manifests are Avro files) already loaded, as it may
# not autoload it. httpfs is not needed for local files.
EXTENSIONS = ("avro", "iceberg")
KEYS_SUFFIX = "_keys"


def extension_file(name: str) -> Path:
    """The extension binary shipped in the PyPI package duckdb-extension-<name>, for this DuckDB."""
    try:
        package = importlib.import_module(f"duckdb_extension_{name}")
    except ImportError as error:
        raise RuntimeError(
            f"northwind_iceberg: the DuckDB extension package duckdb-extension-{name} is not installed "
            "(requirements-demo.lock pins it; run make setup)"
        ) from error
    path = (
        Path(package.__file__).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    )
    if not path.is_file():
        raise RuntimeError(
            f"northwind_iceberg: {path} is missing: duckdb-extension-{name} must have the same version as "
            f"duckdb ({duckdb.__version__})"
        )
    return path


def load_extensions(conn: DuckDBPyConnection) -> None:
    """Load (and install for later sessions) the pinned extensions from their package files; no download."""
    installed = {
        name: path
        for name, path in conn.execute(
            "select extension_name, install_path from duckdb_extensions() where installed"
        ).fetchall()
    }
    for name in EXTENSIONS:
        path = extension_file(name)
        target = installed.get(name)
        if not target or not Path(target).is_file() or Path(target).stat().st_size != path.stat().st_size:
            conn.execute(f"force install '{path}'")
        conn.execute(f"load '{path}'")


def local_path(location: str) -> str:
    """A metadata location as Spark's JdbcCatalog writes it (`file:/...` or `file:///...`) as a local path."""
    if location.startswith("file://"):
        return location[len("file://") :]
    if location.startswith("file:"):
        return location[len("file:") :]
    return location


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def metadata_locations(state_dir: Path, catalog: str, namespace: str) -> dict[str, str]:
    """table name -> current metadata file, for every table of `namespace` in the local catalog."""
    if catalog_uri := os.environ.get("NORTHWIND_ICEBERG_CATALOG_URI"):
        # Another catalog database or connection (tests use a socket); a SQLAlchemy URL without a secret.
        import sqlalchemy

        engine = sqlalchemy.create_engine(catalog_uri)
    else:
        from northwind_local.catalog import load_local_catalog

        engine = load_local_catalog(state_dir, name=catalog).engine  # type: ignore[attr-defined]
    import sqlalchemy

    with engine.connect() as connection:
        rows = connection.execute(
            sqlalchemy.text(
                "select table_name, metadata_location from iceberg_tables"
                " where catalog_name = :catalog and table_namespace = :namespace"
                " and coalesce(iceberg_type, 'TABLE') = 'TABLE'"
            ),
            {"catalog": catalog, "namespace": namespace},
        ).fetchall()
    engine.dispose()
    # `<table>_keys` are the ingestion's own change-detection state (docs/ingestion.md, "The raw layer"): not for dbt.
    return {
        name: local_path(location) for name, location in rows if location and not name.endswith(KEYS_SUFFIX)
    }


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        state_dir = Path(plugin_config.get("state_dir", ".local")).resolve()
        if not (state_dir / "iceberg").is_dir():
            raise RuntimeError(
                f"northwind_iceberg: no local Iceberg catalog under {state_dir / 'iceberg'}; "
                "run the ingestion first (make demo) or set NORTHWIND_STATE_DIR"
            )
        self._schema = str(plugin_config.get("schema", "northwind_raw"))
        namespace = str(plugin_config.get("namespace", "northwind_raw"))
        catalog = str(plugin_config.get("catalog", "local"))
        # Once per dbt invocation: one consistent view of the catalog for the whole run, however often
        # dbt-duckdb reopens its connection.
        self._locations = metadata_locations(state_dir, catalog, namespace)
        required = plugin_config.get("tables") or []
        missing = sorted(set(required) - set(self._locations))
        if missing:
            raise RuntimeError(
                f"northwind_iceberg: raw tables {', '.join(missing)} are missing from namespace {namespace} "
                f"of the Iceberg catalog {catalog!r} under {state_dir}; has the ingestion run?"
            )

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        load_extensions(conn)
        schema = quote(self._schema)
        conn.execute(f"create schema if not exists {schema}")
        # Raw tables of an earlier run (views or the tables the previous plugin copied) are replaced.
        existing = conn.execute(
            "select table_name, table_type from information_schema.tables"
            " where table_catalog = current_database() and table_schema = ?",
            [self._schema],
        ).fetchall()
        for name, kind in existing:
            if kind == "BASE TABLE":
                conn.execute(f"drop table {schema}.{quote(name)}")
            elif name not in self._locations:
                conn.execute(f"drop view {schema}.{quote(name)}")
        for name, metadata in sorted(self._locations.items()):
            conn.execute(
                f"create or replace view {schema}.{quote(name)} as"
                f" select * from iceberg_scan({literal(metadata)})"
            )
