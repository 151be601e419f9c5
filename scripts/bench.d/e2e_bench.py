"""End-to-end benchmark: generated Northwind -> PostgreSQL -> ingestion (Spark, Iceberg) -> dbt build (DuckDB).

Each run starts from an empty database and an empty Iceberg catalog and times the three steps of `make demo`
that do the work, each as its own process as a person's run would: load (generate + COPY), ingest, and
`dbt build` (models and every test). Uses its own database and state: the demo's data is untouched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_lib.proctree import run_measured

REPO = Path(__file__).resolve().parents[2]
BENCH_DB = "bench_e2e"
RESULTS = REPO / ".local" / "bench" / "results.jsonl"
# ingest_bench.py's one-run registers its Iceberg catalog under this name.
CATALOG = "bench"
DBT = Path(sys.executable).parent / "dbt"


def one_run(scale: float, state: Path) -> dict[str, float]:
    shutil.rmtree(state, ignore_errors=True)
    (state / "iceberg").mkdir(parents=True)
    load = (
        "import sys; from northwind_local.testing import load_generated; "
        f"load_generated({BENCH_DB!r}, {scale}, seed=42)"
    )
    steps = {
        "load": ([sys.executable, "-c", load], {}),
        "ingest": (
            [sys.executable, str(REPO / "scripts/bench.d/ingest_bench.py"), "one-run"]
            + ["--database", BENCH_DB, "--state", str(state)],
            {},
        ),
        "dbt_build": (
            [str(DBT), "build", "--project-dir", "dbt/vault", "--profiles-dir", "dbt", "--target", "local"],
            {
                "NORTHWIND_STATE_DIR": str(state),
                "NORTHWIND_ICEBERG_CATALOG": CATALOG,
                "DBT_TARGET_PATH": str(state / "dbt-target"),
                "DBT_LOG_PATH": str(state / "dbt-logs"),
            },
        ),
    }
    result: dict[str, float] = {}
    for name, (command, extra_env) in steps.items():
        measured = run_measured(command, cwd=REPO, env={**os.environ, **extra_env})
        result[f"{name}_s"] = measured.wall_s
        result["peak_mb"] = max(result.get("peak_mb", 0.0), measured.peak_mb)
    result["wall_s"] = sum(result[f"{name}_s"] for name in steps)
    return result


def bench(scales: list[float], repeats: int, state_root: Path) -> list[dict[str, float]]:
    from northwind_local.testing import drop_database

    rows = []
    try:
        for scale in scales:
            runs = [one_run(scale, state_root / f"scale-{scale:g}") for _ in range(repeats)]
            row = {"scale": scale}
            for key in runs[0]:
                row[key] = statistics.median(run[key] for run in runs)
            rows.append(row)
            print(render(rows[-1:], repeats), flush=True)
    finally:
        drop_database(BENCH_DB)
    return rows


def render(rows: list[dict[str, float]], repeats: int) -> str:
    head = f"end to end (median of {repeats}) | scale | load s | ingest s | dbt build s | total s | peak MB"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{'':32}| {r['scale']:>5g} | {r['load_s']:>6.1f} | {r['ingest_s']:>8.1f} | {r['dbt_build_s']:>11.1f} | "
            f"{r['wall_s']:>7.1f} | {r['peak_mb']:>7.0f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--state-root", type=Path, required=True)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = bench([float(s) for s in args.scales.split(",")], args.repeats, args.state_root)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    # The same figures in the run's common file, from which `make bench` writes docs/benchmarks.md.
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        for r in rows:
            steps = {k: v for k, v in r.items() if k not in ("scale", "wall_s")}
            out.write(
                json.dumps({"benchmark": "end to end", "scale": r["scale"], "median_s": r["wall_s"], **steps})
                + "\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
