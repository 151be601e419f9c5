"""What the emulator run adds next to a synthesized stack, in an override file; the stack's own JSON stays as is.

Terraform and OpenTofu merge `*_override.tf.json` into the configuration: the bootstrap stack's local state moves
to the test's folder, the S3 backend of the other stacks and the provider talk to moto with dummy credentials, the
provider version is the one this machine's mirror holds, and the cross-stack reads of the Snowflake stack's state
come from a local state file the test writes. `encryption.tofu.json` is not overridden: OpenTofu's key provider
reaches moto's KMS through AWS_ENDPOINT_URL_KMS (it has no endpoint setting for KMS).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OVERRIDE_FILE = "emulator_override.tf.json"

# Every AWS API the stacks call (provider 5.x endpoint names).
SERVICES = (
    "athena",
    "cloudwatch",
    "dynamodb",
    "ec2",
    "glue",
    "iam",
    "kms",
    "logs",
    "rds",
    "s3",
    "secretsmanager",
    "sts",
)


def cli_config(mirror: Path, host: str = "registry.terraform.io") -> str:
    """A CLI configuration that installs providers of `host` only from the filesystem mirror."""
    return (
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{mirror}"\n    include = ["{host}/*/*"]\n  }}\n'
        f'  direct {{\n    exclude = ["{host}/*/*"]\n  }}\n'
        "}\n"
    )


def provider_override(endpoint: str) -> dict[str, Any]:
    return {
        # Dummy credentials: moto accepts any; nothing real exists on this machine.
        "access_key": "emulator",
        "secret_key": "emulator",
        "skip_credentials_validation": True,
        "skip_metadata_api_check": True,
        "skip_region_validation": True,
        "s3_use_path_style": True,
        "endpoints": [{service: endpoint for service in SERVICES}],
    }


def backend_override(stack: dict[str, Any], endpoint: str, state_dir: Path) -> dict[str, Any]:
    """The stack's own backend, reaching moto: S3 (state bucket, lock table, lock file) as synthesized, plus
    endpoints and dummy credentials; the bootstrap stack's local state in the test's folder. An override's backend
    block replaces the stack's whole, so the S3 settings are copied."""
    backend = stack["terraform"]["backend"]
    if "s3" not in backend:
        return {"local": {"path": str(state_dir / "terraform.tfstate")}}
    return {
        "s3": {
            **backend["s3"],
            "access_key": "emulator",
            "secret_key": "emulator",
            "skip_credentials_validation": True,
            "skip_metadata_api_check": True,
            "skip_region_validation": True,
            "skip_requesting_account_id": True,
            "use_path_style": True,
            "endpoints": {"s3": endpoint, "dynamodb": endpoint, "sts": endpoint, "iam": endpoint},
        }
    }


def stack_override(
    stack: dict[str, Any], endpoint: str, provider_version: str, state_dir: Path
) -> dict[str, Any]:
    """The override for one stack: backend and provider on the emulator, this machine's provider version."""
    override: dict[str, Any] = {
        "terraform": {
            "backend": backend_override(stack, endpoint, state_dir),
            "required_providers": {"aws": {"source": "hashicorp/aws", "version": provider_version}},
        },
        "provider": {"aws": provider_override(endpoint)},
    }
    remote = stack.get("data", {}).get("terraform_remote_state", {})
    if remote:
        override["data"] = {
            "terraform_remote_state": {
                name: {"backend": "local", "config": {"path": str(state_dir / f"{name}.tfstate")}}
                for name in remote
            }
        }
    return override


def remote_outputs_state(outputs: dict[str, str]) -> dict[str, Any]:
    """A minimal state file holding only root outputs: what terraform_remote_state reads of another stack."""
    return {
        "version": 4,
        "terraform_version": "1.11.4",
        "serial": 1,
        "lineage": "emulator-cross-stack-values",
        "outputs": {name: {"value": value, "type": "string"} for name, value in outputs.items()},
        "resources": [],
    }


def write_overrides(stack_dir: Path, endpoint: str, provider_version: str, state_dir: Path) -> None:
    stack = json.loads((stack_dir / "cdk.tf.json").read_text(encoding="utf-8"))
    override = stack_override(stack, endpoint, provider_version, state_dir)
    (stack_dir / OVERRIDE_FILE).write_text(json.dumps(override, indent=2), encoding="utf-8")
