"""moto's server with narrow patches where it behaves unlike AWS (docs/testing.md, "The emulator deployment").

1. moto evaluates a bucket policy's statements without the request's context: the TLS-only statement every
   bucket carries (Deny s3:* when aws:SecureTransport is false) matches every object request, so object uploads
   fail with 403 even over HTTPS. On AWS every request of a deployment is TLS, so exactly that statement is
   dropped before moto evaluates the rest of the policy.
2. moto's PutBucketLogging check of the target bucket's policy accepts one exact statement shape: it crashes
   (HTTP 500, which the provider retries until it times out) on a statement whose Principal is the string "*"
   (the TLS-only deny) and ignores Action/Resource lists. The replacement applies the same rule AWS documents:
   an Allow of s3:PutObject for logging.s3.amazonaws.com on the target bucket's objects.
3. moto's KMS ignores EnableKeyRotation's RotationPeriodInDays and GetKeyRotationStatus never returns it, so
   every key with a rotation period shows a perpetual diff (0 -> 365). The period is kept and returned.
4. moto's RDS keeps the Data API (EnableHttpEndpoint) only for Serverless v1 engine versions; Aurora
   PostgreSQL Serverless v2 has it on AWS. It is kept for every cluster.
5. moto's RDS returns an empty ScalingConfigurationInfo (Serverless v1) for every cluster, which the provider
   reads as a scaling_configuration block to fill in. It is returned only when one was set.
6. moto's RDS drops an instance's Performance Insights settings. They are kept and returned.
7. moto's Glue GetConnection has no top-level ConnectionType (only inside Connection). It is added.
8. moto's EC2 drops the description of a security group rule that references another group. It is kept.
9. moto's Glue has no DeleteConnection (destroy fails with "not implemented"). It is added.

Run as `python patched_moto_server.py -H 127.0.0.1 -p PORT`, the same arguments as `python -m moto.server`.
"""

from __future__ import annotations

import json
from typing import Any

from moto.core.responses import EmptyResult
from moto.ec2.models.security_groups import SecurityGroupRule
from moto.glue.exceptions import EntityNotFoundException
from moto.glue.models import FakeConnection
from moto.glue.responses import GlueResponse
from moto.iam.access_control import IAMPolicy, PermissionResult
from moto.kms.responses import KmsResponse
from moto.rds.models import DBCluster, DBInstance
from moto.s3.models import FakeBucket
from moto.server import main


def _is_tls_only_deny(statement: dict[str, Any]) -> bool:
    condition = statement.get("Condition", {})
    value = condition.get("Bool", {}).get("aws:SecureTransport")
    return statement.get("Effect") == "Deny" and list(condition) == ["Bool"] and value in ("false", ["false"])


def _permission_over_tls(self: FakeBucket, action: str, resource: str) -> Any:
    if self.policy is None:
        return PermissionResult.NEUTRAL
    policy = json.loads(self.policy.decode())
    statements = policy.get("Statement", [])
    statements = [statements] if isinstance(statements, dict) else statements
    policy["Statement"] = [s for s in statements if not _is_tls_only_deny(s)]
    if not policy["Statement"]:
        return PermissionResult.NEUTRAL
    return IAMPolicy(json.dumps(policy)).is_action_permitted(action, resource)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _log_delivery_allowed(target_bucket: FakeBucket, target_prefix: str | None) -> bool:
    if target_bucket.policy is None:
        return False
    objects = f"arn:{target_bucket.partition}:s3:::{target_bucket.name}/"
    for statement in _as_list(json.loads(target_bucket.policy.decode()).get("Statement", [])):
        principal = statement.get("Principal")
        services = _as_list(principal.get("Service", [])) if isinstance(principal, dict) else []
        if statement.get("Effect") != "Allow" or "logging.s3.amazonaws.com" not in services:
            continue
        if "s3:PutObject" not in _as_list(statement.get("Action", [])):
            continue
        resources = _as_list(statement.get("Resource", []))
        if any(r in (f"{objects}*", f"{objects}{target_prefix or ''}*") for r in resources):
            return True
    return False


