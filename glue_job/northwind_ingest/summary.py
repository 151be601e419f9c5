"""Per-table results of a run and the summary printed at its end."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableResult:
    table: str
    ok: bool
    rows: int = 0
    seconds: float = 0.0
    snapshot_id: int | None = None
    message: str = ""

    def log_line(self) -> str:
        if self.ok:
            return f"{self.table}: {self.rows} rows in {self.seconds:.1f} s (snapshot {self.snapshot_id})"
        return f"{self.table}: FAILED after {self.seconds:.1f} s: {self.message}"


@dataclass
class RunSummary:
    batch_id: str
    results: list[TableResult] = field(default_factory=list)
    error: str | None = None  # a failure before any table (e.g. the database is unreachable)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and all(r.ok for r in self.results)

    @property
    def failed(self) -> list[TableResult]:
        return [r for r in self.results if not r.ok]

    @property
    def rows(self) -> int:
        return sum(r.rows for r in self.results if r.ok)

    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def render(self) -> str:
        lines = [f"ingestion batch {self.batch_id}: " + ("succeeded" if self.ok else "FAILED")]
        if self.error:
            lines.append(f"  error: {self.error}")
        for r in self.results:
            lines.append("  " + r.log_line())
        done = len(self.results) - len(self.failed)
        lines.append(
            f"  {done} of {len(self.results)} tables written, {len(self.failed)} failed, "
            f"{self.rows} rows in {self.seconds:.1f} s"
        )
        return "\n".join(lines)
