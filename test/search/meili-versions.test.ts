import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MEILI_MIN_VERSION, MEILI_PINNED_VERSION, atLeast, parseMeiliVersion } from '../../store/search/meili/meili-version.ts';
import { VERSIONED_SETTINGS, settingsFor } from '../../store/search/meili/meili-settings.ts';

describe('the versions we run against', () => {
  it('docker-compose pins the Meilisearch the adapter and its stand-in speak, and MongoDB 8 as a replica set', async () => {
    const compose = await readFile(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
    const meili = /image:\s*getmeili\/meilisearch:v(\d+)\.(\d+)/.exec(compose);
    expect(meili).not.toBeNull();
    expect([Number(meili![1]), Number(meili![2])]).toEqual(MEILI_PINNED_VERSION.slice(0, 2));
    expect(compose).toMatch(/image:\s*mongo:8\.\d/);
    expect(compose).toMatch(/--replSet", "rs0"/);
    expect(compose).toMatch(/rs\.initiate/);
  });

  it('reads server versions and compares them', () => {
    expect(parseMeiliVersion('1.56.0')).toEqual([1, 56, 0]);
    expect(parseMeiliVersion('v1.15.0-rc.2')).toEqual([1, 15, 0]);
    expect(parseMeiliVersion('nightly')).toBeNull();
    expect(atLeast([1, 15, 0], [1, 15, 0])).toBe(true);
    expect(atLeast([1, 9, 3], [1, 15, 0])).toBe(false);
    expect(atLeast([2, 0, 0], [1, 15, 0])).toBe(true);
    expect(atLeast(MEILI_PINNED_VERSION, MEILI_MIN_VERSION)).toBe(true);
  });

  it('sends a setting only from the version that introduced it', () => {
    const since = VERSIONED_SETTINGS['typoTolerance.disableOnNumbers'];
    expect(since).toEqual([1, 15, 0]);
    expect('disableOnNumbers' in (settingsFor([1, 14, 2]).typoTolerance ?? {})).toBe(false);
    expect(settingsFor([1, 15, 0]).typoTolerance).toMatchObject({ disableOnNumbers: true });
    expect(settingsFor(MEILI_PINNED_VERSION).typoTolerance).toMatchObject({ disableOnNumbers: true });
  });
});
