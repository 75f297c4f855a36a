import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ideBundleBuilt } from '../../server/ide/ide-page.ts';

/** The IDE bundle is made by `npm install` (prepare); a checkout without it gets it built once here. */
export function ensureIdeBundle(): void {
  if (ideBundleBuilt()) return;
  execFileSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'build.js'), 'ide'], { stdio: 'ignore' });
}
