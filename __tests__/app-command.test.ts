import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** The command `cdktf synth` and `cdktf deploy` run, from cdktf.json. */
function appCommand(): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app;
}

describe('the cdktf app command', () => {
  test('synthesizes the code as it is, even when dist/app.js is missing or stale', () => {
    // A fresh clone has no dist/; an old checkout has a bundle of other code. Either way synth must not run it.
    const bundle = path.join(ROOT, 'dist', 'app.js');
    fs.mkdirSync(path.dirname(bundle), { recursive: true });
    fs.writeFileSync(bundle, 'throw new Error("stale bundle ran");\n');
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'northwind-app-command-'));
    try {
      execFileSync('/bin/sh', ['-c', appCommand()], {
        cwd: ROOT,
        env: { ...process.env, CDKTF_OUTDIR: outdir, NORTHWIND_ENVIRONMENTS: 'dev' },
        stdio: 'pipe',
      });
      const stacks = fs.readdirSync(path.join(outdir, 'stacks')).sort();
      expect(stacks).toEqual(['aws-dev', 'snowflake-dev', 'state-backend']);
      expect(fs.readFileSync(bundle, 'utf8')).not.toContain('stale bundle ran');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});
