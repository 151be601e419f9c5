"""The reference: the same package on the local runtime (glue_job/northwind_local: local Spark, the local Iceberg
JDBC catalog), reading the same source, so the emulated Glue run can be compared with it row for row."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from glue_readback import read_namespace
from northwind_ingest.job import run_ingestion
from northwind_ingest.settings import JobSettings, SourceSettings, TargetSettings
from northwind_ingest.summary import RunSummary
from northwind_local.catalog import load_local_catalog
from northwind_local.runtime import (
    CLUSTER_STATE_DIR,
    LOCAL_CATALOG,
    catalog_database,
    drop_catalog_database_named,
)
from northwind_local.spark import build_local_spark
from pyspark.sql import SparkSession


class LocalReference:
    """Runs ingestion batches on local Spark into a catalog of its own state dir (dropped by close())."""

    def __init__(self, state_dir: Path, source: SourceSettings, namespace: str) -> None:
        self.state_dir = state_dir
        self.settings = JobSettings(source=source, target=TargetSettings(LOCAL_CATALOG, namespace))
        self._spark: SparkSession | None = None
        state_dir.mkdir(parents=True, exist_ok=True)
        jars = state_dir / "jars"
        if not jars.exists():
            jars.symlink_to(CLUSTER_STATE_DIR / "jars")

    def run(self) -> RunSummary:
        if self._spark is None:
            self._spark = build_local_spark(
                self.state_dir, app_name="northwind-local-reference", driver_memory="1g"
            )
        summary = run_ingestion(self._spark, self.settings)
        if not summary.ok:
            raise AssertionError(f"the local reference run failed:\n{summary.render()}")
        return summary

    def read(self) -> dict[str, pa.Table]:
        return read_namespace(load_local_catalog(self.state_dir), self.settings.target.namespace)

    def close(self) -> None:
        if self._spark is not None:
            self._spark.stop()
            self._spark = None
        drop_catalog_database_named(catalog_database(self.state_dir))
