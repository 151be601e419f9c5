import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';

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

/**
 * Writes a zip with fixed timestamps, so the same sources give the same bytes (and the same asset hash) on
 * every machine and run. Deflate via zlib; this avoids the child process CDKTF's archive assets spawn per
 * stack, which dominated synth time.
 */
export function deterministicZip(entries: readonly { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const DOS_DATE_1980_01_01 = 0x21;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = zlib.deflateRawSync(data, { level: 9 });
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by: unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
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
 * content-addressed in the temp directory, so both environments' stacks share one build.
 */
export class PythonPackageAsset extends Construct {
  readonly asset: TerraformAsset;

  constructor(scope: Construct, id: string, props: PythonPackageAssetProps) {
    super(scope, id);
    const packageName = path.basename(props.packageDir);
    if (!fs.existsSync(path.join(props.packageDir, '__init__.py'))) {
      throw new Error(`PythonPackageAsset: ${props.packageDir} is not a Python package (no __init__.py)`);
    }
    const zip = packageZip(props.packageDir);
    const digest = crypto.createHash('sha256').update(zip).digest('hex').slice(0, 16);
    const zipDir = path.join(os.tmpdir(), `northwind-python-packages-${digest}`);
    const zipPath = path.join(zipDir, `${packageName}.zip`);
    if (!fs.existsSync(zipPath)) {
      fs.mkdirSync(zipDir, { recursive: true });
      // A per-process temp name: parallel synths (jest workers) must not rename each other's half-written file.
      const partial = `${zipPath}.${process.pid}.tmp`;
      fs.writeFileSync(partial, zip);
      fs.renameSync(partial, zipPath);
    }
    this.asset = new TerraformAsset(this, 'zip', { path: zipPath, type: AssetType.FILE });
  }
}
