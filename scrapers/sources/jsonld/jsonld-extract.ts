import type { CheerioAPI } from 'cheerio';
import type { RawLocation, RawPosting } from '../../../schema/index.ts';
import { cleanText, loadHtml, resolveLink, unescapeHtmlOnce } from '../html-document.ts';
import { microdataItems } from './microdata.ts';

/**
 * Pulls schema.org `JobPosting` objects out of a page's JSON-LD blocks, in the shapes found on real
 * careers pages: one object, an array of blocks, `@graph`, `ItemList` of postings or of URLs,
 * numbers written as strings, HTML-escaped descriptions, JobPostings nested under a WebPage, and
 * microdata (`itemtype=".../JobPosting"`) on pages without JSON-LD. A malformed block is reported
 * as a rejected item and the other blocks are still read. Pure: no fetching, no clock.
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
  const seen = new Set<unknown>();
  $('script').each((index, el) => {
    const type = ($(el).attr('type') ?? '').toLowerCase().split(';')[0]?.trim();
    if (type !== 'application/ld+json') return;
    const parsed = parseJsonLdBlock($(el).text());
    if (!parsed.ok) {
      out.rejected.push({ url: pageUrl, reason: 'malformed-jsonld', message: `JSON-LD block ${index + 1}: ${parsed.message}` });
      return;
    }
    refs = indexIds(parsed.value, new Map(), 0);
    walk(parsed.value, pageUrl, out, 0, seen);
  });
  refs = new Map();
  // Microdata only when JSON-LD named no posting: pages carrying both describe the same job twice.
  if (out.postings.length === 0) {
    for (const item of microdataItems($, ['JobPosting'])) walk(item, pageUrl, out, 0, seen);
  }
  // The same posting written twice (a @graph node and a WebPage's mainEntity copy) counts once.
  const distinct = new Set<string>();
  out.postings = out.postings.filter((p) => {
    const key = JSON.stringify(p);
    return distinct.has(key) ? false : (distinct.add(key), true);
  });
  // Several postings on one page without identifiers would share the page URL as sourceId.
  const ids = new Map<string, number>();
  for (const p of out.postings) {
    const id = p.sourceId ?? pageUrl;
    const n = ids.get(id) ?? 0;
    ids.set(id, n + 1);
    if (n > 0) p.sourceId = `${id}#${n + 1}`;
  }
  out.listedUrls = [...new Set(out.listedUrls)];
  return out;
}

/**
 * JSON.parse, and on failure once more after the repairs that fix the blocks real CMSes emit:
 * CDATA or HTML-comment wrappers, `//` and `/* *\/` comments, a trailing `;`, raw line breaks and
 * other control characters inside strings, invalid escapes (`\'`), trailing commas, several
 * top-level objects in one block (read as an array) and a block HTML-escaped as a whole
 * (`{&quot;@type&quot;: ...}`). Still broken → a reason.
 */
export function parseJsonLdBlock(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  // trim() also drops a leading byte-order mark (U+FEFF), which JSON.parse rejects.
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'empty block' };
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const repaired = parseRepaired(trimmed) ?? (/&quot;/.test(trimmed) ? parseRepaired(unescapeHtmlOnce(trimmed)) : undefined);
    return repaired === undefined ? { ok: false, message } : { ok: true, value: repaired };
  }
}

