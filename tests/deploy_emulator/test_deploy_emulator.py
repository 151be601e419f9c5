"""The synthesized stacks deploy: real engines (OpenTofu, Terraform) and the real AWS provider against moto's server.

For `state-backend` and `aws-dev`, once per engine: init against this machine's provider mirror, validate, apply,
a second plan that must show no changes, destroy, and nothing left in the emulator. The bootstrap stack is applied
first and destroyed last, as a person deploys: `aws-dev` keeps its state in the state bucket and, with OpenTofu,
encrypts it with the state key the bootstrap created. Everything the emulator needs is added in an override file
next to the stack's JSON (emulator_overrides.py); the JSON itself is not edited. With OpenTofu the state
encryption is checked on the way (see `_check_encryption`); with Terraform, that it ignored `encryption.tofu.json`.
Runs in `make test-deploy` (NORTHWIND_EMULATOR_DEPLOY=1); prints one summary line per engine.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import boto3
import pytest
from deployed_glue_run import GlueRunReport, run_deployed_glue_job
from emulator_encryption import (
    ENCRYPTION_FILE,
    PASSPHRASE_VARIABLE,
    encryption_replaced,
    is_encrypted,
    leaked,
    refused_plan,
    stack_secrets,
    write_encrypted_outputs_state,
)
from emulator_engine import Engine
from emulator_leftovers import leftovers
from emulator_moto_server import moto_server
from emulator_overrides import cli_config, remote_outputs_state, write_overrides
from emulator_summary import SUMMARY_PROPERTY
from emulator_tools import ENGINES, REGISTRY_HOSTS, Tools, find_tools

ROOT = Path(__file__).resolve().parents[2]
# moto's default account: the stacks are synthesized for it, so allowed_account_ids holds as written.
ACCOUNT_ID = "123456789012"
REGION = "eu-central-1"
# The engine whose run also runs the deployed Glue job (once per test session: it takes minutes).
GLUE_RUN_ENGINE = "tofu"
STACKS = ("state-backend", "aws-dev")
SUMMARY_FILE = ROOT / ".local" / "test-deploy-summary.txt"
STATE_BUCKET = f"northwind-tfstate-{ACCOUNT_ID}-{REGION}"

# Resources the emulator run leaves out, each with its reason (docs/testing.md lists them). The goal is none.
LEFT_OUT: dict[str, str] = {}

pytestmark = pytest.mark.skipif(
    os.environ.get("NORTHWIND_EMULATOR_DEPLOY") != "1",
    reason="the emulator deployment runs in make test-deploy",
)


def _synthesize(outdir: Path, settings: dict[str, str] | None = None) -> None:
    """`cdktf synth` as a user runs it (the app command bundles the TypeScript as it is), dev only."""
    env = {
        **os.environ,
        **(settings or {}),
        "NORTHWIND_ENVIRONMENTS": "dev",
        "NORTHWIND_STATE_ACCOUNT_ID": ACCOUNT_ID,
        "NORTHWIND_DEV_ACCOUNT_ID": ACCOUNT_ID,
        "CHECKPOINT_DISABLE": "1",
        "CI": "1",
    }
    cdktf = ROOT / "node_modules" / ".bin" / "cdktf"
    subprocess.run(
        [str(cdktf), "synth", "--output", str(outdir)], cwd=ROOT, env=env, check=True, capture_output=True
    )


def _cross_stack_outputs(stack: dict) -> dict[str, dict[str, str]]:
    """Per terraform_remote_state source, the outputs the stack reads, with stand-in values of Snowflake's."""
    text = json.dumps(stack)
    reads: dict[str, dict[str, str]] = {}
    for source, output in re.findall(r"data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)", text):
        value = (
            f"arn:aws:iam::{ACCOUNT_ID}:user/snowflake-emulated"
            if output.endswith("iam_user_arn")
            else output[-40:]
        )
        reads.setdefault(source, {})[output] = value
    return reads


def _client(endpoint: str, service: str):
    return boto3.client(
        service, endpoint_url=endpoint, region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x"
    )


