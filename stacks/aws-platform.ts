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
  private accessLogs!: AccessLogBucket;

  constructor(scope: Construct, id: string, props: AwsPlatformStackProps) {
    super(scope, id);
    const { config } = props;
    this.config = config;
    useRemoteState(this, id, props.state, config);
    new AwsProvider(this, 'aws', { region: config.region, allowedAccountIds: [config.accountId] });

    // Named parts, in dependency order. One customer-managed key for the environment's data: buckets, Aurora, its secret, logs and Glue.
    this.dataKey = new EncryptionKey(this, 'data-key', {
      alias: `${resourcePrefix(config)}-data`,
      description: `Encrypts the ${config.environment} data platform: S3, Aurora, Secrets Manager, logs, Glue`,
      accountId: config.accountId,
      region: config.region,
      allowCloudWatchLogs: true,
      allowS3ServerAccessLogs: true,
    });
    this.buckets = this.createBuckets();
    this.catalogDatabases = this.createCatalogDatabases();
    const { network, endpoints, glueSg } = this.createNetwork();
    this.network = network;
    this.endpoints = endpoints;
    this.aurora = this.createAurora(glueSg);
    this.glueJob = this.createIngestion(props.glueJobDir ?? path.join(projectRoot(), 'glue_job'), glueSg.id);
    this.athena = new AnalyticsWorkgroup(this, 'athena', {
      name: glueNames(config).athenaWorkgroup,
      resultsBucketName: this.buckets.athenaResults.name,
      accountId: config.accountId,
      kmsKeyArn: this.dataKey.arn,
      bytesScannedCutoffPerQuery: config.athena.bytesScannedCutoffPerQuery,
    });
    this.snowflakeRole = this.createSnowflakeRole(props.snowflakeTrust ?? config.snowflake);
    this.createOutputs();
  }

  /** The lake, query-results and Glue-assets buckets, each logging to the access-log bucket. */
  private createBuckets(): AwsPlatformStack['buckets'] {
    const { config } = this;
    const names = bucketNames(config);
    const kmsKeyArn = this.dataKey.arn;
    const noncurrent = config.lake.noncurrentVersionExpirationDays;
    this.accessLogs = new AccessLogBucket(this, 'access-logs', {
      bucketName: names.accessLogs,
      kmsKeyArn,
      accountId: config.accountId,
      sourceBucketNames: [names.lake, names.athenaResults, names.glueAssets],
      noncurrentVersionExpirationDays: noncurrent,
    });
    const common = { kmsKeyArn, accessLogs: this.accessLogs.target, noncurrentVersionExpirationDays: noncurrent };
    return {
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
  }

  /** One Glue catalog database per layer, located in the lake bucket (by reference). */
  private createCatalogDatabases(): Record<CatalogLayer, string> {
    const { config } = this;
    const databases = {} as Record<CatalogLayer, string>;
    for (const layer of CATALOG_LAYERS) {
      const name = catalogDatabaseName(config, layer);
      const database = new GlueCatalogDatabase(this, `catalog-${layer}`, {
        name,
        description: `Northwind ${layer} layer (${config.environment}), Iceberg tables in the lake bucket`,
        locationUri: `s3://${this.buckets.lake.name}/${warehouseDatabasePrefix(config.lake.warehousePrefix, name)}`,
      });
      databases[layer] = database.name;
    }
    return databases;
  }

  /** VPC, endpoints and the Glue security group (returned with the network parts it belongs to). */
  private createNetwork(): { network: Network; endpoints: VpcEndpoints; glueSg: GlueSecurityGroup } {
    const { config } = this;
    const prefix = resourcePrefix(config);
    const network = new Network(this, 'network', {
      namePrefix: prefix,
      settings: config.network,
      kmsKeyArn: this.dataKey.arn,
      logRetentionDays: config.logRetentionDays,
      flowLogRoleName: roleNames(config).flowLogs,
    });
    const endpoints = new VpcEndpoints(this, 'endpoints', {
      namePrefix: prefix,
      region: config.region,
      vpcId: network.vpc.id,
      vpcCidr: config.network.vpcCidr,
      subnetIds: network.privateSubnets.map((subnet) => subnet.id),
      routeTableIds: network.privateRouteTables.map((table) => table.id),
    });
    const glueSg = new GlueSecurityGroup(this, 'glue-sg', {
      name: `${prefix}-glue-job`,
      vpcId: network.vpc.id,
      vpcCidr: config.network.vpcCidr,
      s3PrefixListId: endpoints.s3.prefixListId,
    });
    return { network, endpoints, glueSg };
  }

  /** The Northwind source cluster, reachable from the Glue security group only. */
  private createAurora(glueSg: GlueSecurityGroup): AuroraCluster {
    const { config } = this;
    const aurora = new AuroraCluster(this, 'aurora', {
      identifier: `${resourcePrefix(config)}-source`,
      settings: config.aurora,
      vpcId: this.network.vpc.id,
      subnetIds: this.network.privateSubnets.map((subnet) => subnet.id),
      clientSecurityGroupId: glueSg.id,
      monitoringRoleName: roleNames(config).rdsMonitoring,
      kmsKeyArn: this.dataKey.arn,
      logRetentionDays: config.logRetentionDays,
    });
    glueSg.allowPostgres(aurora.securityGroup.id);
    return aurora;
  }

  /** The ingestion and Iceberg maintenance jobs, writing the raw database's prefix of the lake. */
  private createIngestion(glueJobDir: string, glueSecurityGroupId: string): GlueIngestJob {
    const { config } = this;
    const glue = glueNames(config);
    const rawPrefix = warehouseDatabasePrefix(config.lake.warehousePrefix, catalogDatabaseName(config, 'raw'));
    return new GlueIngestJob(this, 'ingest', {
      jobName: glue.job,
      maintenanceJobName: glue.maintenanceJob,
      maintenanceTriggerName: glue.maintenanceSchedule,
      roleName: roleNames(config).glueJob,
      connectionName: glue.connection,
      securityConfigurationName: glue.securityConfiguration,
      settings: config.glue,
      accountId: config.accountId,
      region: config.region,
      glueJobDir,
      assetsBucketName: this.buckets.glueAssets.name,
      lakeBucketName: this.buckets.lake.name,
      writablePrefix: rawPrefix,
      warehouseUri: this.warehouseUri(),
      catalogDatabase: this.catalogDatabases.raw,
      sourceHost: this.aurora.endpoint,
      sourceDatabase: config.aurora.databaseName,
      secretArn: this.aurora.secretArn,
      kmsKeyArn: this.dataKey.arn,
      subnetId: this.network.privateSubnets[0].id,
      availabilityZone: config.network.availabilityZones[0],
      securityGroupId: glueSecurityGroupId,
      logRetentionDays: config.logRetentionDays,
    });
  }

  /** The role Snowflake reads the served layers through, trusting what Snowflake reports. */
  private createSnowflakeRole(trust: SnowflakeTrust): SnowflakeAccessRole {
    const { config } = this;
    const served = config.snowflake.servedLayers;
    return new SnowflakeAccessRole(this, 'snowflake-access', {
      roleName: roleNames(config).snowflakeAccess,
      trustedPrincipalArn: trust.iamUserArn,
      externalIds: trust.externalIds,
      lakeBucketName: this.buckets.lake.name,
      readablePrefixes: served.map((layer) =>
        warehouseDatabasePrefix(config.lake.warehousePrefix, catalogDatabaseName(config, layer)),
      ),
      kmsKeyArn: this.dataKey.arn,
      accountId: config.accountId,
      region: config.region,
      catalogDatabases: served.map((layer) => this.catalogDatabases[layer]),
    });
  }

  /** The Iceberg warehouse location in the lake bucket. */
  private warehouseUri(): string {
    return warehouseUri(this.buckets.lake.name, this.config.lake.warehousePrefix);
  }

  private createOutputs(): void {
    new TerraformOutput(this, 'lake_bucket', { value: this.buckets.lake.name });
    new TerraformOutput(this, 'athena_results_bucket', { value: this.buckets.athenaResults.name });
    new TerraformOutput(this, 'glue_assets_bucket', { value: this.buckets.glueAssets.name });
    new TerraformOutput(this, 'access_log_bucket', { value: this.accessLogs.name });
    new TerraformOutput(this, 'warehouse_path', { value: this.warehouseUri() });
    new TerraformOutput(this, 'glue_job_name', { value: this.glueJob.job.name });
    new TerraformOutput(this, 'glue_maintenance_job_name', { value: this.glueJob.maintenanceJob.name });
    new TerraformOutput(this, 'glue_job_role_arn', { value: this.glueJob.role.arn });
    new TerraformOutput(this, 'snowflake_access_role_arn', { value: this.snowflakeRole.arn });
    new TerraformOutput(this, 'aurora_endpoint', { value: this.aurora.endpoint });
    new TerraformOutput(this, 'aurora_secret_arn', { value: this.aurora.secretArn });
    new TerraformOutput(this, 'athena_workgroup', { value: this.athena.name });
    for (const layer of CATALOG_LAYERS) {
      new TerraformOutput(this, `catalog_database_${layer}`, { value: this.catalogDatabases[layer] });
    }
    new TerraformOutput(this, 'data_kms_key_arn', { value: this.dataKey.arn });
  }
}
