import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { GlueConnection } from '@cdktf/provider-aws/lib/glue-connection';
import { GlueJob } from '@cdktf/provider-aws/lib/glue-job';
import { GlueSecurityConfiguration } from '@cdktf/provider-aws/lib/glue-security-configuration';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import * as path from 'path';
import type { GlueSettings } from '../../config/settings';
import { POSTGRES_PORT } from './aurora-cluster';
import { EncryptedLogGroup } from './log-group';
import { PythonPackageAsset } from './python-package-asset';

/** Key prefixes in the Glue assets bucket. */
export const GLUE_SCRIPTS_PREFIX = 'scripts/';
export const GLUE_TEMP_PREFIX = 'temp/';

export interface GlueIngestJobProps {
  /** Job name. */
  readonly jobName: string;
  /** Role name (derive it with `roleNames`). */
  readonly roleName: string;
  /** JDBC connection name. */
  readonly connectionName: string;
  /** Security configuration name. */
  readonly securityConfigurationName: string;
  readonly settings: GlueSettings;
  readonly accountId: string;
  readonly region: string;
  /** Directory holding `glue_entry.py` and the `northwind_ingest/` package. */
  readonly glueJobDir: string;
  /** Bucket for scripts, the zipped package and the temp directory. */
  readonly assetsBucketName: string;
  /** The lake bucket and the key prefix (ending in `/`) the job may write: its catalog database's tables. */
  readonly lakeBucketName: string;
  readonly writablePrefix: string;
  /** The Iceberg warehouse URI passed as `--WAREHOUSE`. */
  readonly warehouseUri: string;
  /** The catalog database the job creates and replaces tables in (`--CATALOG_DATABASE`). */
  readonly catalogDatabase: string;
  /** Aurora endpoint, database and schema read over JDBC. */
  readonly sourceHost: string;
  readonly sourceDatabase: string;
  /** Source schema; default `public`. */
  readonly sourceSchema?: string;
  /** ARN of the Aurora master secret: the only secret the job may read. */
  readonly secretArn: string;
  /** Customer key of the environment (S3, secret, logs, bookmarks). */
  readonly kmsKeyArn: string;
  /** Private subnet and availability zone of the connection, and the Glue security group. */
  readonly subnetId: string;
  readonly availabilityZone: string;
  readonly securityGroupId: string;
  /** Log retention in days. */
  readonly logRetentionDays: number;
}

/**
 * The ingestion job: uploads the entry script and the zipped `northwind_ingest` package, creates the JDBC
 * connection (credentials by SECRET_ID, never a password), the security configuration (S3, CloudWatch and
 * bookmark encryption), encrypted log groups, a least-privilege role and the Glue 5.0 job with Iceberg on.
 */
