import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageZip } from '../constructs/aws/python-package-asset';

/** Lists and imports a zip with Python's own zipimport, the way Glue's --extra-py-files loads it. */
function pythonReads(zipPath: string, module: string): { names: string[]; value: string } {
  const script = [
    'import json, sys, zipfile',
    'names = zipfile.ZipFile(sys.argv[1]).namelist()',
    'assert zipfile.ZipFile(sys.argv[1]).testzip() is None',
    'sys.path.insert(0, sys.argv[1])',
    `import ${module} as m`,
    'print(json.dumps({"names": names, "value": m.VALUE}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, zipPath], { encoding: 'utf8' }));
}

describe('python package zip for --extra-py-files', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-test-'));
  const pkg = path.join(root, 'demo_pkg');
  fs.mkdirSync(path.join(pkg, 'sub'), { recursive: true });
  fs.mkdirSync(path.join(pkg, '__pycache__'));
  fs.mkdirSync(path.join(pkg, 'tests'));
  fs.writeFileSync(path.join(pkg, '__init__.py'), '');
  fs.writeFileSync(path.join(pkg, 'sub', '__init__.py'), 'VALUE = "from the zip"\n');
  fs.writeFileSync(path.join(pkg, '__pycache__', 'x.cpython-311.pyc'), 'junk');
  fs.writeFileSync(path.join(pkg, 'tests', 'test_x.py'), 'assert False\n');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('the zip holds the package folder, importable by python, without caches or tests', () => {
    const zipPath = path.join(root, 'demo_pkg.zip');
    fs.writeFileSync(zipPath, packageZip(pkg));
    expect(pythonReads(zipPath, 'demo_pkg.sub')).toEqual({
      names: ['demo_pkg/__init__.py', 'demo_pkg/sub/__init__.py'],
      value: 'from the zip',
    });
  });

  test('the same sources give the same bytes whatever the file times', () => {
    const first = packageZip(pkg);
    const later = new Date(Date.now() + 86_400_000);
    fs.utimesSync(path.join(pkg, '__init__.py'), later, later);
    expect(packageZip(pkg).equals(first)).toBe(true);
    fs.writeFileSync(path.join(pkg, 'sub', '__init__.py'), 'VALUE = "changed"\n');
    expect(packageZip(pkg).equals(first)).toBe(false);
  });

  test('every entry carries the fixed 1980-01-01 00:00 timestamp, whatever the time zone', () => {
    const zip = packageZip(pkg);
    // First local file header: DOS time at offset 10, DOS date at 12 (1980-01-01 is 0x21).
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect([zip.readUInt16LE(10), zip.readUInt16LE(12)]).toEqual([0, 0x21]);
  });
});
