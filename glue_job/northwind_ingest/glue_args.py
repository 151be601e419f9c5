"""Glue job arguments -> JobSettings. Kept apart from the entry script so it is tested without awsglue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from northwind_ingest.credentials import Credentials
from northwind_ingest.settings import JobSettings, SourceSettings, TargetSettings, parse_table_list

# Passed by the AWS stack (stacks/aws platform Glue job default arguments).
REQUIRED_ARGS = (
    "SECRET_ID",
    "SOURCE_HOST",
    "SOURCE_PORT",
    "SOURCE_DATABASE",
    "SOURCE_SCHEMA",
    "CATALOG_DATABASE",
    "WAREHOUSE",
)
# Optional: getResolvedOptions rejects absent names, so only those present on the command line are resolved.
OPTIONAL_ARGS = (
    "INCLUDE_TABLES",
    "EXCLUDE_TABLES",
    "RETAIN_SNAPSHOTS",
    "SNAPSHOT_MAX_AGE_HOURS",
    "PARALLEL_TABLES",
    "SOURCE_SSLMODE",
)
# The Glue Data Catalog takes concurrent commits to different tables.
GLUE_PARALLEL_TABLES = 4
GLUE_CATALOG = "glue_catalog"


def present_optional_args(argv: Sequence[str]) -> list[str]:
    return [name for name in OPTIONAL_ARGS if f"--{name}" in argv]


def _int_arg(args: Mapping[str, str], name: str, default: int) -> int:
    value = args.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"job argument --{name} must be an integer, got {value!r}") from None


def settings_from_args(args: Mapping[str, str], credentials: Credentials) -> JobSettings:
    """Validate the resolved job arguments; raises ValueError naming the bad argument."""
    missing = [name for name in REQUIRED_ARGS if not args.get(name)]
    if missing:
        raise ValueError(f"missing job argument(s): {', '.join('--' + m for m in missing)}")
    if not args["WAREHOUSE"].startswith("s3://"):
        raise ValueError(f"job argument --WAREHOUSE must be an s3:// URI, got {args['WAREHOUSE']!r}")
    source = SourceSettings(
        host=args["SOURCE_HOST"],
        port=_int_arg(args, "SOURCE_PORT", 5432),
        database=args["SOURCE_DATABASE"],
        schema=args["SOURCE_SCHEMA"],
        user=credentials.username,
        password=credentials.password,
        sslmode=args.get("SOURCE_SSLMODE") or "require",
    )
    defaults = JobSettings(source=source, target=TargetSettings(GLUE_CATALOG, args["CATALOG_DATABASE"]))
    return JobSettings(
        source=source,
        target=defaults.target,
        include=parse_table_list(args.get("INCLUDE_TABLES")),
        exclude=parse_table_list(args.get("EXCLUDE_TABLES")),
        retain_snapshots=_int_arg(args, "RETAIN_SNAPSHOTS", defaults.retain_snapshots),
        snapshot_max_age_hours=_int_arg(args, "SNAPSHOT_MAX_AGE_HOURS", defaults.snapshot_max_age_hours),
        parallel_tables=_int_arg(args, "PARALLEL_TABLES", GLUE_PARALLEL_TABLES),
    )


def glue_catalog_conf(warehouse: str) -> dict[str, str]:
    """Spark settings of the Iceberg catalog backed by the Glue Data Catalog, data in S3."""
    prefix = f"spark.sql.catalog.{GLUE_CATALOG}"
    return {
        "spark.sql.extensions": "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
        prefix: "org.apache.iceberg.spark.SparkCatalog",
        f"{prefix}.catalog-impl": "org.apache.iceberg.aws.glue.GlueCatalog",
        f"{prefix}.io-impl": "org.apache.iceberg.aws.s3.S3FileIO",
        f"{prefix}.warehouse": warehouse,
        "spark.sql.session.timeZone": "UTC",
    }
