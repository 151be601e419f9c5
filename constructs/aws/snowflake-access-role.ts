import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';

export interface SnowflakeAccessRoleProps {
  /** Role name; derive it with `roleNames(...).snowflakeAccess` so Snowflake can compute the ARN. */
  readonly roleName: string;
  /** The IAM principal Snowflake assumes the role as (its integration's IAM user ARN); may be a token. */
  readonly trustedPrincipalArn: string;
  /** External ids Snowflake presents (storage and catalog integration); may be tokens. At least one. */
  readonly externalIds: readonly string[];
  /** The lake bucket's name. */
  readonly lakeBucketName: string;
  /** Key prefixes Snowflake may read, each ending in `/` (e.g. `warehouse/northwind_dev_marts.db/`). */
  readonly readablePrefixes: readonly string[];
  /** ARN of the KMS key encrypting the lake (Snowflake must decrypt what it reads). */
  readonly kmsKeyArn: string;
  /** Account and region of the Glue Data Catalog (for the catalog integration's reads). */
  readonly accountId: string;
  readonly region: string;
  /** Glue databases whose tables Snowflake's catalog integration may read. */
  readonly catalogDatabases: readonly string[];
}

/**
 * The role Snowflake assumes to read the Iceberg marts: trusted only by Snowflake's IAM user with the
 * external id(s) Snowflake reports, allowed only to list and read the served prefixes of the lake and to read
 * the Glue catalog entries of the served databases. No write access anywhere.
 */
export class SnowflakeAccessRole extends Construct {
  readonly role: IamRole;
  readonly roleName: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: SnowflakeAccessRoleProps) {
    super(scope, id);
    if (props.externalIds.length === 0) {
      throw new Error('SnowflakeAccessRole: externalIds must hold at least one external id (sts:ExternalId)');
    }
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          sid: 'SnowflakeAssumesWithExternalId',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'AWS', identifiers: [props.trustedPrincipalArn] }],
          condition: [{ test: 'StringEquals', variable: 'sts:ExternalId', values: [...props.externalIds] }],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'Assumed by Snowflake to read the served Iceberg tables and their Glue catalog entries',
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });
    this.roleName = props.roleName;
    this.arn = this.role.arn;

    const bucketArn = `arn:aws:s3:::${props.lakeBucketName}`;
    const catalog = `arn:aws:glue:${props.region}:${props.accountId}`;
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'ReadServedObjects',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: props.readablePrefixes.map((p) => `${bucketArn}/${p}*`),
      },
      {
        sid: 'ListServedPrefixes',
        actions: ['s3:ListBucket'],
        resources: [bucketArn],
        condition: [{ test: 'StringLike', variable: 's3:prefix', values: props.readablePrefixes.map((p) => `${p}*`) }],
      },
      { sid: 'LocateBucket', actions: ['s3:GetBucketLocation'], resources: [bucketArn] },
      { sid: 'DecryptServedObjects', actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: [props.kmsKeyArn] },
      {
        sid: 'ReadServedCatalog',
        actions: ['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables'],
        resources: [
          `${catalog}:catalog`,
          ...props.catalogDatabases.map((db) => `${catalog}:database/${db}`),
          ...props.catalogDatabases.map((db) => `${catalog}:table/${db}/*`),
        ],
      },
    ];
    const policy = new DataAwsIamPolicyDocument(this, 'permissions', { statement: statements });
    new IamRolePolicy(this, 'policy', { name: 'read-served-lake', role: this.role.id, policy: policy.json });
  }
}
