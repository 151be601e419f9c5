import { AccountRole } from '@cdktf/provider-snowflake/lib/account-role';
import { GrantAccountRole } from '@cdktf/provider-snowflake/lib/grant-account-role';
import {
  GrantPrivilegesToAccountRole,
  type GrantPrivilegesToAccountRoleConfig,
} from '@cdktf/provider-snowflake/lib/grant-privileges-to-account-role';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { SnowflakeNames } from './names';

export interface AccessRolesProps {
  /** The environment's Snowflake names. */
  readonly names: SnowflakeNames;
  /** Role at the top of the hierarchy (owns nothing here, inherits everything). No default: settings, SYSADMIN. */
  readonly parentRole: string;
  /** Objects the grants need to exist first (database, schemas, warehouse, integrations). Default none. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

type Grant = Omit<GrantPrivilegesToAccountRoleConfig, 'dependsOn'>;

/**
 * The environment's roles and every privilege they hold; nothing else grants anything.
 *
 * - transformer (dbt): uses the warehouse, creates the lake's Iceberg tables (through the external volume and
 *   catalog integration) and the mart views, and applies the governance tags.
 * - reader: uses the warehouse and selects from the marts schema only (all and future tables and views; the
 *   marts are views over Iceberg tables). No access to the lake schema, so masking cannot be bypassed there.
 * - sensitivity low < high < critical: each inherits the one below, low inherits reader. What they see is
 *   decided by the masking policies (by the session's current role).
 * Hierarchy: reader -> low -> high -> critical -> parent; transformer -> parent.
 */
export class AccessRoles extends Construct {
  readonly roles: Readonly<Record<keyof SnowflakeNames['roles'], AccountRole>>;
  /** Every privilege grant, by construct id (the tests walk these). */
  readonly grants: Readonly<Record<string, GrantPrivilegesToAccountRole>>;

  constructor(scope: Construct, id: string, props: AccessRolesProps) {
    super(scope, id);
    const { names } = props;
    const role = (key: keyof SnowflakeNames['roles'], comment: string): AccountRole =>
      new AccountRole(this, `role-${key}`, { name: names.roles[key], comment });
    this.roles = {
      transformer: role('transformer', 'dbt serving project: creates Iceberg tables and mart views, applies tags'),
      reader: role('reader', 'Selects from the governed marts'),
      low: role('low', 'Sees low-sensitivity redactions of tagged columns'),
      high: role('high', 'Sees high-sensitivity redactions of tagged columns'),
      critical: role('critical', 'Sees the real values of tagged columns'),
    };

    const hierarchy: Array<[string, string, string]> = [
      ['reader-to-low', names.roles.reader, names.roles.low],
      ['low-to-high', names.roles.low, names.roles.high],
      ['high-to-critical', names.roles.high, names.roles.critical],
      ['critical-to-parent', names.roles.critical, props.parentRole],
      ['transformer-to-parent', names.roles.transformer, props.parentRole],
    ];
    for (const [grantId, child, parent] of hierarchy) {
      new GrantAccountRole(this, grantId, {
        roleName: child,
        parentRoleName: parent,
        dependsOn: Object.values(this.roles),
      });
    }

    const db = `"${names.database}"`;
    const schema = (name: string): string => `"${names.database}"."${name}"`;
    const { transformer, reader } = names.roles;
    const grants: Record<string, Grant> = {
      'warehouse-usage-transformer': {
        accountRoleName: transformer,
        privileges: ['USAGE'],
        onAccountObject: { objectType: 'WAREHOUSE', objectName: `"${names.warehouse}"` },
      },
      'warehouse-usage-reader': {
        accountRoleName: reader,
        privileges: ['USAGE'],
        onAccountObject: { objectType: 'WAREHOUSE', objectName: `"${names.warehouse}"` },
      },
      'database-usage-transformer': {
        accountRoleName: transformer,
        privileges: ['USAGE'],
        onAccountObject: { objectType: 'DATABASE', objectName: db },
      },
      'database-usage-reader': {
        accountRoleName: reader,
        privileges: ['USAGE'],
        onAccountObject: { objectType: 'DATABASE', objectName: db },
      },
      // dbt creates one Iceberg table per mart in the lake schema; it owns them, so it can read them.
      'lake-schema-transformer': {
        accountRoleName: transformer,
        privileges: ['USAGE', 'CREATE ICEBERG TABLE'],
        onSchema: { schemaName: schema(names.lakeSchema) },
      },
      'marts-schema-transformer': {
        accountRoleName: transformer,
        privileges: ['USAGE', 'CREATE VIEW', 'CREATE TABLE'],
        onSchema: { schemaName: schema(names.martsSchema) },
      },
      'marts-schema-usage-reader': {
        accountRoleName: reader,
        privileges: ['USAGE'],
        onSchema: { schemaName: schema(names.martsSchema) },
      },
      // Tags are referenced by their qualified name, which needs usage on their schema.
      'governance-schema-usage-transformer': {
        accountRoleName: transformer,
        privileges: ['USAGE'],
        onSchema: { schemaName: schema(names.governanceSchema) },
      },
      'external-volume-usage-transformer': {
        accountRoleName: transformer,
        privileges: ['USAGE'],
        onAccountObject: { objectType: 'EXTERNAL VOLUME', objectName: `"${names.externalVolume}"` },
      },
      'catalog-integration-usage-transformer': {
        accountRoleName: transformer,
        privileges: ['USAGE'],
        onAccountObject: { objectType: 'INTEGRATION', objectName: `"${names.catalogIntegration}"` },
      },
      'stage-usage-transformer': {
        accountRoleName: transformer,
        privileges: ['USAGE'],
        onSchemaObject: { objectType: 'STAGE', objectName: `${schema(names.lakeSchema)}."${names.stage}"` },
      },
      'pii-tag-apply-transformer': {
        accountRoleName: transformer,
        privileges: ['APPLY'],
        onSchemaObject: { objectType: 'TAG', objectName: `${schema(names.governanceSchema)}."${names.tags.pii}"` },
      },
      'sensitivity-tag-apply-transformer': {
        accountRoleName: transformer,
        privileges: ['APPLY'],
        onSchemaObject: {
          objectType: 'TAG',
          objectName: `${schema(names.governanceSchema)}."${names.tags.sensitivity}"`,
        },
      },
      'marts-all-tables-reader': {
        accountRoleName: reader,
        privileges: ['SELECT'],
        onSchemaObject: { all: { objectTypePlural: 'TABLES', inSchema: schema(names.martsSchema) } },
      },
      'marts-future-tables-reader': {
        accountRoleName: reader,
        privileges: ['SELECT'],
        onSchemaObject: { future: { objectTypePlural: 'TABLES', inSchema: schema(names.martsSchema) } },
      },
      'marts-all-views-reader': {
        accountRoleName: reader,
        privileges: ['SELECT'],
        onSchemaObject: { all: { objectTypePlural: 'VIEWS', inSchema: schema(names.martsSchema) } },
      },
      'marts-future-views-reader': {
        accountRoleName: reader,
        privileges: ['SELECT'],
        onSchemaObject: { future: { objectTypePlural: 'VIEWS', inSchema: schema(names.martsSchema) } },
      },
    };
    const created: Record<string, GrantPrivilegesToAccountRole> = {};
    for (const [grantId, config] of Object.entries(grants)) {
      created[grantId] = new GrantPrivilegesToAccountRole(this, grantId, {
        ...config,
        dependsOn: [...Object.values(this.roles), ...(props.dependsOn ?? [])],
      });
    }
    this.grants = created;
  }
}
