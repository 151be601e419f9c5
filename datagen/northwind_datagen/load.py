"""Loading a generated Dataset: recreate the schema, COPY every table, then add keys (validating integrity)."""

from __future__ import annotations

import sys
from importlib import resources

import psycopg

from northwind_datagen.generate import COLUMNS, LOAD_ORDER, Dataset

SMALLINT_MAX = 32767


def _sql(name: str) -> str:
    return resources.files("northwind_datagen").joinpath(name).read_text()


def load(conn: psycopg.Connection, data: Dataset) -> dict[str, int]:
    """Replace the Northwind tables in the connected database with `data`; returns row counts."""
    with conn.transaction():
        conn.execute("set client_min_messages = warning")
        conn.execute(_sql("tables.sql"))
        if data.max_order_id() > SMALLINT_MAX:
            # The real schema's smallint order ids end at 32767 (scale ~27); past that they must widen.
            print(
                f"note: order ids reach {data.max_order_id()}, beyond smallint: orders.order_id and "
                "order_details.order_id are created as integer",
                file=sys.stderr,
            )
            conn.execute("alter table orders alter column order_id type integer")
            conn.execute("alter table order_details alter column order_id type integer")
        with conn.cursor() as cur:
            for table in LOAD_ORDER:
                cols = ", ".join(COLUMNS[table])
                with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in data.tables[table]:
                        copy.write_row(row)
        conn.execute(_sql("constraints.sql"))
    conn.execute("analyze")
    return {t: len(data.tables[t]) for t in LOAD_ORDER}
