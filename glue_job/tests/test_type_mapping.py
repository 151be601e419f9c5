import pytest
from northwind_ingest.type_mapping import (
    PgColumn,
    UnsupportedTypeError,
    jdbc_custom_schema,
    spark_schema,
    spark_type,
)
from pyspark.sql import types as T


@pytest.mark.parametrize(
    ("udt", "expected"),
    [
        ("int2", T.IntegerType()),  # Iceberg has no short: widened, never narrowed
        ("int4", T.IntegerType()),
        ("int8", T.LongType()),
        ("float4", T.FloatType()),  # REAL prices stay 32-bit floats, not re-rounded doubles
        ("float8", T.DoubleType()),
        ("text", T.StringType()),
        ("varchar", T.StringType()),
        ("bpchar", T.StringType()),
        ("date", T.DateType()),
        ("timestamp", T.TimestampNTZType()),
        ("timestamptz", T.TimestampType()),
        ("bool", T.BooleanType()),
        ("bytea", T.BinaryType()),
    ],
)
def test_each_supported_type_maps_to_its_lossless_spark_type(udt, expected):
    assert spark_type(PgColumn("c", udt), "t") == expected


def test_numeric_keeps_precision_and_scale():
    assert spark_type(PgColumn("amount", "numeric", 12, 3), "t") == T.DecimalType(12, 3)


def test_unconstrained_or_too_wide_numeric_is_kept_as_exact_text():
    cols = [PgColumn("a", "numeric"), PgColumn("b", "numeric", 50, 2), PgColumn("c", "numeric", 10, 2)]
    assert [spark_type(c, "t") for c in cols] == [T.StringType(), T.StringType(), T.DecimalType(10, 2)]
    assert jdbc_custom_schema(cols, "t") == "`a` STRING, `b` STRING"


def test_no_custom_schema_when_the_dialect_reads_everything_exactly():
    assert jdbc_custom_schema([PgColumn("a", "int4"), PgColumn("b", "numeric", 10, 2)], "t") is None


def test_unsupported_type_names_table_and_column():
    with pytest.raises(UnsupportedTypeError, match=r"table orders: column tags has type _text"):
        spark_type(PgColumn("tags", "_text"), "orders")


def test_schema_is_all_nullable_in_source_order():
    schema = spark_schema([PgColumn("id", "int2"), PgColumn("name", "varchar")], "t")
    assert [(f.name, f.dataType, f.nullable) for f in schema.fields] == [
        ("id", T.IntegerType(), True),
        ("name", T.StringType(), True),
    ]
