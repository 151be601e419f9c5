"""`python -m northwind_datagen generate|changeset`: Northwind-shaped data into PostgreSQL."""

from __future__ import annotations

import argparse
import json
import sys
import time

from northwind_datagen.changeset import apply_changeset
from northwind_datagen.db import connect
from northwind_datagen.generate import generate
from northwind_datagen.load import load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m northwind_datagen", description=__doc__)
    parser.add_argument(
        "--dsn", help="libpq connection string (default: PG* env vars, else the local database)"
    )
    parser.add_argument("--database", help="database name, overriding the DSN's")
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="replace the Northwind tables with generated data (COPY)")
    gen.add_argument("--scale", type=float, default=1.0, help="1 = 830 orders / ~2,155 lines (default 1)")
    gen.add_argument("--seed", type=int, default=42)
    chg = sub.add_parser("changeset", help="update/insert/delete a share of rows; prints a JSON summary")
    chg.add_argument("--share", type=float, default=0.01, help="share of customers/products/orders (0.01)")
    chg.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    if args.command == "generate":
        if args.scale <= 0:
            parser.error(f"--scale must be positive, got {args.scale}")
        started = time.monotonic()
        data = generate(args.scale, args.seed)
        with connect(args.dsn, args.database) as conn:
            counts = load(conn, data)
        print(
            f"generated Northwind at scale {args.scale:g} (seed {args.seed}): {counts['orders']} orders, "
            f"{counts['order_details']} order lines, {sum(counts.values())} rows in {time.monotonic() - started:.1f} s"
        )
    else:
        if not 0 < args.share <= 1:
            parser.error(f"--share must be in (0, 1], got {args.share}")
        with connect(args.dsn, args.database) as conn:
            summary = apply_changeset(conn, args.share, args.seed)
        json.dump(summary.as_dict(), sys.stdout)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
