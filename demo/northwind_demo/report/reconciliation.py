"""Source-to-mart reconciliation: the figures the source PostgreSQL gives, against the marts dbt built.

Computed on each side independently of dbt's own reconciliation tests. Revenue is Decimal on both sides: the
source sums REAL prices taken at four decimals (as the vault types them), the mart's revenue column is a decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb
import psycopg

from northwind_demo.report.vault_db import schema_of

# The dump's revenue formula (docs/ingestion.md, "The source data"):
# revenue = sum(unit_price * quantity * (1 - discount)). unit_price and discount are REAL, whose float32 values
# drift from the entered ones; numeric(18, 4) takes them as entered.
SOURCE_REVENUE_SQL = (
    "select sum(unit_price::numeric(18, 4) * quantity * (1 - discount::numeric(18, 4))) from order_details"
)
TOLERANCE = Decimal("0.01")


@dataclass(frozen=True)
class Check:
    name: str
    source: Decimal | int
    mart: Decimal | int
    is_money: bool

    @property
    def agrees(self) -> bool:
        if self.is_money:
            return abs(self.source - self.mart) <= TOLERANCE
        return self.source == self.mart


def _decimal(value: object, where: str) -> Decimal:
    # A float here would already have lost the cents: refuse it rather than convert it.
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    raise TypeError(f"{where} returned {type(value).__name__} ({value!r}), not a decimal")


def reconcile(pg: psycopg.Connection, con: duckdb.DuckDBPyConnection) -> list[Check]:
    mart = f'"{schema_of(con, "mart_sales")}".mart_sales'
    source_revenue, source_lines, source_orders = pg.execute(
        f"select ({SOURCE_REVENUE_SQL}), (select count(*) from order_details),"
        " (select count(distinct order_id) from order_details)"
    ).fetchone()
    mart_revenue, mart_lines, mart_orders = con.execute(
        f"select sum(revenue), count(*), count(distinct order_id) from {mart}"
    ).fetchone()
    return [
        Check(
            "revenue",
            _decimal(source_revenue, "source"),
            _decimal(mart_revenue, "mart_sales"),
            is_money=True,
        ),
        Check("order lines", int(source_lines), int(mart_lines), is_money=False),
        Check("orders with lines", int(source_orders), int(mart_orders), is_money=False),
    ]
