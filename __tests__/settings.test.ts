import { DEFAULT_ENVIRONMENTS } from '../config/environments';
import { loadAppConfig } from '../config/load';
import { SettingsError, validateEnvironmentConfig, parseEnvironmentNames } from '../config/validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped settings input is what validation is for
type Json = Record<string, any>;

/** The dev defaults with one nested value replaced, as untyped input (what overrides produce). */
function devWith(path: string, value: unknown): Json {
  const copy = JSON.parse(JSON.stringify(DEFAULT_ENVIRONMENTS.dev)) as Json;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key];
  if (value === undefined) delete target[keys[keys.length - 1]];
  else target[keys[keys.length - 1]] = value;
  return copy;
}

function problemsOf(input: unknown): string {
  try {
    validateEnvironmentConfig(input, 'dev');
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as SettingsError).message;
  }
  throw new Error('expected a SettingsError');
}

describe('settings validation', () => {
  test('committed dev and prod settings are valid', () => {
    expect(validateEnvironmentConfig(DEFAULT_ENVIRONMENTS.dev, 'dev').environment).toBe('dev');
    expect(validateEnvironmentConfig(DEFAULT_ENVIRONMENTS.prod, 'prod').aurora.deletionProtection).toBe(true);
  });

  test('an unknown environment name is rejected with the accepted names', () => {
    expect(() => parseEnvironmentNames('dev,staging', 'NORTHWIND_ENVIRONMENTS')).toThrow(
      /NORTHWIND_ENVIRONMENTS: unknown environment "staging"; accepted: .*"dev", "prod"/,
    );
    expect(() => loadAppConfig({ NORTHWIND_ENVIRONMENTS: 'qa' })).toThrow(SettingsError);
  });

  test('an account id that is not 12 digits is rejected', () => {
    expect(problemsOf(devWith('accountId', '12345'))).toMatch(/dev\.accountId: got "12345"; accepted: 12 digits/);
    expect(() => loadAppConfig({ NORTHWIND_PROD_ACCOUNT_ID: '22222222222x' })).toThrow(/prod\.accountId/);
  });

  test('a missing setting is named', () => {
    expect(problemsOf(devWith('region', undefined))).toMatch(
      /dev\.region: got nothing \(missing\); accepted: an AWS region/,
    );
  });

  test('a malformed vpc cidr is rejected', () => {
    expect(problemsOf(devWith('network.vpcCidr', '10.10.0.0/33'))).toMatch(
      /dev\.network\.vpcCidr: got "10\.10\.0\.0\/33"; accepted: an IPv4 CIDR/,
    );
    expect(problemsOf(devWith('network.vpcCidr', '10.10.0.1/16'))).toMatch(/no host bits set/);
  });

  test('overlapping subnet cidrs are rejected', () => {
    const message = problemsOf(devWith('network.privateSubnetCidrs', ['10.10.16.0/20', '10.10.20.0/24']));
    expect(message).toContain(
      'dev.network.privateSubnetCidrs[1]: got "10.10.20.0/24"; accepted: a CIDR that does not overlap network.privateSubnetCidrs[0] (10.10.16.0/20)',
    );
  });

  test('a subnet outside the vpc is rejected', () => {
    expect(problemsOf(devWith('network.publicSubnetCidrs', ['10.10.0.0/24', '10.99.1.0/24']))).toMatch(
      /publicSubnetCidrs\[1\]: got "10\.99\.1\.0\/24"; accepted: a CIDR inside network\.vpcCidr/,
    );
  });

  test('one subnet per availability zone is required', () => {
    expect(problemsOf(devWith('network.publicSubnetCidrs', ['10.10.0.0/24']))).toMatch(
      /publicSubnetCidrs: got \["10\.10\.0\.0\/24"\]; accepted: one CIDR per availability zone \(2\)/,
    );
  });

  test('availability zones must belong to the region', () => {
    expect(problemsOf(devWith('network.availabilityZones', ['eu-central-1a', 'us-east-1b']))).toMatch(
      /availabilityZones\[1\]: got "us-east-1b"; accepted: availability zones of region "eu-central-1"/,
    );
  });

  test('an unknown nat mode is rejected with the accepted modes', () => {
    expect(problemsOf(devWith('network.natMode', 'none'))).toMatch(
      /natMode: got "none"; accepted: one of "single", "per-az"/,
    );
  });

  test('aurora minimum capacity above the maximum is rejected', () => {
    expect(problemsOf(devWith('aurora.minCapacityAcu', 8))).toMatch(
      /aurora\.minCapacityAcu: got 8; accepted: a capacity not above aurora\.maxCapacityAcu \(4\)/,
    );
  });

  test('aurora capacity must be a multiple of half an acu', () => {
    expect(problemsOf(devWith('aurora.maxCapacityAcu', 2.3))).toMatch(
      /maxCapacityAcu: got 2\.3; accepted: a multiple of 0\.5/,
    );
  });

  test('aurora engine version must be a pinned 16.x', () => {
    expect(problemsOf(devWith('aurora.engineVersion', '15.4'))).toMatch(/engineVersion: got "15\.4"/);
    expect(problemsOf(devWith('aurora.engineVersion', '16'))).toMatch(/engineVersion: got "16"/);
  });

  test('glue version must be 5.0 and workers at least 2', () => {
    expect(problemsOf(devWith('glue.version', '4.0'))).toMatch(/glue\.version: got "4\.0"; accepted: one of "5\.0"/);
    expect(problemsOf(devWith('glue.numberOfWorkers', 1))).toMatch(
      /glue\.numberOfWorkers: got 1; accepted: an integer from 2 to 299/,
    );
  });

  test('log retention must be a value cloudwatch accepts', () => {
    expect(problemsOf(devWith('logRetentionDays', 10))).toMatch(
      /logRetentionDays: got 10; accepted: one of 1, 3, 5, 7, 14/,
    );
  });

  test('snowflake trust needs an iam user arn and at least one external id', () => {
    expect(problemsOf(devWith('snowflake.iamUserArn', 'arn:aws:iam::123:role/x'))).toMatch(/snowflake\.iamUserArn/);
    expect(problemsOf(devWith('snowflake.externalIds', []))).toMatch(
      /snowflake\.externalIds: got \[\]; accepted: a list of at least 1/,
    );
  });

  test('before snowflake reports its user the role trusts only its own account', () => {
    expect(validateEnvironmentConfig(DEFAULT_ENVIRONMENTS.dev, 'dev').snowflake.iamUserArn).toBe(
      'arn:aws:iam::111111111111:root',
    );
  });

  test('every problem is reported in one message', () => {
    const message = problemsOf({ ...devWith('accountId', 'x'), region: 'moon', namePrefix: 'A' });
    expect(message.split('\n').filter((l) => l.startsWith('  - ')).length).toBeGreaterThanOrEqual(3);
  });

  test('overrides from variables replace account, region and snowflake trust', () => {
    const config = loadAppConfig({
      NORTHWIND_ENVIRONMENTS: 'dev',
      NORTHWIND_DEV_ACCOUNT_ID: '333333333333',
      NORTHWIND_DEV_REGION: 'eu-west-1',
      NORTHWIND_DEV_SNOWFLAKE_IAM_USER_ARN: 'arn:aws:iam::999999999999:user/abc-s-snow',
      NORTHWIND_DEV_SNOWFLAKE_EXTERNAL_IDS: 'AB_SFCRole=1_x, AB_SFCRole=1_y',
    });
    expect(config.environments).toHaveLength(1);
    const dev = config.environments[0];
    expect(dev.accountId).toBe('333333333333');
    expect(dev.network.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(dev.snowflake.iamUserArn).toBe('arn:aws:iam::999999999999:user/abc-s-snow');
    expect(dev.snowflake.externalIds).toEqual(['AB_SFCRole=1_x', 'AB_SFCRole=1_y']);
  });
});

describe('configuration boundary', () => {
  test('only main.ts reads the process environment', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('fs') as typeof import('fs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('path') as typeof import('path');
    const root = path.join(__dirname, '..');
    const sources = (dir: string): string[] =>
      fs
        .readdirSync(path.join(root, dir), { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
        );
    const readers = ['config', 'stacks', 'constructs']
      .flatMap(sources)
      .filter((file) =>
        /process\.env\b(?!`)/.test(fs.readFileSync(path.join(root, file), 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '')),
      );
    expect(readers).toEqual([]);
  });
});
