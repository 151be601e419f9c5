/**
 * The masking rules: the one source of truth for what each sensitivity role sees, per Snowflake data type.
 *
 * The Governance construct turns each rule into a tag-based masking policy; the Python test
 * (dbt/tests/serving/test_masking_policies.py) evaluates the synthesized bodies in DuckDB for each role, and the
 * dbt serving project refuses a tagged column whose type is not listed here (its list is checked against this one).
 *
 * Expressions are written in the SQL subset Snowflake and DuckDB share, so the test runs the exact body.
 * `val` is the policy argument.
 */

/** Snowflake column types that a tagged mart column may have; Iceberg maps to exactly these. */
export const MASKED_DATA_TYPES = ['VARCHAR', 'NUMBER', 'FLOAT', 'DATE', 'TIMESTAMP_NTZ', 'TIMESTAMP_LTZ'] as const;

export type MaskedDataType = (typeof MASKED_DATA_TYPES)[number];

/** What the high and low roles see, and what every other role sees, for one data type. */
export interface MaskingRule {
  /** Redaction for the high-sensitivity role: the most that is shown without the real value. */
  readonly high: string;
  /** Redaction for the low-sensitivity role: coarser than high. */
  readonly low: string;
  /** What every other role sees: nothing of the value. */
  readonly redacted: string;
}

export const MASKING_RULES: Readonly<Record<MaskedDataType, MaskingRule>> = {
  // First character, then one star per remaining character; low keeps only the length.
  VARCHAR: {
    high: "left(val, 1) || repeat('*', greatest(length(val) - 1, 0))",
    low: "repeat('*', length(val))",
    redacted: "'***MASKED***'",
  },
  // Amounts rounded to hundreds (high) or thousands (low): enough for trends, not for records.
  NUMBER: { high: 'round(val, -2)', low: 'round(val, -3)', redacted: 'null' },
  // Iceberg double columns (revenue, unit prices) arrive as FLOAT, which a NUMBER policy cannot mask.
  FLOAT: { high: 'round(val, -2)', low: 'round(val, -3)', redacted: 'null' },
  // Month (high) or year (low); the cast keeps the return type DATE on every engine.
  DATE: {
    high: "cast(date_trunc('month', val) as date)",
    low: "cast(date_trunc('year', val) as date)",
    redacted: 'null',
  },
  TIMESTAMP_NTZ: { high: "date_trunc('month', val)", low: "date_trunc('year', val)", redacted: 'null' },
  TIMESTAMP_LTZ: { high: "date_trunc('month', val)", low: "date_trunc('year', val)", redacted: 'null' },
};

/** Roles a masking policy distinguishes; names are fully resolved Snowflake role names. */
export interface MaskingRoles {
  /** Sees real values. */
  readonly critical: string;
  /** Sees the high redaction. */
  readonly high: string;
  /** Sees the low redaction. */
  readonly low: string;
  /** Extra roles that see real values (ACCOUNTADMIN only when a setting asks for it). Default: none. */
  readonly bypass?: readonly string[];
}

const quoted = (role: string): string => `'${role.replace(/'/g, "''")}'`;

/**
 * The policy body for one data type.
 *
 * CURRENT_ROLE() and not IS_ROLE_IN_SESSION(): the sensitivity roles roll up to the parent role (SYSADMIN by
 * default), so an inheritance-aware check would unmask every value for SYSADMIN and ACCOUNTADMIN. Only a
 * session whose primary role is the critical role (or an explicit bypass role) sees real values.
 */
export function maskingPolicyBody(dataType: MaskedDataType, roles: MaskingRoles): string {
  const rule = MASKING_RULES[dataType];
  const unmasked = [roles.critical, ...(roles.bypass ?? [])].map(quoted).join(', ');
  return [
    'case',
    `  when current_role() in (${unmasked}) then val`,
    `  when current_role() = ${quoted(roles.high)} then ${rule.high}`,
    `  when current_role() = ${quoted(roles.low)} then ${rule.low}`,
    `  else ${rule.redacted}`,
    'end',
  ].join('\n');
}
