import * as fs from 'fs';
import { SYNTH_DIR_VARIABLE } from './helpers';

/** Removes the shared synth output of `global-setup.ts`. */
export default function globalTeardown(): void {
  const dir = process.env[SYNTH_DIR_VARIABLE];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
