/**
 * The typed settings of one deployment environment. `main.ts` builds one of these per environment
 * (defaults from `environments.ts`, overrides from the process environment), validates it with
 * `validateEnvironmentConfig` and passes it down; constructs never read `process.env`.
 */

/** The environments the app knows. */
export const ENVIRONMENT_NAMES = ['dev', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** `single`: one NAT gateway shared by every AZ (cheap, dev). `per-az`: one per AZ (no cross-AZ dependency, prod). */
export const NAT_MODES = ['single', 'per-az'] as const;
export type NatMode = (typeof NAT_MODES)[number];

/** Glue worker types the job may use. */
export const GLUE_WORKER_TYPES = ['G.1X', 'G.2X', 'G.4X', 'G.8X'] as const;
export type GlueWorkerType = (typeof GLUE_WORKER_TYPES)[number];

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export interface NetworkSettings {
  /** The VPC's IPv4 CIDR, /16 to /24. */
  readonly vpcCidr: string;
  /** Availability zones (at least two, all in the environment's region). */
  readonly availabilityZones: readonly string[];
  /** One public subnet CIDR per AZ (NAT gateways live here). */
  readonly publicSubnetCidrs: readonly string[];
  /** One private subnet CIDR per AZ (Aurora, Glue, interface endpoints). */
  readonly privateSubnetCidrs: readonly string[];
  /** NAT gateway layout. */
  readonly natMode: NatMode;
}

export interface AuroraSettings {
  /** Aurora PostgreSQL engine version, pinned to a 16.x minor (no auto minor upgrade). */
  readonly engineVersion: string;
  /** Serverless v2 minimum capacity in ACU (0 allows auto-pause). */
  readonly minCapacityAcu: number;
  /** Serverless v2 maximum capacity in ACU. */
  readonly maxCapacityAcu: number;
  /** Seconds of inactivity before the cluster pauses; only used when `minCapacityAcu` is 0 (300..86400). */
  readonly autoPauseSeconds: number;
  /** Days of automated backups (1..35). */
  readonly backupRetentionDays: number;
  /** Refuse `destroy` on the cluster. */
  readonly deletionProtection: boolean;
  /** Take a final snapshot when the cluster is destroyed. */
  readonly finalSnapshot: boolean;
  /** Database created in the cluster (the Northwind source). */
  readonly databaseName: string;
}

export interface GlueSettings {
  /** Glue version; the job code targets 5.0 (Spark 3.5, Python 3.11, Iceberg 1.7). */
  readonly version: string;
  /** Worker type. */
  readonly workerType: GlueWorkerType;
  /** Number of workers (2..299). */
  readonly numberOfWorkers: number;
  /** Job timeout in minutes. */
  readonly timeoutMinutes: number;
}

export interface LakeSettings {
  /** Key prefix of the Iceberg warehouse in the lake bucket (no slashes at the ends). */
  readonly warehousePrefix: string;
  /** Days before objects under the Glue temp prefix expire. */
  readonly tempExpirationDays: number;
  /** Days before Athena query results expire. */
  readonly queryResultExpirationDays: number;
  /** Days before non-current object versions expire in every bucket. */
  readonly noncurrentVersionExpirationDays: number;
}

export interface AthenaSettings {
  /** Per-query limit on bytes scanned (at least 10 MB, Athena's minimum). */
  readonly bytesScannedCutoffPerQuery: number;
}

/**
 * What the AWS side needs from Snowflake for the cross-cloud trust. Snowflake reports the IAM user ARN and
 * external id of its storage/catalog integrations (DESC INTEGRATION); the Snowflake stack can feed them as
 * cross-stack references instead, in which case these values are the fallback for a first deploy.
 */
export interface SnowflakeSettings {
  /** Snowflake organization name (the first part of the account identifier). */
  readonly organizationName: string;
  /** Snowflake account name (the second part of the account identifier). */
  readonly accountName: string;
  /** The AWS IAM user ARN Snowflake uses (STORAGE_AWS_IAM_USER_ARN / GLUE_AWS_IAM_USER_ARN). */
  readonly iamUserArn: string;
  /** External ids Snowflake presents (STORAGE_AWS_EXTERNAL_ID, GLUE_AWS_EXTERNAL_ID); at least one. */
  readonly externalIds: readonly string[];
  /** Glue catalog layers (database suffixes) whose warehouse prefixes Snowflake may read. */
  readonly servedLayers: readonly CatalogLayer[];
  /** Snowflake user the provider logs in as (key-pair auth; the key comes from SNOWFLAKE_PRIVATE_KEY at plan/apply). */
  readonly user: string;
  /** Role the provider deploys with: creates integrations, roles and grants (default ACCOUNTADMIN). */
  readonly deployRole: string;
  /** Role at the top of the platform's role hierarchy (default SYSADMIN). */
  readonly parentRole: string;
  /** Let ACCOUNTADMIN see real values of masked columns (default false: no blanket administrator bypass). */
  readonly accountAdminBypass: boolean;
  /** Statement timeout of the serving warehouse in seconds (default 3600). */
  readonly statementTimeoutSeconds: number;
}

/**
 * OpenTofu's client-side encryption of a stack's state and saved plans (`encryption.tofu.json`, written by synth
 * beside `cdk.tf.json`). Terraform ignores `.tofu.json` files, so with Terraform only S3's SSE-KMS applies.
 */
export interface StateEncryptionSettings {
  /** Encrypt state and plans client-side (default true). Off: no `encryption.tofu.json` is written. */
  readonly enabled: boolean;
  /**
   * Also read (and once rewrite) state that is not encrypted yet: the `fallback` migration step. Turn on for
   * the first apply after enabling encryption on an existing deployment, then off again (default false).
   */
  readonly migrateUnencryptedState: boolean;
}

/** Layers of the lake, each one Glue catalog database. */
export const CATALOG_LAYERS = ['raw', 'vault', 'marts'] as const;
export type CatalogLayer = (typeof CATALOG_LAYERS)[number];

export interface EnvironmentConfig {
  /** Environment name; part of every stack id and resource name. */
  readonly environment: EnvironmentName;
  /** Prefix of every resource name: lower-case letters, digits and hyphens, 3..20 characters. */
  readonly namePrefix: string;
  /** The AWS account the environment deploys to (12 digits). */
  readonly accountId: string;
  /** AWS region (default eu-central-1). */
  readonly region: string;
  /** Retention of every CloudWatch log group (days, one of LOG_RETENTION_DAYS). */
  readonly logRetentionDays: number;
  readonly network: NetworkSettings;
  readonly aurora: AuroraSettings;
  readonly glue: GlueSettings;
  readonly lake: LakeSettings;
  readonly athena: AthenaSettings;
  readonly snowflake: SnowflakeSettings;
  /** OpenTofu state and plan encryption with the state KMS key (default on). */
  readonly stateEncryption: StateEncryptionSettings;
}

/** Where the remote state lives: one bucket and lock table for every stack of every environment. */
export interface StateBackendConfig {
  /** Prefix of the state bucket and lock table names. */
  readonly namePrefix: string;
  /** The AWS account holding the state (12 digits). */
  readonly accountId: string;
  /** Region of the state bucket and lock table. */
  readonly region: string;
  /**
   * OpenTofu encryption of the bootstrap stack's own local state (default on). It cannot use the state key it
   * creates, so it uses a pbkdf2 passphrase from TF_VAR_state_backend_passphrase.
   */
  readonly stateEncryption: StateEncryptionSettings;
}

/** Everything the app needs: the state backend plus one config per environment it builds. */
export interface AppConfig {
  readonly state: StateBackendConfig;
  readonly environments: readonly EnvironmentConfig[];
}
