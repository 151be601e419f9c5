"""Database credentials from AWS Secrets Manager (the RDS-managed secret of the Aurora cluster)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


class SecretError(RuntimeError):
    """The secret is missing, unreadable or lacks username/password (its content is never echoed)."""


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str

    def __repr__(self) -> str:  # keep the password out of any log or traceback
        return f"Credentials(username={self.username!r}, password=***)"


def fetch_credentials(secret_id: str, client: Any) -> Credentials:
    """Read `username` and `password` from the secret's JSON; `client` is a boto3 secretsmanager client."""
    try:
        response = client.get_secret_value(SecretId=secret_id)
    except Exception as exc:  # noqa: BLE001 - botocore ClientError; it carries no secret material
        raise SecretError(f"cannot read secret {secret_id}: {exc}") from None
    raw = response.get("SecretString")
    if raw is None:
        raise SecretError(f"secret {secret_id} has no SecretString (binary secrets are not supported)")
    try:
        payload = json.loads(raw)
    except json.JSONDecodeError:
        raise SecretError(f"secret {secret_id} is not JSON") from None
    missing = [k for k in ("username", "password") if not isinstance(payload, dict) or not payload.get(k)]
    if missing:
        raise SecretError(f"secret {secret_id} lacks {' and '.join(missing)}")
    return Credentials(str(payload["username"]), str(payload["password"]))
