"""The report's run history: runs append, each run claims only the batches no earlier run recorded, money
survives as decimal text, and a run in which dbt did not run says so instead of showing an earlier build."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from northwind_demo.report import history, page
from northwind_demo.report.batches import Batch, TableChange
from northwind_demo.report.identity import RunIdentity
from northwind_demo.report.layers import Layer
from northwind_demo.report.reconciliation import Check
from northwind_demo.report.steps import Step

T0 = datetime(2026, 12, 3, 7, 0, 0)


def _entry(kind: str, batch_ids: list[str], revenue: str) -> dict:
    return history.run_entry(
        RunIdentity(kind, "generated scale=1 seed=42", "abc123", T0, T0),
        batch_ids,
        [Step(1, "Ingest", 42)],
        None,
        [Layer("raw_vault", 41, 13_477)],
        [Check("revenue", Decimal(revenue), Decimal(revenue), is_money=True)],
    )


def test_runs_append_and_claim_only_new_batches(tmp_path):
    path = history.history_path(tmp_path)
    assert history.load(path) == []
    history.append(path, _entry("demo", history.new_batch_ids([], ["b1"]), "1265793.0449"))
    runs = history.load(path)
    assert history.new_batch_ids(runs, ["b1", "b2"]) == ["b2"]
    runs = history.append(path, _entry("demo-change", ["b2"], "1265800.10"))
    assert [(r["kind"], r["batch_ids"]) for r in history.load(path)] == [
        ("demo", ["b1"]),
        ("demo-change", ["b2"]),
    ]
    # Money is stored as text, so it reads back as the same Decimal, not a float.
    assert json.loads(path.read_text())["runs"][0]["reconciliation"][0]["source"] == "1265793.0449"
    assert history.money_of(runs[0]["reconciliation"][0]["source"]) == Decimal("1265793.0449")


def test_a_history_of_another_version_is_refused_by_name(tmp_path):
    path = history.history_path(tmp_path)
    path.write_text(json.dumps({"version": 0, "runs": []}))
    with pytest.raises(ValueError, match="history version 0, expected 1; delete it"):
        history.load(path)


def test_a_run_without_dbt_says_so_and_formats_money(tmp_path):
    runs = [_entry("demo", ["b1"], "1265793.0449")]
    batch = Batch("b1", T0, T0, [TableChange("orders", "initial", 830, 0, 0, 830)])
    html = page.render(
        runs, [batch], [], [], page.Charts(None, "g.svg", "y.svg", "c.svg"), None, Path(".local/dbt-docs")
    )
    assert "dbt did not run in this run" in html
    assert "USD 1,265,793.04" in html
    assert "dbt docs generate --static" in html  # no docs yet: the page says how to make them
    for section, _ in page.SECTIONS:
        assert f'<section id="{section}">' in html
