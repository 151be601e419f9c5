/**
 * Prints docs/settings.md: the settings reference, generated from config/ so it cannot drift from the code.
 *
 * - names, types and descriptions: the interfaces of config/settings.ts, read with the TypeScript compiler
 *   (JSDoc included);
 * - defaults: the committed objects of config/environments.ts, imported;
 * - accepted values: what config/validate.ts answers when the setting holds a wrong value (the same text synth
 *   prints);
 * - override variables: each `NORTHWIND_...` name config/load.ts reads, tried one at a time to see which setting
 *   it changes.
 *
 * Run by scripts/docs/generate.py (`make docs`); tests/test_docs.py fails when docs/settings.md is stale.
 */
import * as path from 'path';
import * as fs from 'fs';
import * as ts from 'typescript';
import { DEFAULT_ENVIRONMENTS, DEFAULT_STATE_BACKEND } from '../../config/environments';
import { applyOverrides, loadAppConfig, VARIABLE_PREFIX } from '../../config/load';
import { ENVIRONMENT_NAMES, type EnvironmentConfig } from '../../config/settings';
import { SettingsError, validateEnvironmentConfig, validateStateBackendConfig } from '../../config/validate';

const ROOT = path.resolve(__dirname, '..', '..');
const SETTINGS_FILE = path.join(ROOT, 'config', 'settings.ts');
const LOAD_FILE = path.join(ROOT, 'config', 'load.ts');

/** One leaf setting: its dotted path, declared type and JSDoc. */
interface Field {
  readonly path: string;
  readonly type: string;
  readonly doc: string;
}

type Json = unknown;

/** Walks an interface of config/settings.ts, descending into properties whose type is another interface there. */
function fieldsOf(interfaceName: string): Field[] {
  const program = ts.createProgram([SETTINGS_FILE], { strict: true, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SETTINGS_FILE);
  if (!source) throw new Error(`cannot read ${SETTINGS_FILE}`);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });

  const walk = (name: string, prefix: string): Field[] => {
    const decl = interfaces.get(name);
    if (!decl) throw new Error(`config/settings.ts declares no interface ${name}`);
    const fields: Field[] = [];
    for (const member of decl.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const key = member.name.getText(source);
      const fieldPath = prefix ? `${prefix}.${key}` : key;
      const typeText = member.type.getText(source);
      if (interfaces.has(typeText)) {
        fields.push(...walk(typeText, fieldPath));
        continue;
      }
      const symbol = checker.getSymbolAtLocation(member.name);
      const doc = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)) : '';
      const resolved = checker.typeToString(
        checker.getTypeFromTypeNode(member.type),
        undefined,
        ts.TypeFormatFlags.NoTruncation,
      );
      fields.push({ path: fieldPath, type: resolved, doc: doc.replace(/\s+/g, ' ').trim() });
    }
    return fields;
  };
  return walk(interfaceName, '');
}

function get(obj: Json, dotted: string): Json {
  return dotted.split('.').reduce<Json>((o, k) => (o as Record<string, Json> | undefined)?.[k], obj);
}

function withValue(obj: Json, dotted: string, value: Json): Json {
  const [head, ...rest] = dotted.split('.');
  const copy = { ...(obj as Record<string, Json>) };
  copy[head] = rest.length === 0 ? value : withValue(copy[head], rest.join('.'), value);
  return copy;
}

/** A value no setting accepts (an object where a string, number, boolean or list belongs). */
const WRONG = { wrong: true };

/** What the validator says a setting accepts: the text after "accepted:" in its problem for that setting. */
function accepted(validate: (input: Json) => unknown, valid: Json, scope: string, dotted: string): string {
  try {
    validate(withValue(valid, dotted, WRONG));
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    const own = error.problems.find((p) => p.startsWith(`${scope}.${dotted}: `) || p.startsWith(`${scope}.${dotted}[`));
    if (own) return own.slice(own.indexOf('accepted: ') + 'accepted: '.length);
  }
  return 'not validated';
}

function leaves(obj: Json, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) {
      for (const [p, text] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, text);
    }
  } else {
    out.set(prefix, JSON.stringify(obj));
  }
  return out;
}

