"""One table of every benchmark's medians and peak memory, from the JSON the bench.d scripts left."""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[2] / ".local" / "bench"


def _load(name: str) -> list[dict]:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def rows() -> list[tuple[str, str, float, float | None, str]]:
    """(benchmark, case, median wall s, peak MB, note) for every figure present."""
    table: list[tuple[str, str, float, float | None, str]] = []
    for r in _load("synth"):
        table.append(("cdktf", r["benchmark"], r["median_wall_s"], r["median_peak_mb"], r.get("goal", "")))
    for r in _load("ingest"):
        notes = [f"{r['x_copy_floor']:.1f}x COPY floor" if "x_copy_floor" in r else ""]
        notes.append(f"{r['share_of_full']:.0%} of full" if "share_of_full" in r else "")
        case = f"scale {r['scale']:g} {r['case']} ({r['rows']:,} rows)"
        table.append(("ingest", case, r["median_s"], r.get("peak_mb"), "; ".join(n for n in notes if n)))
    for r in _load("vault"):
        note = f"{r['share_of_full']:.0%} of full" if "share_of_full" in r else ""
        case = f"scale {r['scale']:g} {r['case']} (+{r['rows']:,} raw vault rows)"
        table.append(("dbt build", case, r["median_s"], r["peak_mb"], note))
    for r in _load("vault-trino"):
        case = f"scale {r['scale']:g} {r['case']} (DuckDB {r['duckdb_s']:.1f} s)"
        note = f"{r['trino_share_of_full']:.0%} of full; Trino RSS {r['trino_peak_rss_mb']:.0f} MB"
        table.append(("vault Trino", case, r["trino_s"], r["trino_dbt_peak_mb"], note))
    for r in _load("e2e"):
        note = f"load {r['load_s']:.1f} + ingest {r['ingest_s']:.1f} + dbt build {r['dbt_build_s']:.1f}"
        table.append(("end to end", f"scale {r['scale']:g}", r["wall_s"], r["peak_mb"], note))
    return table


def main() -> int:
    table = rows()
    if not table:
        print(f"no benchmark results under {RESULTS}", file=sys.stderr)
        return 1
    print(f"Benchmarks on {platform.node()}: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"{'benchmark':<11} | {'case':<40} | {'median s':>8} | {'peak MB':>7} | note")
    print("-" * 110)
    for bench, case, wall, peak, note in table:
        peak_text = f"{peak:>7.0f}" if peak is not None else f"{'':>7}"
        print(f"{bench:<11} | {case:<40} | {wall:>8.2f} | {peak_text} | {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
