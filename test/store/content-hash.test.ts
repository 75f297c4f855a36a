import { describe, expect, it } from 'vitest';
import { normalizedPostingSchema } from '../../schema/index.ts';
import { CONTENT_KEYS, canonicalJson, contentHash } from '../../store/content-hash.ts';
import { makePosting } from './posting-fixtures.ts';

describe('content hash', () => {
  it('covers every field of the normalised posting (a new schema field must be added to CONTENT_KEYS)', () => {
    expect([...CONTENT_KEYS].sort()).toEqual(Object.keys(normalizedPostingSchema.shape).sort());
  });
  it('does not depend on key order or on lifecycle fields, and changes with content', () => {
    const p = makePosting({ id: 'p_hash1' });
    const reordered = Object.fromEntries(Object.entries(p).reverse()) as typeof p;
    expect(contentHash(reordered)).toBe(contentHash(p));
    const lifecycleChanged: typeof p = { ...p, status: 'expired', lastSeenAt: '2027-01-01T00:00:00.000Z', indexedAt: 'x' };
    expect(contentHash(lifecycleChanged)).toBe(contentHash(p));
    expect(contentHash({ ...p, source: 'another-board', sourceId: '77' })).toBe(contentHash(p));
    expect(contentHash({ ...p, pay: { ...p.pay!, hourlyMax: 22.5 } })).not.toBe(contentHash(p));
    expect(contentHash({ ...p, settings: ['community_org', 'outpatient'] })).not.toBe(contentHash(p));
  });
  it('writes canonical JSON with sorted keys and without undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: undefined }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"z":null}]},"b":1}');
  });
});
