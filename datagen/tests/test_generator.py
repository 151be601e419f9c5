"""The generator: same schema as the real dump, referential integrity, determinism, change sets."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from northwind_datagen.changeset import apply_changeset
from northwind_datagen.generate import Sizes, customer_code, generate
from northwind_local.testing import connect, copy_database, drop_database, load_generated

CATALOG_QUERY = """
select c.table_name, c.column_name, c.ordinal_position, c.data_type, c.character_maximum_length,
       c.is_nullable
from information_schema.columns c
join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
order by 1, 3
"""
CONSTRAINT_QUERY = """
select con.conname, con.contype, rel.relname, pg_get_constraintdef(con.oid)
from pg_constraint con join pg_class rel on rel.oid = con.conrelid
join pg_namespace n on n.oid = rel.relnamespace
where n.nspname = 'public' order by 1
"""


@pytest.fixture(scope="module")
def dump_db(dump_template):
    """The real dump as loaded once per session (conftest.py); only read here."""
    return dump_template


@pytest.fixture(scope="module")
def generated_db():
    load_generated("dg_scale1", 1, 42)
    yield "dg_scale1"
    drop_database("dg_scale1")


def test_generated_schema_equals_the_real_dump(dump_db, generated_db):
    with connect(dump_db) as real, connect(generated_db) as gen:
        assert gen.execute(CATALOG_QUERY).fetchall() == real.execute(CATALOG_QUERY).fetchall()
        assert gen.execute(CONSTRAINT_QUERY).fetchall() == real.execute(CONSTRAINT_QUERY).fetchall()
        assert len(real.execute(CONSTRAINT_QUERY).fetchall()) == 27  # 14 keys + 13 foreign keys


@pytest.fixture(scope="module")
def seed11_template():
    """Scale 1, seed 11 generated and loaded once; the change-set tests change copies of it (PostgreSQL
    `create database ... template`), each as fresh as a load of its own."""
    load_generated("dg_seed11", 1, 11)
    yield "dg_seed11"
    drop_database("dg_seed11")


def test_scale_one_matches_northwind_volumes(generated_db):
    with connect(generated_db) as conn:
        orders, lines, customers = conn.execute(
            "select (select count(*) from orders), (select count(*) from order_details), "
            "(select count(*) from customers)"
        ).fetchone()
    assert (orders, customers) == (830, 91)
    assert 1900 <= lines <= 2400  # the real dump has 2155


def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    assert generate(2, seed=7).tables == generate(2, seed=7).tables
    assert generate(2, seed=7).tables["orders"] != generate(2, seed=8).tables["orders"]


def test_sizes_follow_the_scale():
    assert Sizes.for_scale(1000).orders == 830_000
    assert Sizes.for_scale(100).products == 770
    with pytest.raises(ValueError, match="scale must be positive"):
        Sizes.for_scale(0)


def test_customer_codes_are_unique_five_letter_keys():
    codes = {customer_code(i) for i in range(100_000)}
    assert len(codes) == 100_000 and all(len(c) == 5 and c.isalpha() and c.isupper() for c in codes)


def test_integrity_holds_at_scale_ten():
    load_generated("dg_scale10", 10, 3)
    try:
        with connect("dg_scale10") as conn:
            orphans = conn.execute(
                """
                select
                  (select count(*) from orders o left join customers c using (customer_id)
                    where c.customer_id is null),
                  (select count(*) from orders o left join employees e using (employee_id)
                    where e.employee_id is null),
                  (select count(*) from order_details d left join orders o using (order_id)
                    where o.order_id is null),
                  (select count(*) from order_details d left join products p using (product_id)
                    where p.product_id is null),
                  (select count(*) from products p left join suppliers s using (supplier_id)
                    where s.supplier_id is null),
                  (select count(*) from orders o where not exists
                    (select 1 from order_details d where d.order_id = o.order_id))
                """
            ).fetchone()
            assert orphans == (0, 0, 0, 0, 0, 0)
            validated = conn.execute(
                "select count(*) from pg_constraint where contype = 'f' and convalidated"
            ).fetchone()[0]
            assert validated == 13
            orders, lines = conn.execute(
                "select (select count(*) from orders), (select count(*) from order_details)"
            ).fetchone()
            assert orders == 8300 and 2.3 < lines / orders < 2.9
            # Plausible distributions: discounts mostly zero, quantities positive, some orders unshipped.
            zero_share, min_qty, unshipped = conn.execute(
                "select avg((discount = 0)::int), min(quantity), "
                "(select avg((shipped_date is null)::int) from orders) from order_details"
            ).fetchone()
            assert 0.5 < zero_share < 0.7 and min_qty >= 1 and 0 < unshipped < 0.06
    finally:
        drop_database("dg_scale10")


def test_changeset_reports_exactly_what_it_changed(seed11_template):
    copy_database("dg_changes", seed11_template)
    try:
        with connect("dg_changes") as conn:
            before_customers = dict(
                conn.execute("select customer_id, contact_name || address from customers")
            )
            before_prices = dict(conn.execute("select product_id, unit_price from products"))
            before_orders = {r[0] for r in conn.execute("select order_id from orders")}
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "northwind_datagen",
                "--database",
                "dg_changes",
                "changeset",
                "--share",
                "0.05",
                "--seed",
                "5",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        summary = json.loads(out.stdout)
        with connect("dg_changes") as conn:
            after_customers = dict(conn.execute("select customer_id, contact_name || address from customers"))
            after_prices = dict(conn.execute("select product_id, unit_price from products"))
            after_orders = {r[0] for r in conn.execute("select order_id from orders")}
            new_lines = sorted(
                list(r)
                for r in conn.execute(
                    "select order_id, product_id from order_details where order_id = any(%s)",
                    (summary["new_order_ids"],),
                )
            )
        changed_customers = sorted(
            k for k in before_customers if before_customers[k] != after_customers.get(k)
        )
        changed_products = sorted(k for k in before_prices if before_prices[k] != after_prices[k])
        assert changed_customers == summary["updated_customer_ids"] and len(changed_customers) == 5
        assert changed_products == summary["updated_product_ids"] and len(changed_products) == 4
        assert (
            sorted(after_orders - before_orders) == summary["new_order_ids"]
            and len(summary["new_order_ids"]) == 42
        )
        assert (
            sorted(before_orders - after_orders) == summary["deleted_order_ids"]
            and summary["deleted_order_ids"]
        )
        assert new_lines == sorted(summary["new_order_lines"])
    finally:
        drop_database("dg_changes")


def test_changeset_is_deterministic_for_a_seed(seed11_template):
    results = []
    for name in ("dg_det_a", "dg_det_b"):
        copy_database(name, seed11_template)
        try:
            with connect(name) as conn:
                results.append(apply_changeset(conn, share=0.02, seed=9).as_dict())
        finally:
            drop_database(name)
    assert results[0] == results[1]


def test_bad_share_is_refused_by_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "northwind_datagen", "changeset", "--share", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2 and "--share must be in (0, 1], got 2" in out.stderr
