import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  type S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA as S3BucketLogging } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { denyInsecureTransport } from './iam';

/** Where a bucket sends its server access logs: the log bucket, by reference, and what must exist first. */
export interface AccessLogTarget {
  /** The log bucket's name as a reference (`aws_s3_bucket.x.bucket`), so logging waits for the bucket. */
  readonly bucketName: string;
  /** The log bucket's policy letting S3 log delivery write: logging set up before it would lose logs. */
  readonly deliveryPolicy: ITerraformDependable;
}

/** An expiration rule for objects under one prefix. */
export interface PrefixExpiration {
  /** Key prefix, e.g. `temp/`. */
  readonly prefix: string;
  /** Days after creation before objects under the prefix expire. */
  readonly days: number;
}

export interface SecureBucketProps {
  /** Globally unique bucket name (derive it with `bucketNames`). */
  readonly bucketName: string;
  /** ARN of the KMS key for default SSE-KMS encryption. */
  readonly kmsKeyArn: string;
  /** Where this bucket's server access logs go; default none (only for the log bucket itself). */
  readonly accessLogs?: AccessLogTarget;
  /** Days before non-current versions expire. */
  readonly noncurrentVersionExpirationDays: number;
  /** Prefixes whose objects expire (temp data, query results); default none. */
  readonly expirations?: readonly PrefixExpiration[];
  /** Extra bucket policy statements (the TLS-only deny is always there); default none. */
  readonly policyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
  /** Allow `terraform destroy` to delete a non-empty bucket; default false. */
  readonly forceDestroy?: boolean;
}

/**
 * An S3 bucket the way every bucket of the platform is built: SSE-KMS with a bucket key, versioned, all public
 * access blocked, ACLs disabled (bucket owner enforced), TLS-only bucket policy, lifecycle rules that expire
 * non-current versions and abort stale multipart uploads, and server access logs to the log bucket.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket name as a reference: whatever names the bucket through it waits for the bucket. */
  readonly name: string;
  readonly arn: string;
  /** The bucket policy (TLS-only plus the extra statements). */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: props.forceDestroy ?? false });
    this.name = this.bucket.bucket;
    this.arn = this.bucket.arn;
    const bucketId = this.bucket.id;

    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: bucketId,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: bucketId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfiguration(this, 'encryption', {
      bucket: bucketId,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
          // The bucket key cuts KMS requests (and cost) for Iceberg's many small metadata objects.
          bucketKeyEnabled: true,
        },
      ],
    });
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: bucketId,
      versioningConfiguration: { status: 'Enabled' },
    });

    const rules: S3BucketLifecycleConfigurationRule[] = [
      {
        id: 'expire-noncurrent-versions-and-stale-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
      ...(props.expirations ?? []).map((e) => ({
        id: `expire-${e.prefix.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '') || 'everything'}`,
        status: 'Enabled',
        filter: [{ prefix: e.prefix }],
        expiration: [{ days: e.days }],
      })),
    ];
    // Lifecycle rules need versioning settled first, or S3 may evaluate them against an unversioned bucket.
    new S3BucketLifecycleConfiguration(this, 'lifecycle', { bucket: bucketId, rule: rules, dependsOn: [versioning] });

    if (props.accessLogs !== undefined) {
      new S3BucketLogging(this, 'access-logs', {
        bucket: bucketId,
        targetBucket: props.accessLogs.bucketName,
        targetPrefix: `${props.bucketName}/`,
        dependsOn: [props.accessLogs.deliveryPolicy],
      });
    }

    const policy = new DataAwsIamPolicyDocument(this, 'policy-document', {
      statement: [denyInsecureTransport(this.bucket.arn), ...(props.policyStatements ?? [])],
    });
    // The public access block goes first: S3 rejects some policies while it is being created.
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: bucketId,
      policy: policy.json,
      dependsOn: [publicAccess],
    });
  }
}
