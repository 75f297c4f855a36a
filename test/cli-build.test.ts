import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JavaScript module of bin/, without type declarations
import { buildIsFresh } from '../bin/build-freshness.js';

const isFresh = buildIsFresh as (root: string, env?: Record<string, string | undefined>) => boolean;
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function project(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'peerboard-build-'));
  await mkdir(join(dir, 'jobs'));
  await mkdir(join(dir, 'dist'));
  await writeFile(join(dir, 'jobs', 'cli.ts'), 'export {};\n');
  const mtimeMs = (await stat(join(dir, 'jobs', 'cli.ts'))).mtimeMs;
  await writeFile(join(dir, 'dist', 'build-info.json'), JSON.stringify({ inputs: { 'jobs/cli.ts': mtimeMs } }));
  return dir;
}

describe('the build-once command', () => {
  it('uses dist/ only while every source of the build is unchanged', async () => {
    const root = await project();
    expect(isFresh(root, {})).toBe(true);
    expect(isFresh(root, { PEERBOARD_FROM_SOURCE: '1' })).toBe(false);
    const later = new Date(Date.now() + 5_000);
    await utimes(join(root, 'jobs', 'cli.ts'), later, later);
    expect(isFresh(root, {})).toBe(false);
  });

  it('runs the sources when the build is missing, broken or names a file that is gone', async () => {
    const root = await project();
    await rm(join(root, 'jobs', 'cli.ts'));
    expect(isFresh(root, {})).toBe(false);
    await writeFile(join(root, 'dist', 'build-info.json'), '{ not json');
    expect(isFresh(root, {})).toBe(false);
    await rm(join(root, 'dist'), { recursive: true });
    expect(isFresh(root, {})).toBe(false);
  });

  it('prints the same help from the build and from the sources', async () => {
    const fromBuild = await run(process.execPath, [join(ROOT, 'bin', 'peerboard.js'), '--help']);
    const fromSource = await run(process.execPath, [join(ROOT, 'bin', 'peerboard.js'), '--help'], { env: { ...process.env, PEERBOARD_FROM_SOURCE: '1' } });
    expect(fromBuild.stdout).toBe(fromSource.stdout);
    expect(fromBuild.stdout).toMatch(/^peerboard: job board and salary insight/);
  });
});
