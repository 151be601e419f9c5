import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { DEFAULT_ENVIRONMENTS, DEFAULT_STATE_BACKEND } from '../config/environments';
import type { AppConfig } from '../config/settings';
import { validateEnvironmentConfig, validateStateBackendConfig } from '../config/validate';

/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped by nature */

/** The committed settings, validated, for both environments (what `main.ts` builds with no overrides). */
export function defaultAppConfig(): AppConfig {
  return {
    state: validateStateBackendConfig(DEFAULT_STATE_BACKEND),
    environments: (['dev', 'prod'] as const).map((name) => validateEnvironmentConfig(DEFAULT_ENVIRONMENTS[name], name)),
  };
}

/** A synthesized stack as parsed JSON: what `cdk.tf.json` holds. */
export interface StackJson {
  readonly terraform: Record<string, any>;
  readonly resource: Record<string, Record<string, any>>;
  readonly data?: Record<string, Record<string, any>>;
  readonly output?: Record<string, { value: unknown }>;
  readonly provider?: Record<string, any>;
}

/** Set by `__tests__/global-setup.ts`: where the default app was synthesized once for every suite. */
export const SYNTH_DIR_VARIABLE = 'NORTHWIND_JEST_SYNTH_DIR';

/** Synthesizes an app as `cdktf synth` does (aspects, cross-stack references, assets); returns its outdir. */
export function synthesizeTo(config: AppConfig): string {
  // Loaded lazily: suites that only read the shared output never load the providers.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildApp } = require('../main') as typeof import('../main');
  const app = Testing.app();
  buildApp(app, config);
  app.synth();
  return app.outdir;
}

/** The outdir of the app built from `config`: the shared one for the default configuration. */
export function synthOutdir(config: AppConfig = defaultAppConfig()): string {
  const shared = process.env[SYNTH_DIR_VARIABLE];
  const isDefault = JSON.stringify(config) === JSON.stringify(defaultAppConfig());
  return shared && isDefault && fs.existsSync(shared) ? shared : synthesizeTo(config);
}

/** One file of every synthesized stack folder, parsed, by stack id (stacks without the file are left out). */
export function stackFiles(config: AppConfig, file: string): Record<string, any> {
  const stacksDir = path.join(synthOutdir(config), 'stacks');
  return Object.fromEntries(
    fs
      .readdirSync(stacksDir)
      .filter((id) => fs.existsSync(path.join(stacksDir, id, file)))
      .map((id) => [id, JSON.parse(fs.readFileSync(path.join(stacksDir, id, file), 'utf8'))]),
  );
}

/**
 * Every stack's `cdk.tf.json` of the app built from `config`, by stack id. The default configuration is
 * synthesized once per jest run (global setup) and read from there; any other configuration is synthesized here.
 */
export function synthApp(config: AppConfig = defaultAppConfig()): Record<string, StackJson> {
  const stacksDir = path.join(synthOutdir(config), 'stacks');
  return Object.fromEntries(
    fs
      .readdirSync(stacksDir)
      .map((id) => [id, JSON.parse(fs.readFileSync(path.join(stacksDir, id, 'cdk.tf.json'), 'utf8'))]),
  );
}

/** All resources of one type, by logical id. */
export function resourcesOf(json: StackJson, type: string): Record<string, any> {
  return json.resource[type] ?? {};
}

/** The only resource of a type at a construct path below its stack (`glue-sg/self-in`). */
export function resourceAt(json: StackJson, type: string, constructPath: string): any {
  return only(json.resource[type] ?? {}, type, constructPath);
}

/** The only `data.aws_iam_policy_document` at a construct path (`ingest/permissions`). */
export function policyAt(json: StackJson, constructPath: string): any {
  return only(json.data?.aws_iam_policy_document ?? {}, 'aws_iam_policy_document', constructPath);
}

/** The construct path below the stack (`glue-sg/sg`) CDKTF records in each element's metadata. */
function pathOf(item: any): string {
  const full: string = item?.['//']?.metadata?.path ?? '';
  return full.slice(full.indexOf('/') + 1);
}

function onlyEntry(items: Record<string, any>, type: string, constructPath: string): [string, any] {
  const matches = Object.entries(items).filter(([, item]) => pathOf(item) === constructPath);
  if (matches.length !== 1) {
    const known = Object.values(items).map(pathOf).join(', ');
    throw new Error(`expected one ${type} at ${constructPath}, found ${matches.length} (known: ${known})`);
  }
  return matches[0];
}

function only(items: Record<string, any>, type: string, constructPath: string): any {
  return onlyEntry(items, type, constructPath)[1];
}

/** The Terraform expression of a resource attribute: `${aws_iam_role.<logical id>.arn}`. */
export function ref(json: StackJson, type: string, constructPath: string, attribute: string): string {
  const [id] = onlyEntry(json.resource[type] ?? {}, type, constructPath);
  return `\${${type}.${id}.${attribute}}`;
}

/** Stable text for snapshots: metadata dropped, asset hashes and staging paths (which change per build) scrubbed. */
export function snapshotText(json: StackJson): string {
  const text = JSON.stringify(json, (key, value) => (key === '//' ? undefined : value), 2);
  return text
    .replace(/assets\/([^/"]+)\/[0-9A-F]{32,64}\//g, 'assets/$1/<hash>/')
    .replace(/"source_hash": "[0-9A-Fa-f]{32,64}"/g, '"source_hash": "<hash>"');
}
