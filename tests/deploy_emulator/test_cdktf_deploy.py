"""`cdktf deploy` as users type it, with OpenTofu: `TERRAFORM_BINARY_NAME=tofu cdktf deploy aws-dev --auto-approve`.

The stacks are synthesized first and the emulator's override file is added beside aws-dev's JSON, so the CLI runs
with `--skip-synth` (a new synth would drop the override). The bootstrap stack is applied with the engine first
(it keeps its state locally, users apply it once by hand); then `cdktf deploy`, `cdktf diff` (no change) and
`cdktf destroy` of aws-dev, with nothing left in the emulator afterwards. Runs in `make test-deploy`.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from emulator_engine import Engine
from emulator_leftovers import leftovers
from emulator_moto_server import moto_server
from emulator_overrides import write_overrides
from emulator_summary import SUMMARY_PROPERTY
from emulator_tools import find_tools
from test_deploy_emulator import (
    REGION,
    ROOT,
    _deploy,
    _engine,
    _prepare_destroy,
    _synthesize,
    _write_cross_stack_states,
    _write_summary,
)

pytestmark = pytest.mark.skipif(
    os.environ.get("NORTHWIND_EMULATOR_DEPLOY") != "1",
    reason="the emulator deployment runs in make test-deploy",
)
STACK = "aws-dev"


def _cdktf(engine: Engine, outdir: Path, *args: str) -> str:
    """One cdktf CLI command on the synthesized output, driving OpenTofu; its output, or a failure naming it."""
    env = {**engine.env, "TERRAFORM_BINARY_NAME": engine.binary, "CI": "1", "FORCE_COLOR": "0"}
    command = [str(ROOT / "node_modules" / ".bin" / "cdktf"), *args, "--skip-synth", "--output", str(outdir)]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800, check=False
    )
    text = result.stdout + result.stderr
    (engine.log_dir / f"cdktf-{args[0]}.log").write_text(text, encoding="utf-8")
    assert result.returncode == 0, f"cdktf {' '.join(args)} exited {result.returncode}:\n{text[-6000:]}"
    return text


def test_cdktf_deploy_diff_destroy_with_tofu(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    tools = find_tools("tofu", tmp_path)
    if isinstance(tools, str):
        pytest.skip(f"cdktf deploy with tofu NOT RUN: {tools}")
    outdir = tmp_path / "cdktf.out"
    _synthesize(outdir)
    stack_dir = outdir / "stacks" / STACK
    found: dict[str, object] = {}
    with moto_server(tmp_path / "moto.log") as endpoint:
        engine = _engine(tools, tmp_path, endpoint)

        def cdktf_deploy_diff_destroy() -> None:
            state_dir = tmp_path / "state" / STACK
            state_dir.mkdir(parents=True)
            _write_cross_stack_states(engine, stack_dir, state_dir)
            write_overrides(stack_dir, endpoint, tools.aws_provider_version, state_dir)
            # aws-dev reads snowflake-dev's outputs; that stack is not deployed here (its state is a stand-in).
            flags = (
                "--auto-approve",
                "--ignore-missing-stack-dependencies",
                "--skip-provider-lock",
                "--no-color",
            )
            _cdktf(engine, outdir, "deploy", STACK, *flags)
            found["applied"] = len(engine.state_resources(stack_dir))
            found["diff"] = _cdktf(engine, outdir, "diff", STACK, "--skip-provider-lock", "--no-color")
            _prepare_destroy(endpoint, json.loads((stack_dir / "cdk.tf.json").read_text(encoding="utf-8")))
            _cdktf(engine, outdir, "destroy", STACK, *flags)
            found["left_in_state"] = engine.state_resources(stack_dir)

        _deploy(
            engine,
            outdir / "stacks" / "state-backend",
            tmp_path / "state" / "state-backend",
            endpoint,
            tools.aws_provider_version,
            after_apply=cdktf_deploy_diff_destroy,
        )
        left = leftovers(endpoint, REGION)
    line = (
        f"cdktf deploy ({STACK}; TERRAFORM_BINARY_NAME=tofu {engine.version}, moto): {found['applied']} resources "
        f"applied, diff: {'no changes' if 'No changes' in str(found['diff']) else 'CHANGES'}, "
        f"left after destroy: {len(left) + len(found['left_in_state'])}"  # type: ignore[arg-type]
    )
    print(f"\n{line}")
    record_property(SUMMARY_PROPERTY, line)
    _write_summary("TERRAFORM_BINARY_NAME=tofu", line)
    assert found["applied"], "cdktf deploy applied nothing"
    assert "No changes" in str(found["diff"]), f"cdktf diff after deploy is not clean:\n{found['diff']}"
    assert not found["left_in_state"] and not left, (
        f"left after cdktf destroy: {found['left_in_state']} {left}"
    )
