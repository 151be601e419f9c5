import { synthApp } from './helpers';
import { literalNamesOfSameStackResources } from './literal-names';

const stacks = synthApp();

describe('ordering: a resource that names another of its stack references it', () => {
  test.each(Object.keys(stacks).filter((id) => !id.startsWith('snowflake-')))(
    '%s names no bucket, role, key or log group of its own stack by a literal string',
    (id) => {
      expect(literalNamesOfSameStackResources(stacks[id])).toEqual([]);
    },
  );

  test('the rule finds a literal bucket name and accepts a reference', () => {
    const stack = {
      terraform: {},
      resource: {
        aws_s3_bucket: { logs: { bucket: 'my-logs' } },
        aws_s3_bucket_logging: {
          literal: { bucket: 'x', target_bucket: 'my-logs' },
          referenced: { bucket: 'x', target_bucket: '${aws_s3_bucket.logs.bucket}' },
        },
        aws_s3_object: { uri: { bucket: 'other', content: 's3://my-logs/key' } },
      },
    };
    expect(literalNamesOfSameStackResources(stack)).toEqual([
      'aws_s3_bucket_logging.literal names aws_s3_bucket.logs literally: my-logs',
      'aws_s3_object.uri names aws_s3_bucket.logs literally: s3://my-logs/key',
    ]);
  });
});
