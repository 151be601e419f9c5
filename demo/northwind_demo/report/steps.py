"""Step timings of a run, as scripts/lib/steps.sh appends them to the file named by STEP_TIMINGS.

One line per finished step: number, title, start and end in epoch seconds, tab-separated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    seconds: int


def read_steps(path: Path | None) -> list[Step]:
    """The steps in the order they ran; none when the run wrote no timings file."""
    if path is None or not path.is_file():
        return []
    steps = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            raise ValueError(f"{path}:{line_number}: expected number, title, start, end; got {line!r}")
        number, title, began, ended = fields
        steps.append(Step(int(number), title, int(ended) - int(began)))
    return steps
