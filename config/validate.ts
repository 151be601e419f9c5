import { contains, overlaps, parseCidr, type Ipv4Range } from './cidr';
import {
  CATALOG_LAYERS,
  ENVIRONMENT_NAMES,
  GLUE_WORKER_TYPES,
  LOG_RETENTION_DAYS,
  NAT_MODES,
  type CatalogLayer,
  type EnvironmentConfig,
  type EnvironmentName,
  type GlueWorkerType,
  type NatMode,
  type StateBackendConfig,
  type StateEncryptionSettings,
} from './settings';

/**
 * Thrown when a setting is missing or invalid. Its message lists every problem, one line each, naming the
 * setting (`dev.network.vpcCidr`), the value it got and the values it accepts, so synth stops with one message.
 */
export class SettingsError extends Error {
  constructor(
    readonly scope: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid settings for ${scope}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return value === undefined ? 'nothing (missing)' : JSON.stringify(value);
}

/** Reads typed fields out of an untyped object, recording a problem for each bad one. */
class Reader {
  readonly problems: string[] = [];

  constructor(private readonly scope: string) {}

  problem(path: string, value: unknown, accepted: string): void {
    this.problems.push(`${this.scope}.${path}: got ${show(value)}; accepted: ${accepted}`);
  }

  obj(parent: Obj, key: string, path = key): Obj {
    const value = parent[key];
    if (isObj(value)) return value;
    this.problem(path, value, 'an object');
    return {};
  }

  str(parent: Obj, key: string, path: string, pattern: RegExp, accepted: string): string {
    const value = parent[key];
    if (typeof value === 'string' && pattern.test(value)) return value;
    this.problem(path, value, accepted);
    return '';
  }

