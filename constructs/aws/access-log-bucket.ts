import { Construct } from 'constructs';
import { type AccessLogTarget, SecureBucket } from './secure-bucket';

export interface AccessLogBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** KMS key for SSE-KMS; its policy must let `logging.s3.amazonaws.com` use it (EncryptionKey allowS3ServerAccessLogs). */
  readonly kmsKeyArn: string;
  /** The account whose buckets log here (log delivery is refused for any other source account). */
  readonly accountId: string;
  /** Buckets allowed to deliver logs here. */
  readonly sourceBucketNames: readonly string[];
  /** Days before non-current versions expire. */
  readonly noncurrentVersionExpirationDays: number;
  /** Days before access logs expire; default 365. */
  readonly logExpirationDays?: number;
}

/**
 * The bucket receiving S3 server access logs: a SecureBucket whose policy lets the S3 log delivery service
 * write, only for the listed source buckets of this account. It does not log itself (that would loop).
 */
export class AccessLogBucket extends Construct {
  /** The bucket name as a reference. */
  readonly name: string;
  readonly arn: string;
  /** What a source bucket's logging points at: this bucket and its log-delivery policy. */
  readonly target: AccessLogTarget;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const bucket = new SecureBucket(this, 'bucket', {
      bucketName: props.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays,
      expirations: [{ prefix: '', days: props.logExpirationDays ?? 365 }],
      policyStatements: [
        {
          sid: 'S3ServerAccessLogDelivery',
          actions: ['s3:PutObject'],
          resources: [`arn:aws:s3:::${props.bucketName}/*`],
          principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] },
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: props.sourceBucketNames.map((name) => `arn:aws:s3:::${name}`),
            },
          ],
        },
      ],
    });
    this.name = bucket.name;
    this.arn = bucket.arn;
    this.target = { bucketName: bucket.name, deliveryPolicy: bucket.policy };
  }
}
