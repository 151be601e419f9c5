import pytest
from northwind_ingest.schema_evolution import SchemaChangeError, plan_evolution
from pyspark.sql import types as T

EXISTING = T.StructType(
    [
        T.StructField("id", T.IntegerType()),
        T.StructField("name", T.StringType()),
        T.StructField("price", T.FloatType()),
        T.StructField("amount", T.DecimalType(10, 2)),
        T.StructField("_op", T.StringType()),
        T.StructField("_batch_id", T.StringType()),
        T.StructField("_load_ts", T.TimestampNTZType()),
        T.StructField("_record_source", T.StringType()),
        T.StructField("_row_hash", T.StringType()),
    ]
)


def source(**overrides: T.DataType) -> T.StructType:
    fields = {
        "id": T.IntegerType(),
        "name": T.StringType(),
        "price": T.FloatType(),
        "amount": T.DecimalType(10, 2),
    }
    fields.update(overrides)
    return T.StructType([T.StructField(n, t) for n, t in fields.items() if t is not None])


def test_same_schema_needs_nothing():
    assert not plan_evolution("t", EXISTING, source()).changed


def test_new_source_column_is_to_be_added():
    evolution = plan_evolution("t", EXISTING, source(vip=T.BooleanType()))
    assert [f.name for f in evolution.added] == ["vip"] and not evolution.widened
    assert evolution.describe() == "added vip boolean"


@pytest.mark.parametrize(
    ("column", "wider"),
    [("id", T.LongType()), ("price", T.DoubleType()), ("amount", T.DecimalType(14, 2))],
)
def test_iceberg_safe_widenings_evolve(column, wider):
    evolution = plan_evolution("t", EXISTING, source(**{column: wider}))
    assert [(f.name, f.dataType) for f in evolution.widened] == [(column, wider)]


def test_dropped_column_stops_the_table_naming_it():
    with pytest.raises(
        SchemaChangeError, match=r"table t: .*dropped column\(s\) name.*batch is not committed"
    ):
        plan_evolution("t", EXISTING, source(name=None))


@pytest.mark.parametrize(
    ("column", "other", "text"),
    [
        ("id", T.StringType(), "id (int -> string)"),
        ("amount", T.DecimalType(12, 4), "amount (decimal(10,2) -> decimal(12,4))"),
        ("amount", T.DecimalType(8, 2), "amount (decimal(10,2) -> decimal(8,2))"),
        ("price", T.IntegerType(), "price (float -> int)"),
    ],
)
def test_incompatible_retypes_stop_the_table_naming_the_column(column, other, text):
    with pytest.raises(
        SchemaChangeError, match=r"changed type of " + text.replace("(", r"\(").replace(")", r"\)")
    ):
        plan_evolution("t", EXISTING, source(**{column: other}))


def test_a_source_column_named_like_a_metadata_column_stops_the_table():
    with pytest.raises(SchemaChangeError, match=r"table t: source column\(s\) _op clash"):
        plan_evolution("t", EXISTING, source(_op=T.StringType()))
