"""The scripts a newcomer runs first behave: readable, colourless step logs that keep the exit code, and a
local PostgreSQL that follows NORTHWIND_PG_PORT and loads the source once."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _bash(script: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # The generated source, whatever the session was given (CI sets NORTHWIND_SQL to the real dump).
    base = {k: v for k, v in os.environ.items() if k != "NORTHWIND_SQL"}
    # The exit code is part of what the tests check, so it is returned rather than raised.
    return subprocess.run(
        ["bash", "-c", script],
        check=False,
        cwd=cwd,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
    )


def test_step_logs_have_readable_names_no_colour_codes_and_keep_the_exit_code(tmp_path):
    script = f"""
    set -euo pipefail
    STEP_LOG_DIR={tmp_path}
    source {ROOT}/scripts/lib/steps.sh
    coloured() {{ printf '\\033[32mgreen\\033[0m and \\033[1;31mred\\033[0m\\n'; }}
    step "Ingest PostgreSQL -> Iceberg (Glue job code, Spark)" coloured
    failing() {{ echo "about to fail"; return 7; }}
    step "Build it" failing
    """
    result = _bash(script, tmp_path)

    assert result.returncode == 7, result.stdout + result.stderr
    logs = sorted(p.name for p in tmp_path.glob("*.log"))
    assert logs == ["01-ingest-postgresql-iceberg-glue-job-code-spark.log", "02-build-it.log"]
    first = (tmp_path / logs[0]).read_text()
    assert first == "green and red\n"
    assert "\x1b" not in first
    assert "Step 2 (Build it) failed" in result.stdout
    assert "about to fail" in result.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def pg_checkout(tmp_path) -> Iterator[Path]:
    """A checkout of its own for scripts/local_postgres.sh, whose cluster lives under <checkout>/.local: the
    script and what a generated load imports, linked from this repository."""
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    (checkout / "scripts" / "local_postgres.sh").symlink_to(ROOT / "scripts" / "local_postgres.sh")
    for name in (".venv", "glue_job", "datagen"):
        (checkout / name).symlink_to(ROOT / name)
    yield checkout
    _bash("scripts/local_postgres.sh stop", checkout)


def _pg(checkout: Path, command: str, port: int) -> subprocess.CompletedProcess[str]:
    # Called by its path inside the checkout, the script's `cd "$(dirname "$0")/.."` lands in the checkout.
    return _bash(
        f"bash scripts/local_postgres.sh {command}",
        checkout,
        {"NORTHWIND_PG_PORT": str(port), "NORTHWIND_SCALE": "1", "NORTHWIND_SEED": "7"},
    )


def test_local_postgres_follows_the_port_setting_and_loads_the_source_once(pg_checkout):
    first, second = _free_port(), _free_port()

    started = _pg(pg_checkout, "start", first)
    assert started.returncode == 0, started.stderr
    assert f"127.0.0.1:{first}" in _pg(pg_checkout, "status", first).stdout
    # `start` loaded the new database; asking for the same data again loads nothing.
    again = _pg(pg_checkout, "ensure-loaded", first)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("already loaded: generated scale=1 seed=7")

    # While running, another port is refused with the port the server really uses.
    refused = _pg(pg_checkout, "start", second)
    assert refused.returncode == 1
    assert f"already running on 127.0.0.1:{first}, not on NORTHWIND_PG_PORT={second}" in refused.stderr

    # After a stop, the server follows the setting even though the cluster was created on the first port.
    assert _pg(pg_checkout, "stop", first).returncode == 0
    moved = _pg(pg_checkout, "start", second)
    assert moved.returncode == 0, moved.stderr
    assert f"127.0.0.1:{second}" in _pg(pg_checkout, "status", second).stdout
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", second)) == 0
