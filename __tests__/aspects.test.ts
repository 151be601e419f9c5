import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketAcl } from '@cdktf/provider-aws/lib/s3-bucket-acl';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { DefaultTags, platformTags } from '../constructs/aspects/default-tags';
import { SecurityPolicy } from '../constructs/aspects/security-policy';
import { SecureBucket } from '../constructs/aws/secure-bucket';

/** A stack with the security policy aspect; `build` adds the resources under test. */
function policyErrors(build: (stack: TerraformStack) => void): string[] {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
  build(stack);
  Aspects.of(stack).add(new SecurityPolicy());
  Testing.synth(stack);
  return stack.node
    .findAll()
    .flatMap((n) => n.node.metadata.filter((m) => m.type === '@cdktf/error').map((m) => String(m.data)));
}

const compliantBucket = (stack: TerraformStack, id = 'ok'): SecureBucket =>
  new SecureBucket(stack, id, {
    bucketName: `bucket-${id}`,
    kmsKeyArn: 'arn:aws:kms:eu-central-1:111111111111:key/k',
    noncurrentVersionExpirationDays: 30,
  });

describe('security policy aspect', () => {
  test('a secure bucket passes', () => {
    expect(policyErrors((s) => compliantBucket(s))).toEqual([]);
  });

  test('an unencrypted bucket fails synth', () => {
    const errors = policyErrors((s) => {
      const b = new S3Bucket(s, 'plain', { bucket: 'plain' });
      new S3BucketPublicAccessBlock(s, 'pab', {
        bucket: b.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
    });
    expect(errors).toEqual([expect.stringMatching(/S3 bucket is not encrypted/)]);
  });

  test('encryption of another bucket does not count', () => {
    const errors = policyErrors((s) => {
      compliantBucket(s);
      const b = new S3Bucket(s, 'other', { bucket: 'other' });
      new S3BucketPublicAccessBlock(s, 'pab', {
        bucket: b.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
    });
    expect(errors).toEqual([expect.stringMatching(/S3 bucket is not encrypted/)]);
  });

  test('a bucket without a full public access block fails synth', () => {
    const errors = policyErrors((s) => {
      const b = new S3Bucket(s, 'open', { bucket: 'open' });
      new S3BucketServerSideEncryptionConfigurationA(s, 'sse', {
        bucket: b.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }],
      });
      new S3BucketPublicAccessBlock(s, 'pab', {
        bucket: b.id,
        blockPublicAcls: true,
        blockPublicPolicy: false,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
    });
    expect(errors).toEqual([expect.stringMatching(/S3 bucket may be public/)]);
  });

  test('a public-read acl fails synth', () => {
    const errors = policyErrors((s) => {
      const b = compliantBucket(s);
      new S3BucketAcl(s, 'acl', { bucket: b.bucket.id, acl: 'public-read' });
    });
    expect(errors).toEqual([expect.stringMatching(/public-read/)]);
  });

  test('an unencrypted rds cluster or instance fails synth', () => {
    const errors = policyErrors((s) => {
      new RdsCluster(s, 'db', { engine: 'aurora-postgresql', storageEncrypted: false });
      new DbInstance(s, 'instance', { instanceClass: 'db.t4g.micro', engine: 'postgres' });
      new RdsCluster(s, 'encrypted', { engine: 'aurora-postgresql', storageEncrypted: true });
    });
    expect(errors).toEqual([
      expect.stringMatching(/database storage is not encrypted/),
      expect.stringMatching(/database storage is not encrypted/),
    ]);
  });

  test.each(['*', 's3:*', 'kms:*'])('an iam statement allowing %s fails synth', (action) => {
    const errors = policyErrors((s) => {
      new DataAwsIamPolicyDocument(s, 'doc', {
        statement: [{ actions: ['s3:GetObject', action], resources: ['arn:aws:s3:::b/*'] }],
      });
    });
    expect(errors).toEqual([`IAM policy statement 0 allows wildcard actions ${action}; list the actions it needs`]);
  });

  test('wildcard actions in a deny statement and prefix wildcards pass', () => {
    expect(
      policyErrors((s) => {
        new DataAwsIamPolicyDocument(s, 'doc', {
          statement: [
            { effect: 'Deny', actions: ['s3:*'], resources: ['*'] },
            { actions: ['s3:GetObject*'], resources: ['arn:aws:s3:::b/*'] },
          ],
        });
      }),
    ).toEqual([]);
  });

  test('allow with NotAction fails synth', () => {
    const errors = policyErrors((s) => {
      new DataAwsIamPolicyDocument(s, 'doc', { statement: [{ notActions: ['iam:*'], resources: ['*'] }] });
    });
    expect(errors).toEqual([expect.stringMatching(/NotAction/)]);
  });

  test('a literal json policy with a wildcard action fails synth', () => {
    const errors = policyErrors((s) => {
      new IamRolePolicy(s, 'inline', {
        role: 'r',
        policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      });
    });
    expect(errors).toEqual([expect.stringMatching(/wildcard actions \*/)]);
  });

  test('an error annotation stops app synth', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'broken');
    new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
    new S3Bucket(stack, 'plain', { bucket: 'plain' });
    Aspects.of(stack).add(new SecurityPolicy());
    expect(() => app.synth()).toThrow(/S3 bucket is not encrypted/);
  });
});

describe('default tags aspect', () => {
  function synthTags(build: (stack: TerraformStack) => void): Record<string, Record<string, string>> {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
    build(stack);
    Aspects.of(stack).add(new DefaultTags(platformTags('dev')));
    const json = JSON.parse(Testing.synth(stack));
    return Object.fromEntries(
      Object.entries(json.resource.aws_s3_bucket as Record<string, { tags: Record<string, string> }>).map(([k, v]) => [
        k,
        v.tags,
      ]),
    );
  }

  test('an untagged resource gets project, environment and managed-by', () => {
    expect(Object.values(synthTags((s) => new S3Bucket(s, 'b', { bucket: 'b' })))).toEqual([
      { project: 'northwind-data-vault-platform', environment: 'dev', 'managed-by': 'cdktf' },
    ]);
  });

  test("a resource's own tags win over the defaults and are kept", () => {
    expect(
      Object.values(
        synthTags((s) => new S3Bucket(s, 'b', { bucket: 'b', tags: { environment: 'sandbox', owner: 'data' } })),
      ),
    ).toEqual([
      { project: 'northwind-data-vault-platform', environment: 'sandbox', 'managed-by': 'cdktf', owner: 'data' },
    ]);
  });

  test('resources without tags are left alone', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
    new S3BucketPublicAccessBlock(stack, 'pab', { bucket: 'b' });
    Aspects.of(stack).add(new DefaultTags(platformTags('dev')));
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.resource.aws_s3_bucket_public_access_block)[0]).not.toHaveProperty('tags');
  });
});
