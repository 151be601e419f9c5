"""Which run this was: what kind, from which source data, at which commit, when."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_REPO = Path(__file__).resolve().parents[3]
# Where scripts/local_postgres.sh records what it loaded, under the state dir.
LOADED_SOURCE = Path("postgres") / "loaded-source"


@dataclass(frozen=True)
class RunIdentity:
    """One run of `make demo` or `make demo-change`."""

    kind: str  # "demo" or "demo-change"
    source: str  # "dump <path> <mtime>" or "generated scale=N seed=N", as local_postgres.sh recorded it
    commit: str
    started_at: datetime  # UTC, zone-less like the pipeline's own timestamps
    ended_at: datetime


def commit(repo: Path = _REPO) -> str:
    """The checked-out commit, with '+changes' when the work tree differs from it; 'unknown' outside git."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, timeout=30
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short=12", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"
    return f"{head}+changes" if dirty else head


def source_label(state_dir: Path, change_set: Path | None = None) -> str:
    """What scripts/local_postgres.sh loaded, as it recorded it, plus the change set a demo-change applied."""
    marker = state_dir / LOADED_SOURCE
    if marker.is_file():
        label = marker.read_text(encoding="utf-8").strip()
    else:
        label = "not recorded (the source was not loaded by scripts/local_postgres.sh)"
    if change_set is not None:
        change = json.loads(change_set.read_text(encoding="utf-8"))
        label += f" + change set share={change['share']} seed={change['seed']}"
    return label
