import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import type { AuroraSettings } from '../../config/settings';
import { EncryptedLogGroup } from './log-group';

export const POSTGRES_PORT = 5432;

export interface AuroraClusterProps {
  /** Cluster identifier, e.g. `northwind-dev-source`. */
  readonly identifier: string;
  readonly settings: AuroraSettings;
  readonly vpcId: string;
  /** Private subnets (at least two AZs). */
  readonly subnetIds: string[];
  /** The only security group admitted on 5432 (the Glue job's). */
  readonly clientSecurityGroupId: string;
  /** Name of the role RDS enhanced monitoring publishes OS metrics with. */
  readonly monitoringRoleName: string;
  /** KMS key for storage, the managed master secret, Performance Insights and the exported logs. */
  readonly kmsKeyArn: string;
  /** Retention in days of the exported `postgresql` log group. */
  readonly logRetentionDays: number;
}

/** The log group RDS exports a cluster's `postgresql` log to (RDS picks the name; we own the group). */
export function postgresqlLogGroupName(clusterIdentifier: string): string {
  return `/aws/rds/cluster/${clusterIdentifier}/postgresql`;
}

/**
 * The Northwind source: Aurora PostgreSQL Serverless v2 with a pinned engine version, encrypted with the
 * customer key, the master password generated and rotated by RDS in Secrets Manager (never in state), IAM
 * authentication, the Data API (docs/deploy.md loads Northwind through the query editor), log exports, backups,
 * and deletion protection / final snapshot per environment. Reachable on 5432 from the Glue security group only.
 */
export class AuroraCluster extends Construct {
  readonly cluster: RdsCluster;
  readonly securityGroup: SecurityGroup;
  readonly endpoint: string;
  /** ARN of the RDS-managed master user secret (username + password JSON). */
  readonly secretArn: string;

  constructor(scope: Construct, id: string, props: AuroraClusterProps) {
    super(scope, id);
    const s = props.settings;
    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: `${props.identifier}-aurora`,
      description: 'Aurora PostgreSQL: 5432 from the Glue job only',
      vpcId: props.vpcId,
      tags: { Name: `${props.identifier}-aurora` },
    });
    new VpcSecurityGroupIngressRule(this, 'postgres-from-glue', {
      securityGroupId: this.securityGroup.id,
      description: 'PostgreSQL from the Glue job security group',
      ipProtocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      referencedSecurityGroupId: props.clientSecurityGroupId,
    });
    const subnets = new DbSubnetGroup(this, 'subnets', {
      name: props.identifier,
      description: 'Private subnets of the Northwind source cluster',
      subnetIds: props.subnetIds,
    });
    const parameters = new RdsClusterParameterGroup(this, 'parameters', {
      name: `${props.identifier}-pg16`,
      family: 'aurora-postgresql16',
      description: 'TLS-only connections and statement logging for DDL',
      parameter: [
        { name: 'rds.force_ssl', value: '1' },
        { name: 'log_statement', value: 'ddl' },
        { name: 'log_min_duration_statement', value: '1000' },
      ],
    });
    // Created before the cluster exports to it: otherwise RDS creates it first, unencrypted and kept forever,
    // and the stack's own group then fails with "already exists".
    const postgresqlLogs = new EncryptedLogGroup(this, 'postgresql-logs', {
      name: postgresqlLogGroupName(props.identifier),
      retentionDays: props.logRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
    });
    const autoPause = s.minCapacityAcu === 0;
    this.cluster = new RdsCluster(this, 'cluster', {
      clusterIdentifier: props.identifier,
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: s.engineVersion,
      allowMajorVersionUpgrade: false,
      databaseName: s.databaseName,
      masterUsername: 'northwind_admin',
      // RDS generates the password, stores and rotates it in Secrets Manager; it never appears in state.
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.kmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      enableHttpEndpoint: true,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      dbSubnetGroupName: subnets.name,
      dbClusterParameterGroupName: parameters.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      port: POSTGRES_PORT,
      backupRetentionPeriod: s.backupRetentionDays,
      preferredBackupWindow: '02:00-03:00',
      preferredMaintenanceWindow: 'sun:03:30-sun:04:30',
      copyTagsToSnapshot: true,
      enabledCloudwatchLogsExports: ['postgresql'],
      deletionProtection: s.deletionProtection,
      skipFinalSnapshot: !s.finalSnapshot,
      finalSnapshotIdentifier: s.finalSnapshot ? `${props.identifier}-final` : undefined,
      serverlessv2ScalingConfiguration: {
        minCapacity: s.minCapacityAcu,
        maxCapacity: s.maxCapacityAcu,
        secondsUntilAutoPause: autoPause ? s.autoPauseSeconds : undefined,
      },
      dependsOn: [postgresqlLogs.logGroup],
    });
    // Enhanced monitoring: OS-level metrics every 60 s, published by RDS with this role (the AWS-managed
    // service-role policy grants only logs writes to the RDSOSMetrics group).
    const monitoringTrust = new DataAwsIamPolicyDocument(this, 'monitoring-trust', {
      statement: [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] }],
        },
      ],
    });
    const monitoringRole = new IamRole(this, 'monitoring-role', {
      name: props.monitoringRoleName,
      assumeRolePolicy: monitoringTrust.json,
    });
    const monitoringPolicy = new IamRolePolicyAttachment(this, 'monitoring-policy', {
      role: monitoringRole.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    });
    new RdsClusterInstance(this, 'writer', {
      identifier: `${props.identifier}-writer`,
      clusterIdentifier: this.cluster.id,
      instanceClass: 'db.serverless',
      engine: 'aurora-postgresql',
      engineVersion: s.engineVersion,
      // The engine version is pinned in settings; upgrades are deliberate changes, not maintenance surprises.
      autoMinorVersionUpgrade: false,
      publiclyAccessible: false,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.kmsKeyArn,
      performanceInsightsRetentionPeriod: 7,
      monitoringInterval: 60,
      monitoringRoleArn: monitoringRole.arn,
      copyTagsToSnapshot: true,
      // RDS checks the role's permissions when the instance is created: the policy must be attached first.
      dependsOn: [monitoringPolicy],
    });
    this.endpoint = this.cluster.endpoint;
    this.secretArn = this.cluster.masterUserSecret.get(0).secretArn;
  }
}
