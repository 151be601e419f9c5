"""The local Iceberg catalog as pyiceberg sees it (the same SQLite catalog Spark's JdbcCatalog writes)."""

from __future__ import annotations

from pathlib import Path

from pyiceberg.catalog import Catalog
from pyiceberg.catalog.sql import SqlCatalog

from northwind_local.runtime import RAW_NAMESPACE
from northwind_local.spark import DEFAULT_STATE_DIR, LOCAL_CATALOG

__all__ = ["RAW_NAMESPACE", "load_local_catalog"]


def load_local_catalog(state_dir: Path = DEFAULT_STATE_DIR, name: str = LOCAL_CATALOG) -> Catalog:
    """pyiceberg Catalog over <state_dir>/iceberg; `name` must equal the Spark catalog name that wrote it."""
    iceberg = Path(state_dir).resolve() / "iceberg"
    (iceberg / "warehouse").mkdir(parents=True, exist_ok=True)
    return SqlCatalog(
        name,
        uri=f"sqlite:///{iceberg / 'catalog.db'}",
        warehouse=(iceberg / "warehouse").as_uri(),
    )
