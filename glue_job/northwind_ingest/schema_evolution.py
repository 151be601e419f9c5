"""Source schema vs the change log's schema: what Iceberg can evolve safely, and what stops the table.

Safe (applied to the log and the key table before the batch writes): a new column, and the widenings Iceberg
allows without rewriting data: int -> bigint, float -> double, decimal(p, s) -> decimal(p', s) with p' > p.
Anything else (a dropped column, a narrowing or any other retype) raises SchemaChangeError naming the table
and the columns: the table is left untouched and the batch is not committed, until someone decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import types as T

from northwind_ingest.raw_layer import METADATA_COLUMNS


class SchemaChangeError(RuntimeError):
    """The source dropped or incompatibly retyped a column, or a column clashes with the metadata."""


@dataclass(frozen=True)
class SchemaEvolution:
    added: tuple[T.StructField, ...] = ()
    widened: tuple[T.StructField, ...] = ()  # the new, wider type

    @property
    def changed(self) -> bool:
        return bool(self.added or self.widened)

    def describe(self) -> str:
        parts = [f"added {f.name} {f.dataType.simpleString()}" for f in self.added]
        parts += [f"widened {f.name} to {f.dataType.simpleString()}" for f in self.widened]
        return ", ".join(parts)


def is_safe_widening(old: T.DataType, new: T.DataType) -> bool:
    if isinstance(old, T.IntegerType) and isinstance(new, T.LongType):
        return True
    if isinstance(old, T.FloatType) and isinstance(new, T.DoubleType):
        return True
    if isinstance(old, T.DecimalType) and isinstance(new, T.DecimalType):
        return new.scale == old.scale and new.precision > old.precision
    return False


def check_metadata_clash(table: str, source: T.StructType) -> None:
    clashes = sorted(set(source.fieldNames()) & set(METADATA_COLUMNS))
    if clashes:
        raise SchemaChangeError(
            f"table {table}: source column(s) {', '.join(clashes)} clash with the ingestion metadata columns"
        )


def plan_evolution(table: str, existing: T.StructType, source: T.StructType) -> SchemaEvolution:
    """What to change in the log table so it holds `source`; raises SchemaChangeError when it cannot."""
    check_metadata_clash(table, source)
    current = {f.name: f.dataType for f in existing.fields if f.name not in METADATA_COLUMNS}
    wanted = {f.name: f.dataType for f in source.fields}
    dropped = sorted(set(current) - set(wanted))
    common = [f for f in source.fields if f.name in current and current[f.name] != f.dataType]
    retyped = sorted(
        f"{f.name} ({current[f.name].simpleString()} -> {f.dataType.simpleString()})"
        for f in common
        if not is_safe_widening(current[f.name], f.dataType)
    )
    problems = []
    if dropped:
        problems.append(f"dropped column(s) {', '.join(dropped)}")
    if retyped:
        problems.append(f"changed type of {', '.join(retyped)}")
    if problems:
        raise SchemaChangeError(
            f"table {table}: source schema changed incompatibly ({'; '.join(problems)}); "
            "the Iceberg tables were left untouched and the batch is not committed"
        )
    return SchemaEvolution(
        added=tuple(f for f in source.fields if f.name not in current),
        widened=tuple(f for f in common if is_safe_widening(current[f.name], f.dataType)),
    )
