import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../jobs/cli.ts';
import { captureIO } from './cli-io.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerboard-rejects-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const peer = (i: number) =>
  JSON.stringify({ title: 'Peer Support Specialist', employer: `Hope Clubhouse ${i}`, location: 'Dayton, OH', pay: '$17/hr', sourceId: `hope-${i}`, description: 'Clubhouse peer support; lived experience required.' });
const nurse = (i: number) => JSON.stringify({ title: 'Registered Nurse', employer: `County Hospital ${i}`, location: 'Dayton, OH', sourceId: `rn-${i}` });

/**
 * 60 lines: every third is a non-peer job (rejected only when its batch is ingested), every fifth
 * is broken JSON (rejected at once while reading): 28 rejected lines, more than the 20 shown before.
 */
function mixedFile(): { text: string; rejected: { line: number; reason: string }[] } {
  const lines: string[] = [];
  const rejected: { line: number; reason: string }[] = [];
  for (let n = 1; n <= 60; n++) {
    if (n % 5 === 0) {
      lines.push('{"title": "Peer Specialist", ');
      rejected.push({ line: n, reason: 'invalid_json' });
    } else if (n % 3 === 0) {
      lines.push(nurse(n));
      rejected.push({ line: n, reason: 'not_peer_role' });
    } else lines.push(peer(n));
  }
  return { text: `${lines.join('\n')}\n`, rejected };
}

describe('peerboard import: rejected lines', () => {
  it('reports every rejected line on stderr, in line order, however many there are', async () => {
    const { text, rejected } = mixedFile();
    const file = join(dir, 'mixed.jsonl');
    await writeFile(file, text);
    const t = captureIO({ DATA_DIR: join(dir, 'data') });
    expect(await main(['import', file, '--batch', '7', '--json'], t.io)).toBe(0);
    const reported = t
      .err()
      .split('\n')
      .filter(Boolean)
      .map((l) => /^line (\d+): (\w+): /.exec(l))
      .map((m) => ({ line: Number(m?.[1]), reason: m?.[2] }));
    expect(reported).toEqual(rejected);
    expect(rejected).toHaveLength(28);
    expect(JSON.parse(t.out()).rejected).toEqual({ invalid_json: 12, not_peer_role: 16 });
  });

  it('writes all of them to --rejects FILE as JSON Lines (line, reason, message) and only a summary on stderr', async () => {
    const { text, rejected } = mixedFile();
    const file = join(dir, 'mixed.jsonl');
    await writeFile(file, text);
    const rejects = join(dir, 'rejects.jsonl');
    const t = captureIO({ DATA_DIR: join(dir, 'data') });
    expect(await main(['import', file, '--rejects', rejects, '--dry-run'], t.io)).toBe(0);
    const written = (await readFile(rejects, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { line: number; reason: string; message: string });
    expect(written.map(({ line, reason }) => ({ line, reason }))).toEqual(rejected);
    for (const r of written) {
      expect(Object.keys(r).sort()).toEqual(['line', 'message', 'reason']);
      expect(r.message.length).toBeGreaterThan(0);
    }
    expect(t.err()).toBe(`28 rejected lines written to ${rejects}\n`);
  });

  it('names the path when the input or the rejects file is a directory', async () => {
    const folder = join(dir, 'a-folder');
    await mkdir(folder);
    const t = captureIO({ DATA_DIR: join(dir, 'data') });
    expect(await main(['import', folder], t.io)).toBe(1);
    expect(t.err()).toContain(`cannot read ${folder}: it is a directory`);
    expect(t.err()).not.toMatch(/^.*EISDIR: illegal operation on a directory, read$/m);

    const file = join(dir, 'one.jsonl');
    await writeFile(file, `${peer(1)}\n`);
    const t2 = captureIO({ DATA_DIR: join(dir, 'data') });
    expect(await main(['import', file, '--rejects', folder], t2.io)).toBe(1);
    expect(t2.err()).toContain(`--rejects ${folder}: it is a directory`);
    const t3 = captureIO({});
    expect(await main(['import', file, '--rejects'], t3.io)).toBe(2);
  });
});
