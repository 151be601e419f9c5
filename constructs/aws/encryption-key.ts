import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { KMS_ACCOUNT_ACTIONS } from './iam';

export interface EncryptionKeyProps {
  /** Alias without the `alias/` prefix. */
  readonly alias: string;
  /** What the key protects (the key's description). */
  readonly description: string;
  /** Account that owns and administers the key through IAM. */
  readonly accountId: string;
  /** Region of the key (for the CloudWatch Logs service principal). */
  readonly region: string;
  /** Let CloudWatch Logs use the key for log groups of this account; default false. */
  readonly allowCloudWatchLogs?: boolean;
  /** Let S3 server access logging write SSE-KMS objects into this account's log bucket; default false. */
  readonly allowS3ServerAccessLogs?: boolean;
  /** Days before a scheduled deletion completes; default 30. */
  readonly deletionWindowInDays?: number;
}

/**
 * A customer-managed KMS key with yearly rotation and a key policy that delegates use to IAM in the owning
 * account (so role policies decide who encrypts what), optionally letting CloudWatch Logs encrypt log groups.
 */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly arn: string;
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'AccountAdministersKeyThroughIam',
        actions: [...KMS_ACCOUNT_ACTIONS],
        resources: ['*'],
        principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${props.accountId}:root`] }],
      },
    ];
    if (props.allowCloudWatchLogs) {
      statements.push({
        sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        principals: [{ type: 'Service', identifiers: [`logs.${props.region}.amazonaws.com`] }],
        condition: [
          {
            test: 'ArnLike',
            variable: 'kms:EncryptionContext:aws:logs:arn',
            values: [`arn:aws:logs:${props.region}:${props.accountId}:log-group:*`],
          },
        ],
      });
    }
    if (props.allowS3ServerAccessLogs) {
      // Log delivery encrypts with the target bucket's default key; it needs the key, scoped to this account.
      statements.push({
        sid: 'S3ServerAccessLogDeliveryEncrypts',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] }],
      });
    }
    const policy = new DataAwsIamPolicyDocument(this, 'policy', { statement: statements });
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: policy.json,
    });
    this.aliasName = `alias/${props.alias}`;
    new KmsAlias(this, 'alias', { name: this.aliasName, targetKeyId: this.key.keyId });
    this.arn = this.key.arn;
  }
}
