import { generateKeyPairSync, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { DEFAULT_ENVIRONMENTS } from '../config/environments';
import { loadAppConfig } from '../config/load';
import { validateEnvironmentConfig } from '../config/validate';
import type { EnvironmentConfig } from '../config/settings';
import { buildApp } from '../main';
import { SnowflakePlatformStack } from '../stacks/snowflake-platform';
import { defaultAppConfig, policyAt, resourceAt, resourcesOf, snapshotText, synthApp, type StackJson } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */

const config = defaultAppConfig();
// The default app, synthesized once per jest run (global setup) and shared with the other suites.
const stacks = synthApp(config);

/** The dev Snowflake stack alone, synthesized with some of its Snowflake settings changed. */
function snowflakeDevWith(change: Partial<EnvironmentConfig['snowflake']>): StackJson {
  const dev = config.environments.find((e) => e.environment === 'dev')!;
  const stack = new SnowflakePlatformStack(Testing.app(), 'snowflake-dev', {
    config: { ...dev, snowflake: { ...dev.snowflake, ...change } },
    state: config.state,
  });
  return JSON.parse(Testing.synth(stack)) as StackJson;
}

/** Every grant as one comparable line: role <- privileges on object. */
function grantLines(json: StackJson): string[] {
  return Object.values(resourcesOf(json, 'snowflake_grant_privileges_to_account_role'))
    .map((g: any) => {
      const on = g.on_account_object
        ? `${g.on_account_object.object_type} ${g.on_account_object.object_name}`
        : g.on_schema
          ? `SCHEMA ${g.on_schema.schema_name}`
          : g.on_schema_object.all
            ? `ALL ${g.on_schema_object.all.object_type_plural} IN ${g.on_schema_object.all.in_schema}`
            : g.on_schema_object.future
              ? `FUTURE ${g.on_schema_object.future.object_type_plural} IN ${g.on_schema_object.future.in_schema}`
              : `${g.on_schema_object.object_type} ${g.on_schema_object.object_name}`;
      expect(g.all_privileges).toBeUndefined();
      expect(g.with_grant_option).toBeUndefined();
      return `${g.account_role_name} <- ${[...g.privileges].sort().join(',')} ON ${on}`;
    })
    .sort();
}

describe.each(['dev', 'prod'])('snowflake-%s', (envName) => {
  const json: StackJson = stacks[`snowflake-${envName}`];
  const aws: StackJson = stacks[`aws-${envName}`];
  const E = envName.toUpperCase();
  const P = `NORTHWIND_${E}`;
  const account = envName === 'dev' ? '111111111111' : '222222222222';
  const served = `s3://northwind-${envName}-lake-${account}/warehouse/northwind_${envName}_marts.db/`;
  const roleArn = `arn:aws:iam::${account}:role/northwind-${envName}-snowflake-access`;

  test('matches the snapshot', () => {
    expect(snapshotText(json)).toMatchSnapshot();
  });

  describe('provider', () => {
    test('uses key-pair auth with the settings identity and no credential in the configuration', () => {
      const [provider] = json.provider!.snowflake;
      expect(provider).toEqual({
        organization_name: 'NORTHWIND',
        account_name: `NORTHWIND_${E}`,
        user: 'NORTHWIND_TERRAFORM',
        role: 'ACCOUNTADMIN',
        authenticator: 'SNOWFLAKE_JWT',
        preview_features_enabled: [
          'snowflake_storage_integration_resource',
          'snowflake_stage_resource',
          'snowflake_external_volume_resource',
        ],
      });
    });

    test('enables exactly the preview features of the resources it uses', () => {
      // The provider's own list of resources that are still preview features (from its documentation).
      const docs = fs.readFileSync(require.resolve('@cdktf/provider-snowflake/lib/provider/index.d.ts'), 'utf8');
      const previewList = docs.match(/Preview features that can be enabled are: (.*?)\. Promoted features/)![1];
      const preview = new Set([...previewList.matchAll(/`(snowflake_\w+)_resource`/g)].map((m) => m[1]));
      expect(preview.size).toBeGreaterThan(20);
      const usedPreview = Object.keys(json.resource).filter((type) => preview.has(type));
      expect(usedPreview.sort()).toEqual([
        'snowflake_external_volume',
        'snowflake_stage',
        'snowflake_storage_integration',
      ]);
      expect([...json.provider!.snowflake[0].preview_features_enabled].sort()).toEqual(
        usedPreview.map((t) => `${t}_resource`),
      );
    });

    test('the state lives in the remote backend under the stack id', () => {
      expect(json.terraform.backend.s3).toMatchObject({ key: `snowflake-${envName}/terraform.tfstate`, encrypt: true });
      expect(json.terraform.required_providers.snowflake).toEqual({
        source: 'snowflakedb/snowflake',
        version: '2.11.0',
      });
    });
  });

  describe('database and warehouse', () => {
    test('one database with lake, marts and governance schemas', () => {
      expect(Object.values(resourcesOf(json, 'snowflake_database')).map((d: any) => d.name)).toEqual([P]);
      const schemas = Object.values(resourcesOf(json, 'snowflake_schema'));
      expect(schemas.map((s: any) => [s.database, s.name]).sort()).toEqual([
        [P, 'GOVERNANCE'],
        [P, 'LAKE'],
        [P, 'MARTS'],
      ]);
      for (const s of schemas) expect(s.with_managed_access).toBe('true');
    });

    test('the warehouse is xsmall, suspends after 60 s, resumes on demand, starts suspended, has a timeout', () => {
      expect(resourceAt(json, 'snowflake_warehouse', 'serving/warehouse')).toMatchObject({
        name: `${P}_WH`,
        warehouse_size: 'XSMALL',
        auto_suspend: 60,
        auto_resume: 'true',
        initially_suspended: true,
        statement_timeout_in_seconds: 3600,
      });
    });
  });

  describe('governance', () => {
    const policies = Object.values(resourcesOf(json, 'snowflake_masking_policy'));

    test('one masking policy per data type, taking and returning that type', () => {
      expect(policies.map((p: any) => [p.name, p.argument, p.return_data_type]).sort()).toEqual([
        ['MASK_DATE', [{ name: 'VAL', type: 'DATE' }], 'DATE'],
        ['MASK_FLOAT', [{ name: 'VAL', type: 'FLOAT' }], 'FLOAT'],
        ['MASK_NUMBER', [{ name: 'VAL', type: 'NUMBER' }], 'NUMBER'],
        ['MASK_TIMESTAMP_LTZ', [{ name: 'VAL', type: 'TIMESTAMP_LTZ' }], 'TIMESTAMP_LTZ'],
        ['MASK_TIMESTAMP_NTZ', [{ name: 'VAL', type: 'TIMESTAMP_NTZ' }], 'TIMESTAMP_NTZ'],
        ['MASK_VARCHAR', [{ name: 'VAL', type: 'VARCHAR' }], 'VARCHAR'],
      ]);
      for (const p of policies) expect([p.database, p.schema]).toEqual([P, 'GOVERNANCE']);
    });

    test('only the critical role sees real values; no administrator bypass by default', () => {
      for (const p of policies) {
        expect(p.body).toContain(`when current_role() in ('${P}_SENSITIVITY_CRITICAL') then val`);
        expect(p.body).toContain(`when current_role() = '${P}_SENSITIVITY_HIGH' then`);
        expect(p.body).toContain(`when current_role() = '${P}_SENSITIVITY_LOW' then`);
        expect(p.body).not.toMatch(/ACCOUNTADMIN|SYSADMIN|is_role_in_session/i);
      }
    });

    test('the sensitivity tag carries every masking policy; pii carries none', () => {
      const sensitivity = resourceAt(json, 'snowflake_tag', 'governance/sensitivity');
      const pii = resourceAt(json, 'snowflake_tag', 'governance/pii');
      expect(sensitivity).toMatchObject({ name: 'SENSITIVITY', database: P, schema: 'GOVERNANCE' });
      expect(sensitivity.allowed_values).toEqual(['low', 'high', 'critical']);
      const attached = (sensitivity.masking_policies as string[]).map(
        (ref) => ref.match(/^\$\{snowflake_masking_policy\.(.+)\.fully_qualified_name\}$/)![1],
      );
      expect(attached.sort()).toEqual(Object.keys(resourcesOf(json, 'snowflake_masking_policy')).sort());
      expect(pii).toMatchObject({ name: 'PII', allowed_values: ['true', 'false'] });
      expect(pii.masking_policies).toBeUndefined();
    });
  });

  describe('roles and grants', () => {
    test('five roles whose hierarchy ends in the parent role', () => {
      expect(
        Object.values(resourcesOf(json, 'snowflake_account_role'))
          .map((r: any) => r.name)
          .sort(),
      ).toEqual([
        `${P}_READER`,
        `${P}_SENSITIVITY_CRITICAL`,
        `${P}_SENSITIVITY_HIGH`,
        `${P}_SENSITIVITY_LOW`,
        `${P}_TRANSFORMER`,
      ]);
      const edges = Object.values(resourcesOf(json, 'snowflake_grant_account_role'))
        .map((g: any) => `${g.role_name} -> ${g.parent_role_name}`)
        .sort();
      expect(edges).toEqual([
        `${P}_READER -> ${P}_SENSITIVITY_LOW`,
        `${P}_SENSITIVITY_CRITICAL -> SYSADMIN`,
        `${P}_SENSITIVITY_HIGH -> ${P}_SENSITIVITY_CRITICAL`,
        `${P}_SENSITIVITY_LOW -> ${P}_SENSITIVITY_HIGH`,
        `${P}_TRANSFORMER -> SYSADMIN`,
      ]);
    });

    test('every grant, and nothing more: create only for the transformer, select only for the reader', () => {
      const db = `"${P}"`;
      const schema = (s: string): string => `"${P}"."${s}"`;
      expect(grantLines(json)).toEqual(
        [
          `${P}_READER <- SELECT ON ALL TABLES IN ${schema('MARTS')}`,
          `${P}_READER <- SELECT ON ALL VIEWS IN ${schema('MARTS')}`,
          `${P}_READER <- SELECT ON FUTURE TABLES IN ${schema('MARTS')}`,
          `${P}_READER <- SELECT ON FUTURE VIEWS IN ${schema('MARTS')}`,
          `${P}_READER <- USAGE ON DATABASE ${db}`,
          `${P}_READER <- USAGE ON SCHEMA ${schema('MARTS')}`,
          `${P}_READER <- USAGE ON WAREHOUSE "${P}_WH"`,
          `${P}_TRANSFORMER <- APPLY ON TAG ${schema('GOVERNANCE')}."PII"`,
          `${P}_TRANSFORMER <- APPLY ON TAG ${schema('GOVERNANCE')}."SENSITIVITY"`,
          `${P}_TRANSFORMER <- CREATE ICEBERG TABLE,USAGE ON SCHEMA ${schema('LAKE')}`,
          `${P}_TRANSFORMER <- CREATE TABLE,CREATE VIEW,USAGE ON SCHEMA ${schema('MARTS')}`,
          `${P}_TRANSFORMER <- USAGE ON DATABASE ${db}`,
          `${P}_TRANSFORMER <- USAGE ON EXTERNAL VOLUME "${P}_EXTERNAL_VOLUME"`,
          `${P}_TRANSFORMER <- USAGE ON INTEGRATION "${P}_GLUE_CATALOG"`,
          `${P}_TRANSFORMER <- USAGE ON SCHEMA ${schema('GOVERNANCE')}`,
          `${P}_TRANSFORMER <- USAGE ON STAGE ${schema('LAKE')}."MARTS_STAGE"`,
          `${P}_TRANSFORMER <- USAGE ON WAREHOUSE "${P}_WH"`,
        ].sort(),
      );
    });

    test('no role other than the five platform roles receives a privilege', () => {
      const grantees = new Set(
        Object.values(resourcesOf(json, 'snowflake_grant_privileges_to_account_role')).map(
          (g: any) => g.account_role_name,
        ),
      );
      expect([...grantees].sort()).toEqual([`${P}_READER`, `${P}_TRANSFORMER`]);
    });
  });

  describe('lake access', () => {
    test('the storage integration may reach only the served location, through the derived role arn', () => {
      expect(resourceAt(json, 'snowflake_storage_integration', 'lake/storage-integration')).toMatchObject({
        name: `${P}_STORAGE_INTEGRATION`,
        type: 'EXTERNAL_STAGE',
        enabled: true,
        storage_provider: 'S3',
        storage_aws_role_arn: roleArn,
        storage_allowed_locations: [served],
      });
    });

    test('the stage points at the served location through the storage integration', () => {
      const stage = resourceAt(json, 'snowflake_stage', 'lake/stage');
      expect(stage).toMatchObject({ database: P, schema: 'LAKE', name: 'MARTS_STAGE', url: served });
      expect(stage.storage_integration).toMatch(/^\$\{snowflake_storage_integration\..+\.name\}$/);
      expect(stage.credentials).toBeUndefined();
    });

    test('the external volume reads (never writes) the served location through the derived role arn', () => {
      expect(resourceAt(json, 'snowflake_external_volume', 'lake/external-volume')).toMatchObject({
        name: `${P}_EXTERNAL_VOLUME`,
        allow_writes: 'false',
        storage_location: [
          {
            storage_location_name: 'marts',
            storage_provider: 'S3',
            storage_base_url: served,
            storage_aws_role_arn: roleArn,
          },
        ],
      });
    });

    test('the glue catalog integration is created, reverted and described by snowflake_execute', () => {
      const execute = resourceAt(json, 'snowflake_execute', 'lake/catalog-integration');
      expect(execute.execute).toBe(
        [
          `CREATE CATALOG INTEGRATION ${P}_GLUE_CATALOG`,
          '  CATALOG_SOURCE = GLUE',
          '  TABLE_FORMAT = ICEBERG',
          `  CATALOG_NAMESPACE = 'northwind_${envName}_marts'`,
          `  GLUE_AWS_ROLE_ARN = '${roleArn}'`,
          `  GLUE_CATALOG_ID = '${account}'`,
          "  GLUE_REGION = 'eu-central-1'",
          '  REFRESH_INTERVAL_SECONDS = 60',
          '  ENABLED = TRUE',
          "  COMMENT = 'Glue Data Catalog of the Northwind marts (managed by the snowflake stack)'",
        ].join('\n'),
      );
      expect(execute.revert).toBe(`DROP CATALOG INTEGRATION IF EXISTS ${P}_GLUE_CATALOG`);
      expect(execute.query).toBe(`DESCRIBE CATALOG INTEGRATION ${P}_GLUE_CATALOG`);
    });

    test('the integrations name the aws role without depending on the aws stack', () => {
      const text = JSON.stringify(json);
      expect(text).not.toMatch(/aws_iam_role|terraform_remote_state/);
      expect(resourceAt(aws, 'aws_iam_role', 'snowflake-access/role').name).toBe(
        `northwind-${envName}-snowflake-access`,
      );
    });
  });

  describe('cross-cloud trust', () => {
    const trustDoc = policyAt(aws, 'snowflake-access/trust');
    const [statement] = trustDoc.statement;
    const remote = `data.terraform_remote_state.cross-stack-reference-input-snowflake-${envName}.outputs`;
    const outputValue = (expression: string): string => {
      const name = expression.match(new RegExp(`^\\$\\{${remote.replace(/\./g, '\\.')}\\.([^}]+)\\}$`))?.[1];
      expect(name).toBeDefined();
      return String(json.output![name!].value);
    };

    test('the aws role trusts the iam user arn the storage integration reports', () => {
      expect(statement.principals).toHaveLength(1);
      expect(statement.principals[0].type).toBe('AWS');
      expect(outputValue(statement.principals[0].identifiers[0])).toMatch(
        /^\$\{snowflake_storage_integration\.lake_storage-integration_[0-9A-F]{8}\.storage_aws_iam_user_arn\}$/,
      );
    });

    test('the external ids are the ones the storage integration, external volume and catalog integration report', () => {
      const [condition] = statement.condition;
      expect(condition).toMatchObject({ test: 'StringEquals', variable: 'sts:ExternalId' });
      const sources = (condition.values as string[]).map(outputValue);
      expect(sources).toHaveLength(3);
      expect(sources[0]).toMatch(/^\$\{snowflake_storage_integration\..+\.storage_aws_external_id\}$/);
      expect(sources[1]).toMatch(
        /^\$\{snowflake_external_volume\..+\.storage_location\[0\]\.storage_aws_external_id\}$/,
      );
      const local = sources[2].match(/^\$\{local\.(.+)\}$/)![1];
      expect((json as StackJson & { locals: Record<string, unknown> }).locals[local]).toMatch(
        /^\$\{one\(\[ for key, val in toset\(snowflake_execute\.lake_catalog-integration_[0-9A-F]{8}\.query_results\): val\.property_value if val\.property == "GLUE_AWS_EXTERNAL_ID"\]\)\}$/,
      );
    });

    test('the aws stack reads them from the snowflake stack state (deploy order state, snowflake, aws)', () => {
      const remoteState = (aws.data as any).terraform_remote_state[`cross-stack-reference-input-snowflake-${envName}`];
      expect(remoteState.backend).toBe('s3');
      expect(remoteState.config).toMatchObject({ key: `snowflake-${envName}/terraform.tfstate`, encrypt: true });
    });
  });
});

describe('settings', () => {
  test('the parent role is a setting, not a hard-coded name', () => {
    const json = snowflakeDevWith({ parentRole: 'DATA_PLATFORM_ADMIN' });
    const parents = Object.values(resourcesOf(json, 'snowflake_grant_account_role')).map(
      (g: any) => g.parent_role_name,
    );
    expect(parents.filter((p) => p === 'DATA_PLATFORM_ADMIN')).toHaveLength(2);
    expect(JSON.stringify(json)).not.toContain('SYSADMIN');
  });

  test('accountadmin sees real values only when the bypass setting asks for it', () => {
    const json = snowflakeDevWith({ accountAdminBypass: true });
    for (const p of Object.values(resourcesOf(json, 'snowflake_masking_policy'))) {
      expect(p.body).toContain(
        "when current_role() in ('NORTHWIND_DEV_SENSITIVITY_CRITICAL', 'ACCOUNTADMIN') then val",
      );
    }
  });

  test('a bad snowflake setting stops synth naming it', () => {
    expect(() => loadAppConfig({ NORTHWIND_DEV_SNOWFLAKE_PARENT_ROLE: 'sys admin' })).toThrow(
      /dev\.snowflake\.parentRole: got "sys admin"; accepted: a Snowflake role name/,
    );
    expect(() => loadAppConfig({ NORTHWIND_PROD_SNOWFLAKE_USER: '1user' })).toThrow(/snowflake\.user: got "1user"/);
    expect(() => loadAppConfig({ NORTHWIND_DEV_SNOWFLAKE_DEPLOY_ROLE: 'role;drop' })).toThrow(
      /dev\.snowflake\.deployRole: got "role;drop"/,
    );
  });

  test('the warehouse timeout and the bypass flag are validated with the accepted values named', () => {
    const dev = DEFAULT_ENVIRONMENTS.dev;
    const bad = { ...dev, snowflake: { ...dev.snowflake, statementTimeoutSeconds: 0, accountAdminBypass: 'yes' } };
    const message = (input: unknown): string => {
      try {
        validateEnvironmentConfig(input, 'dev');
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(message(bad)).toContain('snowflake.statementTimeoutSeconds: got 0; accepted: an integer from 1 to 604800');
    expect(message(bad)).toContain('snowflake.accountAdminBypass: got "yes"; accepted: true or false');
    const withoutParent: Record<string, unknown> = { ...dev.snowflake };
    delete withoutParent.parentRole;
    expect(message({ ...dev, snowflake: withoutParent })).toContain('snowflake.parentRole: got nothing (missing)');
  });
});

describe('secrets', () => {
  test('synth with a fresh private key and secret-looking variables writes none of them under the output', () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const keyLines = privateKey.trim().split('\n').slice(1, -1);
    const secrets: Record<string, string> = {
      SNOWFLAKE_PRIVATE_KEY: privateKey,
      SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: `pp-${randomBytes(12).toString('hex')}`,
      SNOWFLAKE_PASSWORD: `pw-${randomBytes(12).toString('hex')}`,
      SNOWFLAKE_TOKEN: `tok-${randomBytes(16).toString('hex')}`,
      AWS_SECRET_ACCESS_KEY: randomBytes(30).toString('base64'),
      AWS_SESSION_TOKEN: randomBytes(60).toString('base64'),
    };
    const saved = { ...process.env };
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-secrets-'));
    try {
      Object.assign(process.env, secrets);
      // What main.ts does: settings from the process environment, then the app.
      const app = new App({ outdir });
      buildApp(app, loadAppConfig(process.env));
      app.synth();
    } finally {
      process.env = saved;
    }
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(outdir);
    expect(files.some((f) => f.endsWith(path.join('snowflake-dev', 'cdk.tf.json')))).toBe(true);
    const needles = [...Object.values(secrets), ...keyLines, 'PRIVATE KEY'];
    for (const file of files) {
      const text = fs.readFileSync(file, 'latin1');
      for (const needle of needles) expect(text.includes(needle) ? `${file} contains a secret` : 'clean').toBe('clean');
    }
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
