import { describe, expect, it } from 'vitest';
import { extractJobPostings, parseJsonLdBlock } from '../../scrapers/sources/index.ts';
import { ITEMLIST_PAGE } from '../fixtures/sites/careers-pages.ts';

const PAGE = 'https://careers.example.org/jobs/42';
const wrap = (...blocks: string[]) => `<html><head>${blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join('')}</head><body></body></html>`;

describe('JSON-LD extraction', () => {
  it('reads an ItemList of inline postings and of posting URLs', () => {
    const out = extractJobPostings(ITEMLIST_PAGE, 'https://www.harborlight.example/careers/all-jobs');
    expect(out.postings.map((p) => p.sourceId)).toEqual(['HL-2025-118']);
    expect(out.postings[0]!.url).toBe('https://www.harborlight.example/careers/jobs/peer-recovery-specialist');
    expect(out.listedUrls).toEqual(['https://www.harborlight.example/careers/jobs/warmline-peer-specialist']);
  });

  it('accepts @type as an array or a full IRI', () => {
    const out = extractJobPostings(
      wrap(JSON.stringify({ '@type': ['JobPosting'], title: 'Peer Specialist' }), JSON.stringify({ '@type': 'http://schema.org/JobPosting', title: 'Recovery Coach', identifier: 77 })),
      PAGE,
    );
    expect(out.postings.map((p) => [p.title, p.sourceId])).toEqual([
      ['Peer Specialist', PAGE],
      ['Recovery Coach', '77'],
    ]);
  });

  it('gives postings without identifiers on one page distinct source ids', () => {
    const out = extractJobPostings(wrap(JSON.stringify([{ '@type': 'JobPosting', title: 'A' }, { '@type': 'JobPosting', title: 'B' }])), PAGE);
    expect(out.postings.map((p) => p.sourceId)).toEqual([PAGE, `${PAGE}#2`]);
  });

  it('repairs CDATA wrappers, raw line breaks in strings and trailing commas, and reports what it cannot repair', () => {
    expect(parseJsonLdBlock('//<![CDATA[\n{"@type":"JobPosting","title":"Peer\nSupport",}\n//]]>')).toEqual({ ok: true, value: { '@type': 'JobPosting', title: 'Peer Support' } });
    const broken = parseJsonLdBlock('{"@type": "JobPosting", "title": ');
    expect(broken.ok).toBe(false);
  });

  it('leaves real HTML descriptions alone and decodes escaped ones exactly once', () => {
    const out = extractJobPostings(
      wrap(
        JSON.stringify({ '@type': 'JobPosting', title: 'A', description: '<p>Tom &amp; Jerry</p>' }),
        JSON.stringify({ '@type': 'JobPosting', title: 'B', identifier: 'b', description: '&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;' }),
      ),
      PAGE,
    );
    expect(out.postings.map((p) => p.description)).toEqual(['<p>Tom &amp; Jerry</p>', '<p>Tom &amp; Jerry</p>']);
  });
});
