"""Glue job arguments -> the job mode and its settings (JobSettings for ingest, MaintenanceSettings for
maintain). Kept apart from the entry script so it is tested without awsglue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from northwind_ingest.credentials import Credentials
from northwind_ingest.maintenance import MaintenanceSettings
from northwind_ingest.settings import JobSettings, SourceSettings, TargetSettings, parse_table_list

JOB_MODES = ("ingest", "maintain")
# Passed by the AWS stack (the Glue job default arguments of stacks/aws-platform.ts) to the ingestion job.
REQUIRED_ARGS = (
    "SECRET_ID",
    "SOURCE_HOST",
    "SOURCE_PORT",
    "SOURCE_DATABASE",
    "SOURCE_SCHEMA",
    "CATALOG_DATABASE",
    "WAREHOUSE",
)
# The maintenance job touches only the Iceberg tables: no source, no secret.
MAINTAIN_REQUIRED_ARGS = ("CATALOG_DATABASE", "WAREHOUSE")
# Optional: getResolvedOptions rejects absent names, so only those present on the command line are resolved.
OPTIONAL_ARGS = (
    "INCLUDE_TABLES",
    "EXCLUDE_TABLES",
    "CONNECT_RETRY_SECONDS",
    "PARALLEL_TABLES",
    "SOURCE_SSLMODE",
    "SOURCE_SSLROOTCERT",
    "JOB_MODE",
    "MAINTAIN_OLDER_THAN_HOURS",
    "MAINTAIN_RETAIN_LAST",
    "MAINTAIN_ORPHAN_AGE_HOURS",
)
# On Glue the ingestion job may be writing while maintenance runs: a file younger than a day may belong
# to a commit in flight, and deleting it as an orphan would corrupt that table.
MIN_GLUE_ORPHAN_AGE_HOURS = 24
# The Glue Data Catalog takes concurrent commits to different tables.
GLUE_PARALLEL_TABLES = 4
# A paused Aurora Serverless v2 (dev scales to 0 ACU) takes up to about 15 s to accept connections again.
GLUE_CONNECT_RETRY_SECONDS = 60
GLUE_CATALOG = "glue_catalog"


def present_optional_args(argv: Sequence[str]) -> list[str]:
    return [name for name in OPTIONAL_ARGS if f"--{name}" in argv]


def job_mode(argv: Sequence[str]) -> str:
    """The --JOB_MODE on the command line ("ingest" when absent), read before getResolvedOptions because
    the mode decides which arguments are required."""
    args = list(argv)
    if "--JOB_MODE" not in args:
        return "ingest"
    at = args.index("--JOB_MODE") + 1
    value = args[at] if at < len(args) else ""
    if value not in JOB_MODES:
        raise ValueError(f"job argument --JOB_MODE must be one of {', '.join(JOB_MODES)}, got {value!r}")
    return value


def required_args(mode: str) -> tuple[str, ...]:
    return MAINTAIN_REQUIRED_ARGS if mode == "maintain" else REQUIRED_ARGS


def _require(args: Mapping[str, str], names: Sequence[str]) -> None:
    missing = [name for name in names if not args.get(name)]
    if missing:
        raise ValueError(f"missing job argument(s): {', '.join('--' + m for m in missing)}")
    if not args["WAREHOUSE"].startswith("s3://"):
        raise ValueError(f"job argument --WAREHOUSE must be an s3:// URI, got {args['WAREHOUSE']!r}")


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
    _require(args, REQUIRED_ARGS)
    rootcert = args.get("SOURCE_SSLROOTCERT") or None
    source = SourceSettings(
        host=args["SOURCE_HOST"],
        port=_int_arg(args, "SOURCE_PORT", 5432),
        database=args["SOURCE_DATABASE"],
        schema=args["SOURCE_SCHEMA"],
        user=credentials.username,
        password=credentials.password,
        # With the CA bundle at hand, check the certificate and host name too; without it, TLS only.
        sslmode=args.get("SOURCE_SSLMODE") or ("verify-full" if rootcert else "require"),
        sslrootcert=rootcert,
    )
    defaults = JobSettings(source=source, target=TargetSettings(GLUE_CATALOG, args["CATALOG_DATABASE"]))
    return JobSettings(
        source=source,
        target=defaults.target,
        include=parse_table_list(args.get("INCLUDE_TABLES")),
        exclude=parse_table_list(args.get("EXCLUDE_TABLES")),
        connect_retry_seconds=_int_arg(args, "CONNECT_RETRY_SECONDS", GLUE_CONNECT_RETRY_SECONDS),
        parallel_tables=_int_arg(args, "PARALLEL_TABLES", GLUE_PARALLEL_TABLES),
    )


_MAINTAIN_ARG_OF = {
    "older_than_hours": "MAINTAIN_OLDER_THAN_HOURS",
    "retain_last": "MAINTAIN_RETAIN_LAST",
    "orphan_age_hours": "MAINTAIN_ORPHAN_AGE_HOURS",
}


def maintenance_settings_from_args(args: Mapping[str, str]) -> MaintenanceSettings:
    """Validate the resolved arguments of a --JOB_MODE maintain run; raises ValueError naming the argument."""
    _require(args, MAINTAIN_REQUIRED_ARGS)
    defaults = MaintenanceSettings(GLUE_CATALOG, args["CATALOG_DATABASE"])
    orphan_age = _int_arg(args, "MAINTAIN_ORPHAN_AGE_HOURS", defaults.orphan_age_hours)
    if orphan_age < MIN_GLUE_ORPHAN_AGE_HOURS:
        raise ValueError(
            f"job argument --MAINTAIN_ORPHAN_AGE_HOURS must be at least {MIN_GLUE_ORPHAN_AGE_HOURS} on Glue "
            f"(a younger file may belong to an ingestion commit in flight), got {orphan_age}"
        )
    try:
        return MaintenanceSettings(
            GLUE_CATALOG,
            args["CATALOG_DATABASE"],
            older_than_hours=_int_arg(args, "MAINTAIN_OLDER_THAN_HOURS", defaults.older_than_hours),
            retain_last=_int_arg(args, "MAINTAIN_RETAIN_LAST", defaults.retain_last),
            orphan_age_hours=orphan_age,
        )
    except ValueError as e:
        message = str(e)
        for field, arg in _MAINTAIN_ARG_OF.items():
            message = message.replace(f"maintenance {field}", f"job argument --{arg}")
        raise ValueError(message) from None


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
