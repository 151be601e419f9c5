import { SnowflakeProvider } from '@cdktf/provider-snowflake/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { bucketNames, catalogDatabaseName, snowflakeAccessRoleArn, warehouseDatabasePrefix } from '../config/names';
import type { EnvironmentConfig, StateBackendConfig } from '../config/settings';
import { AccessRoles } from '../constructs/snowflake/access-roles';
import { Governance } from '../constructs/snowflake/governance';
import { LakeAccess, type ReportedTrust } from '../constructs/snowflake/lake-access';
import { snowflakeNames, type SnowflakeNames } from '../constructs/snowflake/names';
import { ServingDatabase } from '../constructs/snowflake/serving-database';
import { useRemoteState } from './state-backend-config';

/**
 * The provider's preview features this stack uses, and only those (the provider refuses a preview resource
 * that is not listed). One place, one reason each.
 */
export const SNOWFLAKE_PREVIEW_FEATURES: readonly string[] = [
  // Read access to the served marts location through a storage integration (no keys in Snowflake).
  'snowflake_storage_integration_resource',
  // The stage on that integration, to list and inspect the served files.
  'snowflake_stage_resource',
  // The external volume the Iceberg tables read their data files through.
  'snowflake_external_volume_resource',
];

export interface SnowflakePlatformStackProps {
  /** The environment's validated settings. */
  readonly config: EnvironmentConfig;
  /** Where this stack's state lives (the AWS stack reads the reported trust from it). */
  readonly state: StateBackendConfig;
}

/**
 * The Snowflake side of one environment: database, schemas and warehouse; transformer, reader and
 * sensitivity roles with their grants; tags with tag-based masking policies; and the integrations that let
 * Snowflake read the Iceberg marts in place. Deployed before the AWS stack, whose Snowflake role trusts what
 * this stack's integrations report (`trust`).
 */
export class SnowflakePlatformStack extends TerraformStack {
  readonly names: SnowflakeNames;
  readonly database: ServingDatabase;
  readonly governance: Governance;
  readonly lake: LakeAccess;
  readonly access: AccessRoles;
  /** The IAM user ARN and external ids Snowflake reports, as tokens for the AWS stack. */
  readonly trust: ReportedTrust;

  constructor(scope: Construct, id: string, props: SnowflakePlatformStackProps) {
    super(scope, id);
    const { config } = props;
    const sf = config.snowflake;
    useRemoteState(this, id, props.state, config);
    // Key-pair auth: the provider reads the private key (and passphrase) from SNOWFLAKE_PRIVATE_KEY
    // (SNOWFLAKE_PRIVATE_KEY_PASSPHRASE) at plan/apply time; nothing secret is synthesized.
    new SnowflakeProvider(this, 'snowflake', {
      organizationName: sf.organizationName,
      accountName: sf.accountName,
      user: sf.user,
      role: sf.deployRole,
      authenticator: 'SNOWFLAKE_JWT',
      previewFeaturesEnabled: [...SNOWFLAKE_PREVIEW_FEATURES],
    });

    this.names = snowflakeNames(config);
    this.database = new ServingDatabase(this, 'serving', {
      names: this.names,
      statementTimeoutSeconds: sf.statementTimeoutSeconds,
    });
    const schemas = [this.database.lakeSchema, this.database.martsSchema, this.database.governanceSchema];

    this.governance = new Governance(this, 'governance', {
      names: this.names,
      accountAdminBypass: sf.accountAdminBypass,
      dependsOn: [this.database.governanceSchema],
    });

    // The served layer (marts) only: the role Snowflake assumes may read nothing else.
    const servedDatabase = catalogDatabaseName(config, 'marts');
    const lakeBucket = bucketNames(config).lake;
    this.lake = new LakeAccess(this, 'lake', {
      names: this.names,
      awsRoleArn: snowflakeAccessRoleArn(config),
      servedLocation: `s3://${lakeBucket}/${warehouseDatabasePrefix(config.lake.warehousePrefix, servedDatabase)}`,
      glueCatalogId: config.accountId,
      glueRegion: config.region,
      glueDatabase: servedDatabase,
      dependsOn: [this.database.lakeSchema],
    });
    this.trust = this.lake.trust;

    this.access = new AccessRoles(this, 'access', {
      names: this.names,
      parentRole: sf.parentRole,
      dependsOn: [
        ...schemas,
        this.database.database,
        this.database.warehouse,
        this.lake.externalVolume,
        this.lake.catalogIntegration,
        this.lake.stage,
        this.governance.piiTag,
        this.governance.sensitivityTag,
      ],
    });

    new TerraformOutput(this, 'database', { value: this.names.database });
    new TerraformOutput(this, 'warehouse', { value: this.names.warehouse });
    new TerraformOutput(this, 'transformer_role', { value: this.names.roles.transformer });
    new TerraformOutput(this, 'reader_role', { value: this.names.roles.reader });
    new TerraformOutput(this, 'catalog_integration', { value: this.names.catalogIntegration });
    new TerraformOutput(this, 'external_volume', { value: this.names.externalVolume });
  }
}
