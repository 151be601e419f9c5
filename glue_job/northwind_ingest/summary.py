"""Per-table results of a batch and the summary printed at its end."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableResult:
    table: str
    ok: bool
    mode: str = ""
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    seconds: float = 0.0
    snapshot_id: int | None = None  # the change log's snapshot after the batch
    message: str = ""

    @property
    def rows(self) -> int:
        """Change-log rows this batch wrote for the table."""
        return self.inserted + self.updated + self.deleted

    def log_line(self) -> str:
        if not self.ok:
            return f"{self.table}: FAILED after {self.seconds:.1f} s: {self.message}"
        counts = f"{self.inserted} inserted, {self.updated} updated, {self.deleted} deleted"
        extra = f"; {self.message}" if self.message else ""
        return f"{self.table}: {self.mode}, {counts} in {self.seconds:.1f} s (snapshot {self.snapshot_id}){extra}"


@dataclass
class RunSummary:
    batch_id: str
    results: list[TableResult] = field(default_factory=list)
    error: str | None = None  # a failure before any table (e.g. the database is unreachable)
    committed: bool = False  # the batch's manifest rows are committed: the batch is visible downstream
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and self.committed and all(r.ok for r in self.results)

    @property
    def failed(self) -> list[TableResult]:
        return [r for r in self.results if not r.ok]

    @property
    def rows(self) -> int:
        return sum(r.rows for r in self.results if r.ok)

    def result(self, table: str) -> TableResult:
        return next(r for r in self.results if r.table == table)

    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def render(self) -> str:
        state = "committed" if self.ok else "FAILED, not committed (every table is at its previous batch)"
        lines = [f"ingestion batch {self.batch_id}: {state}"]
        if self.error:
            lines.append(f"  error: {self.error}")
        for r in self.results:
            lines.append("  " + r.log_line())
        changed = sum(1 for r in self.results if r.ok and r.rows)
        lines.append(
            f"  {len(self.results)} tables, {changed} changed, {len(self.failed)} failed, "
            f"{self.rows} change rows in {self.seconds:.1f} s"
        )
        return "\n".join(lines)
