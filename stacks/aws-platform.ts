import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import {
  bucketNames,
  catalogDatabaseName,
  glueNames,
  resourcePrefix,
  roleNames,
  warehouseDatabasePrefix,
  warehouseUri,
} from '../config/names';
import { CATALOG_LAYERS, type CatalogLayer, type EnvironmentConfig, type StateBackendConfig } from '../config/settings';
import { AccessLogBucket } from '../constructs/aws/access-log-bucket';
import { AnalyticsWorkgroup } from '../constructs/aws/athena-workgroup';
import { AuroraCluster } from '../constructs/aws/aurora-cluster';
import { EncryptionKey } from '../constructs/aws/encryption-key';
import { GlueIngestJob } from '../constructs/aws/glue-ingest-job';
import { GlueSecurityGroup } from '../constructs/aws/glue-security-group';
import { Network } from '../constructs/aws/network';
import { VpcEndpoints } from '../constructs/aws/vpc-endpoints';
import { SecureBucket } from '../constructs/aws/secure-bucket';
import { SnowflakeAccessRole } from '../constructs/aws/snowflake-access-role';
import { useRemoteState } from './state-backend-config';

/** The app's root (holds cdktf.json), found from this file whether it runs compiled (dist/) or as TypeScript. */
function projectRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'cdktf.json'))) return dir;
  }
  throw new Error(`AwsPlatformStack: no cdktf.json above ${__dirname}; pass glueJobDir explicitly`);
}

/** Who Snowflake is, for the access role's trust policy. Values may be tokens (cross-stack references). */
export interface SnowflakeTrust {
  /** The IAM user ARN Snowflake's integrations use. */
  readonly iamUserArn: string;
  /** The external ids Snowflake's integrations present. */
  readonly externalIds: readonly string[];
}

export interface AwsPlatformStackProps {
  /** The environment's validated settings. */
  readonly config: EnvironmentConfig;
  /** Where this stack's state lives. */
  readonly state: StateBackendConfig;
  /** Overrides the Snowflake trust from `config.snowflake`, e.g. with the Snowflake stack's outputs; default the settings. */
  readonly snowflakeTrust?: SnowflakeTrust;
  /** Directory holding `glue_entry.py` and `northwind_ingest/`; default `glue_job` next to the app. */
  readonly glueJobDir?: string;
}

/**
 * The AWS side of one environment: network, Aurora (the Northwind source), the lake buckets, the Glue catalog
 * and ingestion job, Athena, and the role Snowflake reads the marts through.
 */
export class AwsPlatformStack extends TerraformStack {
  readonly config: EnvironmentConfig;
  readonly buckets: {
    readonly lake: SecureBucket;
    readonly athenaResults: SecureBucket;
    readonly glueAssets: SecureBucket;
  };
  readonly catalogDatabases: Readonly<Record<CatalogLayer, string>>;
  readonly snowflakeRole: SnowflakeAccessRole;
  readonly dataKey: EncryptionKey;
  readonly network: Network;
  readonly endpoints: VpcEndpoints;
  readonly aurora: AuroraCluster;
  readonly glueJob: GlueIngestJob;
  readonly athena: AnalyticsWorkgroup;

