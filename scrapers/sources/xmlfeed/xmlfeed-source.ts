import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { RawPosting } from '../../../schema/index.ts';
import { cleanText, unescapeHtmlOnce } from '../html-document.ts';
import { recordRun } from '../source-run-recorder.ts';
import type { SourceConfig, SourceRunContext, SourceRunOutput } from '../source-types.ts';

type XmlFeedConfig = Extract<SourceConfig, { kind: 'xmlfeed' }>;

/**
 * XML job feeds, the way ATSs and job-distribution tools syndicate to aggregators:
 * - the **Indeed format**: `<source><publisher/>…<job><title><![CDATA[…]]></title><date/>
 *   <referencenumber/><requisitionid/><url/><company/><city/><state/><country/><postalcode/>
 *   <streetaddress/><description/><salary/><jobtype/><category/><expirationdate/><remotetype/></job>…</source>`,
 *   fields in CDATA sections (or plain, entity-escaped text);
 * - **RSS 2.0**: `<rss><channel><item><title/><link/><guid/><pubDate/><description/>
 *   <content:encoded/>…</item></channel></rss>`, with the job fields some publishers add
 *   (WP Job Manager's `job_listing:location`, `job_listing:job_type`, `job_listing:company`; plain
 *   `location`, `city`, `state`, `salary`).
 * One document holds the whole feed. Anything else is an error naming the root element.
 */
export async function runXmlFeed(config: XmlFeedConfig, ctx: SourceRunContext): Promise<SourceRunOutput> {
  return recordRun(config, ctx, async (run) => {
    const response = await run.fetch({ url: config.url, headers: { accept: 'application/xml, application/rss+xml, text/xml;q=0.9, */*;q=0.5' } }, { listing: true });
    if (!response) return;
    const feed = parseJobFeed(response.text, response.url);
    if (!feed.ok) {
      run.markIncomplete();
      run.error(response.url, feed.message);
      return;
    }
    for (const r of feed.rejected) run.reject(response.url, r.reason, r.message);
    for (const p of feed.postings) run.add({ ...p, employer: config.employer ?? p.employer });
  });
}

export type JobFeed =
  | { ok: true; format: 'indeed' | 'rss'; postings: RawPosting[]; rejected: { reason: string; message: string }[] }
  | { ok: false; message: string };

/** Children of an element by lower-cased tag name (namespaced names keep their prefix: `job_listing:location`). */
function fields($: CheerioAPI, el: Element): Map<string, string> {
  const out = new Map<string, string>();
  for (const child of $(el).children().toArray()) {
    const name = child.tagName.toLowerCase();
    if (out.has(name)) continue;
    const text = $(child).text().trim();
    if (text !== '') out.set(name, text);
  }
  return out;
}

/** Text that should be markup: entity-escaped HTML (`&lt;p&gt;`) is unescaped once. */
function markup(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return /&lt;\/?[a-z]/i.test(text) && !/<[a-z]/i.test(text) ? unescapeHtmlOnce(text) : text;
}

function plain(text: string | undefined): string | undefined {
  return cleanText(text === undefined ? undefined : unescapeHtmlOnce(text));
}

export function parseJobFeed(xml: string, feedUrl: string): JobFeed {
  const $ = cheerio.load(xml.replace(/^\uFEFF/, ''), { xml: { xmlMode: true, decodeEntities: true } });
  const root = $.root().children().toArray().find((n): n is Element => 'tagName' in n);
  if (!root) return { ok: false, message: 'the feed is empty or not XML' };
  const rootName = root.tagName.toLowerCase();
  const rejected: { reason: string; message: string }[] = [];
  const postings: RawPosting[] = [];

  if (rootName === 'source' || rootName === 'jobs') {
    // `<job>` entries sit under the root, or under a `<jobs>` wrapper some generators add.
    const jobs = $(root).find('job').toArray();
    if (jobs.length === 0 && $(root).children().toArray().some((c) => c.tagName.toLowerCase() !== 'job' && /^(?:position|vacancy|item)$/i.test(c.tagName))) {
      return { ok: false, message: `an Indeed-format feed lists <job> elements; this <${root.tagName}> holds <${$(root).children().first().prop('tagName') ?? '?'}> instead (feed format changed?)` };
    }
    jobs.forEach((el, index) => {
      const f = fields($, el);
      const title = plain(f.get('title'));
      if (!title) {
        rejected.push({ reason: 'no-title', message: `job ${index + 1}: <title> is missing or empty` });
        return;
      }
      const url = plain(f.get('url'));
      const city = plain(f.get('city'));
      const state = plain(f.get('state'));
      const location: RawPosting['location'] = !city && !state ? plain(f.get('location')) :
        city || state
          ? {
              ...(city ? { city } : {}),
              ...(state ? { state } : {}),
              ...(plain(f.get('postalcode')) ? { postalCode: plain(f.get('postalcode')) } : {}),
              ...(plain(f.get('country')) ? { country: plain(f.get('country')) } : {}),
              ...(plain(f.get('streetaddress')) ? { street: plain(f.get('streetaddress')) } : {}),
            }
          : undefined;
      const remote = plain(f.get('remotetype'));
      postings.push({
        sourceId: plain(f.get('referencenumber')) ?? plain(f.get('requisitionid')) ?? url ?? `${feedUrl}#${index + 1}`,
        url: url ?? feedUrl,
        title,
        employer: plain(f.get('company')),
        location,
        pay: plain(f.get('salary')),
        description: markup(f.get('description')),
        datePosted: plain(f.get('date')),
        validThrough: plain(f.get('expirationdate')),
        employmentType: plain(f.get('jobtype')),
        workplace: remote && /remote|wfh|home/i.test(remote) ? (/hybrid/i.test(remote) ? 'hybrid' : 'remote') : undefined,
      });
    });
    return { ok: true, format: 'indeed', postings, rejected };
  }

  if (rootName === 'rss') {
    const channel = $(root).children('channel').first();
    if (channel.length === 0) return { ok: false, message: 'an RSS 2.0 feed needs <rss><channel>; <channel> is missing' };
    channel.children('item').each((index, el) => {
      const f = fields($, el);
      const title = plain(f.get('title'));
      if (!title) {
        rejected.push({ reason: 'no-title', message: `item ${index + 1}: <title> is missing or empty` });
        return;
      }
      const link = plain(f.get('link'));
      const guid = plain(f.get('guid'));
      const city = plain(f.get('city'));
      const state = plain(f.get('state'));
      const place = plain(f.get('job_listing:location')) ?? plain(f.get('location')) ?? plain(f.get('job:location'));
      postings.push({
        sourceId: guid ?? link ?? `${feedUrl}#${index + 1}`,
        url: link ?? guid ?? feedUrl,
        title,
        employer: plain(f.get('job_listing:company')) ?? plain(f.get('company')),
        location: place ?? (city || state ? { ...(city ? { city } : {}), ...(state ? { state } : {}) } : undefined),
        pay: plain(f.get('salary')) ?? plain(f.get('job_listing:salary')),
        description: markup(f.get('content:encoded') ?? f.get('description')),
        datePosted: plain(f.get('pubdate')) ?? plain(f.get('dc:date')),
        employmentType: plain(f.get('job_listing:job_type')) ?? plain(f.get('jobtype')),
      });
    });
    return { ok: true, format: 'rss', postings, rejected };
  }

  return { ok: false, message: `not a job feed: expected an Indeed-format <source> with <job> elements or an RSS 2.0 <rss>, got <${root.tagName}>` };
}
