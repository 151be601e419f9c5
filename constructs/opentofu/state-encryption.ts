import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, type ISynthesisSession } from 'cdktf';
// The hook TerraformAsset uses to write files at synth time; cdktf does not re-export it from its root.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';

/** The file synth writes beside a stack's `cdk.tf.json`; OpenTofu reads `*.tofu.json`, Terraform skips it. */
export const ENCRYPTION_FILE = 'encryption.tofu.json';

/** The OpenTofu variable (`TF_VAR_state_backend_passphrase`) holding the bootstrap stack's passphrase. */
export const BOOTSTRAP_PASSPHRASE_VARIABLE = 'state_backend_passphrase';

/** Where the data key comes from. */
export type StateEncryptionKey =
  | {
      readonly provider: 'aws_kms';
      /** The KMS key (id, ARN or alias ARN) that wraps each state's data key. */
      readonly kmsKeyId: string;
      /** Region of the key. */
      readonly region: string;
      /** Role to assume for the key when it lives in another account (the state-access role). Default none. */
      readonly assumeRoleArn?: string;
    }
  | {
      readonly provider: 'pbkdf2';
      /** Name of the OpenTofu variable holding the passphrase (16+ characters). */
      readonly passphraseVariable: string;
    };

export interface StateEncryptionProps {
  /** The key provider. */
  readonly key: StateEncryptionKey;
  /** Read state that is not encrypted yet (the `fallback` migration step). Default false. */
  readonly migrateUnencryptedState?: boolean;
}

type Json = Record<string, unknown>;

const KEY = 'state';
const METHOD = 'state';
const MIGRATION_METHOD = 'not_yet_encrypted';

/**
 * The `encryption.tofu.json` document. In OpenTofu's JSON syntax, references to key providers and methods are
 * plain strings ("key_provider.aws_kms.state"); `${...}` templates are refused there.
 * `remoteStateSources` are the stack's terraform_remote_state data sources: each reads the other stack's state
 * with the same method (all stacks of an environment share the state key).
 */
export function encryptionDocument(props: StateEncryptionProps, remoteStateSources: readonly string[]): Json {
  const key = props.key;
  const keyProvider: Json =
    key.provider === 'aws_kms'
      ? {
          aws_kms: {
            [KEY]: {
              kms_key_id: key.kmsKeyId,
              region: key.region,
              key_spec: 'AES_256',
              ...(key.assumeRoleArn ? { assume_role: { role_arn: key.assumeRoleArn } } : {}),
            },
          },
        }
      : { pbkdf2: { [KEY]: { passphrase: `\${var.${key.passphraseVariable}}` } } };
  const method = `method.aes_gcm.${METHOD}`;
  const migrate = props.migrateUnencryptedState === true;
  const methods: Json = { aes_gcm: { [METHOD]: { keys: `key_provider.${key.provider}.${KEY}` } } };
  if (migrate) methods.unencrypted = { [MIGRATION_METHOD]: {} };
  // `enforced` refuses ever writing unencrypted state or plans. OpenTofu forbids it together with an unencrypted
  // fallback, so only the migration step (one apply that reads the old state and writes it encrypted) lifts it.
  const target = (): Json =>
    migrate ? { method, fallback: { method: `method.unencrypted.${MIGRATION_METHOD}` } } : { method, enforced: true };
  const encryption: Json = { key_provider: keyProvider, method: methods, state: target(), plan: target() };
  if (remoteStateSources.length > 0) {
    encryption.remote_state_data_sources = {
      remote_state_data_source: Object.fromEntries([...remoteStateSources].sort().map((name) => [name, { method }])),
    };
  }
  const doc: Json = { terraform: { encryption } };
  if (key.provider === 'pbkdf2') {
    doc.variable = {
      [key.passphraseVariable]: {
        type: 'string',
        sensitive: true,
        description: `Passphrase of the state encryption (16+ characters), e.g. TF_VAR_${key.passphraseVariable}`,
      },
    };
  }
  return doc;
}

/**
 * OpenTofu client-side encryption of the stack's state and saved plans. CDKTF has no construct for the
 * `terraform.encryption` block, and Terraform refuses it in `cdk.tf.json`, so it is written to its own
 * `encryption.tofu.json` in the stack's folder at synth time (custom synthesis, after the stack's JSON exists).
 */
export class StateEncryption extends Construct {
  constructor(scope: Construct, id: string, props: StateEncryptionProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    addCustomSynthesis(this, {
      onSynthesize(session: ISynthesisSession): void {
        const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        // The readers are taken from the synthesized stack itself, so a new cross-stack reference is never missed.
        const data = (stack.toTerraform() as { data?: Record<string, Json> }).data ?? {};
        const readers = Object.keys(data.terraform_remote_state ?? {});
        fs.writeFileSync(
          path.join(dir, ENCRYPTION_FILE),
          `${JSON.stringify(encryptionDocument(props, readers), null, 2)}\n`,
        );
      },
    });
  }
}
