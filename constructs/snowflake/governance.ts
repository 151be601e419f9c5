import { MaskingPolicy } from '@cdktf/provider-snowflake/lib/masking-policy';
import { Tag } from '@cdktf/provider-snowflake/lib/tag';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { MASKED_DATA_TYPES, maskingPolicyBody, type MaskedDataType, type MaskingRoles } from './masking-rules';
import type { SnowflakeNames } from './names';

/** Values the `sensitivity` tag accepts, lowest first. */
export const SENSITIVITY_LEVELS = ['low', 'high', 'critical'] as const;

export interface GovernanceProps {
  /** The environment's Snowflake names. */
  readonly names: SnowflakeNames;
  /** Also show real values to ACCOUNTADMIN. Default false: no blanket administrator bypass. */
  readonly accountAdminBypass?: boolean;
  /** The governance schema (the tags and policies live there). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The `pii` and `sensitivity` tags and one masking policy per data type a tagged mart column can have, all
 * attached to the `sensitivity` tag: setting the tag on a column (dbt does, from the column's meta) masks it.
 * The policy bodies come from masking-rules.ts.
 */
export class Governance extends Construct {
  readonly piiTag: Tag;
  readonly sensitivityTag: Tag;
  readonly policies: Readonly<Record<MaskedDataType, MaskingPolicy>>;

  constructor(scope: Construct, id: string, props: GovernanceProps) {
    super(scope, id);
    const { names } = props;
    const location = { database: names.database, schema: names.governanceSchema };
    const roles: MaskingRoles = {
      critical: names.roles.critical,
      high: names.roles.high,
      low: names.roles.low,
      bypass: props.accountAdminBypass ? ['ACCOUNTADMIN'] : [],
    };
    const dependsOn = [...(props.dependsOn ?? [])];

    const policies = {} as Record<MaskedDataType, MaskingPolicy>;
    for (const dataType of MASKED_DATA_TYPES) {
      policies[dataType] = new MaskingPolicy(this, `mask-${dataType.toLowerCase()}`, {
        ...location,
        name: `MASK_${dataType}`,
        argument: [{ name: 'VAL', type: dataType }],
        returnDataType: dataType,
        body: maskingPolicyBody(dataType, roles),
        comment: `Tag-based masking of ${dataType} columns by the sensitivity roles (masking-rules.ts)`,
        dependsOn,
      });
    }
    this.policies = policies;

    this.piiTag = new Tag(this, 'pii', {
      ...location,
      name: names.tags.pii,
      allowedValues: ['true', 'false'],
      comment: 'Column holds personal data (from the dbt column meta `pii`)',
      dependsOn,
    });
    this.sensitivityTag = new Tag(this, 'sensitivity', {
      ...location,
      name: names.tags.sensitivity,
      allowedValues: [...SENSITIVITY_LEVELS],
      comment: 'Column sensitivity (dbt column meta `sensitivity`); its masking policies mask the column',
      maskingPolicies: MASKED_DATA_TYPES.map((t) => policies[t].fullyQualifiedName),
      dependsOn,
    });
  }
}
