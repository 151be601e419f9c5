import type { CatalogLayer, EnvironmentName, StateBackendConfig } from './settings';

/**
 * Every physical name the platform uses is derived here, from (prefix, environment, account id), so any stack,
 * the Snowflake side included, can compute a name or ARN without a reference to the resource that owns it.
 */

/** The inputs every name is derived from. */
export interface NameScope {
  readonly namePrefix: string;
  readonly environment: EnvironmentName;
  readonly accountId: string;
  readonly region: string;
}

export interface BucketNames {
  /** Iceberg warehouse (raw, vault and marts tables). */
  readonly lake: string;
  /** Athena query results. */
  readonly athenaResults: string;
  /** Glue job scripts, the zipped package and Glue's temp directory. */
  readonly glueAssets: string;
  /** S3 server access logs of the other buckets. */
  readonly accessLogs: string;
}

/** Bucket names are global: prefix, environment and account id make them unique and predictable. */
export function bucketNames(s: NameScope): BucketNames {
  const name = (purpose: string): string => `${s.namePrefix}-${s.environment}-${purpose}-${s.accountId}`;
  return {
    lake: name('lake'),
    athenaResults: name('athena-results'),
    glueAssets: name('glue-assets'),
    accessLogs: name('access-logs'),
  };
}

/** Prefix of every other resource name in an environment: `northwind-dev`. */
export function resourcePrefix(s: Pick<NameScope, 'namePrefix' | 'environment'>): string {
  return `${s.namePrefix}-${s.environment}`;
}

/** IAM role names. */
export function roleNames(s: Pick<NameScope, 'namePrefix' | 'environment'>): {
  readonly glueJob: string;
  readonly snowflakeAccess: string;
  readonly flowLogs: string;
  readonly rdsMonitoring: string;
  readonly deploy: string;
} {
  const p = resourcePrefix(s);
  return {
    glueJob: `${p}-glue-job`,
    snowflakeAccess: `${p}-snowflake-access`,
    flowLogs: `${p}-vpc-flow-logs`,
    rdsMonitoring: `${p}-rds-monitoring`,
    // Not created by the stacks: the role a person or the pipeline (OIDC) deploys the environment as.
    deploy: `${p}-deploy`,
  };
}

/** The ARN of a role from account id and role name (what the Snowflake integration is given). */
export function roleArn(accountId: string, roleName: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** The ARN of the Snowflake access role of an environment. */
export function snowflakeAccessRoleArn(s: Pick<NameScope, 'namePrefix' | 'environment' | 'accountId'>): string {
  return roleArn(s.accountId, roleNames(s).snowflakeAccess);
}

/** Glue Data Catalog database of a layer: `northwind_dev_raw` (Glue/Athena want lower case and underscores). */
export function catalogDatabaseName(s: Pick<NameScope, 'namePrefix' | 'environment'>, layer: CatalogLayer): string {
  return `${s.namePrefix}_${s.environment}_${layer}`.replace(/-/g, '_');
}

/** Key prefix of a catalog database's Iceberg tables in the lake bucket (Glue's `<db>.db/` convention). */
export function warehouseDatabasePrefix(warehousePrefix: string, database: string): string {
  return `${warehousePrefix}/${database}.db/`;
}

/** The Iceberg warehouse location given to the Glue job and dbt: `s3://<lake>/<prefix>/`. */
export function warehouseUri(lakeBucket: string, warehousePrefix: string): string {
  return `s3://${lakeBucket}/${warehousePrefix}/`;
}

/** Glue jobs, trigger, connection, security configuration and Athena workgroup names. */
export function glueNames(s: Pick<NameScope, 'namePrefix' | 'environment'>): {
  readonly job: string;
  readonly maintenanceJob: string;
  readonly maintenanceSchedule: string;
  readonly connection: string;
  readonly securityConfiguration: string;
  readonly athenaWorkgroup: string;
} {
  const p = resourcePrefix(s);
  return {
    job: `${p}-ingest`,
    maintenanceJob: `${p}-iceberg-maintenance`,
    maintenanceSchedule: `${p}-iceberg-maintenance-weekly`,
    connection: `${p}-aurora-northwind`,
    securityConfiguration: `${p}-glue-encryption`,
    athenaWorkgroup: `${p}-analytics`,
  };
}

/** Remote state: bucket, its access-log bucket, lock table, and the KMS alias encrypting state. */
export function stateBackendNames(s: StateBackendConfig): {
  readonly bucket: string;
  readonly accessLogBucket: string;
  readonly lockTable: string;
  readonly kmsAlias: string;
} {
  return {
    bucket: `${s.namePrefix}-tfstate-${s.accountId}-${s.region}`,
    accessLogBucket: `${s.namePrefix}-tfstate-logs-${s.accountId}-${s.region}`,
    lockTable: `${s.namePrefix}-tfstate-locks`,
    kmsAlias: `alias/${s.namePrefix}-tfstate`,
  };
}

/**
 * The role in the state account that an environment's stacks reach their state through, when the environment
 * lives in another account: `<prefix>-tfstate-<env>`.
 */
export function stateAccessRoleName(
  state: Pick<StateBackendConfig, 'namePrefix'>,
  environment: EnvironmentName,
): string {
  return `${state.namePrefix}-tfstate-${environment}`;
}

/** The stack ids of one environment: the state keys its deploy role may read and write. */
export function environmentStackIds(environment: EnvironmentName): readonly string[] {
  return [`snowflake-${environment}`, `aws-${environment}`];
}

/** One state object per stack: `<stack id>/terraform.tfstate` (the stack id carries the environment). */
export function stateKey(stackId: string): string {
  return `${stackId}/terraform.tfstate`;
}
