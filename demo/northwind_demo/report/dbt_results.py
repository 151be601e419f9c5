"""What `dbt build` did in this run, from its run_results.json, and nothing from an earlier run.

vault_build.sh runs no dbt at all when no raw table changed; the run_results.json left in the target folder is
then an earlier run's, so a file written before this run started is not this run's result.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_PASSED = ("pass", "success")
_FAILED = ("fail", "error", "runtime error")


@dataclass(frozen=True)
class SlowModel:
    name: str
    seconds: float


@dataclass(frozen=True)
class DbtResults:
    """Counts over every node the build selected (models, seeds, snapshots, data tests, unit tests)."""

    generated_at: datetime
    selected: int
    passed: int
    failed: int
    warned: int
    skipped: int
    tests: int
    models: int
    elapsed_seconds: float
    slowest_models: list[SlowModel]


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=None)


def read_results(path: Path, since: datetime, slowest: int = 5) -> DbtResults | None:
    """This run's dbt results, or None when dbt wrote none since `since` (UTC, zone-less)."""
    if not path.is_file():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    generated_at = _utc(document["metadata"]["generated_at"])
    if generated_at < since:
        return None
    results = document["results"]

    def kind(result: dict) -> str:
        return result["unique_id"].split(".", 1)[0]

    models = [r for r in results if kind(r) == "model"]
    ranked = sorted(models, key=lambda r: (-r["execution_time"], r["unique_id"]))[:slowest]
    return DbtResults(
        generated_at=generated_at,
        selected=len(results),
        passed=sum(r["status"] in _PASSED for r in results),
        failed=sum(r["status"] in _FAILED for r in results),
        warned=sum(r["status"] == "warn" for r in results),
        skipped=sum(r["status"] == "skipped" for r in results),
        tests=sum(kind(r) in ("test", "unit_test") for r in results),
        models=len(models),
        elapsed_seconds=float(document.get("elapsed_time", 0.0)),
        slowest_models=[
            SlowModel(r["unique_id"].rsplit(".", 1)[-1], float(r["execution_time"])) for r in ranked
        ],
    )
