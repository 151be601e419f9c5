"""Reading PostgreSQL: catalog discovery through the run's snapshot, and Spark JDBC reads inside it."""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from northwind_ingest.identifiers import pg_quote, validate_identifier
from northwind_ingest.partitioning import PartitionPlan, plan_partitions
from northwind_ingest.settings import JobSettings
from northwind_ingest.source_snapshot import SourceSnapshot, jdbc_properties
from northwind_ingest.type_mapping import PgColumn, jdbc_custom_schema, spark_schema

_NUMERIC_KEY_TYPES = {"int2", "int4", "int8"}


@dataclass(frozen=True)
class SourceTable:
    """A discovered base table: columns in order, primary key columns in key order, size estimates."""

    name: str
    columns: tuple[PgColumn, ...]
    key_columns: tuple[str, ...]
    size_bytes: int
    estimated_rows: int  # pg_class.reltuples (-1 before the first ANALYZE: then unknown)

    @property
    def split_column(self) -> str | None:
        """The leading key column, when it is an integer: parallel JDBC slices split on its range."""
        if not self.key_columns:
            return None
        lead = next(c for c in self.columns if c.name == self.key_columns[0])
        return lead.name if lead.udt_name in _NUMERIC_KEY_TYPES else None

    def validate(self) -> None:
        validate_identifier(self.name, f"table {self.name}")
        for c in self.columns:
            validate_identifier(c.name, f"column {self.name}.{c.name}")
        if not self.key_columns:
            raise ValueError(
                f"table {self.name}: no primary key; the change log identifies rows by their key "
                "(add a primary key, or exclude the table)"
            )

    def schema(self) -> T.StructType:
        return spark_schema(list(self.columns), self.name)


def discover_tables(snapshot: SourceSnapshot, settings: JobSettings) -> list[SourceTable]:
    """Every base table of the source schema (after include/exclude), largest first."""
    schema = settings.source.schema  # validated: safe inside a literal
    # One round trip over pg_catalog: every column with its type (a domain's base type), numeric
    # precision/scale decoded from the type modifier, its position in the primary key, and the table's size.
    rows = snapshot.query(
        "select c.relname as table_name, a.attname as column_name, "
        "coalesce(bt.typname, t.typname) as udt_name, "
        "case when coalesce(bt.typname, t.typname) = 'numeric' and m.typmod >= 4 "
        "  then ((m.typmod - 4) >> 16) & 65535 end as numeric_precision, "
        "case when coalesce(bt.typname, t.typname) = 'numeric' and m.typmod >= 4 "
        "  then (m.typmod - 4) & 65535 end as numeric_scale, "
        "a.attnum as ordinal_position, array_position(pk.conkey, a.attnum) as key_position, "
        "pg_relation_size(c.oid) as size_bytes, c.reltuples::bigint as estimated_rows "
        "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped "
        "join pg_type t on t.oid = a.atttypid "
        "left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype "
        "cross join lateral (select case when t.typtype = 'd' then t.typtypmod else a.atttypmod end as typmod) m "
        "left join pg_constraint pk on pk.conrelid = c.oid and pk.contype = 'p' "
        f"where n.nspname = '{schema}' and c.relkind in ('r', 'p') and not c.relispartition",
    )
    by_table: dict[str, list[PgColumn]] = {}
    keys: dict[str, dict[int, str]] = {}
    sizes: dict[str, tuple[int, int]] = {}
    for r in rows:
        name = r["table_name"]
        by_table.setdefault(name, []).append(
            PgColumn(
                r["column_name"],
                r["udt_name"],
                r["numeric_precision"],
                r["numeric_scale"],
                int(r["ordinal_position"]),
            )
        )
        if r["key_position"] is not None:
            keys.setdefault(name, {})[int(r["key_position"])] = r["column_name"]
        sizes[name] = (int(r["size_bytes"]), int(r["estimated_rows"]))

    missing = [t for t in settings.include if t not in by_table]
    if missing:
        raise ValueError(f"tables in the include list not found in schema {schema}: {', '.join(missing)}")
    tables = []
    for name, columns in by_table.items():
        if (settings.include and name not in settings.include) or name in settings.exclude:
            continue
        cols = tuple(sorted(columns, key=lambda c: c.ordinal))
        key = tuple(keys.get(name, {})[i] for i in sorted(keys.get(name, {})))
        tables.append(SourceTable(name, cols, key, *sizes[name]))
    # Largest first: the long reads start at once and the small tables fill the gaps.
    return sorted(tables, key=lambda t: (-t.size_bytes, t.name))


def plan_slices(
    snapshot: SourceSnapshot, settings: JobSettings, table: SourceTable, rows: int, where: str = "true"
) -> PartitionPlan | None:
    """Parallel slices for reading `rows` rows of `table` (matching `where`), or None for one query.

    Sized from the row estimate, not a count(*); the key range comes from the primary-key index (min/max).
    """
    key = table.split_column
    if key is None or rows <= settings.rows_per_partition or table.size_bytes < settings.split_min_bytes:
        return None
    q = pg_quote(key)
    bounds = snapshot.query_one(
        f"select min({q}) as lo, max({q}) as hi from {pg_quote(settings.source.schema, table.name)} where {where}"
    )
    return plan_partitions(
        key, rows, bounds["lo"], bounds["hi"], settings.rows_per_partition, settings.max_partitions
    )


def read_rows(
    spark: SparkSession,
    settings: JobSettings,
    snapshot: SourceSnapshot,
    table: SourceTable,
    *,
    columns: tuple[str, ...] | None = None,
    where: str = "true",
    plan: PartitionPlan | None = None,
) -> DataFrame:
    """Rows of `table` inside the run's snapshot, with exactly the mapped Spark types (the `select` is the
    schema contract). `columns` picks a subset (e.g. only the key), `where` filters in PostgreSQL."""
    table.validate()
    wanted = [c for c in table.columns if columns is None or c.name in columns]
    select = ", ".join(pg_quote(c.name) for c in wanted)
    subquery = f"(select {select} from {pg_quote(settings.source.schema, table.name)} where {where}) as src"
    reader = (
        spark.read.format("jdbc")
        .option("url", settings.source.jdbc_url)
        .options(**jdbc_properties(settings.source))
        .option("driver", "org.postgresql.Driver")
        .option("fetchsize", str(settings.fetch_size))
        # timestamp without time zone -> TimestampNTZ: no shift through the session time zone.
        .option("preferTimestampNTZ", "true")
        .option("sessionInitStatement", snapshot.session_init_statement)
        .option("dbtable", subquery)
    )
    custom = jdbc_custom_schema(wanted, table.name)
    if custom:
        reader = reader.option("customSchema", custom)
    if plan is not None:
        reader = reader.options(**plan.jdbc_options())
    target = spark_schema(wanted, table.name)
    return reader.load().select(*[F.col(f"`{f.name}`").cast(f.dataType).alias(f.name) for f in target.fields])
