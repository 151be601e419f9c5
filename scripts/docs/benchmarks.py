"""docs/benchmarks.md from the figures `make bench` left in .local/bench/results.jsonl.

`make bench` calls this twice: `--start` before the first benchmark (empties results.jsonl and records when, at
which commit, on which machine and under which load the run starts), then `--finish` after the last one (records
the end time and load, then writes docs/benchmarks.md: that header and one table per benchmark). Without either,
it only rewrites the page from the file; `--if-results` (used by `make docs`) does so only when the file exists.
Every figure in the page comes from the file; nothing is typed by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / ".local" / "bench" / "results.jsonl"
PAGE = ROOT / "docs" / "benchmarks.md"
RUN = "run"
RUN_END = "run end"

# Columns whose values are shares of a full run, shown as percentages.
SHARE_COLUMNS = {"share_of_full", "trino_share_of_full", "duckdb_share_of_full"}
# The goal for the vault on Trino: at the largest scale measured, a 1% change costs at most this share
# of a full build on Trino.
TRINO_CHANGE_GOAL = 0.25


def _command(args: list[str]) -> str:
    try:
        done = subprocess.run(args, capture_output=True, text=True, check=False, cwd=ROOT)
    except FileNotFoundError:
        return "not installed"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0].strip() if text else "unknown"


def _os_name() -> str:
    release = Path("/etc/os-release")
    if release.exists():
        match = re.search(r'^PRETTY_NAME="?([^"\n]+)"?', release.read_text(encoding="utf-8"), re.MULTILINE)
        if match:
            return match.group(1)
    return platform.platform()


def _memory_gib() -> float | None:
    meminfo = Path("/proc/meminfo")
    if not meminfo.exists():
        return None
    match = re.search(r"^MemTotal:\s+(\d+) kB", meminfo.read_text(encoding="utf-8"), re.MULTILINE)
    return int(match.group(1)) / 1024**2 if match else None


def _commit() -> str:
    commit = _command(["git", "rev-parse", "--short=12", "HEAD"])
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=ROOT, check=False).returncode != 0
    return f"{commit} (with uncommitted changes)" if dirty else commit


def run_record() -> dict[str, Any]:
    """When, where and under which load a benchmark run starts."""
    return {
        "benchmark": RUN,
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": {
            "cores": os.cpu_count(),
            "memory_gib": _memory_gib(),
            "os": _os_name(),
            "node": _command(["node", "--version"]),
            "python": platform.python_version(),
            "java": _command(["java", "-version"]),
        },
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
        # The knobs that pick scales and repeats (BENCH_SCALES, VAULT_BENCH_REPEATS, ...), as the run saw them.
        "settings": {k: v for k, v in sorted(os.environ.items()) if "BENCH" in k},
    }


def start() -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(run_record()) + "\n", encoding="utf-8")


def finish() -> None:
    end = {
        "benchmark": RUN_END,
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average_end": [round(x, 2) for x in os.getloadavg()],
    }
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(end) + "\n")


def _format(column: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if column in SHARE_COLUMNS and isinstance(value, (int, float)):
        return f"{value:.0%}"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() and column in {"scale", "rows"} else f"{value:,.2f}"
    return str(value).replace("|", "\\|")


def _label(column: str) -> str:
    """A column's key as a heading: `median_s` -> `median s`, `peak_mb` -> `peak MB`."""
    words = column.split("_")
    units = {
        "s": "s",
        "mb": "MB",
        "cpu": "CPU",
        "dbt": "dbt",
        "rss": "RSS",
        "trino": "Trino",
        "duckdb": "DuckDB",
    }
    return " ".join(units.get(w, w) for w in words)


def _table(rows: list[dict[str, Any]]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c != "benchmark" and c not in columns]
    lines = [
        "| " + " | ".join(_label(c) for c in columns) + " |",
        "| " + " | ".join("---" for _ in columns) + " |",
    ]
    lines += ["| " + " | ".join(_format(c, row.get(c)) for c in columns) + " |" for row in rows]
    return lines


def with_goals(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with a `goal` column computed from their figures, for the benchmarks that have one."""
    if name != "vault-trino" or not rows:
        return rows
    largest = max(r["scale"] for r in rows)
    marked = []
    for row in rows:
        goal = ""
        if row["scale"] == largest and row["case"] == "1% change":
            verdict = "met" if row["trino_share_of_full"] <= TRINO_CHANGE_GOAL else "NOT met"
            goal = f"Trino <= {TRINO_CHANGE_GOAL:.0%} of full (largest scale): {verdict}"
        marked.append({**row, "goal": goal})
    return marked


def _loads(values: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in values)


def render(records: list[dict[str, Any]]) -> str:
    runs = [r for r in records if r.get("benchmark") == RUN]
    if not runs:
        raise SystemExit(f"{RESULTS} has no run record: run `make bench` (it writes one first)")
    run = runs[-1]
    ends = [r for r in records if r.get("benchmark") == RUN_END]
    if ends:
        end = f"{ends[-1]['finished_at']} (UTC)"
        load_end = f"{_loads(ends[-1]['load_average_end'])} at the end"
    else:
        end, load_end = "(unfinished: the run stopped early)", "no end record"
    machine = run["machine"]
    memory = f", {machine['memory_gib']:.0f} GiB" if machine.get("memory_gib") else ""
    settings = ", ".join(f"`{k}={v}`" for k, v in run.get("settings", {}).items()) or "none (the defaults)"
    lines = [
        "# Benchmarks",
        "",
        "<!-- Generated by `make bench` (scripts/docs/benchmarks.py) from .local/bench/results.jsonl: do not edit. -->",
        "",
        f"- **Run**: {run['started_at']} to {end}, commit {run['commit']}",
        (
            f"- **Machine**: {machine['cores']} cores{memory}, {machine['os']}; node {machine['node']}, "
            f"Python {machine['python']}, Java: {machine['java']}"
        ),
        f"- **Load average** (1, 5, 15 min): {_loads(run['load_average_start'])} at the start, {load_end}",
        f"- **Settings**: {settings}",
        "",
        "What each benchmark measures, and the variables that pick its scales and repeats, is described in its",
        "script under `scripts/bench.d/`; `BENCH_ONLY=10-synth,30-dbt make bench` runs some of them. Times are wall",
        "seconds (medians), memory the peak of the whole process tree. The machine may be shared: compare ratios",
        "within one run rather than seconds across runs, and read the load average first.",
    ]
    benchmarks: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        if record.get("benchmark") not in {RUN, RUN_END}:
            benchmarks.setdefault(str(record.get("benchmark")), []).append(record)
    for name, rows in benchmarks.items():
        lines += ["", f"## {name}", "", *_table(with_goals(name, rows))]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--start", action="store_true", help="begin a run: empty results.jsonl, record the header"
    )
    parser.add_argument("--finish", action="store_true", help="end a run: record the end, write the page")
    parser.add_argument("--if-results", action="store_true", help="do nothing when there is no results file")
    args = parser.parse_args()
    if args.start:
        start()
        return 0
    if not RESULTS.exists():
        if args.if_results:
            return 0
        raise SystemExit(f"no {RESULTS}: run `make bench`")
    if args.finish:
        finish()
    records = [json.loads(line) for line in RESULTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    page = render(records)
    PAGE.write_text(page, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
