import { TerraformStack, Testing } from 'cdktf';
import { AwsPlatformStack } from '../stacks/aws-platform';
import { SnowflakeAccessRole } from '../constructs/aws/snowflake-access-role';
import { defaultAppConfig } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */

function trustStatement(stack: AwsPlatformStack): any {
  const json = JSON.parse(Testing.synth(stack));
  const docs = json.data.aws_iam_policy_document as Record<string, any>;
  const trust = Object.values(docs).find((d) => d.statement[0].sid === 'SnowflakeAssumesWithExternalId');
  return trust.statement[0];
}

const roleProps = {
  roleName: 'r',
  trustedPrincipalArn: 'arn:aws:iam::999999999999:user/sf-abc',
  externalIds: ['EXT'],
  lakeBucketName: 'b',
  readablePrefixes: ['warehouse/x.db/'],
  kmsKeyArn: 'arn:aws:kms:eu-central-1:111111111111:key/k',
  accountId: '111111111111',
  region: 'eu-central-1',
  catalogDatabases: ['x'],
};

describe('snowflake access role trust', () => {
  const config = defaultAppConfig();
  const dev = config.environments[0];

  test('without reported values the role trusts only its own account with the configured external id', () => {
    const stack = new AwsPlatformStack(Testing.app(), 'aws-dev', { config: dev, state: config.state });
    expect(trustStatement(stack)).toMatchObject({
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111111111111:root'] }],
      condition: [{ test: 'StringEquals', variable: 'sts:ExternalId', values: ['northwind-dev-snowflake'] }],
    });
  });

  test('the role trusts exactly the principal and external ids it is given', () => {
    const stack = new TerraformStack(Testing.app(), 'bare');
    new SnowflakeAccessRole(stack, 'role', { ...roleProps, externalIds: ['EXT_1', 'EXT_2'] });
    const docs = JSON.parse(Testing.synth(stack)).data.aws_iam_policy_document as Record<string, any>;
    const trust = Object.values(docs).find((d) => d.statement[0].sid === 'SnowflakeAssumesWithExternalId');
    expect(trust.statement).toEqual([
      {
        sid: 'SnowflakeAssumesWithExternalId',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::999999999999:user/sf-abc'] }],
        condition: [{ test: 'StringEquals', variable: 'sts:ExternalId', values: ['EXT_1', 'EXT_2'] }],
      },
    ]);
  });

  test('a role without an external id is refused', () => {
    const stack = new TerraformStack(Testing.app(), 'bare');
    expect(() => new SnowflakeAccessRole(stack, 'no-external-id', { ...roleProps, externalIds: [] })).toThrow(
      /externalIds must hold at least one external id/,
    );
  });
});
