import type { StoredPosting } from '../../schema/index.ts';
import { placeText } from '../components/job-card.tsx';
import { employmentLabel, settingLabel } from '../format/labels.ts';
import { payAsStated, payHourly } from '../format/pay-format.ts';

/** Text for XML: the five special characters escaped, and characters XML 1.0 forbids dropped. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function rfc3339(iso: string): string {
  const t = Date.parse(iso);
  return new Date(Number.isFinite(t) ? t : 0).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface AtomFeedInput {
  origin: string;
  /** The feed's own URL (rel="self"), with the search's query string. */
  selfUrl: string;
  /** The HTML page of the same search (rel="alternate"). */
  htmlUrl: string;
  title: string;
  postings: StoredPosting[];
  now: Date;
}

/**
 * An Atom 1.0 feed (RFC 4287) of a search, newest first: feed id, title, updated, author and a
 * self link; each entry with a stable id (the job's URL), title, updated, published, link and a
 * plain-text summary (pay, place, settings), so feed readers never render scraped HTML.
 */
export function atomFeed(f: AtomFeedInput): string {
  const updated = f.postings.reduce((max, p) => (p.updatedAt > max ? p.updatedAt : max), '');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlText(f.selfUrl)}</id>`,
    `  <title>${xmlText(f.title)}</title>`,
    `  <subtitle>New peer support jobs on Peerboard for this search</subtitle>`,
    `  <updated>${rfc3339(updated || f.now.toISOString())}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(f.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(f.htmlUrl)}"/>`,
    '  <author><name>Peerboard</name></author>',
    '  <generator>Peerboard</generator>',
  ];
  for (const p of f.postings) {
    const url = `${f.origin}/jobs/${encodeURIComponent(p.id)}`;
    const summary = [
      p.employer,
      placeText(p),
      payAsStated(p.pay) ? `${payAsStated(p.pay)}${p.pay?.period !== 'hour' ? ` (${payHourly(p.pay)})` : ''}` : 'Pay not stated',
      p.employmentType ? employmentLabel(p.employmentType) : null,
      p.settings.length ? `Settings: ${p.settings.map(settingLabel).join(', ')}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    lines.push(
      '  <entry>',
      `    <id>${xmlText(url)}</id>`,
      `    <title type="text">${xmlText(p.title)}</title>`,
      `    <updated>${rfc3339(p.updatedAt)}</updated>`,
      `    <published>${rfc3339(p.datePosted ?? p.firstSeenAt)}</published>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
      p.employer ? `    <author><name>${xmlText(p.employer)}</name></author>` : '',
      `    <summary type="text">${xmlText(summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.filter((l) => l !== '').join('\n');
}

/** A sitemap (sitemaps.org 0.9) of the pages and every active job. */
export function sitemapXml(origin: string, jobs: { id: string; updatedAt: string }[]): string {
  const urls = ['/', '/jobs', '/salaries', '/employers'].map((path) => `  <url><loc>${xmlText(origin + path)}</loc></url>`);
  for (const j of jobs) {
    urls.push(`  <url><loc>${xmlText(`${origin}/jobs/${encodeURIComponent(j.id)}`)}</loc><lastmod>${rfc3339(j.updatedAt).slice(0, 10)}</lastmod></url>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** robots.txt: pages and jobs open to crawlers; the API, exports and employer forms are not pages to index. */
export function robotsTxt(origin: string): string {
  return ['User-agent: *', 'Allow: /', 'Disallow: /graphql', 'Disallow: /export/', 'Disallow: /employers/', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}
