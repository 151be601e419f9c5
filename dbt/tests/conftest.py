"""Fixtures of the vault's tests: the Athena rendering is produced once per session (one dbt parse)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbt_cli import run_athena_offline
from hash_vectors import vector_query


@pytest.fixture(scope="session")
def athena_rendering(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """<dir>/parse (dbt parse), <dir>/first and <dir>/incremental (compiled models), <dir>/inline.sql."""
    out = tmp_path_factory.mktemp("athena")
    inline = out / "vectors.sql"
    inline.write_text(vector_query())
    run_athena_offline(out, inline)
    return out
