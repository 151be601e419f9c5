import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { environmentStackIds, roleArn, roleNames, stateAccessRoleName, stateBackendNames } from '../config/names';
import type { EnvironmentConfig, StateBackendConfig } from '../config/settings';
import { EncryptionKey } from '../constructs/aws/encryption-key';
import { AccessLogBucket } from '../constructs/aws/access-log-bucket';
import { SecureBucket } from '../constructs/aws/secure-bucket';
import { StateAccessRole } from '../constructs/aws/state-access-role';
import { BOOTSTRAP_PASSPHRASE_VARIABLE, StateEncryption } from '../constructs/opentofu/state-encryption';
import { requireTerraformVersion } from './state-backend-config';

/**
 * The bootstrap stack's local state, relative to its synthesized folder (`cdktf.out/stacks/state-backend`):
 * `state/terraform.state-backend.tfstate` at the repository root, outside `cdktf.out`, so that neither a new
 * synth nor `make clean` can delete the only record of the state bucket, lock table and key.
 */
export const BOOTSTRAP_STATE_PATH = '../../../state/terraform.state-backend.tfstate';

export interface StateBackendStackProps {
  /** Where the state lives. */
  readonly state: StateBackendConfig;
  /** The environments whose stacks keep state here; those in another account get a state-access role. Default none. */
  readonly environments?: readonly EnvironmentConfig[];
}

/**
 * Bootstrap stack, applied once with local state: the S3 bucket and DynamoDB table every other stack keeps its
 * state and lock in. Its own state file stays local (BOOTSTRAP_STATE_PATH, git-ignored). With OpenTofu that
 * file is encrypted with a pbkdf2 passphrase from TF_VAR_state_backend_passphrase: the state key cannot
 * protect the state of the stack that creates it.
 */
export class StateBackendStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: StateBackendStackProps) {
    super(scope, id);
    const { state } = props;
    const names = stateBackendNames(state);
    new LocalBackend(this, { path: BOOTSTRAP_STATE_PATH });
    requireTerraformVersion(this);
    if (state.stateEncryption.enabled) {
      new StateEncryption(this, 'state-encryption', {
        key: { provider: 'pbkdf2', passphraseVariable: BOOTSTRAP_PASSPHRASE_VARIABLE },
        migrateUnencryptedState: state.stateEncryption.migrateUnencryptedState,
      });
    }
    new AwsProvider(this, 'aws', { region: state.region, allowedAccountIds: [state.accountId] });

    const key = new EncryptionKey(this, 'state-key', {
      alias: names.kmsAlias.replace(/^alias\//, ''),
      description: 'Encrypts the Terraform/OpenTofu state and its lock table',
      accountId: state.accountId,
      region: state.region,
      allowS3ServerAccessLogs: true,
    });
    const accessLogs = new AccessLogBucket(this, 'state-access-logs', {
      bucketName: names.accessLogBucket,
      kmsKeyArn: key.arn,
      accountId: state.accountId,
      sourceBucketNames: [names.bucket],
      noncurrentVersionExpirationDays: 365,
    });
    const bucket = new SecureBucket(this, 'state-bucket', {
      bucketName: names.bucket,
      kmsKeyArn: key.arn,
      accessLogs: accessLogs.target,
      // State history is the undo button: keep old versions for a year.
      noncurrentVersionExpirationDays: 365,
    });
    const lockTable = new DynamodbTable(this, 'lock-table', {
      name: names.lockTable,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: key.arn },
      deletionProtectionEnabled: true,
    });

    for (const env of props.environments ?? []) {
      if (env.accountId === state.accountId) continue;
      new StateAccessRole(this, `state-access-${env.environment}`, {
        roleName: stateAccessRoleName(state, env.environment),
        workloadAccountId: env.accountId,
        deployRoleArn: roleArn(env.accountId, roleNames(env).deploy),
        stateBucketArn: bucket.arn,
        stackIds: environmentStackIds(env.environment),
        lockTableArn: lockTable.arn,
        kmsKeyArn: key.arn,
      });
    }

    new TerraformOutput(this, 'state_bucket', { value: bucket.name });
    new TerraformOutput(this, 'lock_table', { value: lockTable.name });
    new TerraformOutput(this, 'state_kms_key_arn', { value: key.arn });
  }
}
