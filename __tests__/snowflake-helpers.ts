import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { DEFAULT_ENVIRONMENTS, DEFAULT_STATE_BACKEND } from '../config/environments';
import type { AppConfig } from '../config/settings';
import { validateEnvironmentConfig, validateStateBackendConfig } from '../config/validate';
import { buildApp } from '../main';

/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped by nature */

/** The committed settings of both environments, validated (what `main.ts` builds with no overrides). */
export function committedAppConfig(): AppConfig {
  return {
    state: validateStateBackendConfig(DEFAULT_STATE_BACKEND),
    environments: (['dev', 'prod'] as const).map((name) => validateEnvironmentConfig(DEFAULT_ENVIRONMENTS[name], name)),
  };
}

/** A synthesized stack: what its `cdk.tf.json` holds. */
export interface StackJson {
  readonly terraform: Record<string, any>;
  readonly resource: Record<string, Record<string, any>>;
  readonly data?: Record<string, Record<string, any>>;
  readonly output?: Record<string, { value: unknown }>;
  readonly provider?: Record<string, any>;
  readonly locals?: Record<string, unknown>;
}

/** Synthesizes the whole app as `cdktf synth` does (aspects, cross-stack references) and reads every stack. */
export function synthAllStacks(config: AppConfig = committedAppConfig()): Record<string, StackJson> {
  const app = Testing.app();
  buildApp(app, config);
  app.synth();
  const dir = path.join(app.outdir, 'stacks');
  return Object.fromEntries(
    fs.readdirSync(dir).map((id) => [id, JSON.parse(fs.readFileSync(path.join(dir, id, 'cdk.tf.json'), 'utf8'))]),
  );
}

/** All resources of one type, by logical id. */
export function resourcesOf(json: StackJson, type: string): Record<string, any> {
  return json.resource[type] ?? {};
}

function atPath(items: Record<string, any>, what: string, constructPath: string): any {
  const matches = Object.values(items).filter((item) =>
    String(item['//']?.metadata?.path ?? '').endsWith(`/${constructPath}`),
  );
  if (matches.length !== 1) throw new Error(`expected one ${what} at ${constructPath}, found ${matches.length}`);
  return matches[0];
}

/** The only resource of a type at a construct path below the stack (`lake/stage`). */
export function resourceAt(json: StackJson, type: string, constructPath: string): any {
  return atPath(resourcesOf(json, type), type, constructPath);
}

/** The only `data.aws_iam_policy_document` at a construct path (`snowflake-access/trust`). */
export function policyDocumentAt(json: StackJson, constructPath: string): any {
  return atPath(json.data?.aws_iam_policy_document ?? {}, 'aws_iam_policy_document', constructPath);
}

/** Stable snapshot text: construct metadata (paths, ids) dropped. */
export function snapshotText(json: StackJson): string {
  return JSON.stringify(json, (key, value) => (key === '//' ? undefined : value), 2);
}
