import { stateBackendNames, stateAccessRoleName } from '../config/names';
import type { AppConfig } from '../config/settings';
import { ENCRYPTION_FILE } from '../constructs/opentofu/state-encryption';
import { BOOTSTRAP_STATE_PATH } from '../stacks/state-backend';
import { defaultAppConfig, stackFiles, synthApp } from './helpers';

const config = defaultAppConfig();
const stacks = synthApp(config);
const files = stackFiles(config, ENCRYPTION_FILE);
const names = stateBackendNames(config.state);
const keyAlias = `arn:aws:kms:${config.state.region}:${config.state.accountId}:${names.kmsAlias}`;
const remoteStacks = Object.keys(stacks).filter((id) => id !== 'state-backend');

function withEncryption(enabled: boolean, migrateUnencryptedState = false): AppConfig {
  const stateEncryption = { enabled, migrateUnencryptedState };
  return {
    state: { ...config.state, stateEncryption },
    environments: config.environments.map((env) => ({ ...env, stateEncryption })),
  };
}

describe('OpenTofu state and plan encryption', () => {
  test('every stack gets an encryption.tofu.json beside its cdk.tf.json', () => {
    expect(Object.keys(files).sort()).toEqual(Object.keys(stacks).sort());
  });

  test.each(remoteStacks)('%s encrypts state and plans with the state kms key and aes_gcm, enforced', (id) => {
    const enc = files[id].terraform.encryption;
    const env = config.environments.find((e) => id.endsWith(`-${e.environment}`))!;
    expect(enc.key_provider).toEqual({
      aws_kms: {
        state: {
          kms_key_id: keyAlias,
          region: config.state.region,
          key_spec: 'AES_256',
          // The environment's account differs from the state account: the key is reached like the bucket.
          assume_role: {
            role_arn: `arn:aws:iam::${config.state.accountId}:role/${stateAccessRoleName(config.state, env.environment)}`,
          },
        },
      },
    });
    expect(enc.method).toEqual({ aes_gcm: { state: { keys: 'key_provider.aws_kms.state' } } });
    for (const target of ['state', 'plan']) {
      expect(enc[target]).toEqual({ method: 'method.aes_gcm.state', enforced: true });
    }
  });

  test.each(remoteStacks)('%s reads every terraform_remote_state through the encryption method', (id) => {
    const readers = Object.keys(stacks[id].data?.terraform_remote_state ?? {}).sort();
    const declared = files[id].terraform.encryption.remote_state_data_sources?.remote_state_data_source ?? {};
    expect(Object.keys(declared).sort()).toEqual(readers);
    for (const reader of Object.values(declared)) expect(reader).toEqual({ method: 'method.aes_gcm.state' });
  });

  test('the aws stacks read the snowflake stack state, so they declare remote-state readers', () => {
    expect(
      Object.keys(files['aws-dev'].terraform.encryption.remote_state_data_sources.remote_state_data_source),
    ).not.toHaveLength(0);
  });

  test('references are plain strings: OpenTofu refuses ${...} for key providers and methods', () => {
    const text = JSON.stringify(files['aws-dev'].terraform.encryption);
    expect(text).not.toContain('${');
  });

  test('the bootstrap stack encrypts its local state with a pbkdf2 passphrase from a sensitive variable', () => {
    const file = files['state-backend'];
    expect(file.terraform.encryption.key_provider).toEqual({
      pbkdf2: { state: { passphrase: '${var.state_backend_passphrase}' } },
    });
    expect(file.terraform.encryption.state).toEqual({ method: 'method.aes_gcm.state', enforced: true });
    expect(file.variable.state_backend_passphrase).toMatchObject({ type: 'string', sensitive: true });
    expect(file.terraform.encryption.remote_state_data_sources).toBeUndefined();
  });

  test('the bootstrap state lives outside cdktf.out, where make clean does not reach', () => {
    expect(stacks['state-backend'].terraform.backend).toEqual({ local: { path: BOOTSTRAP_STATE_PATH } });
    expect(BOOTSTRAP_STATE_PATH).toBe('../../../state/terraform.state-backend.tfstate');
  });

  test('the encryption is not in cdk.tf.json: Terraform would refuse the block there', () => {
    for (const stack of Object.values(stacks)) expect(stack.terraform.encryption).toBeUndefined();
  });

  test('switched off, no stack gets the file', () => {
    expect(stackFiles(withEncryption(false), ENCRYPTION_FILE)).toEqual({});
  });

  test('the migration step adds an unencrypted fallback for reading and lifts enforced, which forbids it', () => {
    const migrating = stackFiles(withEncryption(true, true), ENCRYPTION_FILE)['aws-dev'].terraform.encryption;
    expect(migrating.method.unencrypted).toEqual({ not_yet_encrypted: {} });
    for (const target of ['state', 'plan']) {
      expect(migrating[target]).toEqual({
        method: 'method.aes_gcm.state',
        fallback: { method: 'method.unencrypted.not_yet_encrypted' },
      });
    }
  });
});

describe('the state encryption setting', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadAppConfig } = require('../config/load') as typeof import('../config/load');

  test('is on by default for every environment and the bootstrap', () => {
    const loaded = loadAppConfig({});
    expect(loaded.state.stateEncryption).toEqual({ enabled: true, migrateUnencryptedState: false });
    for (const env of loaded.environments) expect(env.stateEncryption.enabled).toBe(true);
  });

  test('NORTHWIND_<ENV>_STATE_ENCRYPTION switches one environment off or into the migration step', () => {
    const loaded = loadAppConfig({ NORTHWIND_DEV_STATE_ENCRYPTION: 'off', NORTHWIND_PROD_STATE_ENCRYPTION: 'migrate' });
    const byName = Object.fromEntries(loaded.environments.map((e) => [e.environment, e.stateEncryption]));
    expect(byName.dev).toEqual({ enabled: false, migrateUnencryptedState: false });
    expect(byName.prod).toEqual({ enabled: true, migrateUnencryptedState: true });
  });

  test('an unknown value stops synth with a message naming the setting', () => {
    expect(() => loadAppConfig({ NORTHWIND_DEV_STATE_ENCRYPTION: 'maybe' })).toThrow(
      /dev.*stateEncryption\.enabled.*maybe/s,
    );
  });
});
