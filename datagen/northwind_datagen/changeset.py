"""A change set applied to a loaded Northwind database, reported exactly so tests can assert on it.

Updates a share of customers and products, adds new orders (with lines) and deletes a few orders (with
their lines), in one transaction. Deterministic for a seed and a database state.
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

import psycopg

from northwind_datagen import reference as ref


@dataclass
class ChangeSummary:
    seed: int
    share: float
    updated_customer_ids: list[str] = field(default_factory=list)
    updated_product_ids: list[int] = field(default_factory=list)
    new_order_ids: list[int] = field(default_factory=list)
    new_order_lines: list[list[int]] = field(default_factory=list)  # [order_id, product_id]
    deleted_order_ids: list[int] = field(default_factory=list)
    deleted_order_lines: list[list[int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _count(share: float, total: int) -> int:
    return min(total, max(1, math.ceil(share * total))) if total else 0


def apply_changeset(conn: psycopg.Connection, share: float = 0.01, seed: int = 1) -> ChangeSummary:
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share}")
    rng = random.Random(seed)
    out = ChangeSummary(seed=seed, share=share)
    with conn.transaction():
        customers = [r[0] for r in conn.execute("select customer_id from customers order by 1")]
        products = [r[0] for r in conn.execute("select product_id from products order by 1")]
        orders = [r[0] for r in conn.execute("select order_id from orders order by 1")]
        employees = [r[0] for r in conn.execute("select employee_id from employees order by 1")]
        prices = dict(conn.execute("select product_id, unit_price from products").fetchall())
        if not customers or not products or not employees:
            raise ValueError("changeset needs customers, products and employees: load Northwind first")

        out.updated_customer_ids = sorted(rng.sample(customers, _count(share, len(customers))))
        for cid in out.updated_customer_ids:
            city, region, country, _ = rng.choice(ref.PLACES)
            conn.execute(
                "update customers set contact_name = %s, address = %s, city = %s, region = %s, country = %s, "
                "phone = %s where customer_id = %s",
                (
                    f"{rng.choice(ref.FIRST_NAMES)} {rng.choice(ref.LAST_NAMES)}",
                    f"{rng.randrange(1, 999)} {rng.choice(ref.STREETS)}",
                    city,
                    region,
                    country,
                    f"({rng.randrange(100, 999)}) 555-{rng.randrange(10000):04d}",
                    cid,
                ),
            )
        out.updated_product_ids = sorted(rng.sample(products, _count(share, len(products))))
        for pid in out.updated_product_ids:
            # A price change is always a real change: +5..25 %.
            new_price = round(float(prices[pid] or 10.0) * (1.05 + rng.random() * 0.2), 2)
            prices[pid] = new_price
            conn.execute(
                "update products set unit_price = %s, units_in_stock = %s where product_id = %s",
                (new_price, rng.randrange(0, 125), pid),
            )

        deletable = [o for o in orders]
        out.deleted_order_ids = sorted(
            rng.sample(deletable, min(len(deletable), max(1, _count(share, len(orders)) // 5)))
        )
        if out.deleted_order_ids:
            out.deleted_order_lines = [
                list(r)
                for r in conn.execute(
                    "delete from order_details where order_id = any(%s) returning order_id, product_id",
                    (out.deleted_order_ids,),
                )
            ]
            out.deleted_order_lines.sort()
            conn.execute("delete from orders where order_id = any(%s)", (out.deleted_order_ids,))

        next_id = (max(orders) if orders else 10247) + 1
        today = date(1998, 5, 7)
        for i in range(_count(share, len(orders))):
            oid = next_id + i
            cust = rng.choice(customers)
            row = conn.execute(
                "select company_name, address, city, region, postal_code, country from customers "
                "where customer_id = %s",
                (cust,),
            ).fetchone()
            ordered = today + timedelta(days=i // 10)
            conn.execute(
                "insert into orders (order_id, customer_id, employee_id, order_date, required_date, "
                "shipped_date, ship_via, freight, ship_name, ship_address, ship_city, ship_region, "
                "ship_postal_code, ship_country) values (%s, %s, %s, %s, %s, null, %s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    oid,
                    cust,
                    rng.choice(employees),
                    ordered,
                    ordered + timedelta(days=28),
                    rng.randrange(1, 4),
                    round(rng.expovariate(1 / 78.0), 2),
                    *row,
                ),
            )
            out.new_order_ids.append(oid)
            for pid in sorted(rng.sample(products, min(len(products), rng.randrange(1, 6)))):
                conn.execute(
                    "insert into order_details (order_id, product_id, unit_price, quantity, discount) "
                    "values (%s, %s, %s, %s, %s)",
                    (oid, pid, prices[pid] or 10.0, rng.randrange(1, 60), rng.choice((0.0, 0.0, 0.05, 0.1))),
                )
                out.new_order_lines.append([oid, pid])
    return out
