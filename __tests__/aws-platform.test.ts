import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { bucketNames, catalogDatabaseName, roleArn, roleNames, snowflakeAccessRoleArn } from '../config/names';
import { isWildcardAction } from '../constructs/aspects/security-policy';
import { INTERFACE_ENDPOINT_SERVICES } from '../constructs/aws/vpc-endpoints';
import {
  defaultAppConfig,
  policyAt,
  ref,
  resourceAt,
  resourcesOf,
  snapshotText,
  SYNTH_DIR_VARIABLE,
  synthApp,
  type StackJson,
} from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */

const config = defaultAppConfig();
const stacks = synthApp(config);
const envOf = (name: string) => config.environments.find((e) => e.environment === name)!;

type Statement = {
  sid?: string;
  effect?: string;
  actions?: string[];
  resources?: string[];
  principals?: any[];
  condition?: any[];
};
const statements = (doc: any): Statement[] => doc.statement as Statement[];
const bySid = (doc: any, sid: string): Statement => {
  const found = statements(doc).find((s) => s.sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
};

describe.each(['dev', 'prod'])('aws-%s', (envName) => {
  const env = envOf(envName);
  const json: StackJson = stacks[`aws-${envName}`];
  const names = bucketNames(env);
  const roles = roleNames(env);
  const dataKeyArn = ref(json, 'aws_kms_key', 'data-key/key', 'arn');
  const secretArn = ref(json, 'aws_rds_cluster', 'aurora/cluster', 'master_user_secret[0].secret_arn');
  // Buckets are named through a reference to the bucket resource, so whatever names one waits for it.
  const bucketRef = (name: string): string => {
    const [id] = Object.entries(resourcesOf(json, 'aws_s3_bucket')).find(([, b]) => b.bucket === name)!;
    return `\${aws_s3_bucket.${id}.bucket}`;
  };
  const rawDatabase = ref(json, 'aws_glue_catalog_database', 'catalog-raw', 'name');

  test('matches the snapshot (asset hashes scrubbed)', () => {
    expect(snapshotText(json)).toMatchSnapshot();
  });

  describe('network', () => {
    test('the vpc has dns support and hostnames', () => {
      expect(resourceAt(json, 'aws_vpc', 'network/vpc')).toMatchObject({
        cidr_block: env.network.vpcCidr,
        enable_dns_support: true,
        enable_dns_hostnames: true,
      });
    });

    test('private and public subnets exist in each availability zone', () => {
      env.network.availabilityZones.forEach((az, i) => {
        expect(resourceAt(json, 'aws_subnet', `network/private-${az}`)).toMatchObject({
          availability_zone: az,
          cidr_block: env.network.privateSubnetCidrs[i],
          map_public_ip_on_launch: false,
        });
        expect(resourceAt(json, 'aws_subnet', `network/public-${az}`)).toMatchObject({
          availability_zone: az,
          cidr_block: env.network.publicSubnetCidrs[i],
        });
      });
    });

    test('nat gateways follow the nat mode (one in dev, one per az in prod)', () => {
      const expected = env.network.natMode === 'single' ? 1 : env.network.availabilityZones.length;
      expect(Object.keys(resourcesOf(json, 'aws_nat_gateway'))).toHaveLength(expected);
      expect(env.network.natMode).toBe(envName === 'dev' ? 'single' : 'per-az');
      // Each private route table sends its default route through a NAT gateway.
      env.network.availabilityZones.forEach((az) => {
        expect(resourceAt(json, 'aws_route', `network/private-${az}-default-route`).nat_gateway_id).toMatch(
          /aws_nat_gateway\./,
        );
      });
    });

    test('the default security group allows nothing', () => {
      const sg = resourceAt(json, 'aws_default_security_group', 'network/default-sg');
      expect(sg.ingress).toEqual([]);
      expect(sg.egress).toEqual([]);
    });

    test('vpc flow logs capture all traffic into an encrypted log group', () => {
      expect(resourceAt(json, 'aws_flow_log', 'network/flow-log')).toMatchObject({
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
      });
      expect(resourceAt(json, 'aws_cloudwatch_log_group', 'network/flow-logs/log-group')).toMatchObject({
        kms_key_id: dataKeyArn,
        retention_in_days: env.logRetentionDays,
      });
    });

    test('the s3 gateway endpoint is on every private route table', () => {
      const s3 = resourceAt(json, 'aws_vpc_endpoint', 'endpoints/s3');
      expect(s3).toMatchObject({ vpc_endpoint_type: 'Gateway', service_name: `com.amazonaws.${env.region}.s3` });
      expect(s3.route_table_ids).toEqual(
        env.network.availabilityZones.map((az) => ref(json, 'aws_route_table', `network/private-${az}-routes`, 'id')),
      );
    });

    test.each([...INTERFACE_ENDPOINT_SERVICES])(
      'the %s interface endpoint is private, in the private subnets, behind its own security group',
      (service) => {
        expect(resourceAt(json, 'aws_vpc_endpoint', `endpoints/${service}`)).toEqual(
          expect.objectContaining({
            vpc_endpoint_type: 'Interface',
            service_name: `com.amazonaws.${env.region}.${service}`,
            private_dns_enabled: true,
            subnet_ids: env.network.availabilityZones.map((az) =>
              ref(json, 'aws_subnet', `network/private-${az}`, 'id'),
            ),
            security_group_ids: [ref(json, 'aws_security_group', 'endpoints/sg', 'id')],
          }),
        );
      },
    );

    test('exactly the five interface endpoints and one gateway endpoint exist', () => {
      const types = Object.values(resourcesOf(json, 'aws_vpc_endpoint'))
        .map((e: any) => e.vpc_endpoint_type)
        .sort();
      expect(types).toEqual(['Gateway', 'Interface', 'Interface', 'Interface', 'Interface', 'Interface']);
    });

    test('the endpoint security group admits only https from the vpc cidr', () => {
      const sgId = ref(json, 'aws_security_group', 'endpoints/sg', 'id');
      const rules = Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).filter(
        (r: any) => r.security_group_id === sgId,
      );
      expect(rules).toEqual([
        expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: env.network.vpcCidr }),
      ]);
      expect(
        Object.values(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).filter(
          (r: any) => r.security_group_id === sgId,
        ),
      ).toEqual([]);
    });
  });

  describe('aurora', () => {
    const cluster = resourceAt(json, 'aws_rds_cluster', 'aurora/cluster');
    const instance = resourceAt(json, 'aws_rds_cluster_instance', 'aurora/writer');

    test('aurora is postgresql serverless v2 with the pinned engine version and no automatic upgrades', () => {
      expect(cluster).toMatchObject({
        engine: 'aurora-postgresql',
        engine_mode: 'provisioned',
        engine_version: env.aurora.engineVersion,
        allow_major_version_upgrade: false,
      });
      expect(cluster.engine_version).toMatch(/^16\.\d+$/);
      expect(instance).toMatchObject({
        instance_class: 'db.serverless',
        engine_version: env.aurora.engineVersion,
        auto_minor_version_upgrade: false,
        publicly_accessible: false,
      });
    });

    test('aurora capacity and auto-pause follow the settings', () => {
      const scaling = cluster.serverlessv2_scaling_configuration;
      expect(scaling).toMatchObject({
        min_capacity: env.aurora.minCapacityAcu,
        max_capacity: env.aurora.maxCapacityAcu,
      });
      if (env.aurora.minCapacityAcu === 0) expect(scaling.seconds_until_auto_pause).toBe(env.aurora.autoPauseSeconds);
      else expect(scaling.seconds_until_auto_pause).toBeUndefined();
    });

    test('aurora is encrypted with the customer key and rds manages the master password in secrets manager', () => {
      expect(cluster).toMatchObject({
        storage_encrypted: true,
        kms_key_id: dataKeyArn,
        manage_master_user_password: true,
        master_user_secret_kms_key_id: dataKeyArn,
      });
      expect(cluster.master_password).toBeUndefined();
      expect(JSON.stringify(json)).not.toMatch(/"master_password"|random_password/);
    });

    test('aurora has iam auth, the data api, log exports and backups', () => {
      expect(cluster).toMatchObject({
        iam_database_authentication_enabled: true,
        enable_http_endpoint: true,
        enabled_cloudwatch_logs_exports: ['postgresql'],
        backup_retention_period: env.aurora.backupRetentionDays,
        copy_tags_to_snapshot: true,
      });
    });

    test('deletion protection and the final snapshot are on in prod only', () => {
      const prod = envName === 'prod';
      expect(cluster.deletion_protection).toBe(prod);
      expect(cluster.skip_final_snapshot).toBe(!prod);
      if (prod) expect(cluster.final_snapshot_identifier).toBe('northwind-prod-source-final');
    });

    test('the enhanced-monitoring policy is attached before the instance that publishes with the role', () => {
      const attachment = resourceAt(json, 'aws_iam_role_policy_attachment', 'aurora/monitoring-policy');
      expect(attachment.policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole');
      const [attachmentId] = Object.entries(resourcesOf(json, 'aws_iam_role_policy_attachment')).find(
        ([, a]) => a === attachment,
      )!;
      expect(instance.depends_on).toContain(`aws_iam_role_policy_attachment.${attachmentId}`);
    });

    test("the exported postgresql log group is the stack's own, encrypted, retained, and exists before the cluster", () => {
      const [groupId, group] = Object.entries(resourcesOf(json, 'aws_cloudwatch_log_group')).find(
        ([, g]) => g.name === `/aws/rds/cluster/${cluster.cluster_identifier}/postgresql`,
      )!;
      expect(group).toMatchObject({ kms_key_id: dataKeyArn, retention_in_days: env.logRetentionDays });
      expect(cluster.enabled_cloudwatch_logs_exports).toEqual(['postgresql']);
      expect(cluster.depends_on).toContain(`aws_cloudwatch_log_group.${groupId}`);
    });

    test('aurora admits 5432 only from the glue security group', () => {
      const auroraSg = ref(json, 'aws_security_group', 'aurora/sg', 'id');
      const ingress = [
        ...Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')),
        ...Object.values(resourcesOf(json, 'aws_security_group_rule')).filter((r: any) => r.type === 'ingress'),
      ].filter((r: any) => r.security_group_id === auroraSg);
      expect(ingress).toEqual([
        expect.objectContaining({
          from_port: 5432,
          to_port: 5432,
          ip_protocol: 'tcp',
          referenced_security_group_id: ref(json, 'aws_security_group', 'glue-sg/sg', 'id'),
        }),
      ]);
      expect(ingress[0].cidr_ipv4).toBeUndefined();
    });
  });

  describe('s3', () => {
    const buckets = Object.entries(resourcesOf(json, 'aws_s3_bucket'));
    const bucketIds = Object.fromEntries(buckets.map(([id, b]) => [b.bucket, `\${aws_s3_bucket.${id}.id}`]));
    const forBucket = (type: string, name: string): any[] =>
      Object.values(resourcesOf(json, type)).filter((r: any) => r.bucket === bucketIds[name]);

    test('bucket names are derived from prefix, environment and account id', () => {
      expect(buckets.map(([, b]) => b.bucket).sort()).toEqual(Object.values(names).sort());
      expect(names.lake).toBe(`northwind-${envName}-lake-${env.accountId}`);
    });

    test.each(Object.values(bucketNames(envOf(envName))))(
      'bucket %s is sse-kms encrypted with the customer key',
      (name) => {
        const [sse] = forBucket('aws_s3_bucket_server_side_encryption_configuration', name);
        expect(sse.rule).toEqual([
          {
            apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: dataKeyArn },
            bucket_key_enabled: true,
          },
        ]);
      },
    );

    test.each(Object.values(bucketNames(envOf(envName))))(
      'bucket %s blocks public access, disables acls and is versioned',
      (name) => {
        expect(forBucket('aws_s3_bucket_public_access_block', name)).toEqual([
          expect.objectContaining({
            block_public_acls: true,
            block_public_policy: true,
            ignore_public_acls: true,
            restrict_public_buckets: true,
          }),
        ]);
        expect(forBucket('aws_s3_bucket_ownership_controls', name)[0].rule).toEqual({
          object_ownership: 'BucketOwnerEnforced',
        });
        expect(forBucket('aws_s3_bucket_versioning', name)[0].versioning_configuration).toEqual({ status: 'Enabled' });
      },
    );

    test.each(Object.values(bucketNames(envOf(envName))))('bucket %s denies requests without tls', (name) => {
      const [policy] = forBucket('aws_s3_bucket_policy', name);
      const docId = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(policy.policy)![1];
      const deny = bySid(json.data!.aws_iam_policy_document[docId], 'DenyInsecureTransport');
      expect(deny).toMatchObject({
        effect: 'Deny',
        actions: ['s3:*'],
        principals: [{ type: '*', identifiers: ['*'] }],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      });
      const arn = bucketIds[name].replace(/\.id\}$/, '.arn}');
      expect(deny.resources).toEqual([arn, `${arn}/*`]);
    });

    test('access logging is set up only after the log bucket lets s3 log delivery write', () => {
      const logBucketPolicy = Object.entries(resourcesOf(json, 'aws_s3_bucket_policy')).find(
        ([, p]) => p.bucket === bucketIds[names.accessLogs],
      )![0];
      for (const logging of Object.values(resourcesOf(json, 'aws_s3_bucket_logging'))) {
        expect(logging.depends_on).toContain(`aws_s3_bucket_policy.${logBucketPolicy}`);
      }
    });

    test('every bucket except the log bucket sends access logs to the log bucket', () => {
      for (const name of [names.lake, names.athenaResults, names.glueAssets]) {
        expect(forBucket('aws_s3_bucket_logging', name)).toEqual([
          expect.objectContaining({ target_bucket: bucketRef(names.accessLogs) }),
        ]);
      }
      expect(forBucket('aws_s3_bucket_logging', names.accessLogs)).toEqual([]);
    });

    test('temp data and query results expire', () => {
      const rules = (name: string): any[] => forBucket('aws_s3_bucket_lifecycle_configuration', name)[0].rule;
      expect(rules(names.glueAssets)).toContainEqual(
        expect.objectContaining({ filter: [{ prefix: 'temp/' }], expiration: [{ days: env.lake.tempExpirationDays }] }),
      );
      expect(rules(names.athenaResults)).toContainEqual(
        expect.objectContaining({
          filter: [{ prefix: '' }],
          expiration: [{ days: env.lake.queryResultExpirationDays }],
        }),
      );
      for (const name of Object.values(names)) {
        expect(rules(name)).toContainEqual(
          expect.objectContaining({
            noncurrent_version_expiration: [{ noncurrent_days: env.lake.noncurrentVersionExpirationDays }],
          }),
        );
      }
    });
  });

  describe('glue', () => {
    const job = resourceAt(json, 'aws_glue_job', 'ingest/job');
    const maintenance = resourceAt(json, 'aws_glue_job', 'ingest/maintenance-job');
    const objectUri = (path: string): string =>
      `s3://${ref(json, 'aws_s3_object', path, 'bucket')}/${ref(json, 'aws_s3_object', path, 'key')}`;

    test('the catalog has raw, vault and marts databases', () => {
      const dbs = Object.values(resourcesOf(json, 'aws_glue_catalog_database'))
        .map((d: any) => d.name)
        .sort();
      expect(dbs).toEqual(['marts', 'raw', 'vault'].map((l) => `northwind_${envName}_${l}`));
    });

    test('the glue job is glue 5.0 with the configured workers and iceberg on', () => {
      // execution_class stated: Glue reports STANDARD when it is left out, a diff on every plan otherwise.
      expect(job).toMatchObject({
        glue_version: '5.0',
        worker_type: 'G.1X',
        number_of_workers: 2,
        execution_class: 'STANDARD',
      });
      expect(job.command).toMatchObject({ name: 'glueetl', python_version: '3' });
      expect(job.default_arguments['--datalake-formats']).toBe('iceberg');
    });

    test('the glue job arguments follow the contract with glue_entry.py', () => {
      expect(job.default_arguments).toEqual({
        '--SECRET_ID': secretArn,
        '--SOURCE_HOST': ref(json, 'aws_rds_cluster', 'aurora/cluster', 'endpoint'),
        '--SOURCE_PORT': '5432',
        '--SOURCE_DATABASE': 'northwind',
        '--SOURCE_SCHEMA': 'public',
        '--SOURCE_SSLMODE': 'verify-full',
        '--SOURCE_SSLROOTCERT': 'rds-ca-bundle.pem',
        '--CATALOG_DATABASE': rawDatabase,
        '--WAREHOUSE': `s3://${bucketRef(names.lake)}/warehouse/`,
        '--JOB_MODE': 'ingest',
        '--datalake-formats': 'iceberg',
        '--extra-py-files': objectUri('ingest/package-object'),
        '--extra-files': objectUri('ingest/rds-ca-bundle-object'),
        '--custom-logGroup-prefix': `/aws-glue/jobs/northwind-${envName}-ingest`,
        '--job-language': 'python',
        '--TempDir': `s3://${bucketRef(names.glueAssets)}/temp/`,
      });
    });

    test('glue 5.0 logging uses the 5.0 options, not the 4.0-era continuous-logging flags', () => {
      for (const args of [job.default_arguments, maintenance.default_arguments]) {
        expect(Object.keys(args).filter((k) => /continuous/.test(k))).toEqual([]);
        const groups = Object.values(resourcesOf(json, 'aws_cloudwatch_log_group')).map((g: any) => g.name);
        expect(groups).toEqual(
          expect.arrayContaining([
            `${args['--custom-logGroup-prefix']}/output`,
            `${args['--custom-logGroup-prefix']}/error`,
          ]),
        );
      }
    });

    test('the iceberg maintenance job runs the same code with --JOB_MODE maintain, weekly, with the same role', () => {
      const withoutModeAndLogs = (args: Record<string, string>): Record<string, string> =>
        Object.fromEntries(
          Object.entries(args).filter(([k]) => !['--JOB_MODE', '--custom-logGroup-prefix'].includes(k)),
        );
      const mode = maintenance.default_arguments['--JOB_MODE'];
      const prefix = maintenance.default_arguments['--custom-logGroup-prefix'];
      expect([job.default_arguments['--JOB_MODE'], mode]).toEqual(['ingest', 'maintain']);
      expect(withoutModeAndLogs(maintenance.default_arguments)).toEqual(withoutModeAndLogs(job.default_arguments));
      expect(prefix).toBe(`/aws-glue/jobs/northwind-${envName}-iceberg-maintenance`);
      expect(maintenance).toMatchObject({
        name: `northwind-${envName}-iceberg-maintenance`,
        role_arn: job.role_arn,
        command: job.command,
        security_configuration: job.security_configuration,
      });
      expect(resourceAt(json, 'aws_glue_trigger', 'ingest/maintenance-schedule')).toMatchObject({
        type: 'SCHEDULED',
        schedule: expect.stringMatching(/^cron\(.+\)$/),
        actions: [{ job_name: ref(json, 'aws_glue_job', 'ingest/maintenance-job', 'name') }],
      });
    });

    test('the job code is uploaded from glue_job as the entry script and a zipped package', () => {
      expect(resourceAt(json, 'aws_s3_object', 'ingest/entry-script-object')).toMatchObject({
        bucket: bucketRef(names.glueAssets),
        key: 'scripts/glue_entry.py',
        source: expect.stringMatching(/glue_entry\.py$/),
      });
      expect(resourceAt(json, 'aws_s3_object', 'ingest/package-object')).toMatchObject({
        bucket: bucketRef(names.glueAssets),
        key: 'scripts/northwind_ingest.zip',
        source: expect.stringMatching(/northwind_ingest\.zip$/),
      });
    });

    test('the rds ca bundle is uploaded as pem certificates of every region, and the glue role can read it', () => {
      const object = resourceAt(json, 'aws_s3_object', 'ingest/rds-ca-bundle-object');
      expect(object).toMatchObject({ bucket: bucketRef(names.glueAssets), key: 'scripts/rds-ca-bundle.pem' });
      // Asset paths are relative to the stack's folder in the synth output.
      const stackDir = path.join(process.env[SYNTH_DIR_VARIABLE]!, 'stacks', `aws-${envName}`);
      const pem = fs.readFileSync(path.join(stackDir, object.source), 'ascii');
      const certificates = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\n/g) ?? [];
      expect(certificates.join('')).toBe(pem);
      const subjects = certificates.map((c) => new crypto.X509Certificate(c).subject);
      expect(subjects.length).toBeGreaterThan(100);
      expect(subjects).toContainEqual(expect.stringContaining(`CN=Amazon RDS ${env.region} Root CA RSA2048 G1`));
      const readable = bySid(policyAt(json, 'ingest/permissions'), 'ReadScripts');
      expect(readable.actions).toEqual(['s3:GetObject']);
      expect(
        readable.resources!.some((r) => `arn:aws:s3:::${object.bucket}/${object.key}`.startsWith(r.replace(/\*$/, ''))),
      ).toBe(true);
    });

    test('the jdbc connection takes credentials from the secret, never a password', () => {
      const connection = resourceAt(json, 'aws_glue_connection', 'ingest/connection');
      expect(connection.connection_properties).toEqual({
        JDBC_CONNECTION_URL: `jdbc:postgresql://${ref(json, 'aws_rds_cluster', 'aurora/cluster', 'endpoint')}:5432/northwind`,
        SECRET_ID: secretArn,
        JDBC_ENFORCE_SSL: 'true',
      });
      expect(connection.physical_connection_requirements.security_group_id_list).toEqual([
        ref(json, 'aws_security_group', 'glue-sg/sg', 'id'),
      ]);
    });

    test('the security configuration encrypts s3, cloudwatch and bookmarks with the customer key', () => {
      expect(resourceAt(json, 'aws_glue_security_configuration', 'ingest/security').encryption_configuration).toEqual({
        s3_encryption: { s3_encryption_mode: 'SSE-KMS', kms_key_arn: dataKeyArn },
        cloudwatch_encryption: { cloudwatch_encryption_mode: 'SSE-KMS', kms_key_arn: dataKeyArn },
        job_bookmarks_encryption: { job_bookmarks_encryption_mode: 'CSE-KMS', kms_key_arn: dataKeyArn },
      });
    });

    test('the glue security group talks to itself and reaches only https and postgres', () => {
      const glueSg = ref(json, 'aws_security_group', 'glue-sg/sg', 'id');
      const rules = Object.values(resourcesOf(json, 'aws_security_group_rule')).filter(
        (r: any) => r.security_group_id === glueSg,
      );
      const ingress = rules.filter((r: any) => r.type === 'ingress');
      expect(ingress).toEqual([expect.objectContaining({ self: true, protocol: 'tcp', from_port: 0, to_port: 65535 })]);
      const egressPorts = rules
        .filter((r: any) => r.type === 'egress' && !r.self)
        .map((r: any) => r.from_port)
        .sort();
      expect(egressPorts).toEqual([443, 443, 5432]);
      expect(rules.some((r: any) => (r.cidr_blocks ?? []).includes('0.0.0.0/0'))).toBe(false);
    });
  });

  describe('iam', () => {
    const trustOf = (rolePath: string): any => {
      const role = resourceAt(json, 'aws_iam_role', rolePath);
      const docId = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(role.assume_role_policy)![1];
      return json.data!.aws_iam_policy_document[docId];
    };

    test('the glue role is assumable only by glue from this account', () => {
      expect(statements(trustOf('ingest/role'))).toEqual([
        expect.objectContaining({
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['glue.amazonaws.com'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [env.accountId] }],
        }),
      ]);
    });

    test('the snowflake role trusts only the snowflake iam user with the external id condition', () => {
      const [statement] = statements(trustOf('snowflake-access/role'));
      expect(statements(trustOf('snowflake-access/role'))).toHaveLength(1);
      expect(statement.actions).toEqual(['sts:AssumeRole']);
      // The principal and external ids are what the Snowflake stack of the same environment reports (remote state).
      const fromSnowflake = (attribute: string): RegExp =>
        new RegExp(
          `^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-snowflake-${envName}\\.outputs\\.[^}]*${attribute}\\}$`,
        );
      expect(statement.principals).toEqual([
        { type: 'AWS', identifiers: [expect.stringMatching(fromSnowflake('storage_aws_iam_user_arn'))] },
      ]);
      expect(statement.condition).toHaveLength(1);
      expect(statement.condition![0]).toMatchObject({ test: 'StringEquals', variable: 'sts:ExternalId' });
      expect(statement.condition![0].values.length).toBeGreaterThanOrEqual(1);
      for (const value of statement.condition![0].values)
        expect(value).toMatch(fromSnowflake('(external_id|external-id[^}]*)'));
    });

    test('the snowflake role name gives the arn the snowflake side derives', () => {
      expect(resourceAt(json, 'aws_iam_role', 'snowflake-access/role').name).toBe(roles.snowflakeAccess);
      expect(snowflakeAccessRoleArn(env)).toBe(roleArn(env.accountId, roles.snowflakeAccess));
      expect(snowflakeAccessRoleArn(env)).toBe(
        `arn:aws:iam::${env.accountId}:role/northwind-${envName}-snowflake-access`,
      );
    });

    test('flow logs and rds monitoring roles trust only their services', () => {
      expect(statements(trustOf('network/flow-logs-role'))[0].principals).toEqual([
        { type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] },
      ]);
      expect(statements(trustOf('aurora/monitoring-role'))[0].principals).toEqual([
        { type: 'Service', identifiers: ['monitoring.rds.amazonaws.com'] },
      ]);
    });

    test('the flow logs role may only write to the flow log group', () => {
      const group = ref(json, 'aws_cloudwatch_log_group', 'network/flow-logs/log-group', 'arn');
      expect(statements(policyAt(json, 'network/flow-logs-permissions'))).toEqual([
        expect.objectContaining({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [group, `${group}:*`],
        }),
      ]);
    });

    test('no policy statement allows wildcard actions', () => {
      for (const [id, doc] of Object.entries(json.data?.aws_iam_policy_document ?? {})) {
        for (const s of statements(doc).filter((st) => (st.effect ?? 'Allow') === 'Allow')) {
          const wild = (s.actions ?? []).filter(isWildcardAction);
          expect({ id, wild }).toEqual({ id, wild: [] });
        }
      }
    });

    test('no aws-managed full access policy is attached', () => {
      const arns = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')).map((a: any) => a.policy_arn);
      expect(arns.filter((a: string) => /FullAccess|AdministratorAccess|PowerUser/.test(a))).toEqual([]);
      expect(arns).toEqual(['arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole']);
    });

    test('glue role can read only the aurora secret', () => {
      const doc = policyAt(json, 'ingest/permissions');
      const secretStatements = statements(doc).filter((s) =>
        (s.actions ?? []).some((a) => a.startsWith('secretsmanager:')),
      );
      expect(secretStatements).toEqual([
        expect.objectContaining({
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [secretArn],
        }),
      ]);
    });

    test('glue role reads only scripts and temp in the assets bucket and writes only its warehouse prefix', () => {
      const doc = policyAt(json, 'ingest/permissions');
      const s3Writes = statements(doc).filter((s) => (s.actions ?? []).some((a) => /^s3:(Put|Delete)/.test(a)));
      const writable = s3Writes.flatMap((s) => s.resources ?? []).sort();
      expect(writable).toEqual([
        `arn:aws:s3:::${bucketRef(names.glueAssets)}/temp/*`,
        `arn:aws:s3:::${bucketRef(names.lake)}/warehouse/${catalogDatabaseName(env, 'raw')}.db/*`,
      ]);
      expect(bySid(doc, 'ReadScripts')).toMatchObject({
        actions: ['s3:GetObject'],
        resources: [`arn:aws:s3:::${bucketRef(names.glueAssets)}/scripts/*`],
      });
      // Iceberg maintenance deletes expired and orphaned files: only under the same writable prefix.
      expect(bySid(doc, 'ReadWriteOwnWarehousePrefix').actions).toContain('s3:DeleteObject');
    });

    test('glue role may locate its buckets without a prefix condition it could never meet', () => {
      const doc = policyAt(json, 'ingest/permissions');
      const locating = statements(doc).filter((s) => (s.actions ?? []).includes('s3:GetBucketLocation'));
      expect(locating).toEqual([
        expect.objectContaining({
          actions: ['s3:GetBucketLocation'],
          resources: [`arn:aws:s3:::${bucketRef(names.glueAssets)}`, `arn:aws:s3:::${bucketRef(names.lake)}`],
        }),
      ]);
      expect(locating[0].condition).toBeUndefined();
    });

    test('glue role manages only the tables of its catalog database', () => {
      const glueArn = `arn:aws:glue:${env.region}:${env.accountId}`;
      expect(bySid(policyAt(json, 'ingest/permissions'), 'ManageTablesOfOwnCatalogDatabase').resources).toEqual([
        `${glueArn}:catalog`,
        `${glueArn}:database/${rawDatabase}`,
        `${glueArn}:table/${rawDatabase}/*`,
      ]);
    });

    test('glue role creates network interfaces only in its subnet and security group and writes only its log groups', () => {
      const doc = policyAt(json, 'ingest/permissions');
      expect(bySid(doc, 'CreateWorkerNetworkInterfaces').resources).toEqual([
        `arn:aws:ec2:${env.region}:${env.accountId}:network-interface/*`,
        `arn:aws:ec2:${env.region}:${env.accountId}:subnet/${ref(json, 'aws_subnet', `network/private-${env.network.availabilityZones[0]}`, 'id')}`,
        `arn:aws:ec2:${env.region}:${env.accountId}:security-group/${ref(json, 'aws_security_group', 'glue-sg/sg', 'id')}`,
      ]);
      const logs = bySid(doc, 'WriteOwnLogGroups');
      // AssociateKmsKey: the security configuration encrypts the job's logs; without it a run writes no logs.
      expect(logs.actions).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:AssociateKmsKey']);
      for (const r of logs.resources!)
        expect(r).toMatch(
          new RegExp(`^arn:aws:logs:${env.region}:${env.accountId}:log-group:/aws-glue/jobs/northwind-${envName}-`),
        );
      // The only statement with resource "*" holds read-only describe calls (they have no resource-level scope).
      const starred = statements(doc).filter((s) => (s.resources ?? []).includes('*'));
      expect(starred.map((s) => s.sid)).toEqual(['DescribeNetworkForConnection']);
      expect(starred[0].actions!.every((a) => a.startsWith('ec2:Describe'))).toBe(true);
    });

    test('snowflake role may only read the served lake prefixes and catalog', () => {
      const doc = policyAt(json, 'snowflake-access/permissions');
      const actions = statements(doc).flatMap((s) => s.actions ?? []);
      expect(
        actions.filter((a) => /^s3:(Put|Delete)|^glue:(Create|Update|Delete)|^kms:(Encrypt|GenerateDataKey)/.test(a)),
      ).toEqual([]);
      const marts = catalogDatabaseName(env, 'marts');
      expect(bySid(doc, 'ReadServedObjects').resources).toEqual([
        `arn:aws:s3:::${bucketRef(names.lake)}/warehouse/${marts}.db/*`,
      ]);
      expect(bySid(doc, 'ListServedPrefixes').condition).toEqual([
        { test: 'StringLike', variable: 's3:prefix', values: [`warehouse/${marts}.db/*`] },
      ]);
      expect(bySid(doc, 'ReadServedCatalog').actions).toEqual([
        'glue:GetDatabase',
        'glue:GetDatabases',
        'glue:GetTable',
        'glue:GetTables',
      ]);
    });
  });

  test('the athena workgroup enforces encrypted results in the results bucket and a scan limit', () => {
    expect(resourceAt(json, 'aws_athena_workgroup', 'athena/workgroup').configuration).toEqual(
      expect.objectContaining({
        enforce_workgroup_configuration: true,
        bytes_scanned_cutoff_per_query: env.athena.bytesScannedCutoffPerQuery,
        result_configuration: expect.objectContaining({
          output_location: `s3://${bucketRef(names.athenaResults)}/results/`,
          encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: dataKeyArn },
        }),
      }),
    );
  });

  test('every log group is encrypted and keeps logs for the configured retention', () => {
    for (const group of Object.values(resourcesOf(json, 'aws_cloudwatch_log_group'))) {
      expect(group).toMatchObject({ kms_key_id: dataKeyArn, retention_in_days: env.logRetentionDays });
    }
  });

  test('the data key rotates and lets only cloudwatch logs and s3 log delivery in besides the account', () => {
    expect(resourceAt(json, 'aws_kms_key', 'data-key/key')).toMatchObject({ enable_key_rotation: true });
    const principals = statements(policyAt(json, 'data-key/policy')).map((s) => s.principals![0].identifiers[0]);
    expect(principals).toEqual([
      `arn:aws:iam::${env.accountId}:root`,
      `logs.${env.region}.amazonaws.com`,
      'logging.s3.amazonaws.com',
    ]);
  });

  test('outputs name buckets, warehouse, glue job, roles, aurora, secret and athena workgroup', () => {
    expect(Object.keys(json.output ?? {})).toEqual(
      expect.arrayContaining([
        'lake_bucket',
        'athena_results_bucket',
        'glue_assets_bucket',
        'access_log_bucket',
        'warehouse_path',
        'glue_job_name',
        'glue_job_role_arn',
        'snowflake_access_role_arn',
        'aurora_endpoint',
        'aurora_secret_arn',
        'athena_workgroup',
      ]),
    );
    expect(json.output!.warehouse_path.value).toBe(`s3://${bucketRef(names.lake)}/warehouse/`);
  });

  test('every taggable resource carries the project, environment and managed-by tags', () => {
    let tagged = 0;
    for (const [type, resources] of Object.entries(json.resource)) {
      for (const [id, r] of Object.entries(resources)) {
        if (!('tags' in r)) continue;
        tagged++;
        expect({ id: `${type}.${id}`, tags: r.tags }).toEqual({
          id: `${type}.${id}`,
          tags: expect.objectContaining({
            project: 'northwind-data-vault-platform',
            environment: envName,
            'managed-by': 'cdktf',
          }),
        });
      }
    }
    // Guard against a vacuous pass: buckets, vpc, subnets, roles, cluster, job... are all taggable.
    expect(tagged).toBeGreaterThan(40);
    expect(resourceAt(json, 'aws_s3_bucket', 'lake/bucket').tags).toBeDefined();
  });
});
