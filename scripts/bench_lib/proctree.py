"""Run a command and measure its wall time and the peak memory of its whole process tree.

A pipeline step here is several processes (Python, the Spark JVM it starts, dbt's threads): the peak that
matters is the sum of their resident memory at the worst moment, so the tree is sampled every 50 ms.
`ru_maxrss` would report only the largest single process, and only once it has been waited for.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Measured:
    wall_s: float
    peak_mb: float
    stdout: str
    stderr: str
    # The peak of the `watch` trees (a server the command talks to, e.g. the local Trino's JVM), 0 if none.
    watched_peak_mb: float = 0.0


def _tree_rss_bytes(root: int) -> int:
    return _trees_rss_bytes([root])[0]


def _trees_rss_bytes(roots: list[int]) -> list[int]:
    """The resident bytes of each root's process tree, from one pass over /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            statm = (entry / "statm").read_text().split()
        except OSError:
            continue  # the process ended while we looked
        # The command name (field 2) may hold spaces: fields after its closing parenthesis are fixed.
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        pid = int(entry.name)
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(statm[1]) * _PAGE
    totals = []
    for root in roots:
        total, todo = 0, [root]
        while todo:
            pid = todo.pop()
            total += rss.get(pid, 0)
            todo.extend(children.get(pid, []))
        totals.append(total)
    return totals


def run_measured(
    command: list[str], interval_s: float = 0.05, watch: list[int] | None = None, **popen_kwargs
) -> Measured:
    """Run `command` to completion; raise CalledProcessError (with its output) if it fails. `watch`: pids of
    processes outside the command's tree (a server it calls) whose trees' summed peak is reported apart."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen_kwargs
    )
    peak = watched_peak = 0
    # Pipes are drained by communicate() with a timeout, so a chatty child never blocks on a full pipe.
    out_parts: list[str] = []
    err_parts: list[str] = []
    while True:
        own, *watched = _trees_rss_bytes([process.pid, *(watch or [])])
        peak = max(peak, own)
        watched_peak = max(watched_peak, sum(watched))
        try:
            out, err = process.communicate(timeout=interval_s)
            out_parts.append(out or "")
            err_parts.append(err or "")
            break
        except subprocess.TimeoutExpired:
            continue
    wall = time.monotonic() - started
    stdout, stderr = "".join(out_parts), "".join(err_parts)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command, stdout, stderr)
    return Measured(
        wall_s=wall,
        peak_mb=peak / 2**20,
        stdout=stdout,
        stderr=stderr,
        watched_peak_mb=watched_peak / 2**20,
    )