_enable_key_rotation = KmsResponse.enable_key_rotation
_get_key_rotation_status = KmsResponse.get_key_rotation_status


def _enable_key_rotation_with_period(self: KmsResponse) -> str:
    result = _enable_key_rotation(self)
    key = self.kms_backend.keys[self.kms_backend.get_key_id(self._get_param("KeyId"))]
    key.rotation_period_in_days = self._get_param("RotationPeriodInDays") or 365
    return result


def _key_rotation_status_with_period(self: KmsResponse) -> str:
    status = json.loads(_get_key_rotation_status(self))
    key = self.kms_backend.keys[self.kms_backend.get_key_id(self._get_param("KeyId"))]
    if status.get("KeyRotationEnabled"):
        status["RotationPeriodInDays"] = getattr(key, "rotation_period_in_days", 365)
    return json.dumps(status)


def _keep_http_endpoint(self: DBCluster, value: bool | None) -> None:
    self._enable_http_endpoint = bool(value)


def _scaling_configuration_if_set(self: DBCluster) -> dict[str, Any] | None:
    return _scaling_configuration_info.fget(self) if self.scaling_configuration else None


_scaling_configuration_info = DBCluster.scaling_configuration_info
_db_instance_init = DBInstance.__init__
# Request parameter (snake_case, as moto passes it) -> attribute moto serializes the response from.
PERFORMANCE_INSIGHTS = {
    "enable_performance_insights": "performance_insights_enabled",
    "performance_insights_kms_key_id": "performance_insights_kms_key_id",
    "performance_insights_retention_period": "performance_insights_retention_period",
}


def _db_instance_with_performance_insights(self: DBInstance, *args: Any, **kwargs: Any) -> None:
    _db_instance_init(self, *args, **kwargs)
    for parameter, attribute in PERFORMANCE_INSIGHTS.items():
        if kwargs.get(parameter) is not None:
            setattr(self, attribute, kwargs[parameter])


_connection_as_dict = FakeConnection.as_dict


def _connection_with_type(self: FakeConnection, *args: Any, **kwargs: Any) -> dict[str, Any]:
    result = _connection_as_dict(self, *args, **kwargs)
    result.setdefault("ConnectionType", self.connection_input.get("ConnectionType"))
    return result


def _delete_connection(self: GlueResponse) -> EmptyResult:
    name = self._get_param("ConnectionName")
    if self.glue_backend.connections.pop(name, None) is None:
        raise EntityNotFoundException(f"Connection {name} not found")
    return EmptyResult()


def _rule_description(self: SecurityGroupRule) -> str | None:
    return self.ip_range.get("Description") or self.source_group.get("Description")


DBCluster.enable_http_endpoint = property(DBCluster.enable_http_endpoint.fget, _keep_http_endpoint)  # type: ignore[method-assign]
DBCluster.scaling_configuration_info = property(_scaling_configuration_if_set)  # type: ignore[method-assign]
DBInstance.__init__ = _db_instance_with_performance_insights  # type: ignore[method-assign]
GlueResponse.delete_connection = _delete_connection  # type: ignore[attr-defined]
FakeConnection.as_dict = _connection_with_type  # type: ignore[method-assign]
SecurityGroupRule.description = property(_rule_description)  # type: ignore[method-assign]
KmsResponse.enable_key_rotation = _enable_key_rotation_with_period  # type: ignore[method-assign]
KmsResponse.get_key_rotation_status = _key_rotation_status_with_period  # type: ignore[method-assign]
FakeBucket.get_permission = _permission_over_tls  # type: ignore[method-assign]
FakeBucket._log_permissions_enabled_policy = staticmethod(_log_delivery_allowed)  # type: ignore[method-assign]

if __name__ == "__main__":
    main()
