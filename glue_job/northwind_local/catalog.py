"""The local Iceberg catalog as pyiceberg sees it: the same PostgreSQL catalog Spark's JdbcCatalog writes."""

from __future__ import annotations

from pathlib import Path

from pyiceberg.catalog import Catalog
from pyiceberg.catalog.sql import SqlCatalog

from northwind_local.runtime import (
    CATALOG_SCHEMA_VERSION,
    CLUSTER_STATE_DIR,
    DEFAULT_STATE_DIR,
    LOCAL_CATALOG,
    LOCAL_ROLE,
    RAW_NAMESPACE,
    ensure_catalog_database,
    local_port,
)

__all__ = ["RAW_NAMESPACE", "catalog_uri", "load_local_catalog"]


def catalog_uri(database: str, passfile: Path) -> str:
    """SQLAlchemy URL of a catalog database. libpq reads the password from passfile (the pgpass file of
    scripts/local_postgres.sh), so the URL, and the catalog properties that hold it, carry no secret."""
    return f"postgresql+psycopg://{LOCAL_ROLE}@127.0.0.1:{local_port()}/{database}?passfile={passfile}"


def load_local_catalog(state_dir: Path = DEFAULT_STATE_DIR, name: str = LOCAL_CATALOG) -> Catalog:
    """pyiceberg Catalog of state_dir's warehouse; `name` must equal the Spark catalog name that wrote it."""
    warehouse = Path(state_dir).resolve() / "iceberg" / "warehouse"
    warehouse.mkdir(parents=True, exist_ok=True)
    database = ensure_catalog_database(state_dir)
    return SqlCatalog(
        name,
        uri=catalog_uri(database, CLUSTER_STATE_DIR / "postgres" / "pgpass"),
        warehouse=warehouse.as_uri(),
        # The layout Spark's JdbcCatalog is configured with (see runtime.CATALOG_SCHEMA_VERSION).
        schema_version=CATALOG_SCHEMA_VERSION.lower(),
    )
