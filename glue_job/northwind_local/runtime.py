"""Settings of the local runtime: the private PostgreSQL of scripts/local_postgres.sh and the local catalog."""

from __future__ import annotations

import os
from pathlib import Path

from northwind_ingest.settings import JobSettings, SourceSettings, TargetSettings

from northwind_local.spark import DEFAULT_STATE_DIR, LOCAL_CATALOG

LOCAL_PORT = 55432
LOCAL_ROLE = "northwind"
LOCAL_DATABASE = "northwind"
RAW_NAMESPACE = "northwind_raw"


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
        port=int(os.environ.get("NORTHWIND_PG_PORT", LOCAL_PORT)),
        database=database,
        schema=schema,
        user=LOCAL_ROLE,
        password=local_password(state_dir),
    )


def local_conninfo(state_dir: Path = DEFAULT_STATE_DIR, database: str = LOCAL_DATABASE) -> str:
    """libpq connection string for psycopg (password included: never log it)."""
    src = local_source(state_dir, database)
    return f"host={src.host} port={src.port} dbname={database} user={src.user} password={src.password}"


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
