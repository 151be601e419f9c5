import { S3Backend, type TerraformStack } from 'cdktf';
import { roleArn, stateAccessRoleName, stateBackendNames, stateKey } from '../config/names';
import type { EnvironmentName, StateBackendConfig, StateEncryptionSettings } from '../config/settings';
import { StateEncryption } from '../constructs/opentofu/state-encryption';

/** The range of Terraform and OpenTofu versions the JSON targets: both tools' native S3 locking exists from 1.10. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10.0, < 2.0.0';

/** Pins the Terraform/OpenTofu version range every stack accepts. */
export function requireTerraformVersion(stack: TerraformStack): void {
  stack.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
}

/** The account and environment a stack deploys to, for reaching state kept in another account. */
export interface StateClient {
  readonly accountId: string;
  readonly environment: EnvironmentName;
  /** OpenTofu encryption of the stack's state and plans. */
  readonly stateEncryption: StateEncryptionSettings;
}

/**
 * Points a stack at the remote state: one object per stack id in the state bucket, encrypted with the state
 * key, locked both by the DynamoDB table (older tools) and by S3's native lock file (`use_lockfile`, OpenTofu
 * 1.10+ and Terraform 1.11+; both tools accept the two settings together). When the state lives in another
 * account than the stack's, the backend assumes the environment's state-access role there (created by the
 * state-backend stack, trusting only the environment's deploy role).
 * With OpenTofu, the state and saved plans are also encrypted client-side with the same state key
 * (`encryption.tofu.json`), unless the environment's `stateEncryption.enabled` is false.
 */
export function useRemoteState(
  stack: TerraformStack,
  stackId: string,
  state: StateBackendConfig,
  client: StateClient,
): S3Backend {
  const names = stateBackendNames(state);
  const crossAccount = client.accountId !== state.accountId;
  const kmsKeyId = `arn:aws:kms:${state.region}:${state.accountId}:${names.kmsAlias}`;
  const stateAccessRoleArn = crossAccount
    ? roleArn(state.accountId, stateAccessRoleName(state, client.environment))
    : undefined;
  const backend = new S3Backend(stack, {
    bucket: names.bucket,
    key: stateKey(stackId),
    region: state.region,
    encrypt: true,
    kmsKeyId,
    dynamodbTable: names.lockTable,
    assumeRole: stateAccessRoleArn ? { roleArn: stateAccessRoleArn } : undefined,
  });
  backend.addOverride('use_lockfile', true);
  requireTerraformVersion(stack);
  if (client.stateEncryption.enabled) {
    new StateEncryption(stack, 'state-encryption', {
      // The key provider reaches the key the way the backend reaches the bucket: through the state-access role.
      key: { provider: 'aws_kms', kmsKeyId, region: state.region, assumeRoleArn: stateAccessRoleArn },
      migrateUnencryptedState: client.stateEncryption.migrateUnencryptedState,
    });
  }
  return backend;
}
