import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../schema/errors.ts';
import { loadSources, parseSources } from '../../jobs/sources-file.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerboard-sources-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

function issuesOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('loadSources', () => {
  it('reads the bundled sources.json: real sources, all valid, ids unique', async () => {
    const sources = await loadSources('sources.json');
    expect(sources.length).toBeGreaterThan(0);
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
    expect(sources.map((s) => s.kind)).toContain('usajobs');
  });

  it('fills the defaults and ignores "_" comment keys', async () => {
    const file = await write('ok.json', JSON.stringify([{ id: 'lever-x', kind: 'lever', company: 'x', _note: 'a comment' }]));
    const [source] = await loadSources(file);
    expect(source).toMatchObject({ id: 'lever-x', kind: 'lever', company: 'x', schedule: '0 */6 * * *', enabled: true, baseUrl: 'https://api.lever.co/v0/postings' });
    expect(source).not.toHaveProperty('_note');
  });

  it('says which file is not JSON', async () => {
    const file = await write('broken.json', '[{"id": "a",]');
    await expect(loadSources(file)).rejects.toThrow(/broken\.json: not valid JSON/);
  });

  it('says when the file is missing', async () => {
    await expect(loadSources(join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: cannot read the sources file \(ENOENT\)/);
  });

  it('lists every problem at once as path: message lines', () => {
    const issues = issuesOf(() =>
      parseSources(
        [
          { id: 'gh', kind: 'greenhouse', board: 'acme', shedule: '0 * * * *' },
          { id: 'lv', kind: 'lever' },
          { id: 'x', kind: 'monster' },
          { id: 'cron', kind: 'lever', company: 'c', schedule: '99 * * * *' },
          { id: 'gh', kind: 'greenhouse', board: 'other' },
        ],
        'sources.json',
      ),
    );
    expect(issues).toEqual([
      'sources.json: [0] gh.shedule: unknown field for kind "greenhouse"',
      expect.stringMatching(/^sources\.json: \[1\] lv\.company: /),
      expect.stringMatching(/^sources\.json: \[2\] x\.kind: /),
      'sources.json: [3] cron.schedule: "99 * * * *" is not a valid cron expression',
      'sources.json: [4] gh.id: duplicate id (also at [0]); run history and locks are kept per id',
    ]);
  });

  it('rejects a file that is not an array', () => {
    expect(issuesOf(() => parseSources({ sources: [] }, 'f.json'))).toEqual(['f.json: expected a JSON array of sources, got an object']);
  });
});