def _prepare_destroy(endpoint: str, stack: dict) -> None:
    """What a person does before `destroy`, by design of the stack, not because of the emulator.

    The lock table has deletion protection, and no bucket is force-destroyed (data and logs are never deleted
    by a destroy): lift the one, empty the others, every object version. Access logging is switched off first:
    the log buckets fill during the run, on AWS as here, and would keep filling while they are emptied.
    """
    dynamodb = _client(endpoint, "dynamodb")
    for table in stack["resource"].get("aws_dynamodb_table", {}).values():
        dynamodb.update_table(TableName=table["name"], DeletionProtectionEnabled=False)
    s3 = _client(endpoint, "s3")
    buckets = [bucket["bucket"] for bucket in stack["resource"].get("aws_s3_bucket", {}).values()]
    for bucket in buckets:
        s3.put_bucket_logging(Bucket=bucket, BucketLoggingStatus={})
    for bucket in buckets:
        # The first page again until none is left: moto resumes a listing after the marker version itself,
        # which this loop just deleted, so paging on would skip everything past the first 1000 versions.
        while True:
            page = s3.list_object_versions(Bucket=bucket)
            versions = page.get("Versions", []) + page.get("DeleteMarkers", [])
            if not versions:
                break
            s3.delete_objects(
                Bucket=bucket,
                Delete={"Objects": [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in versions]},
            )


@dataclass(frozen=True)
class StackRun:
    applied: int
    second_plan: list[str]
    left_in_state: list[str]


def _write_cross_stack_states(engine: Engine, stack_dir: Path, state_dir: Path) -> None:
    """The states the stack's terraform_remote_state sources read, holding the outputs it reads. With OpenTofu
    they are encrypted like the real ones, so the stack reads them through `remote_state_data_sources`."""
    stack = json.loads((stack_dir / "cdk.tf.json").read_text(encoding="utf-8"))
    encryption = stack_dir / ENCRYPTION_FILE
    for source, outputs in _cross_stack_outputs(stack).items():
        state_path = state_dir / f"{source}.tfstate"
        if engine.name == "tofu" and encryption.exists():
            doc = json.loads(encryption.read_text(encoding="utf-8"))
            write_encrypted_outputs_state(engine, state_dir / f"{source}-outputs", state_path, outputs, doc)
        else:
            state_path.write_text(json.dumps(remote_outputs_state(outputs)))


def _deploy(
    engine: Engine,
    stack_dir: Path,
    state_dir: Path,
    endpoint: str,
    provider_version: str,
    after_apply: Callable[[], None] | None = None,
) -> StackRun:
    """init, validate, apply, (after_apply), a second plan, destroy: one stack, start to end."""
    state_dir.mkdir(parents=True)
    stack = json.loads((stack_dir / "cdk.tf.json").read_text(encoding="utf-8"))
    _write_cross_stack_states(engine, stack_dir, state_dir)
    write_overrides(stack_dir, endpoint, provider_version, state_dir)
    engine.run(stack_dir, "init", "-input=false", "-no-color")
    engine.run(stack_dir, "validate", "-no-color")
    engine.run(stack_dir, "apply", "-input=false", "-no-color", "-auto-approve")
    applied = len(engine.state_resources(stack_dir))
    if after_apply is not None:
        after_apply()
    changes = engine.planned_changes(stack_dir)
    _prepare_destroy(endpoint, stack)
    engine.run(stack_dir, "destroy", "-input=false", "-no-color", "-auto-approve")
    return StackRun(applied=applied, second_plan=changes, left_in_state=engine.state_resources(stack_dir))


