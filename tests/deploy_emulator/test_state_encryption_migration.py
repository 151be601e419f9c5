"""An existing unencrypted state becomes encrypted after one OpenTofu apply with the documented `fallback` step.

On the bootstrap stack (the smallest): applied without encryption (the state as it is before the change), then
once with the migration file that synth writes for NORTHWIND_STATE_ENCRYPTION=migrate (aes_gcm, with an
unencrypted fallback for reading), then planned with the default file (enforced, no fallback): clean, so the state
was rewritten encrypted. Runs in `make test-deploy`.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from emulator_encryption import ENCRYPTION_FILE, encryption_replaced, is_encrypted, leaked, stack_secrets
from emulator_leftovers import leftovers
from emulator_moto_server import moto_server
from emulator_overrides import write_overrides
from emulator_tools import find_tools
from test_deploy_emulator import REGION, _engine, _prepare_destroy, _synthesize

pytestmark = pytest.mark.skipif(
    os.environ.get("NORTHWIND_EMULATOR_DEPLOY") != "1",
    reason="the emulator deployment runs in make test-deploy",
)
STACK = "state-backend"


def test_unencrypted_state_is_encrypted_after_one_apply_with_the_fallback(tmp_path: Path) -> None:
    tools = find_tools("tofu", tmp_path)
    if isinstance(tools, str):
        pytest.skip(f"state encryption migration NOT RUN: {tools}")
    outdir, migrating = tmp_path / "cdktf.out", tmp_path / "cdktf.out.migrate"
    _synthesize(outdir)
    _synthesize(migrating, {"NORTHWIND_STATE_ENCRYPTION": "migrate"})
    stack_dir = outdir / "stacks" / STACK
    stack = json.loads((stack_dir / "cdk.tf.json").read_text(encoding="utf-8"))
    migration = json.loads((migrating / "stacks" / STACK / ENCRYPTION_FILE).read_text(encoding="utf-8"))
    assert "fallback" in migration["terraform"]["encryption"]["state"]
    state_dir = tmp_path / "state"
    state_dir.mkdir()
    state = state_dir / "terraform.tfstate"
    with moto_server(tmp_path / "moto.log") as endpoint:
        engine = _engine(tools, tmp_path, endpoint)
        write_overrides(stack_dir, endpoint, tools.aws_provider_version, state_dir)
        engine.run(stack_dir, "init", "-input=false", "-no-color")
        with encryption_replaced(stack_dir, None):
            engine.run(stack_dir, "apply", "-input=false", "-no-color", "-auto-approve")
        before = state.read_bytes()
        with encryption_replaced(stack_dir, migration):
            engine.run(stack_dir, "apply", "-input=false", "-no-color", "-auto-approve")
        after = state.read_bytes()
        shutil.copy2(state, tmp_path / "migrated.tfstate")
        changes = engine.planned_changes(stack_dir)
        _prepare_destroy(endpoint, stack)
        engine.run(stack_dir, "destroy", "-input=false", "-no-color", "-auto-approve")
        left = leftovers(endpoint, REGION)
    names = stack_secrets(stack, {})
    assert not is_encrypted(before) and leaked(before, names), "the state before migration was not plain"
    assert is_encrypted(after), "one apply with the fallback did not encrypt the state"
    assert not leaked(after, names), f"the migrated state shows {leaked(after, names)}"
    assert changes == [], f"the migrated state does not plan clean with the enforced configuration: {changes}"
    assert not left, f"left after destroy: {left}"
