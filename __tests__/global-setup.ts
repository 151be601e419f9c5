import { defaultAppConfig, SYNTH_DIR_VARIABLE, synthesizeTo } from './helpers';

/**
 * Synthesizes the default app once for the whole jest run; suites read its `cdk.tf.json` files instead of each
 * synthesizing every stack again (that repeated work dominated the suite's time).
 */
export default function globalSetup(): void {
  process.env[SYNTH_DIR_VARIABLE] = synthesizeTo(defaultAppConfig());
}