def _engine(tools: Tools, work: Path, endpoint: str) -> Engine:
    cli = work / f"{tools.engine}.rc"
    cli.write_text(cli_config(tools.mirror, REGISTRY_HOSTS[tools.engine]), encoding="utf-8")
    logs = work / "logs"
    logs.mkdir()
    env = {
        **os.environ,
        "TF_CLI_CONFIG_FILE": str(cli),
        "TF_IN_AUTOMATION": "1",
        "CHECKPOINT_DISABLE": "1",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    for variable in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        env.pop(variable, None)
    if tools.engine == "tofu":
        env.update(
            {
                # The aws_kms key provider has no endpoint setting; the SDK's per-service variables reach moto.
                "AWS_ENDPOINT_URL_KMS": endpoint,
                "AWS_ENDPOINT_URL_STS": endpoint,
                "AWS_ACCESS_KEY_ID": "emulator",
                "AWS_SECRET_ACCESS_KEY": "emulator",
                "AWS_REGION": REGION,
                # The bootstrap stack's passphrase, new for every run and never printed.
                PASSPHRASE_VARIABLE: secrets.token_urlsafe(24),
            }
        )
    return Engine(name=tools.engine, binary=tools.binary, version=tools.version, env=env, log_dir=logs)


def _state_object(endpoint: str, stack_id: str) -> Callable[[], bytes]:
    s3 = _client(endpoint, "s3")
    return lambda: s3.get_object(Bucket=STATE_BUCKET, Key=f"{stack_id}/terraform.tfstate")["Body"].read()


def _check_encryption(
    engine: Engine, stack_dir: Path, read_state: Callable[[], bytes], endpoint: str
) -> list[str]:
    """After apply, with OpenTofu: the state is ciphertext that names nothing of the stack; a plan without the
    encryption configuration, or with another key, fails and leaves the state as it was. With Terraform: the
    `encryption.tofu.json` beside the stack was ignored, the state is plain."""
    stack = json.loads((stack_dir / "cdk.tf.json").read_text(encoding="utf-8"))
    blob = read_state()
    name = stack_dir.name
    if engine.name != "tofu":
        shown = leaked(blob, stack_secrets(stack, {}))
        ok = (stack_dir / ENCRYPTION_FILE).exists() and not is_encrypted(blob) and shown
        return [] if ok else [f"{name}: terraform did not leave a plain state beside {ENCRYPTION_FILE}"]
    outputs = json.loads(engine.run(stack_dir, "output", "-json").stdout)
    problems = [] if is_encrypted(blob) else [f"{name}: the state is not encrypted"]
    problems += [
        f"{name}: the encrypted state shows {value!r}"
        for value in leaked(blob, stack_secrets(stack, outputs))
    ]
    with encryption_replaced(stack_dir, None):
        problems += refused_plan(engine, stack_dir, read_state, "no encryption configuration")
    doc = json.loads((stack_dir / ENCRYPTION_FILE).read_text(encoding="utf-8"))
    provider = doc["terraform"]["encryption"]["key_provider"]
    if "aws_kms" in provider:
        other = _client(endpoint, "kms").create_key(Description="not the state key")["KeyMetadata"]
        provider["aws_kms"]["state"]["kms_key_id"] = other["Arn"]
        with encryption_replaced(stack_dir, doc):
            problems += refused_plan(engine, stack_dir, read_state, "another kms key")
        _client(endpoint, "kms").schedule_key_deletion(KeyId=other["KeyId"], PendingWindowInDays=7)
    else:
        wrong = replace(engine, env={**engine.env, PASSPHRASE_VARIABLE: secrets.token_urlsafe(24)})
        problems += refused_plan(wrong, stack_dir, read_state, "another passphrase")
    return problems


@pytest.mark.parametrize("engine_name", ENGINES)
def test_stacks_apply_replan_clean_and_destroy_without_leftovers(
    engine_name: str, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    tools = find_tools(engine_name, tmp_path)
    if isinstance(tools, str):
        pytest.skip(f"emulator deployment with {engine_name} NOT RUN: {tools}")
    outdir = tmp_path / "cdktf.out"
    _synthesize(outdir)
    stacks = {name: outdir / "stacks" / name for name in STACKS}
    runs: dict[str, StackRun] = {}
    encryption_problems: list[str] = []
    glue_runs: list[GlueRunReport] = []
    with moto_server(tmp_path / "moto.log") as endpoint:
        engine = _engine(tools, tmp_path, endpoint)
        bootstrap_state = tmp_path / "state" / "state-backend" / "terraform.tfstate"

        def workload_stack() -> None:
            # Runs while the bootstrap stack is applied: the state bucket and the state key exist. The bootstrap
            # state's checks (plans refused on its local state file) run while aws-dev deploys beside them.
            with ThreadPoolExecutor(max_workers=1) as pool:
                checked = pool.submit(
                    _check_encryption, engine, stacks["state-backend"], bootstrap_state.read_bytes, endpoint
                )
                runs["aws-dev"] = _deploy(
                    engine,
                    stacks["aws-dev"],
                    tmp_path / "state" / "aws-dev",
                    endpoint,
                    tools.aws_provider_version,
                    after_apply=workload_deployed,
                )
                encryption_problems.extend(checked.result())

        def workload_deployed() -> None:
            # The state checks (engine commands on the state) run while the Glue job runs: neither touches what
            # the other reads, and both mostly wait.
            with ThreadPoolExecutor(max_workers=1) as pool:
                checked = pool.submit(
                    _check_encryption, engine, stacks["aws-dev"], _state_object(endpoint, "aws-dev"), endpoint
                )
                # What aws-dev deployed runs before its second plan (docs/glue-job-on-emulator.md). The job does
                # not depend on the engine that deployed it, so it runs once, in the OpenTofu run.
                if engine.name == GLUE_RUN_ENGINE:
                    glue_runs.append(
                        run_deployed_glue_job(endpoint, REGION, tmp_path / "state" / "aws-dev" / "glue")
                    )
                encryption_problems.extend(checked.result())

        runs["state-backend"] = _deploy(
            engine,
            stacks["state-backend"],
            tmp_path / "state" / "state-backend",
            endpoint,
            tools.aws_provider_version,
            after_apply=workload_stack,
        )
        left = [f"{name}: {r}" for name, run in runs.items() for r in run.left_in_state]
        left += leftovers(endpoint, REGION)
    applied = sum(run.applied for run in runs.values())
    second_plan = [f"{name}: {change}" for name, run in runs.items() for change in run.second_plan]

    out = ", ".join(f"{k} ({v})" for k, v in LEFT_OUT.items()) or "none"
    encryption = (
        f"state encrypted: {'yes' if not encryption_problems else 'NO'}"
        if engine.name == "tofu"
        else f"{ENCRYPTION_FILE} ignored: {'yes' if not encryption_problems else 'NO'}"
    )
    line = (
        f"emulator deploy ({', '.join(STACKS)}; {engine.name} {engine.version}, "
        f"aws provider {tools.aws_provider_version}, moto): "
        f"{applied} resources applied, left out: {len(LEFT_OUT)} [{out}], "
        f"second-plan changes: {len(second_plan)}, left after destroy: {len(left)}, {encryption}"
    ) + "".join(f"; {run.summary}" for run in glue_runs)
    print(f"\n{line}")
    record_property(SUMMARY_PROPERTY, line)
    _write_summary(engine.name, line)
    problems = [f"second plan (perpetual diff): {change}" for change in second_plan]
    problems += [f"left after destroy: {resource}" for resource in left]
    problems += encryption_problems
    assert not problems, "\n".join(problems)


def _write_summary(engine: str, line: str) -> None:
    """One line per engine in the summary file: this run's line replaces the engine's previous one.

    The tests run in parallel processes: the read-modify-write holds an exclusive lock, so no line is lost."""
    SUMMARY_FILE.parent.mkdir(parents=True, exist_ok=True)
    with SUMMARY_FILE.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        kept = []
        if SUMMARY_FILE.exists():
            kept = [
                old
                for old in SUMMARY_FILE.read_text(encoding="utf-8").splitlines()
                if old.strip() and f"; {engine} " not in old
            ]
        SUMMARY_FILE.write_text("\n".join([*kept, line]) + "\n", encoding="utf-8")