export class GlueIngestJob extends Construct {
  readonly job: GlueJob;
  readonly role: IamRole;
  readonly defaultArguments: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: GlueIngestJobProps) {
    super(scope, id);
    const assetsArn = `arn:aws:s3:::${props.assetsBucketName}`;
    const lakeArn = `arn:aws:s3:::${props.lakeBucketName}`;
    const glueArn = `arn:aws:glue:${props.region}:${props.accountId}`;
    const logsArn = `arn:aws:logs:${props.region}:${props.accountId}:log-group:`;
    const ec2Arn = `arn:aws:ec2:${props.region}:${props.accountId}`;

    // Code: the entry script as a file, the package as a zip for --extra-py-files.
    const script = new TerraformAsset(this, 'entry-script', {
      path: path.join(props.glueJobDir, 'glue_entry.py'),
      type: AssetType.FILE,
    });
    const pkg = new PythonPackageAsset(this, 'package', {
      packageDir: path.join(props.glueJobDir, 'northwind_ingest'),
    });
    const upload = (uploadId: string, key: string, asset: TerraformAsset): S3Object =>
      new S3Object(this, uploadId, {
        bucket: props.assetsBucketName,
        key,
        source: asset.path,
        sourceHash: asset.assetHash,
        serverSideEncryption: 'aws:kms',
        kmsKeyId: props.kmsKeyArn,
      });
    const scriptObject = upload('entry-script-object', `${GLUE_SCRIPTS_PREFIX}glue_entry.py`, script);
    const packageObject = upload('package-object', `${GLUE_SCRIPTS_PREFIX}northwind_ingest.zip`, pkg.asset);

    // Logs: with a security configuration Glue writes output/error under a name derived from it and the role.
    const logGroupNames = {
      continuous: `/aws-glue/jobs/${props.jobName}`,
      output: `/aws-glue/jobs/${props.securityConfigurationName}-role/${props.roleName}/output`,
      error: `/aws-glue/jobs/${props.securityConfigurationName}-role/${props.roleName}/error`,
    };
    for (const [kind, name] of Object.entries(logGroupNames)) {
      new EncryptedLogGroup(this, `logs-${kind}`, {
        name,
        retentionDays: props.logRetentionDays,
        kmsKeyArn: props.kmsKeyArn,
      });
    }

    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['glue.amazonaws.com'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] }],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'Glue ingestion job: Aurora (JDBC) to Iceberg in the lake',
      assumeRolePolicy: trust.json,
    });

    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'ReadOnlyTheAuroraSecret',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [props.secretArn],
      },
      {
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
        actions: ['s3:ListBucket', 's3:GetBucketLocation'],
        resources: [lakeArn],
        condition: [{ test: 'StringLike', variable: 's3:prefix', values: [`${props.writablePrefix}*`] }],
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
        sid: 'WriteOwnLogGroups',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: Object.values(logGroupNames).map((name) => `${logsArn}${name}:*`),
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
    const permissions = new DataAwsIamPolicyDocument(this, 'permissions', { statement: statements });
    new IamRolePolicy(this, 'policy', { name: 'ingest-least-privilege', role: this.role.id, policy: permissions.json });

    const connection = new GlueConnection(this, 'connection', {
      name: props.connectionName,
      description: 'JDBC to the Northwind source; credentials come from Secrets Manager (SECRET_ID)',
      connectionType: 'JDBC',
      connectionProperties: {
        JDBC_CONNECTION_URL: `jdbc:postgresql://${props.sourceHost}:${POSTGRES_PORT}/${props.sourceDatabase}`,
        SECRET_ID: props.secretArn,
        JDBC_ENFORCE_SSL: 'true',
      },
      physicalConnectionRequirements: {
        availabilityZone: props.availabilityZone,
        subnetId: props.subnetId,
        securityGroupIdList: [props.securityGroupId],
      },
    });

    const security = new GlueSecurityConfiguration(this, 'security', {
      name: props.securityConfigurationName,
      encryptionConfiguration: {
        s3Encryption: { s3EncryptionMode: 'SSE-KMS', kmsKeyArn: props.kmsKeyArn },
        cloudwatchEncryption: { cloudwatchEncryptionMode: 'SSE-KMS', kmsKeyArn: props.kmsKeyArn },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn: props.kmsKeyArn },
      },
    });

    const s3Uri = (key: string): string => `s3://${props.assetsBucketName}/${key}`;
    // The contract with glue_job/glue_entry.py (getResolvedOptions): names and meanings must not drift.
    this.defaultArguments = {
      '--SECRET_ID': props.secretArn,
      '--SOURCE_HOST': props.sourceHost,
      '--SOURCE_PORT': String(POSTGRES_PORT),
      '--SOURCE_DATABASE': props.sourceDatabase,
      '--SOURCE_SCHEMA': props.sourceSchema ?? 'public',
      '--CATALOG_DATABASE': props.catalogDatabase,
      '--WAREHOUSE': props.warehouseUri,
      '--datalake-formats': 'iceberg',
      '--extra-py-files': s3Uri(packageObject.key),
      '--enable-continuous-cloudwatch-log': 'true',
      '--continuous-log-logGroup': logGroupNames.continuous,
      '--job-language': 'python',
      '--TempDir': s3Uri(GLUE_TEMP_PREFIX),
    };
    this.job = new GlueJob(this, 'job', {
      name: props.jobName,
      description: 'Northwind ingestion: Aurora PostgreSQL over JDBC into Iceberg tables (raw layer)',
      roleArn: this.role.arn,
      glueVersion: props.settings.version,
      workerType: props.settings.workerType,
      numberOfWorkers: props.settings.numberOfWorkers,
      timeout: props.settings.timeoutMinutes,
      maxRetries: 0,
      executionProperty: { maxConcurrentRuns: 1 },
      command: { name: 'glueetl', pythonVersion: '3', scriptLocation: s3Uri(scriptObject.key) },
      connections: [connection.name],
      securityConfiguration: security.name,
      defaultArguments: this.defaultArguments,
    });
  }
}
