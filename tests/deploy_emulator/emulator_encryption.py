"""OpenTofu state encryption on the emulator: what a state holds, and what happens with the wrong key or none.

The stacks' `encryption.tofu.json` (written by synth) is used as it is. Its aws_kms key provider reaches moto's KMS
through AWS_ENDPOINT_URL_KMS; the bootstrap stack's pbkdf2 passphrase comes from TF_VAR_state_backend_passphrase.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from emulator_engine import Engine

ENCRYPTION_FILE = "encryption.tofu.json"
PASSPHRASE_VARIABLE = "TF_VAR_state_backend_passphrase"


def is_encrypted(blob: bytes) -> bool:
    """OpenTofu's encrypted state is JSON with `encrypted_data` and `meta`, and no `resources`."""
    try:
        doc = json.loads(blob)
    except ValueError:
        return False
    return isinstance(doc, dict) and "encrypted_data" in doc and "resources" not in doc


def leaked(blob: bytes, secrets: list[str]) -> list[str]:
    """The values (names, ARNs, outputs) that can be read in the raw state bytes."""
    text = blob.decode("utf-8", errors="replace")
    return sorted({s for s in secrets if s and s in text})


def stack_secrets(stack: dict[str, Any], outputs: dict[str, Any]) -> list[str]:
    """What an encrypted state must not show: the stack's bucket names, every ARN, every string output."""
    names = [b["bucket"] for b in stack["resource"].get("aws_s3_bucket", {}).values()]
    values = [o["value"] for o in outputs.values() if isinstance(o.get("value"), str)]
    return names + values + ["arn:aws:"]


@contextmanager
def encryption_replaced(stack_dir: Path, doc: dict[str, Any] | None) -> Iterator[None]:
    """The stack's encryption file replaced by `doc` (None: removed) for the block, then restored."""
    path = stack_dir / ENCRYPTION_FILE
    saved = path.with_suffix(".saved")
    shutil.copy2(path, saved)
    try:
        if doc is None:
            path.unlink()
        else:
            path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
        yield
    finally:
        shutil.move(saved, path)


def refused_plan(engine: Engine, stack_dir: Path, read_state: Callable[[], bytes], why: str) -> list[str]:
    """A plan that must fail without touching the state: problems found, empty when it failed cleanly."""
    before = read_state()
    result = engine.run(stack_dir, "plan", "-input=false", "-no-color", "-lock=false", ok_codes=(0, 1, 2))
    problems = []
    if result.returncode != 1:
        problems.append(f"{stack_dir.name}: plan with {why} exited {result.returncode}, expected a failure")
    elif not any(word in (result.stdout + result.stderr).lower() for word in ("encrypt", "decrypt")):
        # OpenTofu says "...encrypted and can not be read without an encryption configuration" when it is missing,
        # "decryption failed..." for another passphrase and "Unable to fetch encryption key data" for another key.
        problems.append(
            f"{stack_dir.name}: plan with {why} failed without naming encryption:\n{result.stderr[-800:]}"
        )
    if read_state() != before:
        problems.append(f"{stack_dir.name}: plan with {why} changed the state")
    return problems


def write_encrypted_outputs_state(
    engine: Engine, work: Path, state_path: Path, outputs: dict[str, str], encryption: dict[str, Any]
) -> None:
    """A state holding only `outputs`, encrypted the way the reading stack expects: what another stack's apply
    leaves for a terraform_remote_state reader. Written by the engine itself from an outputs-only configuration."""
    work.mkdir(parents=True)
    config = {
        "terraform": {"backend": {"local": {"path": str(state_path)}}},
        "output": {name: {"value": value} for name, value in outputs.items()},
    }
    (work / "main.tf.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    doc = json.loads(json.dumps(encryption))
    doc["terraform"]["encryption"].pop("remote_state_data_sources", None)
    (work / ENCRYPTION_FILE).write_text(json.dumps(doc, indent=2), encoding="utf-8")
    engine.run(work, "init", "-input=false", "-no-color")
    engine.run(work, "apply", "-input=false", "-no-color", "-auto-approve")
