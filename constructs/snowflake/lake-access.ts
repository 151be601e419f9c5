import { Execute } from '@cdktf/provider-snowflake/lib/execute';
import { ExternalVolume } from '@cdktf/provider-snowflake/lib/external-volume';
import { Stage } from '@cdktf/provider-snowflake/lib/stage';
import { StorageIntegration } from '@cdktf/provider-snowflake/lib/storage-integration';
import { Fn, TerraformIterator, TerraformLocal, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { SnowflakeNames } from './names';

export interface LakeAccessProps {
  /** The environment's Snowflake names. */
  readonly names: SnowflakeNames;
  /** ARN of the AWS role Snowflake assumes, built from account id and role name (no reference to the role). */
  readonly awsRoleArn: string;
  /** The served location: `s3://<lake bucket>/<warehouse>/<marts database>.db/` (ends with `/`). */
  readonly servedLocation: string;
  /** AWS account holding the Glue Data Catalog. */
  readonly glueCatalogId: string;
  /** Region of the Glue Data Catalog. */
  readonly glueRegion: string;
  /** Glue database whose Iceberg tables Snowflake reads (the catalog integration's namespace). */
  readonly glueDatabase: string;
  /** Seconds between the catalog integration's checks for new Iceberg snapshots. Default 60. */
  readonly refreshIntervalSeconds?: number;
  /** The lake schema (the stage lives there). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** What the AWS role must trust: the IAM user and the external ids Snowflake reports. Tokens. */
export interface ReportedTrust {
  readonly iamUserArn: string;
  readonly externalIds: readonly string[];
}

/** The catalog integration DDL; the provider has no resource for catalog integrations in 2.11. */
export function catalogIntegrationSql(props: LakeAccessProps): { create: string; drop: string; describe: string } {
  const name = props.names.catalogIntegration;
  const create = [
    `CREATE CATALOG INTEGRATION ${name}`,
    '  CATALOG_SOURCE = GLUE',
    '  TABLE_FORMAT = ICEBERG',
    `  CATALOG_NAMESPACE = '${props.glueDatabase}'`,
    `  GLUE_AWS_ROLE_ARN = '${props.awsRoleArn}'`,
    `  GLUE_CATALOG_ID = '${props.glueCatalogId}'`,
    `  GLUE_REGION = '${props.glueRegion}'`,
    `  REFRESH_INTERVAL_SECONDS = ${props.refreshIntervalSeconds ?? 60}`,
    '  ENABLED = TRUE',
    "  COMMENT = 'Glue Data Catalog of the Northwind marts (managed by the snowflake stack)'",
  ].join('\n');
  return {
    create,
    drop: `DROP CATALOG INTEGRATION IF EXISTS ${name}`,
    describe: `DESCRIBE CATALOG INTEGRATION ${name}`,
  };
}

/**
 * Snowflake's way into the lake, read-only and limited to the served location: a storage integration and a
 * stage on it, an external volume for the Iceberg data files and a Glue catalog integration for the Iceberg
 * metadata. All three name the AWS role by ARN; `trust` is what Snowflake reports back for the role's trust
 * policy (the AWS stack consumes it as cross-stack references).
 */
export class LakeAccess extends Construct {
  readonly storageIntegration: StorageIntegration;
  readonly stage: Stage;
  readonly externalVolume: ExternalVolume;
  readonly catalogIntegration: Execute;
  readonly trust: ReportedTrust;

  constructor(scope: Construct, id: string, props: LakeAccessProps) {
    super(scope, id);
    const { names } = props;
    if (!props.servedLocation.startsWith('s3://') || !props.servedLocation.endsWith('/')) {
      throw new Error(`LakeAccess: servedLocation must be s3://<bucket>/<prefix>/, got ${props.servedLocation}`);
    }

    this.storageIntegration = new StorageIntegration(this, 'storage-integration', {
      name: names.storageIntegration,
      type: 'EXTERNAL_STAGE',
      enabled: true,
      storageProvider: 'S3',
      storageAwsRoleArn: props.awsRoleArn,
      storageAllowedLocations: [props.servedLocation],
      comment: 'Read access to the served marts location of the lake',
    });

    this.stage = new Stage(this, 'stage', {
      database: names.database,
      schema: names.lakeSchema,
      name: names.stage,
      url: props.servedLocation,
      storageIntegration: this.storageIntegration.name,
      comment: 'Lists and reads the served marts files (checks, ad-hoc inspection)',
      dependsOn: [...(props.dependsOn ?? [])],
    });

    this.externalVolume = new ExternalVolume(this, 'external-volume', {
      name: names.externalVolume,
      // Externally managed Iceberg tables: Snowflake reads the files Glue/Athena write, never writes itself.
      allowWrites: 'false',
      storageLocation: [
        {
          storageLocationName: 'marts',
          storageProvider: 'S3',
          storageBaseUrl: props.servedLocation,
          storageAwsRoleArn: props.awsRoleArn,
        },
      ],
      comment: 'Iceberg data files of the served marts (read only)',
    });

    const sql = catalogIntegrationSql(props);
    this.catalogIntegration = new Execute(this, 'catalog-integration', {
      execute: sql.create,
      revert: sql.drop,
      query: sql.describe,
    });

    // DESCRIBE returns one row per property; the external id Snowflake generated is in GLUE_AWS_EXTERNAL_ID.
    const rows = TerraformIterator.fromList(this.catalogIntegration.interpolationForAttribute('query_results'));
    // A local, so the AWS stack receives this one value rather than every property of the integration.
    const catalogExternalId = new TerraformLocal(
      this,
      'catalog-external-id',
      Fn.one(rows.forExpressionForList('val.property_value if val.property == "GLUE_AWS_EXTERNAL_ID"')),
    ).asString;

    this.trust = {
      // One IAM user per Snowflake account: every integration of the account reports the same ARN.
      iamUserArn: this.storageIntegration.storageAwsIamUserArn,
      externalIds: [
        this.storageIntegration.storageAwsExternalId,
        this.externalVolume.storageLocation.get(0).storageAwsExternalId,
        catalogExternalId,
      ],
    };
  }
}
