import * as fs from 'fs';
import * as path from 'path';
import { zipSync, type Zippable } from 'fflate';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { contentAddressedFile } from './content-addressed-file';

export interface PythonPackageAssetProps {
  /** The package directory, e.g. `glue_job/northwind_ingest`. */
  readonly packageDir: string;
}

/** Files that belong in the shipped package: sources and data, no caches or tests. */
function packageFiles(root: string, dir = root): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => !['__pycache__', 'tests', '.pytest_cache'].includes(e.name) && !e.name.endsWith('.pyc'))
    .flatMap((e) => (e.isDirectory() ? packageFiles(root, path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

// Fixed entry metadata, so the same sources give the same bytes (and asset hash) on every machine and run:
// 1980-01-01 00:00 in local time (zip stores local time, so this is the same DOS timestamp in every time zone),
// made by Unix, regular file rw-r--r--.
const ENTRY_OPTIONS = { mtime: new Date(1980, 0, 1), os: 3, attrs: (0o100644 << 16) >>> 0, level: 9 } as const;

/** A zip of the given entries (sorted by name) with fixed timestamps and attributes. */
export function deterministicZip(entries: readonly { name: string; data: Uint8Array }[]): Buffer {
  const files: Zippable = {};
  for (const { name, data } of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    files[name] = [data, ENTRY_OPTIONS];
  }
  return Buffer.from(zipSync(files));
}

/** The zip of a package directory: entries under the package's own folder name, sorted, caches and tests left out. */
export function packageZip(packageDir: string): Buffer {
  const packageName = path.basename(packageDir);
  return deterministicZip(
    packageFiles(packageDir).map((file) => ({
      name: path.posix.join(packageName, path.relative(packageDir, file).split(path.sep).join('/')),
      data: fs.readFileSync(file),
    })),
  );
}

/**
 * A zip of one Python package for Glue's `--extra-py-files`. The zip holds the package folder itself
 * (`northwind_ingest/__init__.py`, so `import northwind_ingest` works); caches and tests stay out. The zip is
 * built in memory (no child process per stack, unlike CDKTF's archive assets) and content-addressed on disk.
 */
export class PythonPackageAsset extends Construct {
  readonly asset: TerraformAsset;

  constructor(scope: Construct, id: string, props: PythonPackageAssetProps) {
    super(scope, id);
    const packageName = path.basename(props.packageDir);
    if (!fs.existsSync(path.join(props.packageDir, '__init__.py'))) {
      throw new Error(`PythonPackageAsset: ${props.packageDir} is not a Python package (no __init__.py)`);
    }
    const zipPath = contentAddressedFile(`${packageName}.zip`, packageZip(props.packageDir));
    this.asset = new TerraformAsset(this, 'zip', { path: zipPath, type: AssetType.FILE });
  }
}
