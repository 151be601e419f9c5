"""Row generation: every Northwind table as lists of tuples in column order, deterministic for a seed.

Sizes follow the scale factor: orders and customers grow linearly (scale 1 = 830 orders, ~2,155 lines,
91 customers); products, suppliers and employees grow with its square root, as catalogues do.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from northwind_datagen import reference as ref

Row = tuple
FIRST_ORDER_ID = 10248
FIRST_ORDER_DATE = date(1996, 7, 4)
ORDER_DAYS = 672  # the real dump spans 1996-07-04 .. 1998-05-06
# Chosen so that the mean lines per order is 2155 / 830 = 2.6.
LINE_COUNT_WEIGHTS = ((1, 0.2), (2, 0.3), (3, 0.25), (4, 0.15), (5, 0.1))
DISCOUNTS = ((0.0, 0.6), (0.05, 0.1), (0.1, 0.08), (0.15, 0.08), (0.2, 0.08), (0.25, 0.06))

COLUMNS: dict[str, tuple[str, ...]] = {
    "categories": ("category_id", "category_name", "description", "picture"),
    "customer_customer_demo": ("customer_id", "customer_type_id"),
    "customer_demographics": ("customer_type_id", "customer_desc"),
    "customers": (
        "customer_id",
        "company_name",
        "contact_name",
        "contact_title",
        "address",
        "city",
        "region",
        "postal_code",
        "country",
        "phone",
        "fax",
    ),
    "employees": (
        "employee_id",
        "last_name",
        "first_name",
        "title",
        "title_of_courtesy",
        "birth_date",
        "hire_date",
        "address",
        "city",
        "region",
        "postal_code",
        "country",
        "home_phone",
        "extension",
        "photo",
        "notes",
        "reports_to",
        "photo_path",
    ),
    "employee_territories": ("employee_id", "territory_id"),
    "order_details": ("order_id", "product_id", "unit_price", "quantity", "discount"),
    "orders": (
        "order_id",
        "customer_id",
        "employee_id",
        "order_date",
        "required_date",
        "shipped_date",
        "ship_via",
        "freight",
        "ship_name",
        "ship_address",
        "ship_city",
        "ship_region",
        "ship_postal_code",
        "ship_country",
    ),
    "products": (
        "product_id",
        "product_name",
        "supplier_id",
        "category_id",
        "quantity_per_unit",
        "unit_price",
        "units_in_stock",
        "units_on_order",
        "reorder_level",
        "discontinued",
    ),
    "region": ("region_id", "region_description"),
    "shippers": ("shipper_id", "company_name", "phone"),
    "suppliers": (
        "supplier_id",
        "company_name",
        "contact_name",
        "contact_title",
        "address",
        "city",
        "region",
        "postal_code",
        "country",
        "phone",
        "fax",
        "homepage",
    ),
    "territories": ("territory_id", "territory_description", "region_id"),
    "us_states": ("state_id", "state_name", "state_abbr", "state_region"),
}
# Parents before children, so a plain COPY order also satisfies foreign keys.
LOAD_ORDER = (
    "region",
    "territories",
    "us_states",
    "categories",
    "suppliers",
    "products",
    "shippers",
    "employees",
    "employee_territories",
    "customers",
    "customer_demographics",
    "customer_customer_demo",
    "orders",
    "order_details",
)


@dataclass(frozen=True)
class Sizes:
    customers: int
    orders: int
    products: int
    suppliers: int
    employees: int

    @classmethod
    def for_scale(cls, scale: float) -> Sizes:
        if scale <= 0:
            raise ValueError(f"scale must be positive, got {scale}")
        root = max(1.0, math.sqrt(scale))
        return cls(
            customers=max(3, round(91 * scale)),
            orders=max(1, round(830 * scale)),
            products=round(77 * root),
            suppliers=round(29 * root),
            employees=round(9 * root),
        )


@dataclass
class Dataset:
    tables: dict[str, list[Row]] = field(default_factory=dict)

    def max_order_id(self) -> int:
        return max((r[0] for r in self.tables["orders"]), default=0)


def customer_code(index: int) -> str:
    """Five upper-case letters, unique per index (base 26), like ALFKI."""
    letters = []
    for _ in range(5):
        index, rem = divmod(index, 26)
        letters.append(chr(ord("A") + rem))
    return "".join(reversed(letters))


def _postal(rng: random.Random, pattern: str | None) -> str | None:
    if pattern is None:
        return None
    return "".join(
        str(rng.randrange(10)) if ch == "9" else chr(ord("A") + rng.randrange(26)) if ch == "A" else ch
        for ch in pattern
    )


def _phone(rng: random.Random) -> str:
    return f"({rng.randrange(100, 999)}) 555-{rng.randrange(10000):04d}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(ref.FIRST_NAMES)} {rng.choice(ref.LAST_NAMES)}"


def _company(rng: random.Random) -> str:
    return f"{rng.choice(ref.COMPANY_WORDS)} {rng.choice(ref.LAST_NAMES)} {rng.choice(ref.COMPANY_KINDS)}"[
        :40
    ]


def _address(rng: random.Random) -> str:
    return f"{rng.randrange(1, 999)} {rng.choice(ref.STREETS)}"


def _picture(rng: random.Random) -> bytes:
    # A small PNG-signed blob: real bytes (not empty), so bytea copies are actually exercised.
    return b"\x89PNG\r\n\x1a\n" + rng.randbytes(rng.randrange(16, 96))


def party_row(rng: random.Random, key: object, company: str) -> Row:
    """Shared shape of customers and suppliers: key, company, contact, title, address, city.. fax."""
    city, region, country, postal = rng.choice(ref.PLACES)
    fax = _phone(rng) if rng.random() < 0.6 else None
    return (
        key,
        company,
        _person(rng),
        rng.choice(ref.TITLES),
        _address(rng),
        city,
        region,
        _postal(rng, postal),
        country,
        _phone(rng),
        fax,
    )


def generate(scale: float = 1.0, seed: int = 42) -> Dataset:
    rng = random.Random(seed)
    sizes = Sizes.for_scale(scale)
    t: dict[str, list[Row]] = {}
    t["region"] = [(i + 1, name) for i, name in enumerate(ref.REGIONS)]
    t["territories"] = [
        (f"{rng.randrange(1, 99999):05d}" if i % 3 else f"{i:05d}", f"Territory {i + 1}", rng.randrange(1, 5))
        for i in range(53)
    ]
    # Territory ids must stay unique after random draws.
    seen: set[str] = set()
    territories = []
    for tid, desc, region in t["territories"]:
        while tid in seen:
            tid = f"{rng.randrange(1, 99999):05d}"
        seen.add(tid)
        territories.append((tid, desc, region))
    t["territories"] = territories
    t["us_states"] = [(i + 1, name, abbr, region) for i, (name, abbr, region) in enumerate(ref.US_STATES)]
    t["categories"] = [(i + 1, n, d, _picture(rng)) for i, (n, d) in enumerate(ref.CATEGORIES)]
    t["suppliers"] = [
        (
            *party_row(rng, i + 1, _company(rng)),
            None if rng.random() < 0.8 else f"http://example.com/s{i + 1}",
        )
        for i in range(sizes.suppliers)
    ]
    products = []
    for i in range(sizes.products):
        price = round(rng.lognormvariate(3.0, 0.8), 2)
        products.append(
            (
                i + 1,
                f"{rng.choice(ref.PRODUCT_ADJECTIVES)} {rng.choice(ref.PRODUCT_NOUNS)} {i + 1}"[:40],
                rng.randrange(1, sizes.suppliers + 1),
                rng.randrange(1, len(ref.CATEGORIES) + 1),
                rng.choice(ref.QUANTITY_UNITS),
                max(price, 2.5),
                rng.randrange(0, 125),
                rng.choice((0, 0, 0, 10, 20, 40, 70)),
                rng.choice((0, 5, 10, 15, 20, 25, 30)),
                1 if rng.random() < 0.1 else 0,
            )
        )
    t["products"] = products
    t["shippers"] = [(i + 1, name, _phone(rng)) for i, name in enumerate(ref.SHIPPERS)]
    employees = []
    for i in range(sizes.employees):
        eid = i + 1
        city, region, country, postal = rng.choice(ref.PLACES[29:35])  # the sales offices are in the US
        birth = date(1937, 1, 1) + timedelta(days=rng.randrange(0, 30 * 365))
        hire = date(1992, 4, 1) + timedelta(days=rng.randrange(0, 3 * 365))
        first, last = rng.choice(ref.FIRST_NAMES), rng.choice(ref.LAST_NAMES)
        employees.append(
            (
                eid,
                last[:20],
                first[:10],
                ref.EMPLOYEE_TITLES[0] if eid != 2 else "Vice President, Sales",
                rng.choice(("Ms.", "Mr.", "Mrs.", "Dr.")),
                birth,
                hire,
                _address(rng),
                city,
                region,
                _postal(rng, postal),
                country,
                _phone(rng),
                f"{rng.randrange(10000):04d}",
                _picture(rng),
                f"{first} joined the company in {hire.year}.",
                None if eid == 2 else 2,
                f"http://example.com/employees/{eid}.bmp",
            )
        )
    t["employees"] = employees
    emp_terr = []
    for eid in range(1, sizes.employees + 1):
        for tid, _, _ in rng.sample(territories, rng.randrange(1, 11)):
            emp_terr.append((eid, tid))
    t["employee_territories"] = emp_terr
    customers = [party_row(rng, customer_code(i), _company(rng)) for i in range(sizes.customers)]
    t["customers"] = customers
    t["customer_demographics"] = []  # empty in the real dump too
    t["customer_customer_demo"] = []
    # A few customers order a lot (Pareto weights), like real trade.
    weights = [rng.paretovariate(1.5) for _ in customers]
    buyers = rng.choices(customers, weights=weights, k=sizes.orders)
    line_counts, line_weights = zip(*LINE_COUNT_WEIGHTS)
    discounts, discount_weights = zip(*DISCOUNTS)
    orders, lines = [], []
    for i, cust in enumerate(buyers):
        oid = FIRST_ORDER_ID + i
        ordered = FIRST_ORDER_DATE + timedelta(days=i * ORDER_DAYS // sizes.orders)
        shipped = None if rng.random() < 0.025 else ordered + timedelta(days=rng.randrange(1, 36))
        orders.append(
            (
                oid,
                cust[0],
                rng.randrange(1, sizes.employees + 1),
                ordered,
                ordered + timedelta(days=rng.choice((28, 28, 28, 14, 42))),
                shipped,
                rng.randrange(1, 4),
                round(rng.expovariate(1 / 78.0), 2),
                cust[1],
                cust[4],
                cust[5],
                cust[6],
                cust[7],
                cust[8],
            )
        )
        n = rng.choices(line_counts, weights=line_weights)[0]
        for pid in rng.sample(range(1, sizes.products + 1), min(n, sizes.products)):
            lines.append(
                (
                    oid,
                    pid,
                    products[pid - 1][5],
                    min(int(rng.expovariate(1 / 23.0)) + 1, 130),
                    rng.choices(discounts, weights=discount_weights)[0],
                )
            )
    t["orders"] = orders
    t["order_details"] = lines
    return Dataset(t)
