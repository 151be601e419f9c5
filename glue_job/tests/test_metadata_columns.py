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
