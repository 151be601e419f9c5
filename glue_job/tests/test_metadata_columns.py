from datetime import datetime

from northwind_ingest.sink import RunMetadata, with_metadata
from pyspark.sql import types as T


def test_metadata_columns_are_identical_for_every_row_of_a_run(spark):
    df = spark.createDataFrame([(1, "a"), (2, "b")], "id int, name string")
    meta = RunMetadata(datetime(2024, 1, 2, 3, 4, 5), "batch-1")
    out = with_metadata(df, "postgres.northwind.public.t", meta)
    assert out.schema["_load_ts"].dataType == T.TimestampNTZType()
    expected = spark.createDataFrame(
        [
            (1, "a", datetime(2024, 1, 2, 3, 4, 5), "postgres.northwind.public.t", "batch-1"),
            (2, "b", datetime(2024, 1, 2, 3, 4, 5), "postgres.northwind.public.t", "batch-1"),
        ],
        "id int, name string, _load_ts timestamp_ntz, _record_source string, _batch_id string",
    )
    assert sorted(out.collect()) == sorted(expected.collect())


def test_a_source_column_named_like_a_metadata_column_fails_that_table(spark):
    import pytest
    from northwind_ingest.settings import JobSettings, SourceSettings, TargetSettings
    from northwind_ingest.sink import SchemaChangeError, write_table

    settings = JobSettings(
        SourceSettings("h", 5432, "db", "public", "u", "p"), TargetSettings("local", "unit_never_created")
    )
    df = spark.createDataFrame([(1, "x")], "id int, _batch_id string")
    meta = RunMetadata(datetime(2024, 1, 1), "b")
    with pytest.raises(SchemaChangeError, match="table t: source column\\(s\\) _batch_id clash"):
        write_table(spark, settings, "t", df, meta)
