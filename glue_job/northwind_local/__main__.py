"""Local entry point of the Glue job's code on local Spark.

python -m northwind_local [ingest] [...]   ingest the local PostgreSQL into local Iceberg tables (default)
python -m northwind_local maintain [...]   compact, expire snapshots and remove orphan files of the raw layer
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from northwind_ingest.maintenance import MaintenanceSettings
from northwind_ingest.settings import parse_table_list

from northwind_local.runtime import DEFAULT_STATE_DIR, LOCAL_CATALOG, LOCAL_DATABASE, RAW_NAMESPACE

COMMANDS = ("ingest", "maintain")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m northwind_local",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="{ingest,maintain}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--state-dir", type=Path, default=DEFAULT_STATE_DIR, help="local state (default .local)"
    )
    common.add_argument(
        "--namespace", default=RAW_NAMESPACE, help="Iceberg namespace (default northwind_raw)"
    )

    ingest = commands.add_parser("ingest", parents=[common], help="copy the source into Iceberg (default)")
    ingest.add_argument("--database", default=LOCAL_DATABASE, help="source database (default northwind)")
    ingest.add_argument("--include", default="", help="comma-separated tables to copy (default all)")
    ingest.add_argument("--exclude", default="", help="comma-separated tables to skip")

    defaults = MaintenanceSettings(LOCAL_CATALOG, RAW_NAMESPACE)
    maintain = commands.add_parser("maintain", parents=[common], help="Iceberg table maintenance")
    maintain.add_argument(
        "--older-than-hours",
        type=int,
        default=defaults.older_than_hours,
        help=f"expire snapshots older than this (default {defaults.older_than_hours})",
    )
    maintain.add_argument(
        "--retain-last",
        type=int,
        default=defaults.retain_last,
        help=f"but always keep the newest this many (default {defaults.retain_last})",
    )
    maintain.add_argument(
        "--orphan-age-hours",
        type=int,
        default=defaults.orphan_age_hours,
        help=f"delete unreferenced files older than this (default {defaults.orphan_age_hours})",
    )
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    # Plain `python -m northwind_local [--state-dir ...]` keeps meaning ingest, as before the subcommands.
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv = ["ingest", *argv]
    return build_parser().parse_args(argv)


def maintenance_settings(args: argparse.Namespace) -> MaintenanceSettings:
    return MaintenanceSettings(
        LOCAL_CATALOG,
        args.namespace,
        older_than_hours=args.older_than_hours,
        retain_last=args.retain_last,
        orphan_age_hours=args.orphan_age_hours,
    )


def _ingest(args: argparse.Namespace) -> int:
    from northwind_ingest.job import run_ingestion  # after logging setup; imports pyspark

    from northwind_local.runtime import local_job_settings
    from northwind_local.spark import build_local_spark

    settings = local_job_settings(
        args.state_dir,
        database=args.database,
        catalog=LOCAL_CATALOG,
        namespace=args.namespace,
        include=parse_table_list(args.include),
        exclude=parse_table_list(args.exclude),
    )
    spark = build_local_spark(args.state_dir)
    try:
        summary = run_ingestion(spark, settings)
    finally:
        spark.stop()
    print(summary.render())
    return summary.exit_code()


def _maintain(settings: MaintenanceSettings, state_dir: Path) -> int:
    from northwind_ingest.maintenance import run_maintenance

    from northwind_local.spark import build_local_spark

    spark = build_local_spark(state_dir, app_name="northwind-maintain")
    try:
        summary = run_maintenance(spark, settings)
    finally:
        spark.stop()
    print(summary.render())
    return summary.exit_code()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    if args.command != "maintain":
        return _ingest(args)
    try:
        settings = maintenance_settings(args)  # validated before Spark starts
    except ValueError as e:
        print(f"python -m northwind_local maintain: {e}", file=sys.stderr)
        return 2
    return _maintain(settings, args.state_dir)


if __name__ == "__main__":
    sys.exit(main())
