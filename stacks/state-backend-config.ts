import { S3Backend, type TerraformStack } from 'cdktf';
import { stateBackendNames, stateKey } from '../config/names';
import type { StateBackendConfig } from '../config/settings';

/** The range of Terraform and OpenTofu versions the JSON targets: both tools' native S3 locking exists from 1.10. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10.0, < 2.0.0';

/** Pins the Terraform/OpenTofu version range every stack accepts. */
export function requireTerraformVersion(stack: TerraformStack): void {
  stack.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
}

/**
 * Points a stack at the remote state: one object per stack id in the state bucket, encrypted with the state
 * key, locked both by the DynamoDB table (older tools) and by S3's native lock file (`use_lockfile`, OpenTofu
 * 1.10+ and Terraform 1.11+; both tools accept the two settings together).
 */
export function useRemoteState(stack: TerraformStack, stackId: string, state: StateBackendConfig): S3Backend {
  const names = stateBackendNames(state);
  const backend = new S3Backend(stack, {
    bucket: names.bucket,
    key: stateKey(stackId),
    region: state.region,
    encrypt: true,
    kmsKeyId: `arn:aws:kms:${state.region}:${state.accountId}:${names.kmsAlias}`,
    dynamodbTable: names.lockTable,
  });
  backend.addOverride('use_lockfile', true);
  requireTerraformVersion(stack);
  return backend;
}
