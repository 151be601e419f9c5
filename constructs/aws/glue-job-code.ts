import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { AssetType, TerraformAsset } from 'cdktf';
import type { Construct } from 'constructs';
import * as path from 'path';
import { contentAddressedFile } from './content-addressed-file';
import { PythonPackageAsset } from './python-package-asset';
import { RDS_CA_BUNDLE_FILE, rdsCaBundlePem } from './rds-ca-bundle';

/** Key prefixes in the Glue assets bucket. */
export const GLUE_SCRIPTS_PREFIX = 'scripts/';
export const GLUE_TEMP_PREFIX = 'temp/';

export interface GlueJobCodeProps {
  /** Directory holding `glue_entry.py` and the `northwind_ingest/` package. */
  readonly glueJobDir: string;
  /** The assets bucket's name, as a reference: the uploads wait for the bucket. */
  readonly bucketName: string;
  /** Customer key the objects are encrypted with. */
  readonly kmsKeyArn: string;
}

/** Where the job's code and files are, as S3 URIs (each a reference to its upload). */
export interface GlueJobCode {
  readonly scriptUri: string;
  readonly packageUri: string;
  readonly caBundleUri: string;
}

/**
 * Uploads what every Glue job of the platform runs, under `scripts/` in the assets bucket: the entry script, the
 * `northwind_ingest` package zipped for `--extra-py-files`, and the RDS CA bundle for `--extra-files` (Glue puts
 * those files in the working directory of the driver and executors, so pgjdbc can verify Aurora's certificate).
 * Resources are created in `scope`, so their construct paths stay those of the job.
 */
export function uploadGlueJobCode(scope: Construct, props: GlueJobCodeProps): GlueJobCode {
  const upload = (id: string, fileName: string, asset: TerraformAsset): string => {
    const object = new S3Object(scope, id, {
      bucket: props.bucketName,
      key: `${GLUE_SCRIPTS_PREFIX}${fileName}`,
      source: asset.path,
      sourceHash: asset.assetHash,
      serverSideEncryption: 'aws:kms',
      kmsKeyId: props.kmsKeyArn,
    });
    return `s3://${object.bucket}/${object.key}`;
  };
  const script = new TerraformAsset(scope, 'entry-script', {
    path: path.join(props.glueJobDir, 'glue_entry.py'),
    type: AssetType.FILE,
  });
  const pkg = new PythonPackageAsset(scope, 'package', { packageDir: path.join(props.glueJobDir, 'northwind_ingest') });
  const caBundle = new TerraformAsset(scope, 'rds-ca-bundle', {
    path: contentAddressedFile(RDS_CA_BUNDLE_FILE, Buffer.from(rdsCaBundlePem(), 'ascii')),
    type: AssetType.FILE,
  });
  return {
    scriptUri: upload('entry-script-object', 'glue_entry.py', script),
    packageUri: upload('package-object', 'northwind_ingest.zip', pkg.asset),
    caBundleUri: upload('rds-ca-bundle-object', RDS_CA_BUNDLE_FILE, caBundle),
  };
}
