"""The row hash of the change log: one documented rendering of a source row, hashed with MD5.

`_row_hash` = lower-case hex MD5 of the UTF-8 text made of one `name=value` part per NON-NULL source column,
in the source's column order (pg_attribute.attnum), joined by the unit separator U+001F. Values render by
their Spark type:
- strings as they are; integers, booleans (`true`/`false`) and decimals (with their scale) by Spark's cast;
- float/double by Spark's shortest round-trip text (REAL 19.45 -> `19.45`);
- dates `yyyy-MM-dd`; timestamps `yyyy-MM-dd HH:mm:ss.ffffff` (timestamptz in UTC, the session zone);
- binary as lower-case hex.
Null columns contribute no part, so a new, still-null source column leaves every existing hash unchanged,
and the column name in each part tells a null apart from an empty string or a shifted column.
"""

from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F
from pyspark.sql import types as T

ROW_HASH_COLUMN = "_row_hash"
PART_SEPARATOR = "\u001f"


def rendered(name: str, data_type: T.DataType) -> Column:
    col = F.col(f"`{name}`")
    if isinstance(data_type, T.BinaryType):
        return F.lower(F.hex(col))
    if isinstance(data_type, (T.TimestampType, T.TimestampNTZType)):
        return F.date_format(col, "yyyy-MM-dd HH:mm:ss.SSSSSS")
    return col.cast(T.StringType())


def row_hash(schema: T.StructType) -> Column:
    """The `_row_hash` expression over `schema`'s fields (the source columns, in source order)."""
    parts = [F.concat(F.lit(f"{f.name}="), rendered(f.name, f.dataType)) for f in schema.fields]
    return F.md5(F.concat_ws(PART_SEPARATOR, *parts)).alias(ROW_HASH_COLUMN)
