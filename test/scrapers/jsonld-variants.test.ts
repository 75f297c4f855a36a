import { describe, expect, it } from 'vitest';
import { extractJobPostings, parseJsonLdBlock } from '../../scrapers/sources/index.ts';
import {
  ADP_PAGE,
  BAMBOOHR_PAGE,
  ESTIMATED_SALARY_PAGE,
  ICIMS_PAGE,
  JAZZHR_PAGE,
  JOBVITE_PAGE,
  MICRODATA_PAGE,
  PAYCOM_PAGE,
  PAYLOCITY_PAGE,
  RANK_MATH_PAGE,
  SMARTRECRUITERS_PAGE,
  ULTIPRO_PAGE,
  WORKABLE_PAGE,
  WP_JOB_MANAGER_PAGE,
  YOAST_GRAPH_PAGE,
} from '../fixtures/sites/jsonld-variants.ts';

const URL_ = 'https://careers.example.org/jobs/peer-support';

function only(html: string) {
  const out = extractJobPostings(html, URL_);
  expect(out.rejected).toEqual([]);
  expect(out.postings).toHaveLength(1);
  return out.postings[0]!;
}

describe('JSON-LD as careers CMSes emit it', () => {
  it('WP Job Manager: decodes the title entity, keeps a string address and a lower-case unit', () => {
    const p = only(WP_JOB_MANAGER_PAGE);
    expect(p.title).toBe('Peer Recovery Coach – Weekends');
    expect(p.employer).toBe('Summit Recovery Alliance');
    expect(p.location).toBe('Akron, Ohio');
    expect(p.employmentType).toBe('PART_TIME');
    expect(p.structuredPay).toEqual({ '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', value: '18.50', unitText: 'hour' } });
    expect(p.datePosted).toBe('2025-05-02T09:14:33+00:00');
  });

  it('Yoast @graph: resolves hiringOrganization given only by @id, keeps a full state name and a Country object', () => {
    const p = only(YOAST_GRAPH_PAGE);
    expect(p.employer).toBe('Lakeshore Behavioral Health');
    expect(p.location).toEqual({ city: 'Cleveland', state: 'Ohio', postalCode: '44113', country: 'US' });
    expect(p.structuredPay).toMatchObject({ minValue: 42000, maxValue: 48500, value: { unitText: 'YEAR' } });
    // The WebPage's URL is not a posting URL; the page URL stands in.
    expect(p.url).toBe(URL_);
  });

  it('Rank Math: the same JobPosting as mainEntity and as a @graph node counts once', () => {
    const p = only(RANK_MATH_PAGE);
    expect(p.title).toBe('Peer Support Specialist');
    expect(p.location).toMatchObject({ street: '400 Market Ave N', city: 'Canton', state: 'OH' });
  });

  it('iCIMS: unescapes the description and takes the PropertyValue value and the posting url', () => {
    const p = only(ICIMS_PAGE);
    expect(p.sourceId).toBe('2025-48211');
    expect(p.url).toBe('https://careers-promedica.icims.com/jobs/48211/peer-recovery-support-specialist/job');
    expect(p.description).toBe('<p><strong>Overview</strong></p><p>Provide peer recovery support on our inpatient detox unit.</p>');
    expect(p.location).toEqual({ city: 'Toledo', state: 'OH', postalCode: '43604', country: 'US' });
  });

  it('Paylocity: a numeric identifier, .NET dates passed as written, PER_HOUR kept for the normaliser', () => {
    const p = only(PAYLOCITY_PAGE);
    expect(p.sourceId).toBe('1843021');
    expect(p.datePosted).toBe('2025-05-06T14:03:01.0000000-05:00');
    expect(p.validThrough).toBe('0001-01-01T00:00:00');
    expect(p.employmentType).toBe('Full Time');
    expect(p.structuredPay).toMatchObject({ value: { minValue: 17.25, maxValue: 20.5, unitText: 'PER_HOUR' } });
  });

  it('Paycom: reads a block behind an HTML comment with a trailing semicolon; PRN and a currency-less salary pass through', () => {
    const p = only(PAYCOM_PAGE);
    expect(p.sourceId).toBe('RC-0512');
    expect(p.employmentType).toBe('PRN');
    expect(p.structuredPay).toEqual({ '@type': 'MonetaryAmount', minValue: '16.00', maxValue: '19.00', unitText: 'HOURLY' });
    expect(p.location).toEqual({ city: 'Lancaster', state: 'Ohio', country: 'US' });
  });

  it('UKG Pro: @type as an array, a Country object "USA", several places, PART_TIME + PER_DIEM', () => {
    const p = only(ULTIPRO_PAGE);
    expect(p.sourceId).toBe('9c1d7e2a-5b11-4f7d-8d8e-1f0a3c2b4e55');
    expect(p.employmentType).toEqual(['PART_TIME', 'PER_DIEM']);
    expect(p.location).toEqual([
      { city: 'Columbus', state: 'Ohio', postalCode: '43215', country: 'USA' },
      { city: 'Westerville', state: 'Ohio', country: 'USA' },
    ]);
  });

  it('ADP: "schema:JobPosting", a plain-string employer and address', () => {
    const p = only(ADP_PAGE);
    expect(p).toMatchObject({ title: 'Peer Navigator', employer: 'Northwest Ohio Community Services', location: 'Findlay, OH 45840', employmentType: 'Full-time' });
    expect(p.structuredPay).toMatchObject({ value: { value: 41000, unitText: 'ANNUAL' } });
  });

  it('BambooHR: survives a BOM, // and /* */ comments, a raw tab and line break in a string, a trailing comma; empty postalCode dropped', () => {
    const p = only(BAMBOOHR_PAGE);
    expect(p.title).toBe('Certified Peer Recovery Specialist');
    expect(p.description).toBe('<p>Work alongside clinicians in our IOP. Bring your story. Certification (CPRS) required.</p>');
    expect(p.sourceId).toBe('118');
    expect(p.location).toEqual({ city: 'Marietta', state: 'OH', country: 'US' });
    expect(p.structuredPay).toMatchObject({ value: { unitText: 'MONTHLY' } });
  });

  it('JazzHR: two objects in one script block, a description escaped twice', () => {
    const p = only(JAZZHR_PAGE);
    expect(p.sourceId).toBe('VPS-BIL-2');
    expect(p.description).toBe('<p>Spanish & English required.</p>');
  });

  it('Workable: a remote job with applicantLocationRequirements and no jobLocation', () => {
    const p = only(WORKABLE_PAGE);
    expect(p.workplace).toBe('TELECOMMUTE');
    expect(p.location).toEqual({ country: 'United States' });
    expect(p.sourceId).toBe('F3A9C21B7D');
  });

  it('SmartRecruiters: a block HTML-escaped as a whole (&quot;) is decoded and read', () => {
    const p = only(SMARTRECRUITERS_PAGE);
    expect(p).toMatchObject({ sourceId: '744000054123987', employer: 'Beacon Health', title: 'Peer Specialist - Mobile Crisis' });
  });

  it('Jobvite: a CDATA-wrapped description, a US-style validThrough and a BIWEEKLY unit', () => {
    const p = only(JOBVITE_PAGE);
    expect(p.description).toBe('<p>Mentor young adults leaving foster care.</p>');
    expect(p.validThrough).toBe('06/30/2025');
    expect(p.structuredPay).toMatchObject({ value: { value: 1520, unitText: 'BIWEEKLY' } });
  });

  it('uses estimatedSalary when there is no baseSalary', () => {
    const p = only(ESTIMATED_SALARY_PAGE);
    expect(p.structuredPay).toEqual([{ '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: 33000, maxValue: 39000, unitText: 'YEAR' } }]);
  });
});

describe('microdata JobPosting', () => {
  it('reads itemprops into the same fields as JSON-LD, nested items included', () => {
    const p = only(MICRODATA_PAGE);
    expect(p).toMatchObject({
      title: 'Peer Support Specialist II',
      sourceId: 'PSS2-0514',
      employer: 'Mid-Ohio Recovery Services',
      datePosted: '2025-05-14',
      validThrough: '2025-06-14',
      employmentType: 'Full-time',
      location: { city: 'Mansfield', state: 'OH', postalCode: '44902', country: 'US' },
    });
    expect(p.description).toBe('<p>Lead <strong>WRAP</strong> groups and one-to-one peer support.</p>');
    expect(p.structuredPay).toEqual({ '@type': 'MonetaryAmount', currency: 'USD', value: { '@type': 'QuantitativeValue', minValue: '18.25', maxValue: '21.75', unitText: 'HOUR' } });
  });

  it('is ignored when the page also has JSON-LD for the job (no double counting)', () => {
    const both = MICRODATA_PAGE.replace('</head>', `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Peer Support Specialist II', identifier: 'PSS2-0514' })}</script></head>`);
    expect(extractJobPostings(both, URL_).postings).toHaveLength(1);
  });
});

describe('JSON-LD block repair', () => {
  it('reports a block that no repair can save, and keeps the good object of a half-broken pair', () => {
    expect(parseJsonLdBlock('<!-- {"@type": "JobPosting", "title": "Peer -->')).toMatchObject({ ok: false });
    expect(parseJsonLdBlock('{"@type":"Organization","name":"A"} {"@type":"JobPosting","title":')).toEqual({ ok: true, value: { '@type': 'Organization', name: 'A' } });
  });

  it('drops an invalid \\\' escape and other control characters inside strings', () => {
    expect(parseJsonLdBlock('{"title": "Peer\\\'s Coach\u0008"}')).toEqual({ ok: true, value: { title: "Peer's Coach " } });
  });

  it('rejects a malformed block as an item and still reads the other blocks on the page', () => {
    const html = `<script type="application/ld+json">{"@type":"JobPosting","title":"Broken",,,</script>${JOBVITE_PAGE}`;
    const out = extractJobPostings(html, URL_);
    expect(out.postings.map((p) => p.title)).toEqual(['Peer Mentor']);
    expect(out.rejected).toHaveLength(1);
    expect(out.rejected[0]!.reason).toBe('malformed-jsonld');
  });
});
