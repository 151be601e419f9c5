"""The run report on a real pipeline, opened in headless Chromium: a first build and a change-set batch, each
recorded by the report command as `make demo` and `make demo-change` call it. The page must load without a
console error, show every section, and show figures that this test reads from the vault and the source itself.

The first run is the session's shared first build (tests/shared_pipeline.py: the dump, the real ingestion on
Spark into Iceberg, dbt build on DuckDB), restored for this module; the module adds dbt docs, the change set's
batch and its build.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from northwind_demo.browser import load_page, screenshot
from northwind_demo.report.__main__ import build_report
from northwind_demo.report.page import SECTIONS
from shared_pipeline import CATALOG, SOURCE_DB
from vault_harness import ingest, query, run_dbt

REPO = Path(__file__).resolve().parents[1]
DB = SOURCE_DB  # the shared pipeline state's (tests/shared_pipeline.py)
MONEY = re.compile(r"^-?USD \d{1,3}(,\d{3})*\.\d{2}$")
COUNT = re.compile(r"^[+-]?\d{1,3}(,\d{3})*$")


class _Page(HTMLParser):
    """What the test reads off the rendered DOM: sections, table rows keyed by their data-* attribute (per
    section, and per batch for the batch tables), chart images and the docs link."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.rows: dict[tuple[str, str], list[str]] = {}
        self.images: list[dict[str, str | None]] = []
        self.docs_href: str | None = None
        self.body: dict[str, str | None] = {}
        self._section = ""
        self._batch = ""
        self._row: tuple[str, str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "body":
            self.body = a
        elif tag == "section":
            self._section = a.get("id") or ""
            self.sections.append(self._section)
        elif tag == "details":
            self._batch = a.get("data-batch") or ""
        elif tag == "tr":
            key = a.get("data-table") or a.get("data-layer") or a.get("data-check")
            if key:
                where = f"{self._section}:{self._batch}" if self._section == "batches" else self._section
                self._row = (where, key)
                self.rows[self._row] = []
        elif tag == "td" and self._row:
            self._cell = []
        elif tag == "img":
            self.images.append(a)
        elif tag == "a" and a.get("id") == "docs-link":
            self.docs_href = a.get("href")

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._row and self._cell is not None:
            self.rows[self._row].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "details":
            self._batch = ""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _changeset(share: float, seed: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "northwind_datagen", "--database", DB, "changeset", "--share", str(share)]
        + ["--seed", str(seed)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def report(first_build: Any, northwind_sql: Path) -> Iterator[dict[str, Any]]:
    from northwind_local.testing import drop_database

    # The session's first build (the dump's first batch, built by dbt) is this report's `make demo` run.
    state, spark = first_build.state, first_build.spark
    settings = first_build.restore()
    out, docs, results = state / "report", state / "dbt-docs", state / "dbt-target" / "run_results.json"
    # What scripts/local_postgres.sh records after loading the dump (its `requested_source`).
    source = f"dump {northwind_sql.resolve()} {int(northwind_sql.stat().st_mtime)}"
    (state / "postgres").mkdir()
    (state / "postgres" / "loaded-source").write_text(source + "\n")
    steps = state / "steps.tsv"
    steps.write_text("1\tIngest PostgreSQL -> Iceberg\t1000\t1042\n2\tBuild the Data Vault\t1042\t1100\n")
    try:
        # dbt's saved manifest of the first build, so that the docs' own target path does not parse the
        # project in full again (the manifest's validity check does not cover the target path).
        docs.mkdir()
        shutil.copy2(state / "dbt-target" / "partial_parse.msgpack", docs / "partial_parse.msgpack")
        run_dbt(["docs", "generate", "--static"], state, catalog=CATALOG, target_path=docs)
        build_report(state, "demo", first_build.started, results, out, docs, steps, database=DB)
        first_history = json.loads((state / "report-history.json").read_text())

        change = _changeset(0.05, seed=7)
        change_file = state / "changeset.json"
        change_file.write_text(json.dumps(change))
        started = _now()
        ingest(spark, settings)
        run_dbt(["build"], state, catalog=CATALOG)
        page = build_report(state, "demo-change", started, results, out, docs, None, DB, change_file)
        dom, console = load_page(page)
        parsed = _Page()
        parsed.feed(dom)
        yield {
            "state": state,
            "page": page,
            "dom": dom,
            "console": console,
            "parsed": parsed,
            "change": change,
            "first_history": first_history,
            "results": json.loads(results.read_text()),
            "source": source,
        }
    finally:
        drop_database(DB)


def test_page_loads_without_console_errors_and_draws_every_chart(report):
    assert report["console"] == []
    assert report["parsed"].body.get("data-loaded") == "true"
    charts = [img for img in report["parsed"].images if "chart" in (img.get("class") or "")]
    # growth and the two revenue charts; no step chart, as this change run was given no step timings
    assert len(charts) == 3
    assert all(img.get("data-rendered") == "true" for img in charts), charts
    for img in charts:  # offline: every chart is a file beside the page, no URL
        assert (report["page"].parent / str(img["src"])).is_file()
        assert "://" not in str(img["src"])


def test_console_check_would_see_a_script_error(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><script>undefinedFunction()</script>")
    _, console = load_page(broken)
    assert any("undefinedFunction" in line for line in console), console


def test_every_section_is_present_in_order(report):
    assert report["parsed"].sections == [section for section, _ in SECTIONS]


def test_the_change_run_appends_to_the_history(report):
    state, rows = report["state"], report["parsed"]
    history = json.loads((state / "report-history.json").read_text())["runs"]
    assert [run["kind"] for run in report["first_history"]["runs"]] == ["demo"]
    assert [run["kind"] for run in history] == ["demo", "demo-change"]
    batches = [
        r[0] for r in query(state, "select distinct batch_id from northwind_raw.batch_manifest order by 1")
    ]
    assert history[0]["batch_ids"] == batches[:1]
    assert history[1]["batch_ids"] == batches[1:]
    assert history[0]["source"] == report["source"]
    assert history[1]["source"] == report["source"] + " + change set share=0.05 seed=7"
    assert [s["seconds"] for s in history[0]["steps"]] == [42, 58]
    assert "make demo-change" in report["dom"] and "make demo" in report["dom"]
    # Both batches have their per-table tables on the page.
    assert {key[0] for key in rows.rows if key[0].startswith("batches:")} == {f"batches:{b}" for b in batches}


def test_batch_tables_show_the_manifest_counts(report):
    state, rows = report["state"], report["parsed"].rows
    manifest = query(
        state,
        "select batch_id, table_name, mode, inserted, updated, deleted from northwind_raw.batch_manifest",
    )
    assert manifest
    for batch_id, table, mode, inserted, updated, deleted in manifest:
        assert rows[(f"batches:{batch_id}", table)][:5] == [
            table,
            mode,
            f"{inserted:,}",
            f"{updated:,}",
            f"{deleted:,}",
        ]
    # The change set's deletions reached the batch of the change run.
    latest = max(m[0] for m in manifest)
    assert rows[(f"batches:{latest}", "orders")][4] == f"{len(report['change']['deleted_order_ids']):,}"


def test_vault_growth_matches_rows_per_load_timestamp(report):
    state, rows = report["state"], report["parsed"].rows
    for table in ("hub_customer", "link_order_line", "sat_order", "sat_customer"):
        per_batch = query(
            state,
            f"select m.batch_id, count(v.load_ts) from (select distinct batch_id, started_at"
            f" from northwind_raw.batch_manifest) m left join main_raw_vault.{table} v"
            " on v.load_ts = m.started_at and v.record_source <> 'SYSTEM' group by 1 order by 1",
        )
        expected = [f"+{n:,}" if n else "0" for _, n in per_batch]
        assert rows[("growth", table)][2:] == expected, table
    assert int(rows[("growth", "hub_order")][3].lstrip("+").replace(",", "")) == len(
        report["change"]["new_order_ids"]
    )


def test_rows_per_layer_match_the_vault(report):
    state, rows = report["state"], report["parsed"].rows
    tables = query(
        state,
        "select t.table_name, bool_or(c.column_name = 'record_source') from information_schema.tables t"
        " join information_schema.columns c using (table_schema, table_name)"
        " where t.table_schema = 'main_raw_vault' and t.table_type = 'BASE TABLE' group by 1",
    )
    total = sum(
        query(
            state,
            f"select count(*) from main_raw_vault.{t}"
            + (" where record_source <> 'SYSTEM'" if ghost else ""),
        )[0][0]
        for t, ghost in tables
    )
    assert rows[("layers", "raw_vault")] == ["raw_vault", f"{len(tables):,}", f"{total:,}"]
    assert all(
        COUNT.match(cell) for row in (r for k, r in rows.items() if k[0] == "layers") for cell in row[1:]
    )


def test_dbt_results_are_this_runs(report):
    results = report["results"]["results"]
    dom = report["dom"]
    passed = sum(r["status"] in ("pass", "success") for r in results)
    assert f"{len(results):,} nodes" in dom
    assert re.search(rf'<dd class="ok">{passed:,}</dd>', dom)
    slowest = max(
        (r for r in results if r["unique_id"].startswith("model.")), key=lambda r: r["execution_time"]
    )
    assert slowest["unique_id"].rsplit(".", 1)[-1] in dom


def test_reconciliation_matches_the_source_in_money_format(report):
    from northwind_local.testing import connect

    rows = report["parsed"].rows
    with connect(DB) as pg:
        revenue = pg.execute(
            "select round(sum(unit_price::numeric(18, 4) * quantity * (1 - discount::numeric(18, 4))), 2)"
            " from order_details"
        ).fetchone()[0]
        lines = pg.execute("select count(*) from order_details").fetchone()[0]
    mart = query(report["state"], "select sum(revenue) from main_marts.mart_sales")[0][0]
    assert isinstance(revenue, Decimal) and isinstance(mart, Decimal)
    mart_cents = mart.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert rows[("reconciliation", "revenue")] == [
        "revenue",
        f"USD {revenue:,.2f}",
        f"USD {mart_cents:,.2f}",
        "yes",
    ]
    assert rows[("reconciliation", "order lines")] == ["order lines", f"{lines:,}", f"{lines:,}", "yes"]
    assert all(MONEY.match(cell) for cell in rows[("reconciliation", "revenue")][1:3])


def test_freshness_is_the_newest_load_per_table(report):
    state, rows = report["state"], report["parsed"].rows
    newest, batch = query(state, "select max(_load_ts), max(_batch_id) from northwind_raw.orders")[0]
    assert rows[("freshness", "orders")] == ["orders", f"{newest:%Y-%m-%d %H:%M:%S} UTC", batch]


def test_revenue_charts_label_each_bar_in_money_format(report):
    state = report["state"]
    chart = (report["page"].parent / "charts" / "revenue-by-year.svg").read_text()
    for year, revenue in query(
        state, "select order_year, sum(revenue) from main_marts.mart_sales group by 1 order by 1"
    ):
        assert f"USD {revenue.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}" in chart, year
    # Opens offline: no script, and every link inside the file points into the file itself.
    assert "<script" not in chart
    assert re.findall(r'href="([^#][^"]*)"', chart) == []


def test_docs_link_opens_from_the_file_system(report):
    href = report["parsed"].docs_href
    assert href and not href.startswith(("http:", "https:", "/"))
    docs = (report["page"].parent / href).resolve()
    assert docs.name == "static_index.html" and docs.is_file()


def test_screenshot_is_a_png(report, tmp_path):
    png = screenshot(report["page"], tmp_path / "report.png", size="1280,2400")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000  # a blank page compresses far below this
