"""How the run report writes figures: money with currency and two decimals from Decimal only, counts with
thousands separators; and the step timings contract between scripts/lib/steps.sh and the report."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from northwind_demo.report import formats
from northwind_demo.report.dbt_results import read_results
from northwind_demo.report.steps import read_steps

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("617085.2"), "USD 617,085.20"),  # the "617,085.2" next to "208,083.97"
        (Decimal("208083.97"), "USD 208,083.97"),
        (Decimal("1265793.0449"), "USD 1,265,793.04"),
        (Decimal("0.005"), "USD 0.01"),  # half up, not banker's rounding
        (Decimal("0.0049"), "USD 0.00"),
        (Decimal("-1234.5"), "-USD 1,234.50"),
        (Decimal(0), "USD 0.00"),
        (Decimal("12345678901234.5678"), "USD 12,345,678,901,234.57"),  # past float's exact cents
    ],
)
def test_money_has_currency_thousands_separators_and_two_decimals(amount, text):
    assert formats.money(amount) == text


@pytest.mark.parametrize("amount", [617085.2, 1, "1.00", None])
def test_money_refuses_anything_but_decimal(amount):
    with pytest.raises(TypeError, match="money takes a Decimal"):
        formats.money(amount)


def test_money_refuses_nan():
    with pytest.raises(ValueError, match="finite"):
        formats.money(Decimal("NaN"))


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (999, "999"), (1000, "1,000"), (1234567, "1,234,567"), (-4321, "-4,321")]
)
def test_count_has_thousands_separators(value, text):
    assert formats.count(value) == text


@pytest.mark.parametrize("value", [1.0, True, Decimal(3)])
def test_count_refuses_non_integers(value):
    with pytest.raises(TypeError, match="count takes an int"):
        formats.count(value)


def test_signed_count_marks_growth():
    assert [formats.signed_count(v) for v in (0, 7, 12345)] == ["0", "+7", "+12,345"]


def test_seconds_and_timestamps():
    assert [formats.seconds(v) for v in (0, 7.4, 59.6, 125)] == ["0 s", "7 s", "1 min 00 s", "2 min 05 s"]
    assert formats.timestamp(datetime(2026, 12, 3, 7, 4, 9, 123)) == "2026-12-03 07:04:09 UTC"


def test_steps_sh_writes_the_timings_the_report_reads(tmp_path):
    timings = tmp_path / "timings.tsv"
    script = (
        f"STEP_LOG_DIR={tmp_path}; STEP_TIMINGS={timings}; source scripts/lib/steps.sh;"
        ' step "Load Northwind into PostgreSQL" true; step "Build (dbt, DuckDB)" sleep 1'
    )
    subprocess.run(["bash", "-c", script], cwd=REPO, check=True, capture_output=True, timeout=60)
    steps = read_steps(timings)
    assert [(s.number, s.title) for s in steps] == [
        (1, "Load Northwind into PostgreSQL"),
        (2, "Build (dbt, DuckDB)"),
    ]
    assert steps[0].seconds <= 1 <= steps[1].seconds


def _run_results(path: Path, generated_at: str) -> Path:
    results = [
        {"unique_id": "model.northwind_vault.hub_customer", "status": "success", "execution_time": 0.5},
        {"unique_id": "model.northwind_vault.sat_order", "status": "success", "execution_time": 2.25},
        {"unique_id": "model.northwind_vault.pit_customer", "status": "error", "execution_time": 1.0},
        {"unique_id": "test.northwind_vault.unique_hub_customer", "status": "pass", "execution_time": 0.1},
        {"unique_id": "test.northwind_vault.not_null_x", "status": "fail", "execution_time": 0.1},
        {"unique_id": "test.northwind_vault.relationships_y", "status": "skipped", "execution_time": 0},
        {"unique_id": "test.northwind_vault.accepted_z", "status": "warn", "execution_time": 0.1},
    ]
    metadata = {"generated_at": generated_at}
    path.write_text(json.dumps({"metadata": metadata, "results": results, "elapsed_time": 12.5}))
    return path


def test_dbt_results_count_every_selected_node_and_rank_the_slowest_models(tmp_path):
    path = _run_results(tmp_path / "run_results.json", "2026-12-03T07:10:00.5Z")
    results = read_results(path, since=datetime(2026, 12, 3, 7, 0), slowest=2)
    assert results is not None
    assert (results.selected, results.passed, results.failed, results.warned, results.skipped) == (
        7,
        3,
        2,
        1,
        1,
    )
    assert (results.models, results.tests) == (3, 4)
    assert [(m.name, m.seconds) for m in results.slowest_models] == [
        ("sat_order", 2.25),
        ("pit_customer", 1.0),
    ]


def test_dbt_results_of_an_earlier_run_are_not_this_runs(tmp_path):
    path = _run_results(tmp_path / "run_results.json", "2026-12-03T06:59:59Z")
    assert read_results(path, since=datetime(2026, 12, 3, 7, 0)) is None
    assert read_results(tmp_path / "missing.json", since=datetime(2026, 12, 3, 7, 0)) is None
