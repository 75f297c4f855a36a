import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { command } from '../../jobs/commands/reindex.ts';
import type { CliIO } from '../../jobs/commands/command.ts';
import { openEmbeddedStore } from '../../store/embedded/embedded-store.ts';
import type { EmbeddedSearchIndex } from '../../store/search/embedded/embedded-search-index.ts';
import { openSearchIndex } from '../../store/search/open-search.ts';
import { MeiliStandIn } from './meili-stand-in.ts';
import { FIXTURE_POSTINGS } from './posting-fixtures.ts';

function io(env: Record<string, string>, tty: boolean): { io: CliIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr, env }, out: () => out, err: () => err };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function dataDirWithPostings(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'peerboard-reindex-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const store = await openEmbeddedStore({ dataDir: dir });
  await store.putPostings(FIXTURE_POSTINGS);
  await store.close();
  return dir;
}

describe('peerboard reindex', () => {
  it('rebuilds Meilisearch from the store, with progress on a terminal', async () => {
    const dir = await dataDirWithPostings();
    const meili = new MeiliStandIn();
    await meili.start();
    cleanup.push(() => meili.stop());
    const t = io({ DATA_DIR: dir, MEILI_HOST: meili.url, MEILI_API_KEY: 'scoped-key' }, true);
    expect(await command.run([], t.io)).toBe(0);
    expect(t.out()).toMatch(new RegExp(`^reindexed ${FIXTURE_POSTINGS.length} postings into the meilisearch index in [\\d.]+ s \\(up to change ${FIXTURE_POSTINGS.length}\\)\\n$`));
    expect(t.err()).toContain(`indexing postings: ${FIXTURE_POSTINGS.length}/${FIXTURE_POSTINGS.length} (100%)`);
    expect(meili.record.clears).toBe(1);
    expect(meili.record.documentsSent.flat().map((d) => d.id).sort()).toEqual(FIXTURE_POSTINGS.map((p) => p.id).sort());
    // The index's checkpoint in the store now says it holds every change.
    const store = await openEmbeddedStore({ dataDir: dir });
    expect(await store.getCheckpoint(`meili:${meili.url}/postings`)).toMatchObject({ seq: await store.currentSeq(), documents: FIXTURE_POSTINGS.length });
    await store.close();
  });

  it('prints no progress when stderr is not a terminal, and saves the embedded index snapshot at the store\'s seq', async () => {
    const dir = await dataDirWithPostings();
    const t = io({ DATA_DIR: dir }, false);
    expect(await command.run([], t.io)).toBe(0);
    expect(t.out()).toContain(`reindexed ${FIXTURE_POSTINGS.length} postings into the embedded index`);
    expect(t.err()).toBe('');
    const store = await openEmbeddedStore({ dataDir: dir });
    cleanup.push(() => store.close());
    const index = await openSearchIndex({ DATA_DIR: dir, MEILI_HOST: undefined, MEILI_API_KEY: undefined, MEILI_INDEX: 'postings' }, { store });
    cleanup.push(() => index.close());
    expect(await index.count()).toBe(FIXTURE_POSTINGS.length);
    expect((index as EmbeddedSearchIndex).persistedSeq()).toBe(FIXTURE_POSTINGS.length);
  });

  it('refuses unexpected arguments', async () => {
    const t = io({}, false);
    expect(await command.run(['--all'], t.io)).toBe(2);
    expect(t.err()).toContain('unexpected argument "--all"');
  });
});