function parseRepaired(text: string): unknown {
  const values: unknown[] = [];
  for (const chunk of repairJsonText(text)) {
    try {
      values.push(JSON.parse(chunk) as unknown);
    } catch {
      // One broken value among several: the good ones still count.
    }
  }
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

/**
 * A small scanner over the block: keeps only top-level objects/arrays (so wrappers, comments and
 * semicolons between them fall away), drops comments and trailing commas outside strings, and
 * inside strings turns control characters into spaces and invalid escapes into the plain character.
 */
function repairJsonText(src: string): string[] {
  const values: string[] = [];
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (inString) {
      if (c === '\\') {
        const n = src[i + 1];
        if (n === undefined) break;
        out += '"\\/bfnrtu'.includes(n) ? c + n : n;
        i++;
      } else if (c === '"') {
        inString = false;
        out += c;
      } else {
        out += c.charCodeAt(0) < 0x20 ? ' ' : c;
      }
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      i = end === -1 ? src.length : end;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end === -1 ? src.length : end + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      depth++;
      out += c;
      continue;
    }
    if (c === '}' || c === ']') {
      if (depth === 0) continue; // a wrapper's "]]>" or stray bracket
      out = dropTrailingComma(out);
      depth--;
      out += c;
      if (depth === 0) {
        values.push(out);
        out = '';
      }
      continue;
    }
    if (depth === 0) continue; // text between top-level values: <!--, ;, CDATA markers
    if (c === '"') inString = true;
    out += c;
  }
  if (out.trim() !== '') values.push(out);
  return values;
}

function dropTrailingComma(text: string): string {
  let j = text.length - 1;
  while (j >= 0 && /\s/.test(text[j] as string)) j--;
  return text[j] === ',' ? text.slice(0, j) : text;
}

const MAX_DEPTH = 8;

/**
 * Nodes of the block being read, by `@id`. Yoast and Rank Math write `hiringOrganization:
 * { "@id": "https://example.org/#organization" }` and put the Organization elsewhere in `@graph`.
 * Module state is safe: extraction is synchronous and resets it after each block.
 */
let refs = new Map<string, JsonObject>();

function indexIds(node: unknown, index: Map<string, JsonObject>, depth: number): Map<string, JsonObject> {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return index;
  if (Array.isArray(node)) {
    for (const n of node) indexIds(n, index, depth + 1);
    return index;
  }
  const obj = node as JsonObject;
  const id = obj['@id'];
  if (typeof id === 'string' && Object.keys(obj).length > 1 && !index.has(id)) index.set(id, obj);
  for (const [key, value] of Object.entries(obj)) if (key !== '@context') indexIds(value, index, depth + 1);
  return index;
}

/** A bare `{ "@id": ... }` reference replaced by the node it names, when the block has it. */
function deref(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const o = value as JsonObject;
  const id = o['@id'];
  if (typeof id !== 'string') return value;
  const target = refs.get(id);
  return target && target !== o && (o.name === undefined || Object.keys(o).length <= 2) ? { ...target, ...o } : value;
}

function walk(node: unknown, pageUrl: string, out: JsonLdExtraction, depth: number, seen: Set<unknown>): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const n of node) walk(n, pageUrl, out, depth + 1, seen);
    return;
  }
  const obj = node as JsonObject;
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
      if (item !== null && typeof item === 'object' && typesOf(item as JsonObject).includes('JobPosting')) {
        walk(item, pageUrl, out, depth + 1, seen);
        continue;
      }
      if (typesOf(e).includes('JobPosting')) {
        walk(e, pageUrl, out, depth + 1, seen);
        continue;
      }
      const itemUrl = item !== null && typeof item === 'object' ? (item as JsonObject).url ?? (item as JsonObject)['@id'] : item;
      const link = typeof itemUrl === 'string' ? itemUrl : typeof e.url === 'string' ? e.url : undefined;
      const resolved = resolveLink(link, pageUrl);
      if (resolved && !resolved.includes('#')) out.listedUrls.push(resolved);
    }
    return;
  }
  // Anything else (a @graph holder, a WebPage with `mainEntity`, a CollectionPage with `hasPart`):
  // look inside, since CMSes nest the JobPosting under whatever node their template builds.
  for (const [key, value] of Object.entries(obj)) {
    if (key !== '@context' && value !== null && typeof value === 'object') walk(value, pageUrl, out, depth + 1, seen);
  }
}

