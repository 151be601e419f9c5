"""PostgreSQL column types -> Spark types that Iceberg stores without loss."""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import types as T


class UnsupportedTypeError(ValueError):
    """A source column whose type the job cannot copy without loss."""


@dataclass(frozen=True)
class PgColumn:
    """One source column as information_schema.columns describes it."""

    name: str
    udt_name: str  # int2, int4, varchar, bpchar, numeric, bytea, ...
    numeric_precision: int | None = None
    numeric_scale: int | None = None
    ordinal: int = 0


# Iceberg has no 16-bit int: smallint widens to int (lossless). text-like types are strings.
_SIMPLE: dict[str, T.DataType] = {
    "int2": T.IntegerType(),
    "int4": T.IntegerType(),
    "int8": T.LongType(),
    "float4": T.FloatType(),
    "float8": T.DoubleType(),
    "text": T.StringType(),
    "varchar": T.StringType(),
    "bpchar": T.StringType(),
    "name": T.StringType(),
    "uuid": T.StringType(),
    "json": T.StringType(),
    "jsonb": T.StringType(),
    "date": T.DateType(),
    # timestamp without time zone stays zone-less (Iceberg `timestamp`); with time zone is an instant.
    "timestamp": T.TimestampNTZType(),
    "timestamptz": T.TimestampType(),
    "bool": T.BooleanType(),
    "bytea": T.BinaryType(),
}

_MAX_DECIMAL_PRECISION = 38


def spark_type(column: PgColumn, table: str) -> T.DataType:
    """The Spark type for a source column; raises UnsupportedTypeError naming table.column."""
    if column.udt_name == "numeric":
        p, s = column.numeric_precision, column.numeric_scale
        # Unconstrained numeric (or wider than Iceberg's 38 digits) has no exact decimal: keep its text.
        if p is None or p > _MAX_DECIMAL_PRECISION:
            return T.StringType()
        return T.DecimalType(p, s or 0)
    mapped = _SIMPLE.get(column.udt_name)
    if mapped is None:
        raise UnsupportedTypeError(
            f"table {table}: column {column.name} has type {column.udt_name}, which the ingestion cannot "
            f"copy without loss (supported: numeric, {', '.join(sorted(_SIMPLE))})"
        )
    return mapped


def jdbc_custom_schema(columns: list[PgColumn], table: str) -> str | None:
    """Spark JDBC `customSchema` for columns the default dialect would read lossily, or None.

    Spark reads an unconstrained numeric as decimal(38,18), silently rounding; reading it as a string keeps
    every digit.
    """
    overrides = [
        f"`{c.name}` STRING"
        for c in columns
        if c.udt_name == "numeric" and isinstance(spark_type(c, table), T.StringType)
    ]
    return ", ".join(overrides) or None


def spark_schema(columns: list[PgColumn], table: str) -> T.StructType:
    """The data columns of the Iceberg table, all nullable so a source NOT NULL change never breaks a write."""
    return T.StructType([T.StructField(c.name, spark_type(c, table), nullable=True) for c in columns])
