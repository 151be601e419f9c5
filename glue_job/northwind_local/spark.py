"""A local SparkSession with the Iceberg runtime and JDBC driver Glue 5.0 uses, and a local Iceberg catalog.

The catalog is an Iceberg JdbcCatalog on the local PostgreSQL (one database per state dir, see
runtime.catalog_database), which pyiceberg's SqlCatalog opens too (see catalog.py): Spark writes the raw
layer, DuckDB/dbt read it through pyiceberg. PostgreSQL takes concurrent commits to different tables,
which the SQLite file it replaces did not.
"""

from __future__ import annotations

import os
from pathlib import Path

from pyspark.sql import SparkSession

from northwind_local.runtime import (
    CATALOG_SCHEMA_VERSION,
    CLUSTER_STATE_DIR,
    DEFAULT_STATE_DIR,
    LOCAL_CATALOG,
    LOCAL_ROLE,
    REPO_ROOT,
    ensure_catalog_database,
    local_password,
    local_port,
)

__all__ = [
    "DEFAULT_STATE_DIR",
    "JARS",
    "LOCAL_CATALOG",
    "REPO_ROOT",
    "build_local_spark",
    "catalog_conf",
    "jar_paths",
    "register_local_catalog",
]
# Pinned to AWS Glue 5.0 (Spark 3.5, Iceberg 1.7.1); downloaded by scripts/setup.d/40-spark-jars.sh.
JARS = (
    "iceberg-spark-runtime-3.5_2.12-1.7.1.jar",
    "postgresql-42.7.4.jar",
)


def jar_paths(state_dir: Path = DEFAULT_STATE_DIR) -> list[Path]:
    paths = [state_dir / "jars" / j for j in JARS]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"Spark jars missing: {', '.join(missing)}; run `make setup` first")
    return paths


def catalog_conf(name: str, state_dir: Path) -> dict[str, str]:
    """Spark settings of an Iceberg JdbcCatalog `name`: rows in the state dir's catalog database on the
    local PostgreSQL (created if missing), files in <state_dir>/iceberg/warehouse.

    The result holds the local password (jdbc.password): pass it to Spark, never print it. Spark redacts
    keys matching spark.redaction.regex (default "(?i)secret|password|token|access[.]key")
    in its logs and UI.
    """
    warehouse = Path(state_dir).resolve() / "iceberg" / "warehouse"
    warehouse.mkdir(parents=True, exist_ok=True)
    database = ensure_catalog_database(state_dir)
    prefix = f"spark.sql.catalog.{name}"
    return {
        prefix: "org.apache.iceberg.spark.SparkCatalog",
        f"{prefix}.catalog-impl": "org.apache.iceberg.jdbc.JdbcCatalog",
        f"{prefix}.uri": f"jdbc:postgresql://127.0.0.1:{local_port()}/{database}",
        f"{prefix}.jdbc.user": LOCAL_ROLE,
        f"{prefix}.jdbc.password": local_password(CLUSTER_STATE_DIR),
        f"{prefix}.warehouse": warehouse.as_uri(),
        f"{prefix}.jdbc.schema-version": CATALOG_SCHEMA_VERSION,
    }


def register_local_catalog(spark: SparkSession, name: str, state_dir: Path) -> None:
    """Add (or repoint) a catalog on a running session, e.g. a per-test catalog under a temp directory."""
    for key, value in catalog_conf(name, state_dir).items():
        spark.conf.set(key, value)


def extra_java_options() -> str:
    """NORTHWIND_SPARK_JAVA_OPTIONS, appended to the driver's JVM options (with a leading space), or "".

    `make test` sets the C1-only JIT and the serial collector there: its Spark runs are short and small, and
    with the JVM's defaults about half of their CPU went to the optimizing compiler and the concurrent
    collector (measured: 77 -> 39 CPU seconds for the maintenance and schema-evolution tests). Long runs on
    large data (the benchmarks, a real load) want the defaults, so nothing is set otherwise."""
    value = os.environ.get("NORTHWIND_SPARK_JAVA_OPTIONS", "").strip()
    return f" {value}" if value else ""


def build_local_spark(
    state_dir: Path = DEFAULT_STATE_DIR,
    app_name: str = "northwind-ingest",
    driver_memory: str = "2g",
    shuffle_partitions: int = 4,
) -> SparkSession:
    """A local[2] session sized for a 2-core machine, with the `local` Iceberg catalog of state_dir."""
    jars = jar_paths(state_dir)
    classpath = ":".join(str(p) for p in jars)
    # Local Spark talks only to itself: bind it to loopback instead of the address the hostname resolves to
    # (the JVM that pyspark starts inherits this variable).
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (
        SparkSession.builder.master("local[2]")
        .appName(app_name)
        # On the driver's system classpath so java.sql.DriverManager finds the PostgreSQL driver.
        .config("spark.driver.extraClassPath", classpath)
        .config("spark.executor.extraClassPath", classpath)
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        # One log line per table is the progress report; Spark's console bars would garble it.
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        # Iceberg's vectorized Parquet reader uses Arrow over (shaded) Netty, which on Java 17 needs
        # reflective access to direct buffers; without it a read can crash the JVM (SIGSEGV in
        # PlatformDependent0.directBufferAddress).
        .config(
            "spark.driver.extraJavaOptions",
            "-Duser.timezone=UTC -Dio.netty.tryReflectionSetAccessible=true "
            "-Dorg.apache.iceberg.shaded.io.netty.tryReflectionSetAccessible=true" + extra_java_options(),
        )
        .config("spark.local.dir", str(state_dir / "spark-tmp"))
        # Not the default ./spark-warehouse in the working directory: sessions of different state dirs (pytest
        # beside the emulator deployment, same checkout) must not share one.
        .config("spark.sql.warehouse.dir", str(Path(state_dir).resolve() / "spark-warehouse"))
        .config("spark.sql.iceberg.vectorization.enabled", "false")
    )
    for key, value in catalog_conf(LOCAL_CATALOG, state_dir).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
