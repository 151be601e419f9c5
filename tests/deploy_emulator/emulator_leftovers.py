"""What a destroyed stack left behind in the emulator, listed per API (empty means a clean destroy)."""

from __future__ import annotations

import boto3


def emulator_client(endpoint: str, region: str, service: str):
    """A boto3 client of the emulated account (moto takes any credentials)."""
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="emulator",
        aws_secret_access_key="emulator",
    )


def leftovers(endpoint: str, region: str) -> list[str]:
    """Every resource the stacks create that still exists. Keys pending deletion count as gone (AWS waits too)."""

    def c(service: str):
        return emulator_client(endpoint, region, service)

    ec2, rds, glue, iam, kms = c("ec2"), c("rds"), c("glue"), c("iam"), c("kms")
    found: list[str] = []
    found += [f"s3 bucket {b['Name']}" for b in c("s3").list_buckets()["Buckets"]]
    found += [f"iam role {r['RoleName']}" for r in iam.list_roles()["Roles"]]
    found += [f"iam policy {p['PolicyName']}" for p in iam.list_policies(Scope="Local")["Policies"]]
    # AWS-managed keys and their aliases (alias/aws/...) belong to the services, not to the stacks. moto creates
    # those default keys on first use with KeyManager CUSTOMER, so they are known by their alias.
    aliases = kms.list_aliases()["Aliases"]
    service_keys = {
        a["TargetKeyId"] for a in aliases if "TargetKeyId" in a and a["AliasName"].startswith("alias/aws/")
    }
    for key in kms.list_keys()["Keys"]:
        metadata = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        managed = metadata.get("KeyManager") == "AWS" or key["KeyId"] in service_keys
        if not managed and metadata["KeyState"] != "PendingDeletion":
            found.append(
                f"kms key {key['KeyId']} ({metadata['KeyState']}, {metadata.get('Description', '')!r})"
            )
    found += [
        f"kms alias {a['AliasName']}"
        for a in aliases
        if "TargetKeyId" in a and not a["AliasName"].startswith("alias/aws/")
    ]
    found += [f"log group {g['logGroupName']}" for g in c("logs").describe_log_groups()["logGroups"]]
    found += [f"vpc {v['VpcId']}" for v in ec2.describe_vpcs()["Vpcs"] if not v.get("IsDefault")]
    found += [f"elastic ip {a.get('AllocationId')}" for a in ec2.describe_addresses()["Addresses"]]
    found += [
        f"nat gateway {n['NatGatewayId']}"
        for n in ec2.describe_nat_gateways()["NatGateways"]
        if n["State"] not in ("deleted", "deleting")
    ]
    found += [
        f"vpc endpoint {e['VpcEndpointId']}"
        for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]
        if e["State"].lower() not in ("deleted", "deleting")
    ]
    found += [f"flow log {f['FlowLogId']}" for f in ec2.describe_flow_logs()["FlowLogs"]]
    found += [f"rds cluster {x['DBClusterIdentifier']}" for x in rds.describe_db_clusters()["DBClusters"]]
    found += [f"rds instance {x['DBInstanceIdentifier']}" for x in rds.describe_db_instances()["DBInstances"]]
    found += [
        f"db subnet group {x['DBSubnetGroupName']}" for x in rds.describe_db_subnet_groups()["DBSubnetGroups"]
    ]
    found += [
        f"db cluster parameter group {x['DBClusterParameterGroupName']}"
        for x in rds.describe_db_cluster_parameter_groups()["DBClusterParameterGroups"]
        if not x["DBClusterParameterGroupName"].startswith("default.")
    ]
    found += [
        f"secret {s['Name']}"
        for s in c("secretsmanager").list_secrets()["SecretList"]
        if "DeletedDate" not in s
    ]
    found += [f"glue database {d['Name']}" for d in glue.get_databases()["DatabaseList"]]
    found += [f"glue job {j}" for j in glue.list_jobs()["JobNames"]]
    found += [f"glue trigger {t}" for t in glue.list_triggers()["TriggerNames"]]
    found += [f"glue connection {x['Name']}" for x in glue.get_connections()["ConnectionList"]]
    found += [
        f"glue security configuration {x['Name']}"
        for x in glue.get_security_configurations()["SecurityConfigurations"]
    ]
    found += [
        f"athena workgroup {w['Name']}"
        for w in c("athena").list_work_groups()["WorkGroups"]
        if w["Name"] != "primary"
    ]
    found += [f"dynamodb table {t}" for t in c("dynamodb").list_tables()["TableNames"]]
    return found
