"""Fixtures of the serving-layer tests: the synthesized Snowflake stacks and an offline dbt environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthesizes the CDKTF app once (compiled JavaScript, the same path `cdktf synth` takes) into a temp dir."""
    npm = shutil.which("npm")
    if npm is None or not (REPO / "node_modules").is_dir():
        pytest.fail(
            "the Snowflake policy tests need the CDKTF app: run `make setup` (installs node and npm packages)"
        )
    out = tmp_path_factory.mktemp("cdktf-out")
    env = {**os.environ, "CDKTF_OUTDIR": str(out)}
    done = subprocess.run(
        [npm, "run", "--silent", "synth:app"],
        check=False,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        pytest.fail(f"synth failed:\n{done.stdout}\n{done.stderr}")
    return out


@pytest.fixture(scope="session")
def synthesized_stack(synth_dir: Path) -> Callable[[str], dict[str, Any]]:
    """The parsed cdk.tf.json of a stack, by stack id."""

    def load(stack_id: str) -> dict[str, Any]:
        return json.loads((synth_dir / "stacks" / stack_id / "cdk.tf.json").read_text())

    return load
