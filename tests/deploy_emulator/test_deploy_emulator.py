"""The synthesized stacks deploy: a real Terraform engine and the real AWS provider against moto's server.

For `state-backend` and `aws-dev`: init against this machine's provider mirror, validate, apply, a second plan
that must show no changes, destroy, and nothing left in the emulator. Everything the emulator needs is added in
an override file next to the stack's JSON (emulator_overrides.py); the JSON itself is not edited. Runs in
`make test-deploy` (NORTHWIND_EMULATOR_DEPLOY=1); prints one summary line.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from deployed_glue_run import GlueRunReport, run_deployed_glue_job
from emulator_engine import Engine
from emulator_leftovers import leftovers
from emulator_moto_server import moto_server
from emulator_overrides import cli_config, remote_outputs_state, write_overrides
from emulator_tools import Tools, find_tools

ROOT = Path(__file__).resolve().parents[2]
# moto's default account: the stacks are synthesized for it, so allowed_account_ids holds as written.
ACCOUNT_ID = "123456789012"
REGION = "eu-central-1"
STACKS = ("state-backend", "aws-dev")
SUMMARY_FILE = ROOT / ".local" / "test-deploy-summary.txt"

# Resources the emulator run leaves out, each with its reason (README lists them). The goal is none.
LEFT_OUT: dict[str, str] = {}

pytestmark = pytest.mark.skipif(
    os.environ.get("NORTHWIND_EMULATOR_DEPLOY") != "1",
    reason="the emulator deployment runs in make test-deploy",
)


def _synthesize(outdir: Path) -> None:
    """`cdktf synth` as a user runs it (the app command bundles the TypeScript as it is), dev only."""
    env = {
        **os.environ,
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
    glue: GlueRunReport | None = None


def _deploy(
    engine: Engine, stack_dir: Path, state_dir: Path, endpoint: str, provider_version: str
) -> StackRun:
    """init, validate, apply, a second plan, destroy: one stack, start to end."""
    state_dir.mkdir(parents=True)
    stack = json.loads((stack_dir / "cdk.tf.json").read_text(encoding="utf-8"))
    for source, outputs in _cross_stack_outputs(stack).items():
        (state_dir / f"{source}.tfstate").write_text(json.dumps(remote_outputs_state(outputs)))
    write_overrides(stack_dir, endpoint, provider_version, state_dir)
    engine.run(stack_dir, "init", "-input=false", "-no-color")
    engine.run(stack_dir, "validate", "-no-color")
    engine.run(stack_dir, "apply", "-input=false", "-no-color", "-auto-approve")
    applied = len(engine.state_resources(stack_dir))
    # What aws-dev deployed runs before the second plan (docs/glue-job-on-emulator.md).
    glue = (
        run_deployed_glue_job(endpoint, REGION, state_dir / "glue") if stack_dir.name == "aws-dev" else None
    )
    changes = engine.planned_changes(stack_dir)
    _prepare_destroy(endpoint, stack)
    engine.run(stack_dir, "destroy", "-input=false", "-no-color", "-auto-approve")
    left = engine.state_resources(stack_dir)
    return StackRun(applied=applied, second_plan=changes, left_in_state=left, glue=glue)


def _engine(tools: Tools, work: Path) -> Engine:
    cli = work / "terraform.rc"
    cli.write_text(cli_config(tools.mirror), encoding="utf-8")
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
    return Engine(terraform=tools.terraform, env=env, log_dir=logs)


def test_stacks_apply_replan_clean_and_destroy_without_leftovers(tmp_path: Path) -> None:
    tools = find_tools()
    if isinstance(tools, str):
        pytest.skip(f"emulator deployment NOT RUN: {tools}")
    outdir = tmp_path / "cdktf.out"
    _synthesize(outdir)
    engine = _engine(tools, tmp_path)
    with moto_server(tmp_path / "moto.log") as endpoint:
        # The stacks are independent here (cross-stack values come from a file), so they run side by side.
        with ThreadPoolExecutor(max_workers=len(STACKS)) as pool:
            futures = {
                name: pool.submit(
                    _deploy,
                    engine,
                    outdir / "stacks" / name,
                    tmp_path / "state" / name,
                    endpoint,
                    tools.aws_provider_version,
                )
                for name in STACKS
            }
            runs = {name: future.result() for name, future in futures.items()}
        left = [f"{name}: {r}" for name, run in runs.items() for r in run.left_in_state]
        left += leftovers(endpoint, REGION)
    applied = sum(run.applied for run in runs.values())
    second_plan = [f"{name}: {change}" for name, run in runs.items() for change in run.second_plan]

    out = ", ".join(f"{k} ({v})" for k, v in LEFT_OUT.items()) or "none"
    line = (
        f"emulator deploy ({', '.join(STACKS)}; terraform, aws provider {tools.aws_provider_version}, moto): "
        f"{applied} resources applied, left out: {len(LEFT_OUT)} [{out}], "
        f"second-plan changes: {len(second_plan)}, left after destroy: {len(left)}"
    ) + "".join(f"; {run.glue.summary}" for run in runs.values() if run.glue)
    print(f"\n{line}")
    SUMMARY_FILE.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY_FILE.write_text(line + "\n", encoding="utf-8")
    problems = [f"second plan (perpetual diff): {change}" for change in second_plan]
    problems += [f"left after destroy: {resource}" for resource in left]
    assert not problems, "\n".join(problems)
