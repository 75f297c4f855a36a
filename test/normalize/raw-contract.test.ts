import { describe, expect, it } from 'vitest';
import { POSTING_TEXT_LIMITS } from '../../schema/index.ts';
import { normalizePosting, parseRawPosting } from '../../scrapers/normalize/index.ts';
import { plainText } from '../../scrapers/normalize/raw-contract.ts';

/** parseRawPosting then normalizePosting, failing the test when the posting is refused. */
function through(input: unknown) {
  const parsed = parseRawPosting(input);
  if (!parsed.ok) throw new Error(`refused: ${parsed.error.message}`);
  return normalizePosting(parsed.raw, { now: new Date('2026-02-01T00:00:00Z') });
}

describe('the raw-posting contract: null means absent', () => {
  it('accepts JSON null for every optional field and treats it as missing', () => {
    const n = through({
      title: 'Peer Recovery Coach',
      employer: null,
      location: null,
      pay: null,
      description: null,
      datePosted: null,
      validThrough: null,
      url: null,
      source: null,
      sourceId: null,
      employmentType: null,
      workplace: null,
      structuredPay: null,
      settings: null,
      employerId: null,
    });
    expect(n.employer).toBeNull();
    expect(n.pay).toBeNull();
    expect(n.datePosted).toBeNull();
    expect(n.issues).toEqual([]);
  });

  it('drops null fields inside a structured location and null places in a list', () => {
    const n = through({ title: 'Peer Specialist', location: [null, { city: 'Bangor', state: 'ME', postalCode: null }] });
    expect(n.location).toMatchObject({ city: 'Bangor', state: 'ME' });
  });

  it('still needs a title: null is a missing title', () => {
    const r = parseRawPosting({ title: null });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues.join()).toMatch(/title/);
  });
});

