import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../server/export/csv-format.ts';
import { parseExportParams } from '../../server/export/export-params.ts';
import { clientAddressKey } from '../../server/http/client-address.ts';
import { TokenBucketLimiter } from '../../server/http/rate-limit.ts';
import { decodeCursor, encodeCursor, searchKey } from '../../server/graphql/search-cursor.ts';
import { parsePayInput } from '../../server/graphql/pay-input.ts';
import { resolveJobFilter } from '../../server/graphql/job-filter-input.ts';
import { httpUrlSchema, textProblem } from '../../server/graphql/input-text.ts';

describe('token bucket', () => {
  it('lets a burst up to the limit through, then refills at the per-minute rate', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('a').allowed).toBe(true);
    const refused = limiter.take('a');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 1000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });
});

describe('client address key', () => {
  it('uses IPv4 whole and IPv6 by its /64', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('2001:db8:abcd:12:1::5')).toBe('2001:db8:abcd:12::/64');
    expect(clientAddressKey('2001:db8:abcd:12:ffff:ffff:ffff:ffff')).toBe('2001:db8:abcd:12::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey(undefined)).toBe('unknown');
  });
});

describe('CSV cells', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvCell('Peer Support Specialist')).toBe('Peer Support Specialist');
    expect(csvCell('Columbus, OH')).toBe('"Columbus, OH"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+1 614 555 0100')).toBe("'+1 614 555 0100");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell(21.5)).toBe('21.5');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a', 1, true, null])).toBe('a,1,true,\r\n');
  });
});

describe('search cursors', () => {
  it('round-trip within one search and are refused by another', () => {
    const key = searchKey({ text: 'peer', filter: { states: ['OH'] }, sort: 'relevance' });
    expect(searchKey({ text: 'peer', filter: { states: ['OH'], settings: null }, sort: 'relevance' })).toBe(key);
    const c = encodeCursor(41, key);
    expect(decodeCursor(c, key)).toBe(41);
    const other = searchKey({ text: 'peer', filter: { states: ['KY'] }, sort: 'relevance' });
    expect(() => decodeCursor(c, other)).toThrow(/different search/);
    expect(() => decodeCursor(encodeCursor(10_000, key), key)).toThrow(/at most 10000 results deep/);
  });
});

describe('pay input', () => {
  it('reads the pay point per hour and per year with the DOMAIN conventions', () => {
    expect(parsePayInput({ min: 45_000, max: 53_700, period: 'year' })).toMatchObject({ hourly: 49_350 / 2080, annual: 49_350 });
    expect(parsePayInput({ min: 1600, max: 1800, period: 'biweek' }).hourly).toBeCloseTo(21.25, 6);
    expect(() => parsePayInput({ min: 18, max: 22, period: 'year' })).toThrow(/18 a year is \$18 a year, outside the plausible/);
  });
});

describe('filters from query parameters', () => {
  it('become the same filter as the GraphQL input', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const params = parseExportParams(new URLSearchParams('settings=HOSPITAL_ED,crisis_unit&states=oh&payMinHourly=20&postedWithinDays=30&nearLat=39.96&nearLon=-82.99&radiusMiles=10'), []);
    expect(resolveJobFilter(params.filter, { now }, '')).toEqual({
      settings: ['hospital_ed', 'crisis_unit'],
      states: ['OH'],
      payMinHourly: 20,
      postedAfter: '2026-10-24T12:00:00.000Z',
      near: { lat: 39.96, lon: -82.99, radiusMiles: 10 },
    });
  });
});

describe('text the API accepts', () => {
  it('takes ordinary text in any script, with tabs and line breaks in free text', () => {
    for (const ok of ['Peer Support Specialist', 'Especialista de apoyo entre pares – Bilingüe', 'مختص دعم الأقران\u200F', 'Recovery 🧡 Coach', 'Peer <3 work']) {
      expect(textProblem(ok, 'display'), ok).toBeNull();
    }
    expect(textProblem('line one\n\tline two\r\n', 'text')).toBeNull();
  });

  it('refuses controls and unpaired surrogates everywhere, naming the code point', () => {
    expect(textProblem('a\u0000b', 'text')).toBe('must not contain control characters (U+0000)');
    expect(textProblem('\u001b[2J', 'text')).toBe('must not contain control characters (U+001B)');
    expect(textProblem('a\u0085', 'text')).toBe('must not contain control characters (U+0085)');
    expect(textProblem('x\ud800', 'text')).toBe('is not valid Unicode (an unpaired surrogate U+D800)');
    expect(textProblem('\udc00x', 'text')).toBe('is not valid Unicode (an unpaired surrogate U+DC00)');
    expect(textProblem('\ud83e\udde1', 'text')).toBeNull();
  });

  it('keeps display text on one line, without bidi overrides or markup', () => {
    expect(textProblem('Peer\nSpecialist', 'display')).toBe('must be a single line');
    expect(textProblem('Peer Specialist \u202Efdp.exe', 'display')).toBe('must not contain bidirectional override characters (U+202E)');
    expect(textProblem('Peer \u2066x\u2069', 'display')).toBe('must not contain bidirectional override characters (U+2066)');
    expect(textProblem('Peer <b>Specialist</b>', 'display')).toBe('plain text only: no HTML markup');
    expect(textProblem('<img src=x onerror=alert(1)>', 'display')).toBe('plain text only: no HTML markup');
    expect(textProblem('Peer <b>Specialist</b>', 'text')).toBeNull();
  });

  it('takes http(s) links with a domain and no credentials', () => {
    expect(httpUrlSchema.safeParse('https://careers.example.org/jobs/1?ref=peerboard').success).toBe(true);
    const refused = (u: string) => httpUrlSchema.safeParse(u).error?.issues.map((i) => i.message);
    expect(refused('javascript:alert(1)')).toEqual(['an http(s) URL with a domain name']);
    expect(refused('file:///etc/passwd')).toEqual(['an http(s) URL with a domain name']);
    expect(refused('http://127.0.0.1/')).toEqual(['an http(s) URL with a domain name']);
    expect(refused('https://user:pass@evil.example.org/')).toEqual(['must not contain a user name or password']);
  });
});

describe('filter validation messages', () => {
  it('says "a finite number" for Infinity instead of zod\'s wording, and names enum values as the API does', () => {
    expect(() => resolveJobFilter({ payMinHourly: Infinity }, { now: new Date() })).toThrow(/^filter\.payMinHourly: must be a finite number$/);
    expect(() => resolveJobFilter({ settings: ['prison'] }, { now: new Date() })).toThrow(/^filter\.settings\.0: one of TREATMENT_CENTER, HOSPITAL_ED,/);
    expect(() => resolveJobFilter({ states: ['zz'] }, { now: new Date() })).toThrow(/^filter\.states\.0: a two-letter US state code$/);
  });
});
