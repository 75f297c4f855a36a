import type { CheerioAPI } from 'cheerio';
import type { RawLocation, RawPosting } from '../../../schema/index.ts';
import { cleanText, loadHtml, resolveLink, unescapeHtmlOnce } from '../html-document.ts';

/**
 * Pulls schema.org `JobPosting` objects out of a page's JSON-LD blocks, in the shapes found on real
 * careers pages: one object, an array of blocks, `@graph`, `ItemList` of postings or of URLs,
 * numbers written as strings, HTML-escaped descriptions. A malformed block is reported as a
 * rejected item and the other blocks are still read. Pure: no fetching, no clock.
 */
export interface JsonLdExtraction {
  postings: RawPosting[];
  rejected: { url: string; reason: string; message: string }[];
  /** URLs named by `ItemList` entries that carry only a link (the posting is on that page). */
  listedUrls: string[];
}

type JsonObject = Record<string, unknown>;

export function extractJobPostings(html: string | CheerioAPI, pageUrl: string): JsonLdExtraction {
  const $ = typeof html === 'string' ? loadHtml(html) : html;
  const out: JsonLdExtraction = { postings: [], rejected: [], listedUrls: [] };
  $('script').each((index, el) => {
    const type = ($(el).attr('type') ?? '').toLowerCase().split(';')[0]?.trim();
    if (type !== 'application/ld+json') return;
    const parsed = parseJsonLdBlock($(el).text());
    if (!parsed.ok) {
      out.rejected.push({ url: pageUrl, reason: 'malformed-jsonld', message: `JSON-LD block ${index + 1}: ${parsed.message}` });
      return;
    }
    walk(parsed.value, pageUrl, out, 0);
  });
  // Several postings on one page without identifiers would share the page URL as sourceId.
  const seen = new Map<string, number>();
  for (const p of out.postings) {
    const id = p.sourceId ?? pageUrl;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0) p.sourceId = `${id}#${n + 1}`;
  }
  return out;
}

/**
 * JSON.parse, and on failure once more after the repairs that fix most hand-made blocks: CDATA or
 * comment wrappers, raw line breaks inside strings, trailing commas. Still broken → a reason.
 */
export function parseJsonLdBlock(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'empty block' };
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch (error) {
    const repaired = trimmed
      .replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[/, '')
      .replace(/(?:\/\/\s*)?\]\]>\s*$/, '')
      .replace(/^\s*<!--/, '')
      .replace(/-->\s*$/, '')
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/,\s*([}\]])/g, '$1');
    try {
      return { ok: true, value: JSON.parse(repaired) as unknown };
    } catch {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }
}

const MAX_DEPTH = 8;

function walk(node: unknown, pageUrl: string, out: JsonLdExtraction, depth: number): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, pageUrl, out, depth + 1);
    return;
  }
  const obj = node as JsonObject;
  if (Array.isArray(obj['@graph'])) walk(obj['@graph'], pageUrl, out, depth + 1);
  const types = typesOf(obj);
  if (types.includes('JobPosting')) {
    const posting = toRawPosting(obj, pageUrl);
    if ('reason' in posting) out.rejected.push({ url: pageUrl, reason: posting.reason, message: posting.message });
    else out.postings.push(posting);
    return;
  }
  if (types.includes('ItemList')) {
    const elements = obj.itemListElement;
    for (const element of Array.isArray(elements) ? elements : elements === undefined ? [] : [elements]) {
      if (element === null || typeof element !== 'object') continue;
      const e = element as JsonObject;
      const item = e.item;
      if (item !== null && typeof item === 'object') {
        walk(item, pageUrl, out, depth + 1);
        continue;
      }
      if (typesOf(e).includes('JobPosting')) {
        walk(e, pageUrl, out, depth + 1);
        continue;
      }
      const link = typeof item === 'string' ? item : typeof e.url === 'string' ? e.url : undefined;
      const resolved = resolveLink(link, pageUrl);
      if (resolved) out.listedUrls.push(resolved);
    }
  }
}

/** `"JobPosting"`, `["JobPosting"]`, `"schema:JobPosting"`, `"http://schema.org/JobPosting"` → `JobPosting`. */
function typesOf(obj: JsonObject): string[] {
  const t = obj['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/:#]/, ''));
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return cleanText(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (value !== null && typeof value === 'object') {
    const o = value as JsonObject;
    return text(o.name ?? o.value ?? o['@value']);
  }
  return undefined;
}

/** `identifier` is a string, a number or a PropertyValue whose `value` (not its `name`) is the id. */
function identifierOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return identifierOf(value[0]);
  if (value !== null && typeof value === 'object') {
    const o = value as JsonObject;
    return text(o.value ?? o['@value'] ?? o['@id']);
  }
  return text(value);
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function toLocation(place: unknown): string | RawLocation | undefined {
  if (typeof place === 'string') return cleanText(place);
  if (place === null || typeof place !== 'object') return undefined;
  const p = place as JsonObject;
  const address = p.address;
  if (typeof address === 'string') return cleanText(address);
  const a = (Array.isArray(address) ? address[0] : address) as JsonObject | undefined;
  const geo = (p.geo ?? {}) as JsonObject;
  const loc: RawLocation = {
    street: text(a?.streetAddress),
    city: text(a?.addressLocality),
    state: text(a?.addressRegion),
    postalCode: text(a?.postalCode),
    country: text(a?.addressCountry),
    lat: num(geo.latitude),
    lon: num(geo.longitude),
  };
  const defined = Object.fromEntries(Object.entries(loc).filter(([, v]) => v !== undefined)) as RawLocation;
  if (Object.keys(defined).length > 0) return defined;
  return text(p.name);
}

/** An HTML description escaped once more (`&lt;p&gt;`) is decoded once; real markup is left alone. */
function description(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return /&lt;\/?[a-z][^&]*&gt;/i.test(value) ? unescapeHtmlOnce(value) : value;
}

function toRawPosting(obj: JsonObject, pageUrl: string): RawPosting | { reason: string; message: string } {
  const title = text(obj.title) ?? text(obj.name);
  if (!title) return { reason: 'no-title', message: 'JobPosting without a title' };
  const locations = (Array.isArray(obj.jobLocation) ? obj.jobLocation : obj.jobLocation === undefined ? [] : [obj.jobLocation])
    .map(toLocation)
    .filter((l): l is string | RawLocation => l !== undefined);
  const employmentType = Array.isArray(obj.employmentType)
    ? obj.employmentType.filter((x): x is string => typeof x === 'string')
    : text(obj.employmentType);
  const identifier = identifierOf(obj.identifier);
  const url = resolveLink(typeof obj.url === 'string' ? obj.url : undefined, pageUrl) ?? pageUrl;
  const baseSalary = obj.baseSalary;
  return {
    sourceId: identifier ?? url,
    url,
    title,
    employer: text(obj.hiringOrganization),
    location: locations.length > 1 ? locations : locations[0],
    description: description(obj.description),
    datePosted: text(obj.datePosted),
    validThrough: text(obj.validThrough),
    employmentType: Array.isArray(employmentType) && employmentType.length === 0 ? undefined : employmentType,
    workplace: text(obj.jobLocationType),
    structuredPay: baseSalary === null || baseSalary === undefined ? undefined : baseSalary,
  };
}
