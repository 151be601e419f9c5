"""The report page: one static HTML file rendered with Jinja2 (autoescaped) from the run history and the vault.

Every figure goes through `formats` before it reaches the template, so the template only places text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from northwind_demo.report import formats
from northwind_demo.report.batches import Batch
from northwind_demo.report.freshness import Freshness
from northwind_demo.report.growth import KINDS, Growth
from northwind_demo.report.history import money_of

SECTIONS = (
    ("identity", "Run identity"),
    ("runs", "Runs"),
    ("steps", "Step timings"),
    ("batches", "Batches: what each table changed"),
    ("growth", "Vault growth per batch"),
    ("layers", "Rows per layer"),
    ("dbt", "dbt results"),
    ("reconciliation", "Source-to-mart reconciliation"),
    ("freshness", "Freshness"),
    ("revenue", "Revenue"),
    ("docs", "dbt docs"),
)

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent),
    autoescape=True,
    undefined=jinja2.StrictUndefined,  # a missing value is a bug, not an empty cell
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class Charts:
    """Chart files, relative to the page."""

    steps: str | None
    growth: str
    revenue_by_year: str
    revenue_by_country: str


def _when(text: str) -> str:
    return text.replace("T", " ") + " UTC"


def _run_row(run: dict[str, Any]) -> dict[str, Any]:
    dbt = run["dbt"]
    return {
        "kind": run["kind"],
        "source": run["source"],
        "commit": run["commit"],
        "started": _when(run["started_at"]),
        "ended": _when(run["ended_at"]),
        "batches": ", ".join(run["batch_ids"]) or "none",
        "dbt": "did not run"
        if dbt is None
        else f"{formats.count(dbt['passed'])} passed, {formats.count(dbt['failed'])} failed",
        "reconciled": all(c["agrees"] for c in run["reconciliation"]),
    }


def _check_row(check: dict[str, Any]) -> dict[str, Any]:
    if check["is_money"]:
        source, mart = formats.money(money_of(check["source"])), formats.money(money_of(check["mart"]))
    else:
        source, mart = formats.count(int(check["source"])), formats.count(int(check["mart"]))
    return {"name": check["name"], "source": source, "mart": mart, "agrees": check["agrees"]}


def _growth_table(batches: list[Batch], growth: list[Growth]) -> dict[str, Any]:
    by_cell = {(g.table, g.batch_id): g.rows for g in growth}
    kind_of = {g.table: g.kind for g in growth}
    order = {kind: i for i, (_, kind) in enumerate(KINDS)}
    rows = [
        {
            "table": table,
            "kind": kind_of[table],
            "cells": [formats.signed_count(by_cell.get((table, b.batch_id), 0)) for b in batches],
        }
        for table in sorted(kind_of, key=lambda t: (order[kind_of[t]], t))
    ]
    totals = [formats.signed_count(sum(g.rows for g in growth if g.batch_id == b.batch_id)) for b in batches]
    return {"rows": rows, "totals": totals}


def render(
    runs: list[dict[str, Any]],
    batches: list[Batch],
    growth: list[Growth],
    freshness: list[Freshness],
    charts: Charts,
    docs_link: str | None,
    docs_dir: Path,
) -> str:
    if not runs:
        raise ValueError("the report needs at least one run in its history")
    run = runs[-1]
    run_of_batch = {batch: f"{i + 1} ({r['kind']})" for i, r in enumerate(runs) for batch in r["batch_ids"]}
    dbt = run["dbt"]
    context = {
        "sections": SECTIONS,
        "currency": formats.CURRENCY,
        "run": {
            **_run_row(run),
            "number": len(runs),
            "batch_ids": run["batch_ids"],
        },
        "runs": [{"number": i + 1, **_run_row(r)} for i, r in enumerate(runs)],
        "steps": [
            {"number": s["number"], "title": s["title"], "took": formats.seconds(s["seconds"])}
            for s in run["steps"]
        ],
        "steps_total": formats.seconds(sum(s["seconds"] for s in run["steps"])),
        "batches": [
            {
                "id": b.batch_id,
                "run": run_of_batch.get(b.batch_id, "before the recorded history"),
                "started": formats.timestamp(b.started_at),
                "committed": formats.timestamp(b.committed_at),
                "inserted": formats.count(b.total("inserted")),
                "updated": formats.count(b.total("updated")),
                "deleted": formats.count(b.total("deleted")),
                "changed_tables": sum(t.changed for t in b.tables),
                "tables": [
                    {
                        "name": t.table,
                        "mode": t.mode,
                        "inserted": formats.count(t.inserted),
                        "updated": formats.count(t.updated),
                        "deleted": formats.count(t.deleted),
                        "source_rows": formats.count(t.source_rows),
                        "changed": t.changed,
                    }
                    for t in b.tables
                ],
                "latest": i == len(batches) - 1,
            }
            for i, b in enumerate(batches)
        ],
        "batch_ids": [b.batch_id for b in batches],
        "growth": _growth_table(batches, growth),
        "layers": [
            {
                "name": layer["name"],
                "tables": formats.count(layer["tables"]),
                "rows": formats.count(layer["rows"]),
            }
            for layer in run["layers"]
        ],
        "dbt": None
        if dbt is None
        else {
            "generated": _when(dbt["generated_at"]),
            "selected": formats.count(dbt["selected"]),
            "models": formats.count(dbt["models"]),
            "tests": formats.count(dbt["tests"]),
            "passed": formats.count(dbt["passed"]),
            "failed": formats.count(dbt["failed"]),
            "warned": formats.count(dbt["warned"]),
            "skipped": formats.count(dbt["skipped"]),
            "elapsed": formats.seconds(dbt["elapsed_seconds"]),
            "slowest": [{"name": m["name"], "took": f"{m['seconds']:.2f} s"} for m in dbt["slowest_models"]],
        },
        "checks": [_check_row(c) for c in run["reconciliation"]],
        "freshness": [
            {
                "table": f.table,
                "newest": "no rows yet" if f.newest_load is None else formats.timestamp(f.newest_load),
                "batch": f.batch_id or "",
            }
            for f in freshness
        ],
        "charts": charts,
        "docs_link": docs_link,
        "docs_dir": str(docs_dir),
    }
    return _ENV.get_template("template.html").render(context)


def relative_link(target: Path, page_dir: Path) -> str:
    """A link from the page to a file beside it, so the report folder opens anywhere from the file system."""
    return Path(os.path.relpath(target.resolve(), page_dir.resolve())).as_posix()
