"""Local entry point: `python -m northwind_local` ingests the local PostgreSQL into local Iceberg tables."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from northwind_ingest.settings import parse_table_list

from northwind_local.runtime import LOCAL_DATABASE, RAW_NAMESPACE, local_job_settings
from northwind_local.spark import DEFAULT_STATE_DIR, LOCAL_CATALOG, build_local_spark


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m northwind_local", description=__doc__)
    parser.add_argument(
        "--state-dir", type=Path, default=DEFAULT_STATE_DIR, help="local state (default .local)"
    )
    parser.add_argument("--database", default=LOCAL_DATABASE, help="source database (default northwind)")
    parser.add_argument(
        "--namespace", default=RAW_NAMESPACE, help="Iceberg namespace (default northwind_raw)"
    )
    parser.add_argument("--include", default="", help="comma-separated tables to copy (default all)")
    parser.add_argument("--exclude", default="", help="comma-separated tables to skip")
    parser.add_argument(
        "--retain-snapshots", type=int, default=10, help="snapshots kept per table (default 10)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)

    from northwind_ingest.job import run_ingestion  # after logging setup; imports pyspark

    settings = local_job_settings(
        args.state_dir,
        database=args.database,
        catalog=LOCAL_CATALOG,
        namespace=args.namespace,
        include=parse_table_list(args.include),
        exclude=parse_table_list(args.exclude),
        retain_snapshots=args.retain_snapshots,
    )
    spark = build_local_spark(args.state_dir)
    try:
        summary = run_ingestion(spark, settings)
    finally:
        spark.stop()
    print(summary.render())
    return summary.exit_code()


if __name__ == "__main__":
    sys.exit(main())
