"""`python -m northwind_demo.report`: add this run to the report history and write the report page.

scripts/demo.sh and scripts/demo_change.sh call it last; see docs/run-report.md.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from northwind_demo.report import charts, history, page
from northwind_demo.report.batches import committed_batches
from northwind_demo.report.dbt_results import read_results
from northwind_demo.report.freshness import newest_loads
from northwind_demo.report.growth import KINDS, growth_per_batch
from northwind_demo.report.identity import RunIdentity, commit, source_label
from northwind_demo.report.layers import rows_per_layer
from northwind_demo.report.reconciliation import reconcile
from northwind_demo.report.revenue import by_country, by_year
from northwind_demo.report.steps import read_steps

DOCS_PAGE = "static_index.html"  # what `dbt docs generate --static` writes: the docs in one file


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def build_report(
    state_dir: Path,
    kind: str,
    started_at: datetime,
    run_results: Path,
    out_dir: Path,
    docs_dir: Path,
    steps_file: Path | None = None,
    database: str | None = None,
    change_set: Path | None = None,
) -> Path:
    """Record this run in the history and (re)write the page from the whole history; returns the page."""
    from northwind_datagen.db import connect  # the source database; imported late, like the summary does

    vault = state_dir / "vault.duckdb"
    if not vault.exists():
        raise SystemExit(f"no vault database at {vault}: run `make demo` first")
    history_file = history.history_path(state_dir)
    with duckdb.connect(str(vault), read_only=True) as con, connect(database=database) as pg:
        batches = committed_batches(con)
        layers = rows_per_layer(con)
        checks = reconcile(pg, con)
        growth = growth_per_batch(con)
        freshness = newest_loads(con)
        years, countries = by_year(con), by_country(con)
    runs = history.load(history_file)
    identity = RunIdentity(kind, source_label(state_dir, change_set), commit(), started_at, _utc_now())
    steps = read_steps(steps_file)
    entry = history.run_entry(
        identity,
        history.new_batch_ids(runs, [b.batch_id for b in batches]),
        steps,
        read_results(run_results, since=started_at),
        layers,
        checks,
    )
    runs = history.append(history_file, entry)

    chart_dir = out_dir / "charts"
    growth_rows = {
        kind_name: [
            sum(g.rows for g in growth if g.kind == kind_name and g.batch_id == b.batch_id) for b in batches
        ]
        for _, kind_name in KINDS
        if any(g.kind == kind_name for g in growth)
    }

    def link(chart: Path) -> str:
        return page.relative_link(chart, out_dir)

    drawn = page.Charts(
        steps=link(charts.steps_chart(chart_dir / "steps.svg", steps)) if steps else None,
        growth=link(
            charts.growth_chart(
                chart_dir / "growth.svg", [f"batch {i + 1}" for i in range(len(batches))], growth_rows
            )
        ),
        revenue_by_year=link(
            charts.revenue_chart(chart_dir / "revenue-by-year.svg", "Revenue by order year", years)
        ),
        revenue_by_country=link(
            charts.revenue_chart(
                chart_dir / "revenue-by-country.svg", "Revenue by customer country", countries
            )
        ),
    )
    docs = docs_dir / DOCS_PAGE
    out_dir.mkdir(parents=True, exist_ok=True)
    html = page.render(
        runs,
        batches,
        growth,
        freshness,
        drawn,
        page.relative_link(docs, out_dir) if docs.is_file() else None,
        docs_dir,
    )
    target = out_dir / "index.html"
    target.write_text(html, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m northwind_demo.report", description=__doc__)
    parser.add_argument("--state-dir", type=Path, default=Path(".local"))
    parser.add_argument("--kind", choices=("demo", "demo-change"), required=True)
    parser.add_argument(
        "--started-at",
        type=datetime.fromisoformat,
        required=True,
        help="when the run started, UTC (dbt results older than this are an earlier run's)",
    )
    parser.add_argument("--run-results", type=Path, default=Path("dbt/vault/target/run_results.json"))
    parser.add_argument(
        "--steps", type=Path, help="the step timings file (STEP_TIMINGS of scripts/lib/steps.sh)"
    )
    parser.add_argument("--report-dir", type=Path, default=Path(".local/report"))
    parser.add_argument("--docs-dir", type=Path, default=Path(".local/dbt-docs"))
    parser.add_argument("--database", help="the source database (default: the local one)")
    parser.add_argument(
        "--change-set", type=Path, help="the generator's JSON report of the change set applied"
    )
    args = parser.parse_args(argv)
    target = build_report(
        args.state_dir,
        args.kind,
        args.started_at.replace(tzinfo=None),
        args.run_results,
        args.report_dir,
        args.docs_dir,
        args.steps,
        args.database,
        args.change_set,
    )
    print(f"Report:    {target.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
