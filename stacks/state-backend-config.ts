import { S3Backend, type TerraformStack } from 'cdktf';
import { roleArn, stateAccessRoleName, stateBackendNames, stateKey } from '../config/names';
import type { EnvironmentName, StateBackendConfig } from '../config/settings';

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
}

/**
 * Points a stack at the remote state: one object per stack id in the state bucket, encrypted with the state
 * key, locked both by the DynamoDB table (older tools) and by S3's native lock file (`use_lockfile`, OpenTofu
 * 1.10+ and Terraform 1.11+; both tools accept the two settings together). When the state lives in another
 * account than the stack's, the backend assumes the environment's state-access role there (created by the
 * state-backend stack, trusting only the environment's deploy role).
 */
export function useRemoteState(
  stack: TerraformStack,
  stackId: string,
  state: StateBackendConfig,
  client: StateClient,
): S3Backend {
  const names = stateBackendNames(state);
  const crossAccount = client.accountId !== state.accountId;
  const backend = new S3Backend(stack, {
    bucket: names.bucket,
    key: stateKey(stackId),
    region: state.region,
    encrypt: true,
    kmsKeyId: `arn:aws:kms:${state.region}:${state.accountId}:${names.kmsAlias}`,
    dynamodbTable: names.lockTable,
    assumeRole: crossAccount
      ? { roleArn: roleArn(state.accountId, stateAccessRoleName(state, client.environment)) }
      : undefined,
  });
  backend.addOverride('use_lockfile', true);
  requireTerraformVersion(stack);
  return backend;
}
