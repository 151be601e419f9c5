import type { EnvironmentName } from '../../config/settings';

/**
 * Every Snowflake object name of an environment, derived in one place from the name prefix and environment.
 * Account-level objects (database, warehouse, roles, integrations, external volume) carry the environment, so
 * dev and prod can share one Snowflake account. dbt/serving derives the same names (its `name_prefix` var and
 * target name); dbt/tests/serving checks that the two agree.
 */
export interface SnowflakeNames {
  readonly database: string;
  /** Schema of the Iceberg tables read from the lake (created by the dbt serving project). */
  readonly lakeSchema: string;
  /** Schema of the governed mart views. */
  readonly martsSchema: string;
  /** Schema of the tags and masking policies (no data; the reader role has no access to it). */
  readonly governanceSchema: string;
  readonly warehouse: string;
  readonly roles: {
    readonly transformer: string;
    readonly reader: string;
    readonly low: string;
    readonly high: string;
    readonly critical: string;
  };
  readonly storageIntegration: string;
  readonly stage: string;
  readonly externalVolume: string;
  readonly catalogIntegration: string;
  readonly tags: { readonly pii: string; readonly sensitivity: string };
}

/** `northwind` + `dev` -> `NORTHWIND_DEV` (Snowflake identifiers: upper case, no hyphens). */
export function snowflakePrefix(s: { readonly namePrefix: string; readonly environment: EnvironmentName }): string {
  return `${s.namePrefix}_${s.environment}`.replace(/-/g, '_').toUpperCase();
}

export function snowflakeNames(s: {
  readonly namePrefix: string;
  readonly environment: EnvironmentName;
}): SnowflakeNames {
  const p = snowflakePrefix(s);
  return {
    database: p,
    lakeSchema: 'LAKE',
    martsSchema: 'MARTS',
    governanceSchema: 'GOVERNANCE',
    warehouse: `${p}_WH`,
    roles: {
      transformer: `${p}_TRANSFORMER`,
      reader: `${p}_READER`,
      low: `${p}_SENSITIVITY_LOW`,
      high: `${p}_SENSITIVITY_HIGH`,
      critical: `${p}_SENSITIVITY_CRITICAL`,
    },
    storageIntegration: `${p}_STORAGE_INTEGRATION`,
    stage: 'MARTS_STAGE',
    externalVolume: `${p}_EXTERNAL_VOLUME`,
    catalogIntegration: `${p}_GLUE_CATALOG`,
    tags: { pii: 'PII', sensitivity: 'SENSITIVITY' },
  };
}
