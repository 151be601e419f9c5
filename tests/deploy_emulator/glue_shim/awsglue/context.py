"""GlueContext: on Glue it wraps the SparkContext; the job uses only its spark_session."""

from __future__ import annotations

from pyspark.context import SparkContext
from pyspark.sql import SparkSession


class GlueContext:
    def __init__(self, spark_context: SparkContext) -> None:
        self.spark_context = spark_context
        self.spark_session = SparkSession(spark_context)
