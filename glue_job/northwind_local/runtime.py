"""Settings of the local runtime: the private PostgreSQL of scripts/local_postgres.sh and the local catalog.

The same cluster holds the Northwind source databases and the local Iceberg catalog (Iceberg's JDBC
catalog tables). Free of pyspark, so pyiceberg readers (dbt, the demo summary) import it cheaply.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import psycopg
from northwind_ingest.settings import JobSettings, SourceSettings, TargetSettings

REPO_ROOT = Path(__file__).resolve().parents[2]
# NORTHWIND_STATE_DIR lets scripts point every component at one local-state folder.
DEFAULT_STATE_DIR = Path(os.environ.get("NORTHWIND_STATE_DIR") or REPO_ROOT / ".local").resolve()
# Where scripts/local_postgres.sh keeps the cluster (postgres/password, postgres/pgpass), whatever
# NORTHWIND_STATE_DIR says: a dbt run on a test's state dir still talks to the one local cluster.
CLUSTER_STATE_DIR = (REPO_ROOT / ".local").resolve()
LOCAL_CATALOG = "local"
LOCAL_PORT = 55432
LOCAL_ROLE = "northwind"
LOCAL_DATABASE = "northwind"
RAW_NAMESPACE = "northwind_raw"
# The catalog database of the repository's state dir (.local); scripts/local_postgres.sh start creates it.
CATALOG_DATABASE = "iceberg_catalog"
# Iceberg's JDBC catalog layout with the iceberg_type column (views), asked for by both sides: pyiceberg
# 0.12's SqlCatalog creates this layout on an empty database anyway, and Spark's JdbcCatalog (1.7.1) uses
# it when asked or when it finds the column. With V0, whichever side created the tables decided the layout.
CATALOG_SCHEMA_VERSION = "V1"
# Catalog databases this process created, so a test session can drop what it made (testing.py).
created_catalog_databases: set[str] = set()


def local_port() -> int:
    return int(os.environ.get("NORTHWIND_PG_PORT", LOCAL_PORT))


def local_password(state_dir: Path = DEFAULT_STATE_DIR) -> str:
    path = state_dir / "postgres" / "password"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found: start the local database with scripts/local_postgres.sh start"
        )
    return path.read_text().strip()


def local_source(
    state_dir: Path = DEFAULT_STATE_DIR, database: str = LOCAL_DATABASE, schema: str = "public"
) -> SourceSettings:
    return SourceSettings(
        host="127.0.0.1",
        port=local_port(),
        database=database,
        schema=schema,
        user=LOCAL_ROLE,
        password=local_password(state_dir),
    )


def local_conninfo(state_dir: Path = DEFAULT_STATE_DIR, database: str = LOCAL_DATABASE) -> str:
    """libpq connection string for psycopg (password included: never log it)."""
    src = local_source(state_dir, database)
    return f"host={src.host} port={src.port} dbname={database} user={src.user} password={src.password}"


def catalog_database(state_dir: Path) -> str:
    """The PostgreSQL database holding the Iceberg catalog of the warehouse under state_dir.

    One database per state dir, like the SQLite file that used to live in it: a per-test catalog under a
    temp dir starts empty even when an earlier run used the same catalog name, and deleting the temp dir
    cannot leave rows pointing at vanished metadata in a catalog someone else reads.
    """
    resolved = Path(state_dir).resolve()
    # Fixed to the repository's .local, not DEFAULT_STATE_DIR: a child process with NORTHWIND_STATE_DIR set
    # to a test's state dir must find the same database as the parent that registered it.
    if resolved == CLUSTER_STATE_DIR:
        return CATALOG_DATABASE
    digest = hashlib.sha256(str(resolved).encode()).hexdigest()[:12]
    return f"{CATALOG_DATABASE}_{digest}"


def ensure_catalog_database(state_dir: Path) -> str:
    """Create the catalog database of state_dir if missing (owned by the northwind role); returns its name."""
    name = catalog_database(state_dir)
    with psycopg.connect(local_conninfo(CLUSTER_STATE_DIR, "postgres"), autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone()
        if not exists:
            try:
                conn.execute(f'create database "{name}" owner {LOCAL_ROLE}')
            except psycopg.errors.UniqueViolation:
                return name  # created by a concurrent caller between the check and the create
            if name != CATALOG_DATABASE:
                created_catalog_databases.add(name)
    return name


def drop_catalog_database_named(name: str) -> None:
    """Drop a per-state-dir catalog database (of a temporary state dir); never the default one."""
    if name == CATALOG_DATABASE or not name.startswith(f"{CATALOG_DATABASE}_"):
        raise ValueError(f"refusing to drop {name!r}: not a per-state-dir catalog database")
    with psycopg.connect(local_conninfo(CLUSTER_STATE_DIR, "postgres"), autocommit=True) as conn:
        conn.execute("set client_min_messages = warning")
        conn.execute(f'drop database if exists "{name}" with (force)')


def local_job_settings(
    state_dir: Path = DEFAULT_STATE_DIR,
    database: str = LOCAL_DATABASE,
    catalog: str = LOCAL_CATALOG,
    namespace: str = RAW_NAMESPACE,
    **options: object,
) -> JobSettings:
    return JobSettings(
        source=local_source(state_dir, database), target=TargetSettings(catalog, namespace), **options
    )
