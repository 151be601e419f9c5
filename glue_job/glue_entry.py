"""AWS Glue 5.0 entry script: parse job arguments, fetch credentials, build the session, run the package.

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
    REQUIRED_ARGS,
    glue_catalog_conf,
    present_optional_args,
    settings_from_args,
)
from northwind_ingest.job import run_ingestion
from pyspark import SparkConf
from pyspark.context import SparkContext


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stdout)
    args = getResolvedOptions(sys.argv, ["JOB_NAME", *REQUIRED_ARGS, *present_optional_args(sys.argv)])
    credentials = fetch_credentials(args["SECRET_ID"], boto3.client("secretsmanager"))
    settings = settings_from_args(args, credentials)

    conf = SparkConf()
    for key, value in glue_catalog_conf(args["WAREHOUSE"]).items():
        conf.set(key, value)
    glue_context = GlueContext(SparkContext.getOrCreate(conf))
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