describe('the raw-posting contract: plain-text titles, employers and places', () => {
  it('strips markup, decodes entities and collapses whitespace in a title', () => {
    const n = through({ title: '  Peer&nbsp;Support <b>Specialist</b>\n\t II <img src=x onerror=alert(1)>', employer: 'Hope &amp; Harbor\u0000 Inc.' });
    expect(n.title).toBe('Peer Support Specialist II');
    expect(n.employer).toBe('Hope & Harbor Inc.');
  });

  it('does not let an entity-encoded tag come back as a tag', () => {
    expect(plainText('Recovery Coach &lt;script&gt;alert(1)&lt;/script&gt;')).toBe('Recovery Coach');
    expect(plainText('Peer Mentor &lt;img src=x onerror=alert(1)&gt;')).toBe('Peer Mentor');
  });

  it('keeps text that only looks like markup: a lone "<" or "&"', () => {
    expect(plainText('Peer Advocate (<3 yrs) & Mentor')).toBe('Peer Advocate (<3 yrs) & Mentor');
  });

  it('removes control characters and bidirectional overrides from display text', () => {
    expect(plainText('Peer\u0007 Navigator\u202E gpj.exe\u0085')).toBe('Peer Navigator gpj.exe');
  });

  it('refuses a title with no text left once markup is stripped', () => {
    const r = parseRawPosting({ title: '<img src=x onerror=alert(1)>' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/title/);
  });

  it('cleans location text and structured address fields', () => {
    const n = through({ title: 'Peer Specialist', location: { city: 'Duluth<br>', state: 'MN\u0000' } });
    expect(n.location).toMatchObject({ city: 'Duluth', state: 'MN' });
  });

  it('removes control characters from the description and the pay text too, keeping line breaks', () => {
    const n = through({ title: 'Peer Specialist', pay: '$19.00\u0000\nper hour', description: 'Support\u0000 people\u001B in recovery.\nSecond line.' });
    expect(n.descriptionText).not.toMatch(/[\u0000-\u0008\u001B]/);
    expect(n.descriptionText).toContain('Second line.');
    expect(n.pay).toMatchObject({ min: 19, max: 19, period: 'hour' });
  });

  it('applying the contract twice changes nothing (idempotent)', () => {
    const once = through({ title: 'Peer <i>Support</i>  Specialist', employer: 'A &amp; B', location: 'Erie,  PA' });
    const twice = through({ title: once.title, employer: once.employer, location: 'Erie, PA' });
    expect(twice.title).toBe(once.title);
    expect(twice.employer).toBe(once.employer);
  });
});

describe('the raw-posting contract: length limits, with the reason recorded', () => {
  it('cuts a description over the limit and records the cut', () => {
    const para = '<p>Peer support in a community clinic, with groups and one-to-one work.</p>';
    const description = para.repeat(Math.ceil((POSTING_TEXT_LIMITS.description + 5000) / para.length));
    const n = through({ title: 'Peer Support Specialist', description });
    expect(n.issues).toEqual([expect.objectContaining({ field: 'description', kind: 'cut' })]);
    expect(n.issues?.[0]?.message).toMatch(/to 50,000 characters/);
    // Cut at a tag boundary: no half tag shows up as text.
    expect(n.descriptionText).not.toMatch(/<|&lt;/);
    expect(n.descriptionHtml.length).toBeLessThanOrEqual(POSTING_TEXT_LIMITS.description);
  });

  it('cuts an over-long title at a word boundary and records it', () => {
    const title = `Peer Support Specialist ${'and community recovery navigator '.repeat(10)}`;
    const n = through({ title });
    expect(n.title.length).toBeLessThanOrEqual(POSTING_TEXT_LIMITS.title);
    expect(n.title.endsWith(' ')).toBe(false);
    expect(n.issues?.map((i) => i.field)).toContain('title');
  });

  it('cuts an employer name and location text to their limits', () => {
    const n = through({ title: 'Peer Specialist', employer: 'E'.repeat(POSTING_TEXT_LIMITS.employer + 30), location: `Akron, OH ${'x'.repeat(300)}` });
    expect(n.employer?.length).toBe(POSTING_TEXT_LIMITS.employer);
    expect(n.issues?.map((i) => i.field).sort()).toEqual(['employer', 'location']);
  });

  it('drops an over-long URL whole rather than keeping half of it', () => {
    const n = through({ title: 'Peer Specialist', url: `https://jobs.example.org/${'a'.repeat(POSTING_TEXT_LIMITS.url)}` });
    expect(n.url).toBeNull();
    expect(n.issues).toEqual([expect.objectContaining({ field: 'url', kind: 'dropped' })]);
  });

  it('rejects an over-long source id (cutting it could name another job)', () => {
    const r = parseRawPosting({ title: 'Peer Specialist', sourceId: '9'.repeat(POSTING_TEXT_LIMITS.sourceId + 1) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/sourceId: at most 500 characters/);
  });

  it('records nothing for a posting within every limit', () => {
    expect(through({ title: 'Peer Specialist', description: '<p>Short.</p>', url: 'https://example.org/j/1' }).issues).toEqual([]);
  });
});

describe('the raw-posting contract: unreadable dates are reported', () => {
  it('records an unparsable datePosted and validThrough, and leaves them null', () => {
    const n = through({ title: 'Peer Specialist', datePosted: 'sometime last spring', validThrough: '31/31/2026' });
    expect(n.datePosted).toBeNull();
    expect(n.validThrough).toBeNull();
    expect(n.issues).toEqual([
      expect.objectContaining({ field: 'datePosted', kind: 'unparsable' }),
      expect.objectContaining({ field: 'validThrough', kind: 'unparsable' }),
    ]);
  });

  it('does not report values that say on purpose there is no date', () => {
    const n = through({ title: 'Peer Specialist', validThrough: 'Open until filled', datePosted: '30+ days ago' });
    expect(n.issues).toEqual([]);
  });

  it('reads dates it knows without an issue', () => {
    const n = through({ title: 'Peer Specialist', datePosted: '2026-01-15', validThrough: 'March 3, 2026' });
    expect(n.datePosted).toBe('2026-01-15T00:00:00.000Z');
    expect(n.issues).toEqual([]);
  });
});
