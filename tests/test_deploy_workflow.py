"""Rules of the deploy pipeline that actionlint (syntax, expressions) cannot know."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"


def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _steps() -> list[dict]:
    return _load("deploy-environment.yml")["jobs"]["deploy"]["steps"]


def _index(predicate) -> int:
    matches = [i for i, step in enumerate(_steps()) if predicate(step)]
    assert matches, "no step matches"
    return matches[0]


def test_aws_credentials_come_from_oidc_not_long_lived_keys():
    workflow_text = (WORKFLOWS / "deploy-environment.yml").read_text(encoding="utf-8")
    assert "AWS_ACCESS_KEY_ID" not in workflow_text and "aws-secret-access-key" not in workflow_text
    job = _load("deploy-environment.yml")["jobs"]["deploy"]
    assert job["permissions"]["id-token"] == "write"
    credentials = _steps()[_index(lambda s: "configure-aws-credentials" in s.get("uses", ""))]
    assert set(credentials["with"]) >= {"role-to-assume", "aws-region"}


def test_stacks_are_deployed_in_dependency_order_state_snowflake_aws():
    state = _index(lambda s: "state-backend" in s.get("run", ""))
    snowflake = _index(lambda s: 'tofu_stack.sh "snowflake-' in s.get("run", ""))
    aws = _index(lambda s: 'tofu_stack.sh "aws-' in s.get("run", ""))
    assert state < snowflake < aws


def test_data_pipeline_runs_after_the_stacks_and_only_when_applying():
    aws = _index(lambda s: 'tofu_stack.sh "aws-' in s.get("run", ""))
    for marker in ("run_glue_job.sh", "--target athena", "dbt/serving"):
        position = _index(lambda s, m=marker: m in s.get("run", ""))
        assert position > aws, marker
        assert "inputs.apply" in _steps()[position]["if"], marker


def test_apply_happens_only_on_main():
    jobs = _load("deploy.yml")["jobs"]
    for name in ("dev", "prod"):
        assert jobs[name]["with"]["apply"] == "${{ github.ref == 'refs/heads/main' }}"
    assert jobs["prod"]["needs"] == "dev"


def test_snowflake_key_comes_from_secrets():
    env = _load("deploy-environment.yml")["jobs"]["deploy"]["env"]
    assert env["SNOWFLAKE_PRIVATE_KEY"] == "${{ secrets.SNOWFLAKE_PRIVATE_KEY }}"
    assert env["DBT_ENV_SECRET_SNOWFLAKE_PRIVATE_KEY"] == "${{ secrets.SNOWFLAKE_PRIVATE_KEY }}"


def test_every_per_environment_setting_the_workflow_has_reaches_the_app():
    # The app reads NORTHWIND_<ENV>_<SETTING> (config/load.ts); a variable the job has but does not pass on
    # leaves the committed default in the synthesized JSON (the Snowflake provider's user, for one).
    settings = _steps()[_index(lambda s: "Per-environment settings" in s.get("name", ""))]["run"]
    for setting, variable in [
        ("ACCOUNT_ID", "AWS_ACCOUNT_ID"),
        ("REGION", "AWS_REGION"),
        ("SNOWFLAKE_ORGANIZATION_NAME", "SNOWFLAKE_ORGANIZATION_NAME"),
        ("SNOWFLAKE_ACCOUNT_NAME", "SNOWFLAKE_ACCOUNT_NAME"),
        ("SNOWFLAKE_USER", "SNOWFLAKE_USER"),
    ]:
        assert f'echo "${{prefix}}_{setting}=${{{{ vars.{variable} }}}}"' in settings, setting


def test_cdktf_deploy_drives_opentofu_wherever_it_is_used():
    env = _load("deploy-environment.yml")["jobs"]["deploy"]["env"]
    assert env["TERRAFORM_BINARY_NAME"] == "tofu"
    repo = WORKFLOWS.parents[1]
    # The README and docs/ (docs/deploy.md holds the deploy recipe).
    docs = [repo / "README.md", *sorted((repo / "docs").glob("*.md"))]
    text = "\n".join(path.read_text(encoding="utf-8") for path in docs)
    deploys = [line for line in text.splitlines() if re.search(r"\bnpx cdktf deploy\b", line)]
    assert deploys, "neither the README nor docs/ shows a cdktf deploy command"
    for line in deploys:
        assert "TERRAFORM_BINARY_NAME=tofu" in line, line


def _synthesized_aws_outputs() -> set[str]:
    repo = WORKFLOWS.parents[1]
    stack = repo / "cdktf.out" / "stacks" / "aws-dev" / "cdk.tf.json"
    if not stack.exists():
        subprocess.run(["npm", "run", "--silent", "synth:app"], cwd=repo, check=True, capture_output=True)
    return set(json.loads(stack.read_text(encoding="utf-8"))["output"])


def test_every_stack_output_the_workflow_reads_exists_in_the_synthesized_aws_stack():
    workflow_text = (WORKFLOWS / "deploy-environment.yml").read_text(encoding="utf-8")
    read = set(re.findall(r"\bout ([A-Za-z0-9_]+)\)", workflow_text))
    read |= set(re.findall(r'stack_output\.sh "aws-\$\{ENVIRONMENT\}" ([A-Za-z0-9_]+)\)', workflow_text))
    assert len(read) >= 6, f"expected the Glue and Athena outputs to be read, found {sorted(read)}"
    missing = read - _synthesized_aws_outputs()
    assert not missing, f"the workflow reads outputs the AWS stack does not declare: {sorted(missing)}"


def test_the_workflow_deploys_with_the_opentofu_version_the_tests_build():
    """One pin: .opentofu-version is read by scripts/setup-test.d/40-opentofu.sh and by the deploy workflow."""
    pin = _steps()[_index(lambda s: ".opentofu-version" in s.get("run", ""))]
    setup = _steps()[_index(lambda s: "setup-opentofu" in s.get("uses", ""))]
    assert setup["with"]["tofu_version"] == f"${{{{ steps.{pin['id']}.outputs.version }}}}"
    assert _steps().index(pin) < _steps().index(setup)
    setup_script = (WORKFLOWS.parents[1] / "scripts" / "setup-test.d" / "40-opentofu.sh").read_text(
        encoding="utf-8"
    )
    assert "< .opentofu-version" in setup_script