  constructor(scope: Construct, id: string, props: AwsPlatformStackProps) {
    super(scope, id);
    const { config } = props;
    this.config = config;
    useRemoteState(this, id, props.state);
    new AwsProvider(this, 'aws', { region: config.region, allowedAccountIds: [config.accountId] });

    const prefix = resourcePrefix(config);
    const names = bucketNames(config);

    // One customer-managed key for the environment's data: buckets, Aurora, its secret, logs and Glue.
    this.dataKey = new EncryptionKey(this, 'data-key', {
      alias: `${prefix}-data`,
      description: `Encrypts the ${config.environment} data platform: S3, Aurora, Secrets Manager, logs, Glue`,
      accountId: config.accountId,
      region: config.region,
      allowCloudWatchLogs: true,
      allowS3ServerAccessLogs: true,
    });
    const kmsKeyArn = this.dataKey.arn;
    const noncurrent = config.lake.noncurrentVersionExpirationDays;

    const accessLogs = new AccessLogBucket(this, 'access-logs', {
      bucketName: names.accessLogs,
      kmsKeyArn,
      accountId: config.accountId,
      sourceBucketNames: [names.lake, names.athenaResults, names.glueAssets],
      noncurrentVersionExpirationDays: noncurrent,
    });
    const common = { kmsKeyArn, accessLogBucket: accessLogs.name, noncurrentVersionExpirationDays: noncurrent };
    this.buckets = {
      lake: new SecureBucket(this, 'lake', { ...common, bucketName: names.lake }),
      athenaResults: new SecureBucket(this, 'athena-results', {
        ...common,
        bucketName: names.athenaResults,
        expirations: [{ prefix: '', days: config.lake.queryResultExpirationDays }],
      }),
      glueAssets: new SecureBucket(this, 'glue-assets', {
        ...common,
        bucketName: names.glueAssets,
        expirations: [{ prefix: 'temp/', days: config.lake.tempExpirationDays }],
      }),
    };

    const databases = {} as Record<CatalogLayer, string>;
    for (const layer of CATALOG_LAYERS) {
      const name = catalogDatabaseName(config, layer);
      new GlueCatalogDatabase(this, `catalog-${layer}`, {
        name,
        description: `Northwind ${layer} layer (${config.environment}), Iceberg tables in the lake bucket`,
        locationUri: `s3://${names.lake}/${warehouseDatabasePrefix(config.lake.warehousePrefix, name)}`,
      });
      databases[layer] = name;
    }
    this.catalogDatabases = databases;

    const roles = roleNames(config);
    const glue = glueNames(config);
    this.network = new Network(this, 'network', {
      namePrefix: prefix,
      settings: config.network,
      kmsKeyArn,
      logRetentionDays: config.logRetentionDays,
      flowLogRoleName: roles.flowLogs,
    });
    const vpcId = this.network.vpc.id;
    this.endpoints = new VpcEndpoints(this, 'endpoints', {
      namePrefix: prefix,
      region: config.region,
      vpcId,
      vpcCidr: config.network.vpcCidr,
      subnetIds: this.network.privateSubnets.map((subnet) => subnet.id),
      routeTableIds: this.network.privateRouteTables.map((table) => table.id),
    });
    const glueSg = new GlueSecurityGroup(this, 'glue-sg', {
      name: `${prefix}-glue-job`,
      vpcId,
      vpcCidr: config.network.vpcCidr,
      s3PrefixListId: this.endpoints.s3.prefixListId,
    });
    this.aurora = new AuroraCluster(this, 'aurora', {
      identifier: `${prefix}-source`,
      settings: config.aurora,
      vpcId,
      subnetIds: this.network.privateSubnets.map((subnet) => subnet.id),
      clientSecurityGroupId: glueSg.id,
      monitoringRoleName: roles.rdsMonitoring,
      kmsKeyArn,
    });
    glueSg.allowPostgres(this.aurora.securityGroup.id);

    const warehouse = warehouseUri(names.lake, config.lake.warehousePrefix);
    this.glueJob = new GlueIngestJob(this, 'ingest', {
      jobName: glue.job,
      roleName: roles.glueJob,
      connectionName: glue.connection,
      securityConfigurationName: glue.securityConfiguration,
      settings: config.glue,
      accountId: config.accountId,
      region: config.region,
      glueJobDir: props.glueJobDir ?? path.join(projectRoot(), 'glue_job'),
      assetsBucketName: names.glueAssets,
      lakeBucketName: names.lake,
      writablePrefix: warehouseDatabasePrefix(config.lake.warehousePrefix, databases.raw),
      warehouseUri: warehouse,
      catalogDatabase: databases.raw,
      sourceHost: this.aurora.endpoint,
      sourceDatabase: config.aurora.databaseName,
      secretArn: this.aurora.secretArn,
      kmsKeyArn,
      subnetId: this.network.privateSubnets[0].id,
      availabilityZone: config.network.availabilityZones[0],
      securityGroupId: glueSg.id,
      logRetentionDays: config.logRetentionDays,
    });

    this.athena = new AnalyticsWorkgroup(this, 'athena', {
      name: glue.athenaWorkgroup,
      resultsBucketName: names.athenaResults,
      accountId: config.accountId,
      kmsKeyArn,
      bytesScannedCutoffPerQuery: config.athena.bytesScannedCutoffPerQuery,
    });

    const trust = props.snowflakeTrust ?? config.snowflake;
    const served = config.snowflake.servedLayers.map((layer) => databases[layer]);
    this.snowflakeRole = new SnowflakeAccessRole(this, 'snowflake-access', {
      roleName: roles.snowflakeAccess,
      trustedPrincipalArn: trust.iamUserArn,
      externalIds: trust.externalIds,
      lakeBucketName: names.lake,
      readablePrefixes: served.map((db) => warehouseDatabasePrefix(config.lake.warehousePrefix, db)),
      kmsKeyArn,
      accountId: config.accountId,
      region: config.region,
      catalogDatabases: served,
    });

    new TerraformOutput(this, 'lake_bucket', { value: names.lake });
    new TerraformOutput(this, 'athena_results_bucket', { value: names.athenaResults });
    new TerraformOutput(this, 'glue_assets_bucket', { value: names.glueAssets });
    new TerraformOutput(this, 'access_log_bucket', { value: names.accessLogs });
    new TerraformOutput(this, 'warehouse_path', { value: warehouse });
    new TerraformOutput(this, 'glue_job_name', { value: this.glueJob.job.name });
    new TerraformOutput(this, 'glue_job_role_arn', { value: this.glueJob.role.arn });
    new TerraformOutput(this, 'snowflake_access_role_arn', { value: this.snowflakeRole.arn });
    new TerraformOutput(this, 'aurora_endpoint', { value: this.aurora.endpoint });
    new TerraformOutput(this, 'aurora_secret_arn', { value: this.aurora.secretArn });
    new TerraformOutput(this, 'athena_workgroup', { value: this.athena.name });
    for (const layer of CATALOG_LAYERS) {
      new TerraformOutput(this, `catalog_database_${layer}`, { value: databases[layer] });
    }
    new TerraformOutput(this, 'data_kms_key_arn', { value: kmsKeyArn });
  }
}
