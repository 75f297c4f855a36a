import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../jobs/cli.ts';
import { openEmbeddedStore } from '../../store/embedded/embedded-store.ts';
import { RAW } from './ingest-harness.ts';
import { captureIO } from '../cli-io.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerboard-import-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function cli(env: Record<string, string>) {
  return captureIO(env);
}

describe('peerboard import', () => {
  it('ingests a JSON Lines file into the embedded store, counts bad lines as rejected and prints the counts', async () => {
    const file = join(dir, 'postings.jsonl');
    const lines = [
      JSON.stringify(RAW.greenhousePeer),
      '',
      '{"title": "Peer Support Specialist", "employer": ', // cut off: not JSON
      JSON.stringify(RAW.aggregatorSameJob),
      JSON.stringify(RAW.notPeer),
      JSON.stringify({ employer: 'Hope Clubhouse', location: 'Dayton, OH' }), // no title
      JSON.stringify({ title: 'Certified Peer Specialist', employer: 'Hope Clubhouse', location: 'Dayton, OH', pay: '$17/hr', description: 'Clubhouse peer support; lived experience required.' }),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const env = { DATA_DIR: join(dir, 'data') };
    const t = cli(env);
    expect(await main(['import', file, '--json', '--batch', '2'], t.io)).toBe(0);
    const counts = JSON.parse(t.out());
    expect(counts).toEqual({ received: 6, new: 2, updated: 0, unchanged: 0, duplicates: 1, rejected: { invalid_json: 1, not_peer_role: 1, invalid_posting: 1 }, dryRun: false });
    expect(t.err()).toContain('line 3: invalid_json');
    expect(t.err()).toContain('line 6: invalid_posting');

    const store = await openEmbeddedStore({ dataDir: join(dir, 'data') });
    try {
      expect(await store.countPostings()).toBe(2);
      // Not indexed by import: both are in the change feed, which a running service follows.
      expect((await store.changesSince(0, 10)).changes).toHaveLength(2);
      const all = [];
      for await (const b of store.iteratePostings()) all.push(...b);
      const clubhouse = all.find((p) => p.employer === 'Hope Clubhouse');
      expect(clubhouse!.sources[0]!.source).toBe('import');
    } finally {
      await store.close();
    }

    // The same file again: nothing new, a small table this time.
    const t2 = cli(env);
    expect(await main(['import', file], t2.io)).toBe(0);
    expect(t2.out()).toMatch(/^unchanged\s+3$/m);
    expect(t2.out()).toMatch(/^new\s+0$/m);
  });

  it('says clearly when the file cannot be read, and rejects bad options', async () => {
    const t = cli({ DATA_DIR: join(dir, 'data') });
    expect(await main(['import', join(dir, 'missing.jsonl')], t.io)).toBe(1);
    expect(t.err()).toMatch(/cannot read .*missing\.jsonl/);
    const t2 = cli({});
    expect(await main(['import'], t2.io)).toBe(2);
    expect(await main(['import', 'x.jsonl', '--batch', 'lots'], t2.io)).toBe(2);
  });
});
