import type { StackJson } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped by nature */

/** The attribute holding the physical name of each named resource type the stacks create. */
const NAME_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'bucket',
  aws_iam_role: 'name',
  aws_kms_alias: 'name',
  aws_cloudwatch_log_group: 'name',
  aws_glue_catalog_database: 'name',
  aws_glue_connection: 'name',
  aws_glue_security_configuration: 'name',
  aws_glue_job: 'name',
  aws_db_subnet_group: 'name',
  aws_rds_cluster_parameter_group: 'name',
  aws_rds_cluster: 'cluster_identifier',
  aws_dynamodb_table: 'name',
  aws_athena_workgroup: 'name',
  aws_security_group: 'name',
};

/** Attributes that are prose or labels, never a pointer to another resource. */
const IGNORED_KEYS = new Set(['description', 'tags', 'tags_all', '//']);

/** The ways a string can point at a named resource without a reference: exactly, or inside a URI or ARN. */
function pointsAt(value: string, name: string): boolean {
  return (
    value === name ||
    value.includes(`s3://${name}/`) ||
    value === `s3://${name}` ||
    value.includes(`:::${name}`) ||
    value.includes(`:role/${name}`) ||
    value.includes(`:log-group:${name}`)
  );
}

function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) if (!IGNORED_KEYS.has(key)) strings(value, out);
  }
  return out;
}

/**
 * Resources that name another resource of the same stack by a literal string: Terraform sees no dependency, so
 * the two are created (or destroyed) in any order and race. A reference (`${aws_s3_bucket.x.bucket}`) or a
 * `depends_on` on the target fixes it. Returns one line per finding.
 */
export function literalNamesOfSameStackResources(stack: StackJson): string[] {
  const targets: { address: string; name: string }[] = [];
  for (const [type, attribute] of Object.entries(NAME_ATTRIBUTES)) {
    for (const [id, body] of Object.entries(stack.resource[type] ?? {})) {
      const name = (body as any)[attribute];
      if (typeof name === 'string' && !name.includes('${')) targets.push({ address: `${type}.${id}`, name });
    }
  }
  const findings: string[] = [];
  for (const [type, resources] of Object.entries(stack.resource)) {
    for (const [id, body] of Object.entries(resources)) {
      const address = `${type}.${id}`;
      const text = JSON.stringify(body);
      // A resource's own name may equal another's (a subnet group named like its cluster): not a pointer.
      const ownNameKey = NAME_ATTRIBUTES[type];
      const values = strings(ownNameKey ? { ...body, [ownNameKey]: undefined } : body);
      for (const target of targets) {
        if (target.address === address) continue;
        const linked = text.includes(`\${${target.address}.`) || text.includes(`"${target.address}"`);
        if (linked) continue;
        const hit = values.find((value) => pointsAt(value, target.name));
        if (hit !== undefined) findings.push(`${address} names ${target.address} literally: ${hit}`);
      }
    }
  }
  return findings;
}
