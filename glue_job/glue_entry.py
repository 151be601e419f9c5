"""AWS Glue 5.0 entry script: parse job arguments, fetch credentials, build the session, run the package.

--JOB_MODE ingest (the default) copies the source into the raw layer; --JOB_MODE maintain compacts, expires
snapshots and removes orphan files of the raw layer (northwind_ingest.maintenance), without the source.

Everything else lives in the northwind_ingest package (shipped with --extra-py-files), which never imports
awsglue and therefore runs unchanged on local Spark.
"""

from __future__ import annotations

import logging
import sys

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from northwind_ingest.credentials import fetch_credentials
from northwind_ingest.glue_args import (
    glue_catalog_conf,
    job_mode,
    maintenance_settings_from_args,
    present_optional_args,
    required_args,
    settings_from_args,
)
from northwind_ingest.job import run_ingestion
from northwind_ingest.maintenance import run_maintenance
from pyspark import SparkConf
from pyspark.context import SparkContext


def _glue_context(warehouse: str) -> GlueContext:
    conf = SparkConf()
    for key, value in glue_catalog_conf(warehouse).items():
        conf.set(key, value)
    return GlueContext(SparkContext.getOrCreate(conf))


def maintain(args: dict[str, str]) -> int:
    settings = maintenance_settings_from_args(args)
    glue_context = _glue_context(args["WAREHOUSE"])
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    summary = run_maintenance(glue_context.spark_session, settings)
    print(summary.render())
    if not summary.ok:
        failed = ", ".join(r.table for r in summary.failed)
        raise RuntimeError(f"maintenance of {summary.namespace} failed; failed tables: {failed}")
    job.commit()
    return 0


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stdout)
    mode = job_mode(sys.argv)
    args = getResolvedOptions(sys.argv, ["JOB_NAME", *required_args(mode), *present_optional_args(sys.argv)])
    if mode == "maintain":
        return maintain(args)
    credentials = fetch_credentials(args["SECRET_ID"], boto3.client("secretsmanager"))
    settings = settings_from_args(args, credentials)

    glue_context = _glue_context(args["WAREHOUSE"])
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    summary = run_ingestion(glue_context.spark_session, settings)
    print(summary.render())
    if not summary.ok:
        # An uncaught error marks the Glue job run FAILED with this message; committed tables stay committed.
        failed = ", ".join(r.table for r in summary.failed) or "none (the run stopped before any table)"
        raise RuntimeError(
            f"ingestion batch {summary.batch_id} failed; failed tables: {failed}; {summary.error or ''}"
        )
    job.commit()
    return 0


if __name__ == "__main__":
    main()
