"""Reading PostgreSQL over JDBC: catalog discovery, key bounds and table reads."""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from northwind_ingest.identifiers import pg_quote, validate_identifier
from northwind_ingest.partitioning import PartitionPlan, plan_partitions
from northwind_ingest.settings import JobSettings, SourceSettings
from northwind_ingest.type_mapping import PgColumn, jdbc_custom_schema, spark_schema

_NUMERIC_KEY_TYPES = {"int2", "int4", "int8"}


class SourceUnavailableError(RuntimeError):
    """The source database cannot be reached or queried."""


@dataclass(frozen=True)
class SourceTable:
    """A discovered base table: its columns in order, a numeric key to split on, its on-disk size."""

    name: str
    columns: tuple[PgColumn, ...]
    split_column: str | None
    size_bytes: int


def jdbc_options(source: SourceSettings, fetch_size: int) -> dict[str, str]:
    return {
        "url": source.jdbc_url,
        "user": source.user,
        "password": source.password,
        "driver": "org.postgresql.Driver",
        "fetchsize": str(fetch_size),
        # Fail fast and clearly when the database is down, instead of hanging a Glue worker.
        "connectTimeout": "10",
        "loginTimeout": "10",
        # timestamp without time zone -> TimestampNTZ: no shift through the session time zone.
        "preferTimestampNTZ": "true",
    }


def _query(spark: SparkSession, settings: JobSettings, sql: str) -> list:
    try:
        return (
            spark.read.format("jdbc")
            .options(**jdbc_options(settings.source, settings.fetch_size))
            .option("query", sql)
            .load()
            .collect()
        )
    except Exception as exc:  # noqa: BLE001 - py4j wraps any JDBC error; keep only its message
        src = settings.source
        raise SourceUnavailableError(
            f"cannot query PostgreSQL at {src.host}:{src.port}/{src.database}: {java_message(exc)}"
        ) from None


def java_message(exc: BaseException) -> str:
    """The first line of a (py4j-wrapped) exception, without a Java stack trace."""
    java = getattr(exc, "java_exception", None)
    if java is not None:
        try:
            # The PostgreSQL driver's own message (e.g. "Connection to host:port refused. Check that...")
            # says most; else the root cause, which Spark wraps in several layers.
            chain = [java]
            while chain[-1].getCause() is not None and len(chain) < 20:
                chain.append(chain[-1].getCause())
            texts = [str(c.toString()) for c in chain]
            return next((t for t in texts if t.startswith("org.postgresql.")), texts[-1])
        except Exception:  # noqa: BLE001, S110 - py4j gateway gone: fall back to the Python text
            pass
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def discover_tables(spark: SparkSession, settings: JobSettings) -> list[SourceTable]:
    """Every base table of the source schema (after include/exclude), with columns, split key and size."""
    schema = settings.source.schema  # validated: safe inside a literal
    # One round trip over pg_catalog (information_schema's key views take over a second): every column
    # with its type (a domain's base type), numeric precision/scale decoded from the type modifier, whether
    # it leads the primary key, and the table's size. Partitions are read through their parent.
    rows = _query(
        spark,
        settings,
        "select c.relname as table_name, a.attname as column_name, "
        "coalesce(bt.typname, t.typname) as udt_name, "
        "case when coalesce(bt.typname, t.typname) = 'numeric' and m.typmod >= 4 "
        "  then ((m.typmod - 4) >> 16) & 65535 end as numeric_precision, "
        "case when coalesce(bt.typname, t.typname) = 'numeric' and m.typmod >= 4 "
        "  then (m.typmod - 4) & 65535 end as numeric_scale, "
        "a.attnum as ordinal_position, coalesce(a.attnum = pk.conkey[1], false) as leads_key, "
        "pg_relation_size(c.oid) as size_bytes "
        "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped "
        "join pg_type t on t.oid = a.atttypid "
        "left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype "
        "cross join lateral (select case when t.typtype = 'd' then t.typtypmod else a.atttypmod end as typmod) m "
        "left join pg_constraint pk on pk.conrelid = c.oid and pk.contype = 'p' "
        f"where n.nspname = '{schema}' and c.relkind in ('r', 'p') and not c.relispartition",
    )
    by_table: dict[str, list[PgColumn]] = {}
    first_key: dict[str, str] = {}
    size_of: dict[str, int] = {}
    for r in rows:
        name = r["table_name"]
        by_table.setdefault(name, []).append(
            PgColumn(
                r["column_name"],
                r["udt_name"],
                r["numeric_precision"],
                r["numeric_scale"],
                r["ordinal_position"],
            )
        )
        if r["leads_key"]:
            first_key[name] = r["column_name"]
        size_of[name] = int(r["size_bytes"])

    missing = [t for t in settings.include if t not in by_table]
    if missing:
        raise ValueError(f"tables in the include list not found in schema {schema}: {', '.join(missing)}")
    tables = []
    for name in sorted(by_table):
        if (settings.include and name not in settings.include) or name in settings.exclude:
            continue
        cols = tuple(sorted(by_table[name], key=lambda c: c.ordinal))
        key = first_key.get(name)
        key_type = next((c.udt_name for c in cols if c.name == key), None)
        split = key if key_type in _NUMERIC_KEY_TYPES else None
        tables.append(SourceTable(name, cols, split, size_of.get(name, 0)))
    return tables


def plan_read(spark: SparkSession, settings: JobSettings, table: SourceTable) -> PartitionPlan | None:
    """Split plan for a large table with a numeric key (one bounds query), else None."""
    if table.split_column is None or table.size_bytes < settings.split_min_bytes:
        return None
    validate_identifier(table.name, f"table {table.name}")
    key = validate_identifier(table.split_column, f"column {table.name}.{table.split_column}")
    (row,) = _query(
        spark,
        settings,
        f"select min({pg_quote(key)}) as lo, max({pg_quote(key)}) as hi, count(*) as n "
        f"from {pg_quote(settings.source.schema, table.name)}",
    )
    return plan_partitions(
        key, int(row["n"]), row["lo"], row["hi"], settings.rows_per_partition, settings.max_partitions
    )


def read_table(
    spark: SparkSession, settings: JobSettings, table: SourceTable, plan: PartitionPlan | None
) -> DataFrame:
    """The table's rows with exactly the mapped Spark types (the `select` is the schema contract)."""
    validate_identifier(table.name, f"table {table.name}")
    for c in table.columns:
        validate_identifier(c.name, f"column {table.name}.{c.name}")
    reader = (
        spark.read.format("jdbc")
        .options(**jdbc_options(settings.source, settings.fetch_size))
        .option("dbtable", pg_quote(settings.source.schema, table.name))
    )
    custom = jdbc_custom_schema(list(table.columns), table.name)
    if custom:
        reader = reader.option("customSchema", custom)
    if plan is not None:
        reader = reader.options(**plan.jdbc_options())
    target = spark_schema(list(table.columns), table.name)
    return reader.load().select(*[F.col(f"`{f.name}`").cast(f.dataType).alias(f.name) for f in target.fields])
