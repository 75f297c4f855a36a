/**
 * `npm run bench`: runs every benchmark part in turn and prints its figures. Speed and memory
 * targets live here, not in unit tests (timed tests are flaky on shared 2-core machines).
 *
 *   npm run bench                 all parts, full sizes
 *   npm run bench -- --quick      smaller sizes, a smoke run
 *   npm run bench -- search stats only the named parts
 *   npm run bench -- accuracy --show-heldback   also the real corpus' held-back misses
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const PARTS = ['normalize', 'accuracy', 'extract', 'dedupe', 'store', 'startup', 'stats', 'search', 'api', 'web'] as const;
/** Files of the parts whose file name is not `<part>-bench.ts`. */
const FILES: Partial<Record<(typeof PARTS)[number], string>> = { accuracy: 'normalize-accuracy.ts' };

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const passOn = args.filter((a) => a === '--quick' || a === '--show-heldback');
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((w) => !(PARTS as readonly string[]).includes(w));
if (unknown.length) {
  console.error(`unknown bench part(s): ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
  process.exit(2);
}

console.log(`peerboard bench — node ${process.version}, ${quick ? 'quick' : 'full'} run`);
// Each part runs in its own process so one part's heap does not inflate the next one's RSS figures.
const runTs = join(here, '..', 'bin', 'run-ts.js');
let failed = 0;
for (const part of PARTS) {
  if (wanted.length && !wanted.includes(part)) continue;
  const file = join(here, FILES[part] ?? `${part}-bench.ts`);
  if (!existsSync(file)) {
    console.log(`\n== ${part}: no benchmark file (${file})`);
    continue;
  }
  console.log(`\n== ${part}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--expose-gc', runTs, join(here, 'run-part.ts'), file, ...passOn], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
  console.log(`(${part} took ${((performance.now() - t0) / 1000).toFixed(1)} s${r.status !== 0 ? `, FAILED with ${r.status}` : ''})`);
}
process.exitCode = failed ? 1 : 0;
