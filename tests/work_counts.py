"""Counts the expensive work a pytest session does: dump loads, source copies, ingestions, dbt invocations
(by command, and how many of them parsed the project in full) and Spark sessions.

Wall-clock times on a shared 2-core machine swing with the load; these counts do not, so they show what a
change to the fixtures saves. Registered by the root conftest.py; the counts go to the terminal summary and
to .local/test-work-counts.json (NORTHWIND_TEST_COUNTS overrides the path). Under pytest-xdist each worker
counts its own work and the controlling process writes the sum.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
counts: Counter[str] = Counter()
# The messages dbt logs (event I024) when it cannot reuse the saved manifest and parses the whole project.
FULL_PARSE = ("Unable to do partial parsing",)


def count_calls(module: Any, name: str, key: str) -> None:
    """Wrap module.name so every call adds one to counts[key]; done before the test modules import it."""
    original = getattr(module, name, None)
    if original is None or getattr(original, "_counted", False):
        return  # absent in this checkout (a baseline run of an older tree) or already wrapped

    @functools.wraps(original)
    def counted(*args: Any, **kwargs: Any) -> Any:
        counts[key] += 1
        return original(*args, **kwargs)

    counted._counted = True  # type: ignore[attr-defined]
    setattr(module, name, counted)


def count_dbt(module: Any) -> None:
    """Count each `dbt <command>` and whether it parsed the project in full (no reusable saved manifest)."""
    original = module.run_dbt
    if getattr(original, "_counted", False):
        return

    @functools.wraps(original)
    def counted(args: list[str], *rest: Any, **kwargs: Any) -> Any:
        counts[f"dbt {args[0]}"] += 1
        try:
            result = original(args, *rest, **kwargs)
        except AssertionError as failed:
            # A failing dbt command (some tests expect one) still ran; its output is in the message.
            counts["dbt full parses"] += any(m in str(failed) for m in FULL_PARSE)
            raise
        counts["dbt full parses"] += any(m in result.stdout for m in FULL_PARSE)
        return result

    counted._counted = True  # type: ignore[attr-defined]
    module.run_dbt = counted


def install() -> None:
    import northwind_ingest.job
    import northwind_local.spark
    import northwind_local.testing

    count_calls(northwind_local.testing, "load_dump", "dump loads")
    count_calls(northwind_local.testing, "copy_database", "database copies")
    count_calls(northwind_local.testing, "load_generated", "generated loads")
    count_calls(northwind_ingest.job, "run_ingestion", "ingestions")
    count_calls(northwind_local.spark, "build_local_spark", "spark sessions")
    import dbt_cli  # dbt/tests is on sys.path (root conftest.py)

    count_dbt(dbt_cli)


def pytest_configure(config: pytest.Config) -> None:
    # Before collection: the test modules' `from x import y` then bind the counting wrappers.
    install()
    config._work_counts_started = time.monotonic()  # type: ignore[attr-defined]


def report_path() -> Path:
    return Path(os.environ.get("NORTHWIND_TEST_COUNTS", REPO / ".local" / "test-work-counts.json"))


def pytest_sessionfinish(session: pytest.Session) -> None:
    # A pytest-xdist worker sends its counts to the controlling process, which adds them up (below).
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["work_counts"] = dict(counts)


def pytest_testnodedown(node: Any, error: Any) -> None:
    counts.update(getattr(node, "workeroutput", {}).get("work_counts", {}))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if not counts or hasattr(config, "workerinput"):
        return
    summary = dict(sorted(counts.items()))
    terminalreporter.write_sep("-", "work done by this session")
    terminalreporter.write_line(", ".join(f"{key}: {value}" for key, value in summary.items()))
    path = report_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    path.write_text(
        json.dumps(
            {
                "counts": summary,
                "args": config.invocation_params.args,
                "seconds": round(time.monotonic() - config._work_counts_started, 1),  # type: ignore[attr-defined]
                "load_average": [round(x, 2) for x in load],
            },
            indent=2,
        )
        + "\n"
    )
    terminalreporter.write_line(f"(written to {path})")
