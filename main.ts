import { App, Aspects, type TerraformStack } from 'cdktf';
import { loadAppConfig } from './config/load';
import type { AppConfig } from './config/settings';
import { SettingsError } from './config/validate';
import { DefaultTags, platformTags } from './constructs/aspects/default-tags';
import { SecurityPolicy } from './constructs/aspects/security-policy';
import { AwsPlatformStack } from './stacks/aws-platform';
import { SnowflakePlatformStack } from './stacks/snowflake-platform';
import { StateBackendStack } from './stacks/state-backend';

/** Every stack gets the default tags of its environment and the security policy checks. */
function withPlatformAspects<T extends TerraformStack>(stack: T, environment: string): T {
  Aspects.of(stack).add(new DefaultTags(platformTags(environment)));
  Aspects.of(stack).add(new SecurityPolicy());
  return stack;
}

/** The stacks one app holds, by id. */
export interface PlatformStacks {
  readonly state: StateBackendStack;
  readonly aws: Readonly<Record<string, AwsPlatformStack>>;
  readonly snowflake: Readonly<Record<string, SnowflakePlatformStack>>;
}

/**
 * Builds every stack from validated settings: the state bootstrap once, then per environment the stacks of
 * that environment. Stack ids carry the environment (`aws-dev`), so `cdktf deploy '*-dev'` selects one.
 */
export function buildApp(app: App, config: AppConfig): PlatformStacks {
  const state = withPlatformAspects(
    new StateBackendStack(app, 'state-backend', { state: config.state, environments: config.environments }),
    'shared',
  );
  const aws: Record<string, AwsPlatformStack> = {};
  const snowflake: Record<string, SnowflakePlatformStack> = {};
  for (const env of config.environments) {
    // Deploy order state -> snowflake -> aws: the AWS role trusts what the Snowflake integrations report,
    // read from the Snowflake stack's state (cross-stack references); Snowflake names the role by its ARN.
    const sf = withPlatformAspects(
      new SnowflakePlatformStack(app, `snowflake-${env.environment}`, { config: env, state: config.state }),
      env.environment,
    );
    snowflake[env.environment] = sf;
    aws[env.environment] = withPlatformAspects(
      new AwsPlatformStack(app, `aws-${env.environment}`, {
        config: env,
        state: config.state,
        snowflakeTrust: sf.trust,
      }),
      env.environment,
    );
  }
  return { state, aws, snowflake };
}

/**
 * CDKTF captures and formats a full stack trace for every token it creates, kept only for a few token error
 * messages; formatting them is about a fifth of synth time. While building and synthesizing, traces are
 * captured but formatted as empty. V8 formats an error's stack when it is first read, so an error thrown here
 * is still reported with its full trace once the formatter is restored.
 */
function withoutTokenTraceFormatting(run: () => void): void {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = () => '';
  try {
    run();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

// Only this block reads the process environment (settings overrides; CDKTF's own outdir/context variables).
if (require.main === module) {
  let config: AppConfig;
  try {
    config = loadAppConfig(process.env);
  } catch (error) {
    if (error instanceof SettingsError) {
      // One message naming each bad setting and what it accepts; no stack trace for a configuration mistake.
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  withoutTokenTraceFormatting(() => {
    const app = new App();
    buildApp(app, config);
    app.synth();
  });
}
