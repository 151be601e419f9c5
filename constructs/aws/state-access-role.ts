import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';

export interface StateAccessRoleProps {
  /** Role name in the state account (derive it with `stateAccessRoleName`). */
  readonly roleName: string;
  /** The account the environment deploys to, and the ARN of the role it deploys as there. */
  readonly workloadAccountId: string;
  readonly deployRoleArn: string;
  /** The state bucket's ARN and the environment's stack ids (state keys `<stack id>/terraform.tfstate`). */
  readonly stateBucketArn: string;
  readonly stackIds: readonly string[];
  /** The lock table's ARN and the key encrypting state and locks. */
  readonly lockTableArn: string;
  readonly kmsKeyArn: string;
}

/**
 * State kept in its own account: the role an environment's S3 backend assumes there. Trusted only by the
 * environment's deploy role (by ARN, through its account, so the trust is valid before that role exists), and
 * allowed only that environment's state objects and lock files, the lock table's items and the state key. The
 * bucket and key policies need no cross-account grant: this role is in the state account, and the key policy
 * delegates to IAM there.
 */
export class StateAccessRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: StateAccessRoleProps) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          sid: 'OnlyTheEnvironmentsDeployRole',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${props.workloadAccountId}:root`] }],
          condition: [{ test: 'ArnEquals', variable: 'aws:PrincipalArn', values: [props.deployRoleArn] }],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: "Assumed by one environment's S3 backend: its own state objects and locks only",
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });
    const objects = props.stackIds.map((stackId) => `${props.stateBucketArn}/${stackId}/*`);
    const permissions = new DataAwsIamPolicyDocument(this, 'permissions', {
      statement: [
        {
          sid: 'ListOwnStateKeys',
          actions: ['s3:ListBucket'],
          resources: [props.stateBucketArn],
          condition: [{ test: 'StringLike', variable: 's3:prefix', values: props.stackIds.map((s) => `${s}/*`) }],
        },
        {
          // The state object and the native lock file (`<key>.tflock`) live under the stack's key prefix.
          sid: 'ReadWriteOwnStateAndLockFiles',
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: objects,
        },
        {
          sid: 'LockInTheLockTable',
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable'],
          resources: [props.lockTableArn],
        },
        {
          sid: 'UseTheStateKey',
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          resources: [props.kmsKeyArn],
        },
      ],
    });
    new IamRolePolicy(this, 'policy', { name: 'own-state-only', role: this.role.id, policy: permissions.json });
  }
}
