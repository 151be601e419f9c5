// Type-only imports: resources are recognized by their Terraform type, so checking for a resource class does
// not load (or bundle) that class's module when the app never uses it.
import type { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import type { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketAcl } from '@cdktf/provider-aws/lib/s3-bucket-acl';
import type { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import type { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import {
  Annotations,
  DefaultTokenResolver,
  StringConcat,
  TerraformDataSource,
  TerraformResource,
  TerraformStack,
  Token,
  Tokenization,
  type IAspect,
} from 'cdktf';
import type { IConstruct } from 'constructs';

/** Types the policy inspects, by Terraform type name (resources and data sources share this map). */
interface Inspected {
  aws_s3_bucket: S3Bucket;
  aws_s3_bucket_server_side_encryption_configuration: S3BucketServerSideEncryptionConfigurationA;
  aws_s3_bucket_public_access_block: S3BucketPublicAccessBlock;
  aws_s3_bucket_acl: S3BucketAcl;
  aws_rds_cluster: RdsCluster;
  aws_db_instance: DbInstance;
  aws_iam_policy: IamPolicy;
  aws_iam_role_policy: IamRolePolicy;
  aws_iam_role: IamRole;
  aws_iam_policy_document: DataAwsIamPolicyDocument;
}

function typeOf(node: IConstruct): string | undefined {
  if (node instanceof TerraformResource) return node.terraformResourceType;
  if (node instanceof TerraformDataSource) return node.terraformResourceType;
  return undefined;
}

function isA<K extends keyof Inspected>(node: IConstruct, type: K): node is Inspected[K] & IConstruct {
  return typeOf(node) === type;
}

/** ACLs that expose a bucket beyond its account. */
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);

/** `*`, `s3:*`: an action pattern that grants a whole service (or everything). */
export function isWildcardAction(action: string): boolean {
  return action === '*' || /^[A-Za-z0-9-]+:\*$/.test(action);
}

interface PolicyStatementLike {
  readonly effect?: unknown;
  readonly Effect?: unknown;
  readonly actions?: unknown;
  readonly Action?: unknown;
  readonly notActions?: unknown;
  readonly NotAction?: unknown;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Why a statement is rejected, or undefined when it is fine. Deny statements may use wildcards (TLS-only). */
function wildcardProblem(statement: PolicyStatementLike): string | undefined {
  const effect = statement.effect ?? statement.Effect ?? 'Allow';
  if (effect !== 'Allow') return undefined;
  if (asList(statement.notActions ?? statement.NotAction).length > 0) {
    return 'allows every action except a list (NotAction); list the allowed actions instead';
  }
  const wild = asList(statement.actions ?? statement.Action).filter(
    (a): a is string => typeof a === 'string' && isWildcardAction(a),
  );
  return wild.length > 0 ? `allows wildcard actions ${wild.join(', ')}; list the actions it needs` : undefined;
}

/**
 * Fails synth (error annotations) when a stack holds an S3 bucket without default encryption or without a
 * full public access block, a public bucket ACL, an RDS cluster or instance without storage encryption, or
 * an IAM policy statement that allows wildcard actions. Runs once per stack, because a bucket's encryption
 * and public access block are separate resources that refer to it.
 */
export class SecurityPolicy implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack)) return;
    const stack = node;
    const resolver = new DefaultTokenResolver(new StringConcat());
    // Resolves references to their Terraform expressions (`${aws_s3_bucket.x.id}`) to match resources up.
    const resolve = (value: unknown): unknown =>
      Tokenization.resolve(value, { scope: stack, preparing: false, resolver });
    const all = stack.node.findAll();
    const refersTo = (value: unknown, bucket: S3Bucket): boolean => {
      if (value === undefined) return false;
      if (!Token.isUnresolved(value)) return value === bucket.bucketInput;
      const resolved = JSON.stringify(resolve(value));
      return resolved.includes(`${bucket.terraformResourceType}.${bucket.friendlyUniqueId}.`);
    };

    const encryptions = all.filter((n) => isA(n, 'aws_s3_bucket_server_side_encryption_configuration'));
    const accessBlocks = all.filter((n) => isA(n, 'aws_s3_bucket_public_access_block'));

    for (const bucket of all.filter((n) => isA(n, 'aws_s3_bucket'))) {
      const encrypted =
        bucket.serverSideEncryptionConfigurationInput !== undefined ||
        encryptions.some((e) => refersTo(e.bucketInput, bucket));
      if (!encrypted) {
        Annotations.of(bucket).addError(
          'S3 bucket is not encrypted: add an aws_s3_bucket_server_side_encryption_configuration (SSE-KMS) for it',
        );
      }
      const block = accessBlocks.find((b) => refersTo(b.bucketInput, bucket));
      const fullyBlocked =
        block !== undefined &&
        [
          block.blockPublicAclsInput,
          block.blockPublicPolicyInput,
          block.ignorePublicAclsInput,
          block.restrictPublicBucketsInput,
        ].every((flag) => flag === true);
      if (!fullyBlocked) {
        Annotations.of(bucket).addError(
          'S3 bucket may be public: add an aws_s3_bucket_public_access_block with all four settings true',
        );
      }
      if (bucket.aclInput !== undefined && PUBLIC_ACLS.has(bucket.aclInput)) {
        Annotations.of(bucket).addError(`S3 bucket is public: its ACL is ${bucket.aclInput}`);
      }
    }

    for (const n of all) {
      if (isA(n, 'aws_s3_bucket_acl') && n.aclInput !== undefined && PUBLIC_ACLS.has(n.aclInput)) {
        Annotations.of(n).addError(`S3 bucket ACL makes the bucket public: ${n.aclInput}`);
      } else if ((isA(n, 'aws_rds_cluster') || isA(n, 'aws_db_instance')) && n.storageEncryptedInput !== true) {
        Annotations.of(n).addError('database storage is not encrypted: set storageEncrypted to true (with a KMS key)');
      } else if (isA(n, 'aws_iam_policy_document')) {
        const statements = asList(resolve(n.statementInput)) as PolicyStatementLike[];
        statements.forEach((s, i) => {
          const problem = wildcardProblem(s);
          if (problem) Annotations.of(n).addError(`IAM policy statement ${i} ${problem}`);
        });
      } else if (isA(n, 'aws_iam_policy') || isA(n, 'aws_iam_role_policy')) {
        this.checkPolicyJson(n, n.policyInput);
      } else if (isA(n, 'aws_iam_role')) {
        this.checkPolicyJson(n, n.assumeRolePolicyInput);
      }
    }
  }

  /** Checks a policy given as literal JSON (policies given as tokens come from a checked policy document). */
  private checkPolicyJson(node: IConstruct, policy: string | undefined): void {
    if (policy === undefined || Token.isUnresolved(policy)) return;
    let document: { Statement?: unknown };
    try {
      document = JSON.parse(policy) as { Statement?: unknown };
    } catch {
      Annotations.of(node).addError('IAM policy is not valid JSON');
      return;
    }
    asList(document.Statement).forEach((s, i) => {
      const problem = wildcardProblem(s as PolicyStatementLike);
      if (problem) Annotations.of(node).addError(`IAM policy statement ${i} ${problem}`);
    });
  }
}