/** `"JobPosting"`, `["JobPosting"]`, `"schema:JobPosting"`, `"http://schema.org/JobPosting"` → `JobPosting`. */
function typesOf(obj: JsonObject): string[] {
  const t = obj['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.trim().replace(/^.*[/:#]/, ''));
}

/** Entities in plain-text fields: WordPress writes titles as "Peer Support &#8211; Nights". */
function decodeEntities(value: string): string {
  return /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(value) ? unescapeHtmlOnce(value) : value;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return cleanText(decodeEntities(value));
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = text(v);
      if (t !== undefined) return t;
    }
    return undefined;
  }
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
    return text(o.value ?? o['@value'] ?? o.propertyID ?? o['@id']);
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
  if (typeof place === 'string') return text(place);
  if (place === null || typeof place !== 'object') return undefined;
  const p = place as JsonObject;
  const address = p.address;
  if (typeof address === 'string') return text(address);
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
  // Coordinates alone do not make a place a reader (or the normaliser) can name.
  if (defined.street || defined.city || defined.state || defined.postalCode || defined.country) return defined;
  return text(p.name) ?? (Object.keys(defined).length > 0 ? defined : undefined);
}

/**
 * `applicantLocationRequirements` of a remote job (a State, a Country, or a list of them): where
 * applicants must live. Used as the location only when the posting names no `jobLocation`.
 */
function applicantArea(value: unknown): string | RawLocation | undefined {
  if (typeof value === 'string') return text(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as JsonObject;
  const name = text(o.name);
  if (!name) return undefined;
  const types = typesOf(o);
  if (types.includes('State') || types.includes('AdministrativeArea')) return { state: name };
  if (types.includes('Country')) return { country: name };
  return name;
}

/**
 * An HTML description escaped once or twice more (`&lt;p&gt;`, `&amp;lt;p&amp;gt;`) is decoded
 * until it is markup; a CDATA wrapper is dropped; real markup is left alone.
 */
function description(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let v = value.trim().replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1');
  for (let round = 0; round < 3; round++) {
    if (/<\/?[a-z][^>]*>/i.test(v) || !/&(?:amp;)*lt;\/?[a-z][\s\S]*?&(?:amp;)*gt;/i.test(v)) break;
    v = unescapeHtmlOnce(v);
  }
  return v.trim() === '' ? undefined : v;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function toRawPosting(obj: JsonObject, pageUrl: string): RawPosting | { reason: string; message: string } {
  const title = text(obj.title) ?? text(obj.name);
  if (!title) return { reason: 'no-title', message: 'JobPosting without a title' };
  let locations = list(obj.jobLocation)
    .map((l) => toLocation(deref(l)))
    .filter((l): l is string | RawLocation => l !== undefined);
  if (locations.length === 0) locations = list(obj.applicantLocationRequirements).map(applicantArea).filter((l): l is string | RawLocation => l !== undefined);
  const types = list(obj.employmentType)
    .flatMap((x) => (typeof x === 'string' ? [cleanText(x)] : []))
    .filter((x): x is string => x !== undefined);
  const identifier = identifierOf(obj.identifier);
  const url = resolveLink(typeof obj.url === 'string' ? obj.url : undefined, pageUrl) ?? pageUrl;
  // baseSalary is what the employer pays; estimatedSalary (a range or a list of them) is the
  // fallback some ATSs fill instead.
  const salary = [deref(obj.baseSalary), deref(obj.estimatedSalary)].find((s) => s !== null && s !== undefined && !(Array.isArray(s) && s.length === 0));
  return {
    sourceId: identifier ?? url,
    url,
    title,
    employer: text(deref(obj.hiringOrganization)),
    location: locations.length > 1 ? locations : locations[0],
    description: description(obj.description),
    datePosted: text(obj.datePosted),
    validThrough: text(obj.validThrough),
    employmentType: types.length === 0 ? undefined : types.length === 1 ? types[0] : types,
    workplace: text(obj.jobLocationType),
    structuredPay: salary,
  };
}
