import pytest
from northwind_ingest.sink import SchemaChangeError, schema_changes
from pyspark.sql import types as T

EXISTING = T.StructType(
    [
        T.StructField("id", T.IntegerType()),
        T.StructField("name", T.StringType()),
        T.StructField("_load_ts", T.TimestampNTZType()),
        T.StructField("_record_source", T.StringType()),
        T.StructField("_batch_id", T.StringType()),
    ]
)


def test_same_schema_needs_nothing():
    source = T.StructType([T.StructField("id", T.IntegerType()), T.StructField("name", T.StringType())])
    assert schema_changes("t", EXISTING, source) == []


def test_new_source_column_is_to_be_added():
    source = T.StructType(
        [
            T.StructField("id", T.IntegerType()),
            T.StructField("name", T.StringType()),
            T.StructField("vip", T.BooleanType()),
        ]
    )
    assert [f.name for f in schema_changes("t", EXISTING, source)] == ["vip"]


def test_dropped_column_stops_the_table():
    source = T.StructType([T.StructField("id", T.IntegerType())])
    with pytest.raises(SchemaChangeError, match=r"table t: .*dropped column\(s\) name"):
        schema_changes("t", EXISTING, source)


def test_retyped_column_stops_the_table():
    source = T.StructType([T.StructField("id", T.LongType()), T.StructField("name", T.StringType())])
    with pytest.raises(SchemaChangeError, match=r"changed type of id \(int -> bigint\)"):
        schema_changes("t", EXISTING, source)
