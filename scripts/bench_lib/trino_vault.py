"""The Trino vault of a benchmark lake, saved and put back, so that every repeat of a case does the same work.

On DuckDB the vault is one file, copied. On Trino it is Iceberg tables in the lake's JDBC catalog: a table is
a row of the catalog database (`iceberg_tables`: name -> current metadata file) plus the files under the
warehouse that the metadata names. A checkpoint keeps both for the vault and marts namespaces (never the raw
one: the ingestion moves on between cases), and the pipeline's memory of the last built batch; restoring puts
the rows back and the namespaces' folders as they were (Trino's DROP TABLE deletes a table's files, so the
old metadata would otherwise point at nothing). Metadata files are immutable, so Trino's metadata cache keyed
by file path stays right.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The catalog's tables (Iceberg's JdbcCatalog, schema V1) that describe a namespace and its tables.
CATALOG_TABLES = {"iceberg_tables": "table_namespace", "iceberg_namespace_properties": "namespace"}
BUILT_MARKER = "trino-vault.built-batch"  # scripts/vault_build.sh keeps it beside the state dir's vault


@dataclass(frozen=True)
class TrinoCheckpoint:
    folder: Path
    rows: dict[str, tuple[list[str], list[tuple]]]


def _connect(state: Path) -> Any:
    import psycopg
    from northwind_local.runtime import CLUSTER_STATE_DIR, catalog_database, local_conninfo

    return psycopg.connect(local_conninfo(CLUSTER_STATE_DIR, catalog_database(state)))


def _namespace_dirs(state: Path, namespaces: list[str]) -> list[Path]:
    """The warehouse folders of the namespaces (Trino names them <namespace> or <namespace>.db)."""
    warehouse = state / "iceberg" / "warehouse"
    return [d for d in warehouse.iterdir() if d.name.removesuffix(".db") in namespaces]


def save(state: Path, catalog: str, namespaces: list[str], name: str) -> TrinoCheckpoint:
    folder = state / f"trino-{name}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for directory in _namespace_dirs(state, namespaces):
        # Ownership kept (the trino user writes there), and hard links would share files Trino rewrites: copy.
        shutil.copytree(directory, folder / directory.name, symlinks=True, copy_function=shutil.copy2)
        _chown_tree(folder / directory.name, directory)
    marker = state / BUILT_MARKER
    if marker.exists():
        shutil.copyfile(marker, folder / BUILT_MARKER)
    rows = {}
    with _connect(state) as conn:
        for table, column in CATALOG_TABLES.items():
            cursor = conn.execute(
                f"select * from {table} where catalog_name = %s and {column} = any(%s)", [catalog, namespaces]
            )
            rows[table] = ([c.name for c in cursor.description], cursor.fetchall())
    return TrinoCheckpoint(folder, rows)


def restore(state: Path, catalog: str, namespaces: list[str], checkpoint: TrinoCheckpoint | None) -> None:
    """The vault and marts as at `checkpoint`; None: none at all (a build from empty)."""
    for directory in _namespace_dirs(state, namespaces):
        shutil.rmtree(directory)
    (state / BUILT_MARKER).unlink(missing_ok=True)
    with _connect(state) as conn:
        for table, column in CATALOG_TABLES.items():
            conn.execute(
                f"delete from {table} where catalog_name = %s and {column} = any(%s)", [catalog, namespaces]
            )
            if checkpoint is None:
                continue
            columns, rows = checkpoint.rows[table]
            if rows:
                placeholders = ", ".join(["%s"] * len(columns))
                with conn.cursor() as cursor:
                    cursor.executemany(
                        f"insert into {table} ({', '.join(columns)}) values ({placeholders})", rows
                    )
    if checkpoint is None:
        return
    warehouse = state / "iceberg" / "warehouse"
    for saved in checkpoint.folder.iterdir():
        if saved.name == BUILT_MARKER:
            shutil.copyfile(saved, state / BUILT_MARKER)
        else:
            shutil.copytree(saved, warehouse / saved.name, symlinks=True, copy_function=shutil.copy2)
            _chown_tree(warehouse / saved.name, saved)


def _chown_tree(target: Path, like: Path) -> None:
    """Give every file under `target` the owner of `like` (copytree leaves the copier as owner)."""
    stat = like.stat()
    for path in [target, *target.rglob("*")]:
        shutil.chown(path, stat.st_uid, stat.st_gid)
