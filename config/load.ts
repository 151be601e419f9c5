import { DEFAULT_ENVIRONMENTS, DEFAULT_STATE_BACKEND } from './environments';
import type { AppConfig, EnvironmentConfig, EnvironmentName, StateEncryptionSettings } from './settings';
import { parseEnvironmentNames, validateEnvironmentConfig, validateStateBackendConfig } from './validate';

/** The variables `main.ts` passes in (a copy of the process environment; this module never reads it itself). */
export type VariableMap = Readonly<Record<string, string | undefined>>;

/** Prefix of every variable the app reads. */
export const VARIABLE_PREFIX = 'NORTHWIND_';

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/**
 * `on` | `off` | `migrate` (on, and reading not-yet-encrypted state once: the fallback step) onto the default
 * encryption settings. Any other value is passed on as it is, so validation names the setting and the value.
 */
function stateEncryptionOverride(
  defaults: StateEncryptionSettings,
  value: string | undefined,
): StateEncryptionSettings | Record<string, unknown> {
  switch (value) {
    case undefined:
      return defaults;
    case 'on':
      return { enabled: true, migrateUnencryptedState: false };
    case 'off':
      return { enabled: false, migrateUnencryptedState: false };
    case 'migrate':
      return { enabled: true, migrateUnencryptedState: true };
    default:
      return { enabled: `${value} (accepted values: on, off, migrate)`, migrateUnencryptedState: false };
  }
}

/**
 * Applies the per-environment overrides `NORTHWIND_<ENV>_<SETTING>` to the committed defaults. Only the values
 * that differ per deployment are overridable: accounts, region and AZs, what Snowflake reports, state encryption.
 */
export function applyOverrides(defaults: EnvironmentConfig, vars: VariableMap): Record<string, unknown> {
  const v = (name: string): string | undefined => {
    const value = vars[`${VARIABLE_PREFIX}${defaults.environment.toUpperCase()}_${name}`];
    return value === undefined || value === '' ? undefined : value;
  };
  const region = v('REGION') ?? defaults.region;
  // A region override without AZs moves the default AZ letters to the new region.
  const defaultAzs =
    region === defaults.region
      ? defaults.network.availabilityZones
      : defaults.network.availabilityZones.map((az) => `${region}${az.slice(-1)}`);
  const azs = v('AVAILABILITY_ZONES');
  const externalIds = v('SNOWFLAKE_EXTERNAL_IDS');
  return {
    ...defaults,
    accountId: v('ACCOUNT_ID') ?? defaults.accountId,
    region,
    namePrefix: v('NAME_PREFIX') ?? defaults.namePrefix,
    stateEncryption: stateEncryptionOverride(defaults.stateEncryption, v('STATE_ENCRYPTION')),
    network: { ...defaults.network, availabilityZones: azs !== undefined ? list(azs) : defaultAzs },
    snowflake: {
      ...defaults.snowflake,
      organizationName: v('SNOWFLAKE_ORGANIZATION_NAME') ?? defaults.snowflake.organizationName,
      accountName: v('SNOWFLAKE_ACCOUNT_NAME') ?? defaults.snowflake.accountName,
      iamUserArn: v('SNOWFLAKE_IAM_USER_ARN') ?? defaults.snowflake.iamUserArn,
      externalIds: externalIds !== undefined ? list(externalIds) : defaults.snowflake.externalIds,
      user: v('SNOWFLAKE_USER') ?? defaults.snowflake.user,
      deployRole: v('SNOWFLAKE_DEPLOY_ROLE') ?? defaults.snowflake.deployRole,
      parentRole: v('SNOWFLAKE_PARENT_ROLE') ?? defaults.snowflake.parentRole,
    },
  };
}

/** Builds and validates the whole app configuration from the defaults and the given variables. */
export function loadAppConfig(vars: VariableMap): AppConfig {
  const names: EnvironmentName[] = parseEnvironmentNames(
    vars[`${VARIABLE_PREFIX}ENVIRONMENTS`] ?? 'dev,prod',
    `${VARIABLE_PREFIX}ENVIRONMENTS`,
  );
  const state = validateStateBackendConfig({
    ...DEFAULT_STATE_BACKEND,
    accountId: vars[`${VARIABLE_PREFIX}STATE_ACCOUNT_ID`] || DEFAULT_STATE_BACKEND.accountId,
    region: vars[`${VARIABLE_PREFIX}STATE_REGION`] || DEFAULT_STATE_BACKEND.region,
    stateEncryption: stateEncryptionOverride(
      DEFAULT_STATE_BACKEND.stateEncryption,
      vars[`${VARIABLE_PREFIX}STATE_ENCRYPTION`] || undefined,
    ),
  });
  const environments = names.map((name) =>
    validateEnvironmentConfig(applyOverrides(DEFAULT_ENVIRONMENTS[name], vars), name),
  );
  return { state, environments };
}
