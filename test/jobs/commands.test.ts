import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../jobs/cli.ts';
import { peerPosting, startLeverBoardServer, type LeverBoardServer } from './lever-board-server.ts';
import { captureIO } from '../cli-io.ts';

let dir: string;
let server: LeverBoardServer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerboard-commands-'));
  server = await startLeverBoardServer();
  server.setBoard('alleghenyrecovery', [
    peerPosting('alleghenyrecovery', 'd00d0000-0000-4000-8000-000000000001', 'Certified Peer Specialist - Outpatient', { city: 'Pittsburgh, PA' }),
    peerPosting('alleghenyrecovery', 'd00d0000-0000-4000-8000-000000000002', 'Recovery Coach - Mobile Crisis', { city: 'Erie, PA', min: 20, max: 24 }),
  ]);
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function io() {
  return captureIO({ DATA_DIR: join(dir, 'data') });
}

async function sourcesFile(entries: unknown[]): Promise<string> {
  const file = join(dir, 'sources.json');
  await writeFile(file, JSON.stringify(entries));
  return file;
}

const lever = (id: string, company: string) => ({ id, kind: 'lever', company, employer: 'Allegheny Recovery Partners', baseUrl: `${server.origin}/v0/postings`, delayMs: 0 });

describe('peerboard scrape', () => {
  it('runs the sources, prints a summary table and exits 0; a second scrape finds everything unchanged', async () => {
    const file = await sourcesFile([lever('lever-allegheny', 'alleghenyrecovery')]);

    const first = io();
    expect(await main(['scrape', '--sources', file], first.io)).toBe(0);
    expect(first.out()).toMatch(/source\s+kind\s+status\s+pages\s+robots\s+new\s+updated\s+unchanged/);
    expect(first.out()).toMatch(/lever-allegheny\s+lever\s+ok\s+1\s+0\s+2\s+0\s+0/);
    // Not a terminal: a plain line per finished source on stderr, no cursor movement.
    expect(first.err()).toContain('lever-allegheny');
    expect(first.err()).not.toContain('\x1b[');

    const second = io();
    expect(await main(['scrape', '--sources', file], second.io)).toBe(0);
    expect(second.out()).toMatch(/lever-allegheny\s+lever\s+ok\s+1\s+0\s+0\s+0\s+2/);
  });

  it('exits 1 when a source failed entirely, after running the others', async () => {
    const file = await sourcesFile([lever('lever-gone', 'no-such-company'), lever('lever-allegheny', 'alleghenyrecovery')]);
    const t = io();
    expect(await main(['scrape', '--sources', file], t.io)).toBe(1);
    expect(t.out()).toMatch(/lever-gone\s+lever\s+failed/);
    expect(t.out()).toMatch(/lever-allegheny\s+lever\s+ok/);
    expect(t.out()).toMatch(/lever-gone: .*no-such-company/);
  });

  it('with --source runs only that source, and --dry-run writes nothing', async () => {
    const file = await sourcesFile([lever('lever-gone', 'no-such-company'), lever('lever-allegheny', 'alleghenyrecovery')]);
    const dry = io();
    expect(await main(['scrape', '--sources', file, '--source', 'lever-allegheny', '--dry-run'], dry.io)).toBe(0);
    expect(dry.out()).toContain('dry run');
    expect(dry.out()).not.toContain('lever-gone');

    const runs = io();
    expect(await main(['runs'], runs.io)).toBe(0);
    expect(runs.out()).toContain('no runs recorded yet');
  });

  it('refuses an unknown --source with the known ids and exit code 2 (a bad argument)', async () => {
    const file = await sourcesFile([lever('lever-allegheny', 'alleghenyrecovery')]);
    const t = io();
    expect(await main(['scrape', '--sources', file, '--source', 'nope'], t.io)).toBe(2);
    expect(t.err()).toContain('no source "nope" in the sources file (known: lever-allegheny)');
  });

  it('reports a broken sources file as path: message lines', async () => {
    const file = await sourcesFile([{ id: 'x', kind: 'lever' }]);
    const t = io();
    expect(await main(['scrape', '--sources', file], t.io)).toBe(1);
    expect(t.err()).toContain('[0] x.company:');
  });
});

describe('peerboard runs', () => {
  it('lists the recorded runs per source, newest first, as a table or JSON', async () => {
    const file = await sourcesFile([lever('lever-gone', 'no-such-company'), lever('lever-allegheny', 'alleghenyrecovery')]);
    await main(['scrape', '--sources', file], io().io);
    await main(['scrape', '--sources', file, '--source', 'lever-allegheny'], io().io);

    const table = io();
    expect(await main(['runs'], table.io)).toBe(0);
    const lines = table.out().trim().split('\n');
    expect(lines[0]).toMatch(/^source\s+started\s+status/);
    expect(lines.filter((l) => l.startsWith('lever-allegheny'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('lever-gone'))).toHaveLength(1);
    // Newest first: the second run found both postings unchanged.
    expect(lines.find((l) => l.startsWith('lever-allegheny'))).toMatch(/ok\s+1\s+0\s+0\s+0\s+2/);

    const json = io();
    expect(await main(['runs', '--source', 'lever-allegheny', '--last', '1', '--json'], json.io)).toBe(0);
    const parsed = JSON.parse(json.out()) as Record<string, { status: string; counts: { unchanged: number } }[]>;
    expect(Object.keys(parsed)).toEqual(['lever-allegheny']);
    expect(parsed['lever-allegheny']).toHaveLength(1);
    expect(parsed['lever-allegheny']?.[0]).toMatchObject({ status: 'ok', counts: { unchanged: 2 } });
  });

  it('rejects a bad --last with exit code 2', async () => {
    const t = io();
    expect(await main(['runs', '--last', 'many'], t.io)).toBe(2);
    expect(t.err()).toContain('--last');
  });
});

describe('peerboard demo', () => {
  it('scrapes the bundled local sites through the real pipeline into its own folder', async () => {
    const t = io();
    const data = join(dir, 'demo-data');
    expect(await main(['demo', '--data', data, '--no-serve'], t.io)).toBe(0);
    const out = t.out();
    for (const id of ['crossroads-careers', 'crossroads-greenhouse', 'northstar-lever', 'lakeview-county']) expect(out).toMatch(new RegExp(`${id}\\s+\\w+\\s+ok\\s`));
    // The careers site's robots.txt keeps us out of /careers/internal/, and its IOP job is also on the Greenhouse board.
    expect(out).toMatch(/crossroads-careers\s+jsonld\s+ok\s+\d+\s+1\s/);
    expect(out).toMatch(/listed by a second source and stored once/);
    expect(out).toContain('not_peer_role');
    expect(out).toMatch(/\n\d+ active peer postings in the demo store/);
  });

  it('refuses to wipe a folder it did not make', async () => {
    await writeFile(join(dir, 'postings-export.csv'), 'id,title\n');
    const t = io();
    // A real data folder: not empty and without the demo's mark.
    expect(await main(['demo', '--data', dir, '--no-serve'], t.io)).toBe(1);
    expect(t.err()).toContain('refusing to wipe it');
  });
});
