import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { GLUE_SCRIPTS_PREFIX, GLUE_TEMP_PREFIX } from './glue-job-code';

export interface GlueJobPermissionsProps {
  readonly accountId: string;
  readonly region: string;
  /** Bucket names (references are fine) of the assets and the lake. */
  readonly assetsBucketName: string;
  readonly lakeBucketName: string;
  /** The lake key prefix (ending in `/`) the jobs write and compact: their catalog database's tables. */
  readonly writablePrefix: string;
  readonly catalogDatabase: string;
  readonly connectionName: string;
  readonly secretArn: string;
  readonly kmsKeyArn: string;
  readonly subnetId: string;
  readonly securityGroupId: string;
  /** Names of the log groups the jobs write. */
  readonly logGroupNames: readonly string[];
}

/**
 * What the Glue jobs (ingestion and Iceberg maintenance, one role) may do, each statement scoped to exact
 * resources: the Aurora secret, scripts and temp in the assets bucket, read/write/delete under their own lake
 * prefix (maintenance deletes expired snapshots' files and orphans there), their catalog database's tables,
 * their connection, their log groups, and network interfaces in their subnet and security group.
 */
export function glueJobStatements(props: GlueJobPermissionsProps): DataAwsIamPolicyDocumentStatement[] {
  const assetsArn = `arn:aws:s3:::${props.assetsBucketName}`;
  const lakeArn = `arn:aws:s3:::${props.lakeBucketName}`;
  const glueArn = `arn:aws:glue:${props.region}:${props.accountId}`;
  const logsArn = `arn:aws:logs:${props.region}:${props.accountId}:log-group:`;
  const ec2Arn = `arn:aws:ec2:${props.region}:${props.accountId}`;
  return [
    {
      sid: 'ReadOnlyTheAuroraSecret',
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [props.secretArn],
    },
    {
      // The entry script, the package zip and the RDS CA bundle (--extra-files).
      sid: 'ReadScripts',
      actions: ['s3:GetObject'],
      resources: [`${assetsArn}/${GLUE_SCRIPTS_PREFIX}*`],
    },
    {
      sid: 'UseTempDir',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`${assetsArn}/${GLUE_TEMP_PREFIX}*`],
    },
    {
      sid: 'ListScriptsAndTemp',
      actions: ['s3:ListBucket'],
      resources: [assetsArn],
      condition: [
        { test: 'StringLike', variable: 's3:prefix', values: [`${GLUE_SCRIPTS_PREFIX}*`, `${GLUE_TEMP_PREFIX}*`] },
      ],
    },
    {
      sid: 'ReadWriteOwnWarehousePrefix',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`${lakeArn}/${props.writablePrefix}*`],
    },
    {
      sid: 'ListOwnWarehousePrefix',
      actions: ['s3:ListBucket'],
      resources: [lakeArn],
      condition: [{ test: 'StringLike', variable: 's3:prefix', values: [`${props.writablePrefix}*`] }],
    },
    {
      // GetBucketLocation carries no s3:prefix: under the prefix condition above it could never be allowed.
      sid: 'LocateOwnBuckets',
      actions: ['s3:GetBucketLocation'],
      resources: [assetsArn, lakeArn],
    },
    {
      sid: 'UseTheEnvironmentKey',
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: [props.kmsKeyArn],
    },
    {
      sid: 'ManageTablesOfOwnCatalogDatabase',
      actions: [
        'glue:GetDatabase',
        'glue:GetTable',
        'glue:GetTables',
        'glue:CreateTable',
        'glue:UpdateTable',
        'glue:DeleteTable',
        'glue:GetPartitions',
        'glue:BatchGetPartition',
      ],
      resources: [
        `${glueArn}:catalog`,
        `${glueArn}:database/${props.catalogDatabase}`,
        `${glueArn}:table/${props.catalogDatabase}/*`,
      ],
    },
    {
      sid: 'ReadOwnConnection',
      actions: ['glue:GetConnection'],
      resources: [`${glueArn}:catalog`, `${glueArn}:connection/${props.connectionName}`],
    },
    {
      // AssociateKmsKey: the security configuration encrypts CloudWatch logs, so Glue associates the key with
      // the log group at the start of a run; without it the run writes no logs at all.
      sid: 'WriteOwnLogGroups',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:AssociateKmsKey'],
      resources: props.logGroupNames.flatMap((name) => [`${logsArn}${name}`, `${logsArn}${name}:*`]),
    },
    {
      // Glue attaches workers to the VPC through network interfaces in its connection's subnet.
      sid: 'CreateWorkerNetworkInterfaces',
      actions: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:CreateTags', 'ec2:DeleteTags'],
      resources: [
        `${ec2Arn}:network-interface/*`,
        `${ec2Arn}:subnet/${props.subnetId}`,
        `${ec2Arn}:security-group/${props.securityGroupId}`,
      ],
    },
    {
      // Describe calls support no resource-level permissions; they are read-only.
      sid: 'DescribeNetworkForConnection',
      actions: [
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeVpcs',
        'ec2:DescribeVpcEndpoints',
        'ec2:DescribeRouteTables',
        'ec2:DescribeVpcAttribute',
      ],
      resources: ['*'],
    },
  ];
}