/** The variable names a function of config/load.ts reads, found in its source (`v('NAME')`, `${VARIABLE_PREFIX}NAME`). */
function variablesInLoad(): { perEnvironment: string[]; global: string[] } {
  const text = fs.readFileSync(LOAD_FILE, 'utf8');
  const perEnvironment = [...text.matchAll(/\bv\('([A-Z_]+)'\)/g)].map((m) => m[1]);
  const global = [...text.matchAll(/\$\{VARIABLE_PREFIX\}([A-Z_]+)`/g)].map((m) => `${VARIABLE_PREFIX}${m[1]}`);
  return { perEnvironment: [...new Set(perEnvironment)], global: [...new Set(global)] };
}

/** Which environment setting each `NORTHWIND_<ENV>_<NAME>` override changes: the first leaf that moves. */
function overridesByPath(fields: readonly Field[], names: readonly string[]): Map<string, string[]> {
  const dev = DEFAULT_ENVIRONMENTS.dev;
  const base = leaves(applyOverrides(dev, {}));
  const byPath = new Map<string, string[]>();
  for (const name of names) {
    const changed = leaves(applyOverrides(dev, { [`${VARIABLE_PREFIX}DEV_${name}`]: 'probe-value' }));
    const first = fields.find((f) => changed.get(f.path) !== base.get(f.path));
    if (!first) throw new Error(`${VARIABLE_PREFIX}<ENV>_${name} changes no setting of config/settings.ts`);
    byPath.set(first.path, [...(byPath.get(first.path) ?? []), `${VARIABLE_PREFIX}<ENV>_${name}`]);
  }
  return byPath;
}

/** Which state-backend setting a `NORTHWIND_STATE_*` variable sets: the one a wrong value is reported for. */
function stateOverride(variable: string): string | undefined {
  try {
    loadAppConfig({ [variable]: 'probe value' });
  } catch (error) {
    if (error instanceof SettingsError) return /^state\.([\w.]+):/.exec(error.problems[0] ?? '')?.[1];
    throw error;
  }
  return undefined;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function code(value: Json): string {
  if (value === undefined) return '';
  const text = Array.isArray(value) ? value.map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(value);
  return text === '' ? '' : `\`${cell(text)}\``;
}

function render(): string {
  const envFields = fieldsOf('EnvironmentConfig');
  const stateFields = fieldsOf('StateBackendConfig');
  const { perEnvironment, global } = variablesInLoad();
  const overrides = overridesByPath(envFields, perEnvironment);
  const lines: string[] = [
    '# Settings reference',
    '',
    '<!-- Generated by `make docs` (scripts/docs/settings-reference.ts) from config/: do not edit by hand. -->',
    '',
    'Every setting of the CDKTF app: its type and description (`config/settings.ts`), the committed defaults',
    '(`config/environments.ts`), what synth accepts (`config/validate.ts`: a wrong value stops synth with this',
    'text) and the variable that overrides it (`config/load.ts`; only `main.ts` reads the process environment).',
    '',
    '## Per environment',
    '',
    `Environments: ${ENVIRONMENT_NAMES.map((n) => `\`${n}\``).join(', ')}. \`<ENV>\` in a variable name is the`,
    'environment in upper case (`NORTHWIND_DEV_ACCOUNT_ID`).',
    '',
    `| setting | type | ${ENVIRONMENT_NAMES.join(' | ')} | accepted | override | description |`,
    `| --- | --- | ${ENVIRONMENT_NAMES.map(() => '---').join(' | ')} | --- | --- | --- |`,
  ];
  for (const f of envFields) {
    const defaults = ENVIRONMENT_NAMES.map((n) => code(get(DEFAULT_ENVIRONMENTS[n], f.path)));
    const valid = DEFAULT_ENVIRONMENTS.dev as EnvironmentConfig;
    const acc = accepted((input) => validateEnvironmentConfig(input, 'dev'), valid, 'dev', f.path);
    const vars = (overrides.get(f.path) ?? []).map((v) => `\`${v}\``).join(', ');
    lines.push(
      `| \`${f.path}\` | \`${cell(f.type)}\` | ${defaults.join(' | ')} | ${cell(acc)} | ${vars} | ${cell(f.doc)} |`,
    );
  }
  lines.push(
    '',
    '## State backend',
    '',
    'One bucket and lock table for every stack of every environment.',
    '',
    '| setting | type | default | accepted | override | description |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  const stateVars = new Map<string, string>();
  for (const variable of global) {
    const setting = stateOverride(variable);
    if (setting) stateVars.set(setting, variable);
  }
  for (const f of stateFields) {
    const acc = accepted(validateStateBackendConfig, DEFAULT_STATE_BACKEND, 'state', f.path);
    const variable = stateVars.get(f.path);
    lines.push(
      `| \`${f.path}\` | \`${cell(f.type)}\` | ${code(get(DEFAULT_STATE_BACKEND, f.path))} | ${cell(acc)} | ${
        variable ? `\`${variable}\`` : ''
      } | ${cell(f.doc)} |`,
    );
  }
  const others = global.filter((v) => ![...stateVars.values()].includes(v));
  const builtByDefault = loadAppConfig({}).environments.map((e) => e.environment);
  lines.push('', '## Other variables', '');
  for (const variable of others) {
    const note =
      variable === `${VARIABLE_PREFIX}ENVIRONMENTS`
        ? `the environments the app builds, comma-separated (default \`${builtByDefault.join(',')}\`)`
        : 'read by `config/load.ts`';
    lines.push(`- \`${variable}\`: ${note}.`);
  }
  lines.push(
    '- `SNOWFLAKE_PRIVATE_KEY` (and `SNOWFLAKE_PRIVATE_KEY_PASSPHRASE`): read by the Snowflake provider itself at',
    '  plan/apply time, never by the app, so no key reaches the synthesized JSON.',
    '',
  );
  return lines.join('\n');
}

process.stdout.write(render());
