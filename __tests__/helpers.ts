import { Testing, type TerraformStack } from 'cdktf';
import { DEFAULT_ENVIRONMENTS, DEFAULT_STATE_BACKEND } from '../config/environments';
import type { AppConfig } from '../config/settings';
import { validateEnvironmentConfig, validateStateBackendConfig } from '../config/validate';
import { buildApp, type PlatformStacks } from '../main';

/** The committed settings, validated, for both environments (what `main.ts` builds with no overrides). */
export function defaultAppConfig(): AppConfig {
  return {
    state: validateStateBackendConfig(DEFAULT_STATE_BACKEND),
    environments: (['dev', 'prod'] as const).map((name) => validateEnvironmentConfig(DEFAULT_ENVIRONMENTS[name], name)),
  };
}

/** Builds the whole app once in a throw-away output directory. */
export function buildTestApp(config: AppConfig = defaultAppConfig()): PlatformStacks {
  const app = Testing.app();
  return buildApp(app, config);
}

/** A synthesized stack as parsed JSON, aspects applied (what `cdk.tf.json` holds). */
export interface SynthJson {
  readonly terraform: Record<string, any>;
  readonly resource: Record<string, Record<string, any>>;
  readonly data?: Record<string, Record<string, any>>;
  readonly output?: Record<string, { value: unknown }>;
}

export function synthJson(stack: TerraformStack): SynthJson {
  return JSON.parse(Testing.synth(stack, true)) as SynthJson;
}

/** All resources of one type, by their Terraform name. */
export function resourcesOf(json: SynthJson, type: string): Record<string, any> {
  return json.resource[type] ?? {};
}

/** The only resource of a type whose construct path contains `pathPart`. */
export function resourceAt(json: SynthJson, type: string, pathPart: string): any {
  const matches = Object.values(resourcesOf(json, type)).filter((r) => r['//']?.metadata?.path?.includes(pathPart));
  if (matches.length !== 1) throw new Error(`expected one ${type} at *${pathPart}*, found ${matches.length}`);
  return matches[0];
}

/** Policy documents (data.aws_iam_policy_document) whose construct path contains `pathPart`. */
export function policyDocumentAt(json: SynthJson, pathPart: string): any {
  const docs = Object.values(json.data?.aws_iam_policy_document ?? {}).filter((d: any) =>
    d['//']?.metadata?.path?.includes(pathPart));
  if (docs.length !== 1) throw new Error(`expected one policy document at *${pathPart}*, found ${docs.length}`);
  return docs[0];
}

/** Replaces values that change with every build (asset hashes and paths) so snapshots stay stable. */
export function scrubVolatile(synthesized: string): string {
  return synthesized
    .replace(/assets\/[^"]*?\/[0-9A-F]{32,64}\//gi, 'assets/<asset>/<hash>/')
    .replace(/\b[0-9a-f]{32,64}\b/gi, '<hash>');
}