  oneOf<T extends string | number>(parent: Obj, key: string, path: string, allowed: readonly T[]): T {
    const value = parent[key];
    if ((allowed as readonly unknown[]).includes(value)) return value as T;
    this.problem(path, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    return allowed[0];
  }

  num(parent: Obj, key: string, path: string, min: number, max: number, step = 1): number {
    const value = parent[key];
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= min &&
      value <= max &&
      Number.isInteger(Math.round(((value - min) / step) * 1e9) / 1e9);
    if (ok) return value;
    const steps = step === 1 ? 'an integer' : `a multiple of ${step}`;
    this.problem(path, value, `${steps} from ${min} to ${max}`);
    return min;
  }

  bool(parent: Obj, key: string, path: string): boolean {
    const value = parent[key];
    if (typeof value === 'boolean') return value;
    this.problem(path, value, 'true or false');
    return false;
  }

  strList(parent: Obj, key: string, path: string, pattern: RegExp, accepted: string, minLength = 1): string[] {
    const value = parent[key];
    if (!Array.isArray(value) || value.length < minLength) {
      this.problem(path, value, `a list of at least ${minLength} ${accepted}`);
      return [];
    }
    value.forEach((item, i) => {
      if (typeof item !== 'string' || !pattern.test(item)) this.problem(`${path}[${i}]`, item, accepted);
    });
    if (new Set(value).size !== value.length) this.problem(path, value, 'a list without duplicates');
    return value.filter((item): item is string => typeof item === 'string');
  }
}

export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const NAME_PREFIX_PATTERN = /^[a-z][a-z0-9-]{1,18}[a-z0-9]$/;
const ENGINE_VERSION_PATTERN = /^16\.\d+$/;
const DB_NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
const S3_PREFIX_PATTERN = /^[a-z0-9](?:[a-z0-9_\-/]*[a-z0-9])?$/;
const SNOWFLAKE_IDENTIFIER_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,254}$/;
const IAM_USER_ARN_PATTERN = /^arn:aws(-[a-z]+)?:iam::\d{12}:user\/[\w+=,.@/-]+$/;
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;

const ACCEPTED = {
  accountId: '12 digits, e.g. "123456789012"',
  region: 'an AWS region name such as "eu-central-1"',
  namePrefix: '3 to 20 lower-case letters, digits or hyphens, starting with a letter, e.g. "northwind"',
  cidr: 'an IPv4 CIDR a.b.c.d/n with no host bits set',
};

function readCidr(
  r: Reader,
  value: unknown,
  path: string,
  minPrefix: number,
  maxPrefix: number,
): Ipv4Range | undefined {
  const range = typeof value === 'string' ? parseCidr(value) : undefined;
  if (!range || range.prefixLength < minPrefix || range.prefixLength > maxPrefix) {
    r.problem(path, value, `${ACCEPTED.cidr}, /${minPrefix} to /${maxPrefix}`);
    return undefined;
  }
  return range;
}

function readNetwork(r: Reader, root: Obj, region: string): EnvironmentConfig['network'] {
  const net = r.obj(root, 'network');
  const vpcCidr = net.vpcCidr as string;
  const vpc = readCidr(r, vpcCidr, 'network.vpcCidr', 16, 24);
  const azPattern = new RegExp(`^${region.replace(/-/g, '\\-')}[a-z]$`);
  const availabilityZones = r.strList(
    net,
    'availabilityZones',
    'network.availabilityZones',
    azPattern,
    `availability zones of region ${JSON.stringify(region)}, e.g. "${region}a"`,
    2,
  );
  const natMode = r.oneOf<NatMode>(net, 'natMode', 'network.natMode', NAT_MODES);

  const subnets: { path: string; cidr: string; range: Ipv4Range }[] = [];
  const subnetLists = {} as Record<'publicSubnetCidrs' | 'privateSubnetCidrs', string[]>;
  for (const key of ['publicSubnetCidrs', 'privateSubnetCidrs'] as const) {
    const list = net[key];
    const path = `network.${key}`;
    if (!Array.isArray(list) || list.length !== availabilityZones.length || list.length === 0) {
      r.problem(path, list, `one CIDR per availability zone (${availabilityZones.length || 'at least 2'})`);
      subnetLists[key] = [];
      continue;
    }
    subnetLists[key] = list as string[];
    list.forEach((cidr, i) => {
      const range = readCidr(r, cidr, `${path}[${i}]`, 16, 28);
      if (!range) return;
      if (vpc && !contains(vpc, range)) {
        r.problem(`${path}[${i}]`, cidr, `a CIDR inside network.vpcCidr ${JSON.stringify(vpcCidr)}`);
      }
      subnets.push({ path: `${path}[${i}]`, cidr: cidr as string, range });
    });
  }
  // Every pair of subnets must be disjoint: AWS rejects overlapping subnets in one VPC at apply time.
  for (let i = 0; i < subnets.length; i++) {
    for (let j = i + 1; j < subnets.length; j++) {
      if (overlaps(subnets[i].range, subnets[j].range)) {
        r.problem(
          subnets[j].path,
          subnets[j].cidr,
          `a CIDR that does not overlap ${subnets[i].path} (${subnets[i].cidr})`,
        );
      }
    }
  }
  return {
    vpcCidr,
    availabilityZones,
    publicSubnetCidrs: subnetLists.publicSubnetCidrs,
    privateSubnetCidrs: subnetLists.privateSubnetCidrs,
    natMode,
  };
}

function readAurora(r: Reader, root: Obj): EnvironmentConfig['aurora'] {
  const a = r.obj(root, 'aurora');
  const engineVersion = r.str(
    a,
    'engineVersion',
    'aurora.engineVersion',
    ENGINE_VERSION_PATTERN,
    'a pinned Aurora PostgreSQL 16 minor version such as "16.6"',
  );
  const minCapacityAcu = r.num(a, 'minCapacityAcu', 'aurora.minCapacityAcu', 0, 256, 0.5);
  const maxCapacityAcu = r.num(a, 'maxCapacityAcu', 'aurora.maxCapacityAcu', 1, 256, 0.5);
  if (minCapacityAcu > maxCapacityAcu) {
    r.problem(
      'aurora.minCapacityAcu',
      minCapacityAcu,
      `a capacity not above aurora.maxCapacityAcu (${maxCapacityAcu})`,
    );
  }
  return {
    engineVersion,
    minCapacityAcu,
    maxCapacityAcu,
    autoPauseSeconds: r.num(a, 'autoPauseSeconds', 'aurora.autoPauseSeconds', 300, 86400),
    backupRetentionDays: r.num(a, 'backupRetentionDays', 'aurora.backupRetentionDays', 1, 35),
    deletionProtection: r.bool(a, 'deletionProtection', 'aurora.deletionProtection'),
    finalSnapshot: r.bool(a, 'finalSnapshot', 'aurora.finalSnapshot'),
    databaseName: r.str(
      a,
      'databaseName',
      'aurora.databaseName',
      DB_NAME_PATTERN,
      'a PostgreSQL identifier: lower-case letter, then letters, digits or underscores',
    ),
  };
}

/**
 * Validates one environment's settings. `input` is untyped on purpose: values may come from overrides of the
 * process environment. Throws one SettingsError listing every problem.
 */
export function validateEnvironmentConfig(input: unknown, expectedName?: string): EnvironmentConfig {
  const scope =
    expectedName ?? (isObj(input) && typeof input.environment === 'string' ? input.environment : 'environment');
  const r = new Reader(scope);
  if (!isObj(input)) throw new SettingsError(scope, [`${scope}: got ${show(input)}; accepted: a settings object`]);

  const environment = r.oneOf<EnvironmentName>(input, 'environment', 'environment', ENVIRONMENT_NAMES);
  if (expectedName !== undefined && input.environment !== expectedName) {
    r.problem('environment', input.environment, JSON.stringify(expectedName));
  }
  const accountId = r.str(input, 'accountId', 'accountId', ACCOUNT_ID_PATTERN, ACCEPTED.accountId);
  const region = r.str(input, 'region', 'region', REGION_PATTERN, ACCEPTED.region);
  const namePrefix = r.str(input, 'namePrefix', 'namePrefix', NAME_PREFIX_PATTERN, ACCEPTED.namePrefix);
  const logRetentionDays = r.oneOf<number>(input, 'logRetentionDays', 'logRetentionDays', LOG_RETENTION_DAYS);
  const network = readNetwork(r, input, region || 'eu-central-1');
  const aurora = readAurora(r, input);

  const g = r.obj(input, 'glue');
  const glue = {
    version: r.oneOf<string>(g, 'version', 'glue.version', ['5.0']),
    workerType: r.oneOf<GlueWorkerType>(g, 'workerType', 'glue.workerType', GLUE_WORKER_TYPES),
    numberOfWorkers: r.num(g, 'numberOfWorkers', 'glue.numberOfWorkers', 2, 299),
    timeoutMinutes: r.num(g, 'timeoutMinutes', 'glue.timeoutMinutes', 1, 2880),
  };

  const l = r.obj(input, 'lake');
  const lake = {
    warehousePrefix: r.str(
      l,
      'warehousePrefix',
      'lake.warehousePrefix',
      S3_PREFIX_PATTERN,
      'an S3 key prefix of lower-case letters, digits, "_", "-" and "/", without leading or trailing "/"',
    ),
    tempExpirationDays: r.num(l, 'tempExpirationDays', 'lake.tempExpirationDays', 1, 3650),
    queryResultExpirationDays: r.num(l, 'queryResultExpirationDays', 'lake.queryResultExpirationDays', 1, 3650),
    noncurrentVersionExpirationDays: r.num(
      l,
      'noncurrentVersionExpirationDays',
      'lake.noncurrentVersionExpirationDays',
      1,
      3650,
    ),
  };

  const at = r.obj(input, 'athena');
  const athena = {
    // Athena's minimum cutoff is 10 MB.
    bytesScannedCutoffPerQuery: r.num(
      at,
      'bytesScannedCutoffPerQuery',
      'athena.bytesScannedCutoffPerQuery',
      10 * 1024 ** 2,
      Number.MAX_SAFE_INTEGER,
    ),
  };

  const stateEncryption = readStateEncryption(r, input);

  const s = r.obj(input, 'snowflake');
  const rawUserArn = s.iamUserArn;
  let iamUserArn = '';
  if (rawUserArn === '' || rawUserArn === undefined) {
    // Snowflake reports its IAM user only after its integration exists. Until then the role trusts this
    // account alone, which keeps the first deploy valid (IAM rejects principals that do not exist).
    iamUserArn = accountId ? `arn:aws:iam::${accountId}:root` : '';
  } else {
    iamUserArn = r.str(
      s,
      'iamUserArn',
      'snowflake.iamUserArn',
      IAM_USER_ARN_PATTERN,
      'the IAM user ARN Snowflake reports (arn:aws:iam::<12 digits>:user/...), or "" before it exists',
    );
  }
  const snowflake = {
    organizationName: r.str(
      s,
      'organizationName',
      'snowflake.organizationName',
      SNOWFLAKE_IDENTIFIER_PATTERN,
      'a Snowflake organization name (letter, then letters, digits, "_")',
    ),
    accountName: r.str(
      s,
      'accountName',
      'snowflake.accountName',
      SNOWFLAKE_IDENTIFIER_PATTERN,
      'a Snowflake account name (letter, then letters, digits, "_")',
    ),
    iamUserArn,
    externalIds: r.strList(
      s,
      'externalIds',
      'snowflake.externalIds',
      EXTERNAL_ID_PATTERN,
      'external ids of 2 to 1224 characters from letters, digits and +=,.@:/-_',
    ),
    servedLayers: r.strList(
      s,
      'servedLayers',
      'snowflake.servedLayers',
      new RegExp(`^(${CATALOG_LAYERS.join('|')})$`),
      `catalog layers (${CATALOG_LAYERS.join(', ')})`,
    ) as CatalogLayer[],
    user: r.str(
      s,
      'user',
      'snowflake.user',
      SNOWFLAKE_IDENTIFIER_PATTERN,
      'a Snowflake user name (letter, then letters, digits, "_")',
    ),
    deployRole: r.str(
      s,
      'deployRole',
      'snowflake.deployRole',
      SNOWFLAKE_IDENTIFIER_PATTERN,
      'a Snowflake role name (letter, then letters, digits, "_"), e.g. "ACCOUNTADMIN"',
    ),
    parentRole: r.str(
      s,
      'parentRole',
      'snowflake.parentRole',
      SNOWFLAKE_IDENTIFIER_PATTERN,
      'a Snowflake role name (letter, then letters, digits, "_"), e.g. "SYSADMIN"',
    ),
    accountAdminBypass: r.bool(s, 'accountAdminBypass', 'snowflake.accountAdminBypass'),
    // Snowflake accepts 0..604800 s (7 days); 0 would mean no timeout at all.
    statementTimeoutSeconds: r.num(s, 'statementTimeoutSeconds', 'snowflake.statementTimeoutSeconds', 1, 604800),
  };

  if (r.problems.length > 0) throw new SettingsError(`environment "${scope}"`, r.problems);
  return {
    environment,
    namePrefix,
    accountId,
    region,
    logRetentionDays,
    network,
    aurora,
    glue,
    lake,
    athena,
    snowflake,
    stateEncryption,
  };
}

function readStateEncryption(r: Reader, root: Obj): StateEncryptionSettings {
  const e = r.obj(root, 'stateEncryption');
  return {
    enabled: r.bool(e, 'enabled', 'stateEncryption.enabled'),
    migrateUnencryptedState: r.bool(e, 'migrateUnencryptedState', 'stateEncryption.migrateUnencryptedState'),
  };
}

/** Validates where the remote state lives. */
export function validateStateBackendConfig(input: unknown): StateBackendConfig {
  const r = new Reader('state');
  const obj = isObj(input) ? input : {};
  const config = {
    namePrefix: r.str(obj, 'namePrefix', 'namePrefix', NAME_PREFIX_PATTERN, ACCEPTED.namePrefix),
    accountId: r.str(obj, 'accountId', 'accountId', ACCOUNT_ID_PATTERN, ACCEPTED.accountId),
    region: r.str(obj, 'region', 'region', REGION_PATTERN, ACCEPTED.region),
    stateEncryption: readStateEncryption(r, obj),
  };
  if (r.problems.length > 0) throw new SettingsError('the state backend', r.problems);
  return config;
}

/** Parses a comma-separated list of environment names ("dev,prod"); rejects unknown and duplicate names. */
export function parseEnvironmentNames(value: string, settingName: string): EnvironmentName[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  const accepted = `a comma-separated list of ${ENVIRONMENT_NAMES.map((n) => `"${n}"`).join(', ')}`;
  const problems: string[] = [];
  if (names.length === 0) problems.push(`${settingName}: got ${show(value)}; accepted: ${accepted}`);
  for (const name of names) {
    if (!(ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
      problems.push(`${settingName}: unknown environment ${JSON.stringify(name)}; accepted: ${accepted}`);
    }
  }
  if (new Set(names).size !== names.length)
    problems.push(`${settingName}: got ${show(value)}; accepted: ${accepted} without duplicates`);
  if (problems.length > 0) throw new SettingsError('the environment list', problems);
  return names as EnvironmentName[];
}
