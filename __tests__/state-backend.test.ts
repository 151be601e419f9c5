import { stateBackendNames } from '../config/names';
import { REQUIRED_TERRAFORM_VERSION } from '../stacks/state-backend-config';
import { defaultAppConfig, policyAt, ref, resourceAt, resourcesOf, snapshotText, synthApp } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */

const config = defaultAppConfig();
const stacks = synthApp(config);
const state = stacks['state-backend'];
const names = stateBackendNames(config.state);

describe('state-backend', () => {
  const keyArn = ref(state, 'aws_kms_key', 'state-key/key', 'arn');
  const bucketId = ref(state, 'aws_s3_bucket', 'state-bucket/bucket', 'id');
  const forBucket = (type: string): any[] =>
    Object.values(resourcesOf(state, type)).filter((r: any) => r.bucket === bucketId);

  test('matches the snapshot', () => {
    expect(snapshotText(state)).toMatchSnapshot();
  });

  test('the bootstrap stack keeps its own state locally, outside cdktf.out', () => {
    expect(state.terraform.backend).toEqual({ local: { path: '../../../state/terraform.state-backend.tfstate' } });
  });

  test('the state bucket is versioned, kms-encrypted and blocks public access', () => {
    expect(resourceAt(state, 'aws_s3_bucket', 'state-bucket/bucket').bucket).toBe(names.bucket);
    expect(forBucket('aws_s3_bucket_versioning')[0].versioning_configuration).toEqual({ status: 'Enabled' });
    expect(
      forBucket('aws_s3_bucket_server_side_encryption_configuration')[0].rule[0]
        .apply_server_side_encryption_by_default,
    ).toEqual({ sse_algorithm: 'aws:kms', kms_master_key_id: keyArn });
    expect(forBucket('aws_s3_bucket_public_access_block')[0]).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('every bucket of the state stack is encrypted, private and logged unless it is the log bucket', () => {
    const buckets = Object.entries(resourcesOf(state, 'aws_s3_bucket'));
    expect(buckets.map(([, b]) => b.bucket).sort()).toEqual([names.accessLogBucket, names.bucket].sort());
    for (const [id, b] of buckets) {
      const bucketRef = `\${aws_s3_bucket.${id}.id}`;
      const of = (type: string): any[] =>
        Object.values(resourcesOf(state, type)).filter((r: any) => r.bucket === bucketRef);
      expect(of('aws_s3_bucket_server_side_encryption_configuration')).toHaveLength(1);
      expect(of('aws_s3_bucket_public_access_block')[0]).toMatchObject({
        block_public_policy: true,
        restrict_public_buckets: true,
      });
      expect(of('aws_s3_bucket_logging')).toHaveLength(b.bucket === names.bucket ? 1 : 0);
    }
  });

  test('the state bucket accepts only tls requests', () => {
    const deny = policyAt(state, 'state-bucket/policy-document').statement[0];
    expect(deny).toMatchObject({
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
  });

  test('the lock table is on-demand with point-in-time recovery and kms encryption', () => {
    expect(resourceAt(state, 'aws_dynamodb_table', 'lock-table')).toMatchObject({
      name: names.lockTable,
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true, kms_key_arn: keyArn },
    });
  });

  test('the state key rotates and has the alias every backend block names', () => {
    expect(resourceAt(state, 'aws_kms_key', 'state-key/key')).toMatchObject({ enable_key_rotation: true });
    expect(resourceAt(state, 'aws_kms_alias', 'state-key/alias').name).toBe(names.kmsAlias);
  });
});

describe('backend blocks', () => {
  const remote = Object.keys(stacks).filter((id) => id !== 'state-backend');

  test('the app synthesizes the state stack and an aws stack per environment', () => {
    expect(Object.keys(stacks)).toEqual(expect.arrayContaining(['state-backend', 'aws-dev', 'aws-prod']));
  });

  test.each(remote)('%s keeps its state in the s3 backend under its own key, locked and encrypted', (id) => {
    const environment = id.replace(/^(aws|snowflake)-/, '');
    expect(stacks[id].terraform.backend).toEqual({
      s3: {
        // The committed accounts differ: state is reached through the environment's role in the state account.
        assume_role: { role_arn: `arn:aws:iam::${config.state.accountId}:role/northwind-tfstate-${environment}` },
        bucket: names.bucket,
        key: `${id}/terraform.tfstate`,
        region: config.state.region,
        encrypt: true,
        kms_key_id: `arn:aws:kms:${config.state.region}:${config.state.accountId}:${names.kmsAlias}`,
        dynamodb_table: names.lockTable,
        use_lockfile: true,
      },
    });
  });

  test.each(Object.keys(stacks))(
    '%s accepts the terraform and opentofu versions both lock mechanisms work with',
    (id) => {
      expect(stacks[id].terraform.required_version).toBe(REQUIRED_TERRAFORM_VERSION);
      expect(REQUIRED_TERRAFORM_VERSION).toBe('>= 1.10.0, < 2.0.0');
    },
  );

  test('state in its own account: one access role per environment, trusted only by its deploy role', () => {
    for (const env of config.environments) {
      const rolePath = `state-access-${env.environment}`;
      const role = resourceAt(state, 'aws_iam_role', `${rolePath}/role`);
      expect(role.name).toBe(`northwind-tfstate-${env.environment}`);
      expect(policyAt(state, `${rolePath}/trust`).statement).toEqual([
        expect.objectContaining({
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${env.accountId}:root`] }],
          condition: [
            {
              test: 'ArnEquals',
              variable: 'aws:PrincipalArn',
              values: [`arn:aws:iam::${env.accountId}:role/northwind-${env.environment}-deploy`],
            },
          ],
        }),
      ]);
    }
  });

  test("a state access role reaches only its environment's state keys, the lock table and the state key", () => {
    const bucketArn = ref(state, 'aws_s3_bucket', 'state-bucket/bucket', 'arn');
    const doc = policyAt(state, 'state-access-dev/permissions');
    const bySid = (sid: string): any => doc.statement.find((x: any) => x.sid === sid);
    expect(bySid('ReadWriteOwnStateAndLockFiles').resources).toEqual([
      `${bucketArn}/snowflake-dev/*`,
      `${bucketArn}/aws-dev/*`,
    ]);
    expect(bySid('ListOwnStateKeys').condition).toEqual([
      { test: 'StringLike', variable: 's3:prefix', values: ['snowflake-dev/*', 'aws-dev/*'] },
    ]);
    expect(bySid('LockInTheLockTable').resources).toEqual([ref(state, 'aws_dynamodb_table', 'lock-table', 'arn')]);
    expect(bySid('UseTheStateKey').resources).toEqual([ref(state, 'aws_kms_key', 'state-key/key', 'arn')]);
  });

  test('an environment in the state account uses its own credentials: no access role, no assume_role', () => {
    const dev = config.environments.find((e) => e.environment === 'dev')!;
    const sameAccount = synthApp({ ...config, environments: [{ ...dev, accountId: config.state.accountId }] });
    expect(sameAccount['aws-dev'].terraform.backend.s3.assume_role).toBeUndefined();
    expect(sameAccount['snowflake-dev'].terraform.backend.s3.assume_role).toBeUndefined();
    expect(resourcesOf(sameAccount['state-backend'], 'aws_iam_role')).toEqual({});
  });

  test('every stack key is distinct', () => {
    const keys = remote.map((id) => stacks[id].terraform.backend.s3.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('nothing secret is synthesized', () => {
    const text = JSON.stringify(stacks);
    expect(text).not.toMatch(/"(master_)?password"\s*:|"secret_key"|"access_key"|"private_key"\s*:\s*"[^$]/i);
  });
});
