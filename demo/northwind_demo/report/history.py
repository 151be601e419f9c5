"""The report's memory across runs: one small JSON file in the state dir, one entry per run.

`make demo` and each `make demo-change` append their run; the page is rendered from the whole file, so the
batches read as a history. Money is stored as decimal text (never a JSON number, which readers parse as float).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from northwind_demo.report.dbt_results import DbtResults
from northwind_demo.report.identity import RunIdentity
from northwind_demo.report.layers import Layer
from northwind_demo.report.reconciliation import Check
from northwind_demo.report.steps import Step

FILE_NAME = "report-history.json"
VERSION = 1


def history_path(state_dir: Path) -> Path:
    return state_dir / FILE_NAME


def load(path: Path) -> list[dict[str, Any]]:
    """The runs recorded so far, oldest first; none when the file does not exist yet."""
    if not path.exists():
        return []
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("version") != VERSION:
        raise ValueError(
            f"{path}: history version {document.get('version')!r}, expected {VERSION}; delete it"
        )
    return document["runs"]


def new_batch_ids(runs: list[dict[str, Any]], committed: list[str]) -> list[str]:
    """The committed batches no earlier run recorded: the ones this run brought."""
    seen = {batch for run in runs for batch in run["batch_ids"]}
    return [batch for batch in committed if batch not in seen]


def _time(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def run_entry(
    identity: RunIdentity,
    batch_ids: list[str],
    steps: list[Step],
    dbt: DbtResults | None,
    layers: list[Layer],
    checks: list[Check],
) -> dict[str, Any]:
    """One run as the history stores it (JSON-safe: times as ISO text, money as decimal text)."""
    return {
        "kind": identity.kind,
        "source": identity.source,
        "commit": identity.commit,
        "started_at": _time(identity.started_at),
        "ended_at": _time(identity.ended_at),
        "batch_ids": batch_ids,
        "steps": [asdict(step) for step in steps],
        "dbt": None
        if dbt is None
        else {
            **asdict(dbt),
            "generated_at": _time(dbt.generated_at),
        },
        "layers": [asdict(layer) for layer in layers],
        "reconciliation": [
            {
                "name": c.name,
                "source": str(c.source),
                "mart": str(c.mart),
                "is_money": c.is_money,
                "agrees": c.agrees,
            }
            for c in checks
        ],
    }


def append(path: Path, entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Add a run and write the file atomically (a crash mid-write leaves the previous history)."""
    runs = [*load(path), entry]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps({"version": VERSION, "runs": runs}, indent=2), encoding="utf-8")
    partial.replace(path)
    return runs


def money_of(text: str) -> Decimal:
    """A stored amount back as Decimal."""
    return Decimal(text)
