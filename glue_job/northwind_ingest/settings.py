"""Typed settings of one ingestion run; built by the Glue entry script or by the local entry point."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from northwind_ingest.identifiers import validate_identifier

# A root certificate path goes into the JDBC URL's query string: no &, ?, =, #, quotes or spaces.
_SAFE_PATH = re.compile(r"^[A-Za-z0-9_./-]+$")


@dataclass(frozen=True)
class SourceSettings:
    """Where to read: a PostgreSQL database and schema. The password never appears in repr or logs."""

    host: str
    port: int
    database: str
    schema: str
    user: str
    password: str = field(repr=False)
    # libpq-style TLS mode for the JDBC driver; "require" on AWS (Aurora forces TLS), None = driver default.
    sslmode: str | None = None
    # CA bundle the driver verifies the server certificate against (verify-full on AWS: the RDS CA bundle
    # that Glue's --extra-files puts in the working directory). None = the driver's default.
    sslrootcert: str | None = None

    def __post_init__(self) -> None:
        if not self.host:
            raise ValueError("source host is empty")
        if not 0 < int(self.port) < 65536:
            raise ValueError(f"source port out of range: {self.port}")
        validate_identifier(self.schema, "source schema")
        if not self.database or any(c in self.database for c in "/?&;\"' "):
            raise ValueError(f"invalid source database name: {self.database!r}")
        if self.sslmode not in (None, "disable", "allow", "prefer", "require", "verify-ca", "verify-full"):
            raise ValueError(f"invalid sslmode: {self.sslmode!r}")
        if self.sslrootcert is not None:
            if not _SAFE_PATH.match(self.sslrootcert):
                raise ValueError(
                    f"invalid sslrootcert: {self.sslrootcert!r} (a file path of letters, digits and _ . / - "
                    "only: it becomes part of the JDBC URL)"
                )
            if self.sslmode == "disable":
                raise ValueError("sslrootcert is set but sslmode is 'disable': no certificate is checked")

    @property
    def jdbc_url(self) -> str:
        url = f"jdbc:postgresql://{self.host}:{self.port}/{self.database}"
        params = [f"sslmode={self.sslmode}"] if self.sslmode else []
        if self.sslrootcert:
            params.append(f"sslrootcert={self.sslrootcert}")
        return f"{url}?{'&'.join(params)}" if params else url

    def record_source(self, table: str) -> str:
        return f"postgres.{self.database}.{self.schema}.{table}"


@dataclass(frozen=True)
class TargetSettings:
    """Where to write: a Spark catalog (Iceberg) and a namespace (the Glue database on AWS)."""

    catalog: str
    namespace: str

    def __post_init__(self) -> None:
        validate_identifier(self.catalog, "Spark catalog name")
        validate_identifier(self.namespace, "catalog database (namespace)")


@dataclass(frozen=True)
class JobSettings:
    """Everything one run needs besides the SparkSession."""

    source: SourceSettings
    target: TargetSettings
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fetch_size: int = 10_000
    # Tables larger than this are read in parallel slices of a numeric key.
    rows_per_partition: int = 250_000
    max_partitions: int = 16
    # Only tables at least this big (on disk) are counted and considered for splitting.
    split_min_bytes: int = 8 * 1024 * 1024
    # Tables ingested at the same time. Small tables are latency-bound (a Spark job and an Iceberg commit
    # each), so they overlap well even on 2 cores; both catalogs (Glue, and the local JDBC catalog on
    # PostgreSQL) take concurrent commits to different tables.
    parallel_tables: int = 4
    # How long the first connection keeps retrying (with backoff) before the run fails: long enough on Glue
    # for a paused Aurora Serverless v2 to resume; 0 locally, where a stopped database should fail at once.
    connect_retry_seconds: float = 0.0

    def __post_init__(self) -> None:
        for name in (*self.include, *self.exclude):
            validate_identifier(name, "table in the include/exclude list")
        if self.connect_retry_seconds < 0:
            raise ValueError(f"connect_retry_seconds must be >= 0, got {self.connect_retry_seconds}")
        if min(self.fetch_size, self.rows_per_partition, self.max_partitions, self.parallel_tables) < 1:
            raise ValueError(
                "fetch_size, rows_per_partition, max_partitions and parallel_tables must be positive"
            )


def parse_table_list(value: str | None) -> tuple[str, ...]:
    """Comma-separated table names ("" or None means none), validated."""
    if not value:
        return ()
    names = tuple(part.strip() for part in value.split(",") if part.strip())
    for name in names:
        validate_identifier(name, "table in the include/exclude list")
    return names
