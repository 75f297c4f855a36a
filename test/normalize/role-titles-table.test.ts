import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyRole } from '../../scrapers/normalize/role-classifier.ts';

// docs/decisions/097: 316 real title forms — role families, state credential names, look-alikes.
const rows = readFileSync(new URL('./fixtures/role-titles.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => {
    const [kind, title, text = ''] = l.split('\t');
    return { peer: kind === 'P', title: title ?? '', text };
  });

describe('peer role on a table of real title forms', () => {
  it('holds more than 150 distinct titles of both kinds', () => {
    expect(new Set(rows.map((r) => r.title)).size).toBeGreaterThan(150);
    expect(rows.filter((r) => !r.peer).length).toBeGreaterThan(40);
  });

  it.each(rows.filter((r) => r.peer))('peer role: $title', ({ title, text }) => {
    expect(classifyRole({ title, text }).isPeerRole).toBe(true);
  });

  it.each(rows.filter((r) => !r.peer))('look-alike: $title', ({ title, text }) => {
    expect(classifyRole({ title, text })).toEqual({ isPeerRole: false, roleFamily: null });
  });
});
