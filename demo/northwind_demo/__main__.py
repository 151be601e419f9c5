"""`python -m northwind_demo summary|counts|changes`: the demo's closing summary and its change report."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import duckdb

from northwind_demo import summary
from northwind_demo.report.formats import money


def _engine() -> str:
    return os.environ.get("NORTHWIND_ENGINE", "duckdb")


def _vault(state_dir: Path) -> duckdb.DuckDBPyConnection:
    if _engine() == "trino":
        from northwind_demo.trino_vault import TrinoVault

        manifest = Path(os.environ.get("DBT_TARGET_PATH", "dbt/vault/target")) / "manifest.json"
        return TrinoVault(manifest)  # type: ignore[return-value]  # the same execute/fetch calls
    path = state_dir / "vault.duckdb"
    if not path.exists():
        raise SystemExit(f"no vault database at {path}: run `make demo` first")
    return duckdb.connect(str(path), read_only=True)


def _raw_schema() -> str:
    # The schema dbt's source plugin loads the raw tables into (dbt/profiles.yml, plugin config `schema`).
    return os.environ.get("NORTHWIND_RAW_DATABASE", "northwind_raw")


def _print_summary(args: argparse.Namespace) -> int:
    # Imported here: only the summary reads the source database.
    from northwind_datagen.db import connect

    con = _vault(args.state_dir)
    raw = summary.raw_layer_rows(con, _raw_schema())
    batches = summary.committed_batches(con, _raw_schema())
    layers = summary.vault_rows(con)
    tests = summary.test_results(args.run_results)
    with connect() as pg:
        expected = summary.source_revenue(pg)
    actual = summary.mart_revenue(con)
    reconciled = abs(expected - actual) <= summary.REVENUE_TOLERANCE

    print("Rows per layer")
    print(
        f"  {'raw (Iceberg)':<16} {sum(raw.values()):>10,}  in {len(raw)} change logs,"
        f" {batches} committed batch{'es' if batches != 1 else ''}"
    )
    for layer in summary.VAULT_LAYERS:
        tables = layers.get(layer, {})
        print(f"  {layer:<16} {sum(tables.values()):>10,}  in {len(tables)} tables")
    print()
    if tests is None:
        print("dbt tests: none ran in this run (no raw table got rows, so nothing was built)")
    else:
        print(
            f"dbt tests: {tests.passed} passed, {tests.failed} failed, {tests.warned} warned,"
            f" {tests.skipped} skipped"
        )
    verdict = "reconciled" if reconciled else "MISMATCH"
    print(f"Revenue: source {money(expected)}  mart_sales {money(actual)}  -> {verdict}")
    print()
    print("Top 5 customers by revenue")
    for customer_id, company, country, revenue in summary.top_customers(con):
        print(f"  {customer_id:<6} {company[:34]:<34} {country:<12} {money(revenue):>16}")
    print()
    print(f"dbt docs:  {args.docs_dir}/static_index.html")
    return 0 if reconciled and (tests is None or tests.failed == 0) else 1


def _counts(state_dir: Path) -> dict[str, int]:
    layers = summary.vault_rows(_vault(state_dir))
    return {table: rows for tables in layers.values() for table, rows in tables.items()}


def _save_counts(args: argparse.Namespace) -> int:
    args.out.write_text(json.dumps(_counts(args.state_dir), indent=2), encoding="utf-8")
    return 0


def _print_batch(state_dir: Path) -> None:
    """What the ingestion committed in its latest batch, per table and op, as the manifest records it."""
    latest = summary.latest_batch(_vault(state_dir), _raw_schema())
    if latest is None:
        print("The ingestion has committed no batch yet")
        print()
        return
    batch_id, tables = latest
    changed = [t for t in tables if t.inserted or t.updated or t.deleted]
    print(f"What the ingestion committed (batch_manifest, latest batch {batch_id})")
    if changed:
        print(f"  {'table':<24} {'inserted':>9} {'updated':>9} {'deleted':>9}  mode")
    for t in changed:
        print(f"  {t.table:<24} {t.inserted:>9,} {t.updated:>9,} {t.deleted:>9,}  {t.mode}")
    unchanged = len(tables) - len(changed)
    print(f"  {unchanged} of {len(tables)} tables unchanged")
    print()


def _print_changes(args: argparse.Namespace) -> int:
    before = json.loads(args.before.read_text(encoding="utf-8"))
    after = _counts(args.state_dir)
    if args.changeset:
        change = json.loads(args.changeset.read_text(encoding="utf-8"))
        print("What the source changed (the generator's change set)")
        print(
            f"  updated: {len(change['updated_customer_ids'])} customers, {len(change['updated_product_ids'])} products"
        )
        print(f"  new:     {len(change['new_order_ids'])} orders with {len(change['new_order_lines'])} lines")
        print(
            f"  deleted: {len(change['deleted_order_ids'])} orders with {len(change['deleted_order_lines'])} lines"
        )
        print()
    _print_batch(args.state_dir)
    print("What the vault recorded")
    sections = (
        ("hub_", "new hub keys"),
        ("sat_", "new satellite rows"),
        ("link_", "new link rows"),
        ("sts_", "new status rows (keys inserted into or deleted from the source)"),
    )
    for prefix, title in sections:
        print(f"  {title}")
        for table in sorted(t for t in after if t.startswith(prefix)):
            added = after[table] - before.get(table, 0)
            if added:
                print(f"    {table:<34} +{added:,}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m northwind_demo")
    parser.add_argument("--state-dir", type=Path, default=Path(".local"))
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser(
        "summary", help="print the closing summary (the HTML report: northwind_demo.report)"
    )
    show.add_argument("--run-results", type=Path, default=Path("dbt/vault/target/run_results.json"))
    show.add_argument("--docs-dir", type=Path, default=Path("dbt/vault/target"))
    show.set_defaults(run=_print_summary)
    counts = commands.add_parser("counts", help="save the row count of every vault table to a JSON file")
    counts.add_argument("--out", type=Path, required=True)
    counts.set_defaults(run=_save_counts)
    changes = commands.add_parser("changes", help="print what the vault recorded since the saved counts")
    changes.add_argument("--before", type=Path, required=True)
    changes.add_argument("--changeset", type=Path, help="the generator's JSON report of the change set")
    changes.set_defaults(run=_print_changes)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
