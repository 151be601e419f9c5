"""Where every benchmark keeps its rows: .local/bench/results.jsonl, one JSON object per line, appended run after
run. scripts/bench.d/summary.py prints the newest rows and scripts/docs/benchmarks.py writes docs/benchmarks.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parents[2] / ".local" / "bench" / "results.jsonl"


def append_results(rows: list[dict[str, Any]], json_copy: Path | None = None) -> None:
    """Appends the rows to results.jsonl, and writes them to `json_copy` too when one is named (--json)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    if json_copy:
        json_copy.write_text(json.dumps(rows, indent=2))
