import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { GlueConnection } from '@cdktf/provider-aws/lib/glue-connection';
import { GlueJob } from '@cdktf/provider-aws/lib/glue-job';
import { GlueSecurityConfiguration } from '@cdktf/provider-aws/lib/glue-security-configuration';
import { GlueTrigger } from '@cdktf/provider-aws/lib/glue-trigger';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import type { GlueSettings } from '../../config/settings';
import { POSTGRES_PORT } from './aurora-cluster';
import { GLUE_TEMP_PREFIX, uploadGlueJobCode } from './glue-job-code';
import { createGlueJobLogGroups, glueLogGroupPrefix } from './glue-job-logs';
import { glueJobStatements } from './glue-job-permissions';
import type { EncryptedLogGroup } from './log-group';
import { RDS_CA_BUNDLE_FILE } from './rds-ca-bundle';

export { GLUE_SCRIPTS_PREFIX, GLUE_TEMP_PREFIX } from './glue-job-code';

/** What a run of the shared entry script does (`--JOB_MODE`). */
export type GlueJobMode = 'ingest' | 'maintain';

export interface GlueIngestJobProps {
  /** Ingestion job name. */
  readonly jobName: string;
  /** Name of the Iceberg maintenance job (same script and package, `--JOB_MODE maintain`). */
  readonly maintenanceJobName: string;
  /** Name of the weekly trigger of the maintenance job. */
  readonly maintenanceTriggerName: string;
  /** When the maintenance job runs; default Sundays 03:00 UTC. */
  readonly maintenanceSchedule?: string;
  /** Role name (derive it with `roleNames`). */
  readonly roleName: string;
  /** JDBC connection name. */
  readonly connectionName: string;
  /** Security configuration name. */
  readonly securityConfigurationName: string;
  readonly settings: GlueSettings;
  readonly accountId: string;
  readonly region: string;
  /** Directory holding `glue_entry.py` and the `northwind_ingest/` package. */
  readonly glueJobDir: string;
  /** Bucket for scripts, the zipped package, the CA bundle and the temp directory (a reference). */
  readonly assetsBucketName: string;
  /** The lake bucket (a reference) and the key prefix (ending in `/`) the jobs may write: their database's tables. */
  readonly lakeBucketName: string;
  readonly writablePrefix: string;
  /** The Iceberg warehouse URI passed as `--WAREHOUSE`. */
  readonly warehouseUri: string;
  /** The catalog database the jobs create, replace and compact tables in (`--CATALOG_DATABASE`; a reference). */
  readonly catalogDatabase: string;
  /** Aurora endpoint, database and schema read over JDBC. */
  readonly sourceHost: string;
  readonly sourceDatabase: string;
  /** Source schema; default `public`. */
  readonly sourceSchema?: string;
  /** ARN of the Aurora master secret: the only secret the jobs may read. */
  readonly secretArn: string;
  /** Customer key of the environment (S3, secret, logs, bookmarks). */
  readonly kmsKeyArn: string;
  /** Private subnet and availability zone of the connection, and the Glue security group. */
  readonly subnetId: string;
  readonly availabilityZone: string;
  readonly securityGroupId: string;
  /** Log retention in days. */
  readonly logRetentionDays: number;
}

/**
 * The ingestion job and its Iceberg maintenance twin: the uploaded code (entry script, zipped `northwind_ingest`,
 * RDS CA bundle), the JDBC connection (credentials by SECRET_ID, never a password; TLS verified against the RDS
 * CAs), the security configuration (S3, CloudWatch and bookmark encryption), encrypted log groups, one
 * least-privilege role, and two Glue 5.0 jobs with Iceberg on that differ only in `--JOB_MODE`.
 */
export class GlueIngestJob extends Construct {
  readonly job: GlueJob;
  readonly maintenanceJob: GlueJob;
  readonly role: IamRole;
  /** The ingestion job's arguments (the maintenance job's differ only in `--JOB_MODE`). */
  readonly defaultArguments: Readonly<Record<string, string>>;
  private readonly props: GlueIngestJobProps;

