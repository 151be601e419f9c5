"""Revenue by order year and by customer country, from the country-and-year mart, as Decimal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import duckdb

from northwind_demo.report.vault_db import schema_of


@dataclass(frozen=True)
class Amount:
    label: str
    revenue: Decimal


def _amounts(rows: list[tuple]) -> list[Amount]:
    amounts = []
    for label, revenue in rows:
        if not isinstance(revenue, Decimal):
            raise TypeError(f"mart revenue for {label} is {type(revenue).__name__}, not a decimal")
        amounts.append(Amount(str(label), revenue))
    return amounts


def by_year(con: duckdb.DuckDBPyConnection) -> list[Amount]:
    mart = f'"{schema_of(con, "mart_sales_by_country_year")}".mart_sales_by_country_year'
    return _amounts(
        con.execute(
            f"select cast(order_year as varchar), sum(revenue) from {mart} group by 1 order by 1"
        ).fetchall()
    )


def by_country(con: duckdb.DuckDBPyConnection) -> list[Amount]:
    mart = f'"{schema_of(con, "mart_sales_by_country_year")}".mart_sales_by_country_year'
    return _amounts(
        con.execute(
            f"select coalesce(customer_country, '(no country)'), sum(revenue) from {mart}"
            " group by 1 order by 2 desc, 1"
        ).fetchall()
    )