  constructor(scope: Construct, id: string, props: GlueIngestJobProps) {
    super(scope, id);
    this.props = props;
    const code = uploadGlueJobCode(this, {
      glueJobDir: props.glueJobDir,
      bucketName: props.assetsBucketName,
      kmsKeyArn: props.kmsKeyArn,
    });
    const logGroups = createGlueJobLogGroups(this, {
      jobNames: [props.jobName, props.maintenanceJobName],
      roleName: props.roleName,
      securityConfigurationName: props.securityConfigurationName,
      retentionDays: props.logRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
    });
    this.role = this.createRole(logGroups);
    const connection = this.createConnection();
    const security = this.createSecurityConfiguration();

    // The contract with glue_job/glue_entry.py (getResolvedOptions): names and meanings must not drift.
    const commonArguments: Record<string, string> = {
      '--SECRET_ID': props.secretArn,
      '--SOURCE_HOST': props.sourceHost,
      '--SOURCE_PORT': String(POSTGRES_PORT),
      '--SOURCE_DATABASE': props.sourceDatabase,
      '--SOURCE_SCHEMA': props.sourceSchema ?? 'public',
      // pgjdbc verifies Aurora's certificate and host name against the shipped RDS CA bundle, which Glue puts
      // in the working directory (--extra-files), hence the relative name.
      '--SOURCE_SSLMODE': 'verify-full',
      '--SOURCE_SSLROOTCERT': RDS_CA_BUNDLE_FILE,
      '--CATALOG_DATABASE': props.catalogDatabase,
      '--WAREHOUSE': props.warehouseUri,
      '--datalake-formats': 'iceberg',
      '--extra-py-files': code.packageUri,
      '--extra-files': code.caBundleUri,
      '--job-language': 'python',
      '--TempDir': `s3://${props.assetsBucketName}/${GLUE_TEMP_PREFIX}`,
    };
    const argumentsOf = (name: string, mode: GlueJobMode): Record<string, string> => ({
      ...commonArguments,
      '--JOB_MODE': mode,
      // Glue 5.0 logs in real time by default; the prefix picks the groups created (and encrypted) above.
      '--custom-logGroup-prefix': glueLogGroupPrefix(name),
    });
    this.defaultArguments = argumentsOf(props.jobName, 'ingest');
    const jobOf = (jobId: string, name: string, mode: GlueJobMode, description: string): GlueJob =>
      new GlueJob(this, jobId, {
        name,
        description,
        roleArn: this.role.arn,
        glueVersion: props.settings.version,
        workerType: props.settings.workerType,
        numberOfWorkers: props.settings.numberOfWorkers,
        timeout: props.settings.timeoutMinutes,
        maxRetries: 0,
        // Explicit: Glue reports STANDARD when it is left out, which would read back as a change on every plan.
        executionClass: 'STANDARD',
        executionProperty: { maxConcurrentRuns: 1 },
        command: { name: 'glueetl', pythonVersion: '3', scriptLocation: code.scriptUri },
        connections: [connection.name],
        securityConfiguration: security.name,
        defaultArguments: argumentsOf(name, mode),
        dependsOn: logGroups.map((group) => group.logGroup),
      });
    this.job = jobOf(
      'job',
      props.jobName,
      'ingest',
      'Northwind ingestion: Aurora PostgreSQL over JDBC into Iceberg tables (raw layer)',
    );
    this.maintenanceJob = jobOf(
      'maintenance-job',
      props.maintenanceJobName,
      'maintain',
      'Iceberg maintenance of the raw layer: expire snapshots, remove orphan files, compact small files',
    );
    new GlueTrigger(this, 'maintenance-schedule', {
      name: props.maintenanceTriggerName,
      description: 'Weekly Iceberg maintenance of the raw layer',
      type: 'SCHEDULED',
      schedule: props.maintenanceSchedule ?? 'cron(0 3 ? * SUN *)',
      actions: [{ jobName: this.maintenanceJob.name }],
    });
  }

  private createRole(logGroups: readonly EncryptedLogGroup[]): IamRole {
    const p = this.props;
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['glue.amazonaws.com'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [p.accountId] }],
        },
      ],
    });
    const role = new IamRole(this, 'role', {
      name: p.roleName,
      description: 'Glue ingestion and Iceberg maintenance jobs: Aurora (JDBC) to Iceberg in the lake',
      assumeRolePolicy: trust.json,
    });
    const permissions = new DataAwsIamPolicyDocument(this, 'permissions', {
      statement: glueJobStatements({
        ...p,
        logGroupNames: logGroups.map((group) => group.name),
      }),
    });
    new IamRolePolicy(this, 'policy', { name: 'ingest-least-privilege', role: role.id, policy: permissions.json });
    return role;
  }

  private createConnection(): GlueConnection {
    const p = this.props;
    return new GlueConnection(this, 'connection', {
      name: p.connectionName,
      description: 'JDBC to the Northwind source; credentials come from Secrets Manager (SECRET_ID)',
      connectionType: 'JDBC',
      connectionProperties: {
        JDBC_CONNECTION_URL: `jdbc:postgresql://${p.sourceHost}:${POSTGRES_PORT}/${p.sourceDatabase}`,
        SECRET_ID: p.secretArn,
        JDBC_ENFORCE_SSL: 'true',
      },
      physicalConnectionRequirements: {
        availabilityZone: p.availabilityZone,
        subnetId: p.subnetId,
        securityGroupIdList: [p.securityGroupId],
      },
    });
  }

  private createSecurityConfiguration(): GlueSecurityConfiguration {
    const kmsKeyArn = this.props.kmsKeyArn;
    return new GlueSecurityConfiguration(this, 'security', {
      name: this.props.securityConfigurationName,
      encryptionConfiguration: {
        s3Encryption: { s3EncryptionMode: 'SSE-KMS', kmsKeyArn },
        cloudwatchEncryption: { cloudwatchEncryptionMode: 'SSE-KMS', kmsKeyArn },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn },
      },
    });
  }
}
