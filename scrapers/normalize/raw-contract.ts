import { POSTING_TEXT_LIMITS, type PostingIssue, type RawLocation, type RawPosting } from '../../schema/index.ts';
import { decodeEntities } from './sanitize-description.ts';

/**
 * The raw-posting contract the normaliser enforces on every way in (scrape, import, API; see
 * docs/decisions/016):
 * - control characters (C0 except tab and line breaks, DEL, C1, NUL) are removed from every
 *   text field, and unpaired UTF-16 surrogates become U+FFFD;
 * - titles, employer names and location text are plain text: markup stripped (also markup that
 *   entity decoding reveals, "&lt;img onerror=...&gt;"), entities decoded, bidirectional
 *   overrides removed, whitespace collapsed to single spaces;
 * - each field is cut to POSTING_TEXT_LIMITS, and every cut (or value dropped because a cut one
 *   would be wrong, such as a URL) is recorded as a {@link PostingIssue}.
 * Applying it twice changes nothing.
 */

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Any control character or any surrogate (paired ones, emoji, pass the precise check below). */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Embeddings, overrides and isolates (the Trojan Source characters); not the LRM/RLM marks. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
/** A tag as a browser would open one: a letter, `/`, `!` or `?` after `<`, up to the next `>`. */
const MARKUP = /<[A-Za-z/!?][^<>]*>?/g;
/** Elements whose contents are code, not text: dropped with what is inside them. */
const CODE_ELEMENT = /<(script|style|template|noscript|iframe|object|svg|math|textarea)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const WHITESPACE = /[\s\u200B\uFEFF]+/g;
/** Printable ASCII without "<", "&" or two spaces in a row, not starting or ending with a space. */
const PLAIN = /^(?! )(?:[!-%'-;=?-~]| (?! |$))*$/;

/** Removes control characters and repairs unpaired surrogates; everything else is kept. */
export function removeControls(s: string): string {
  let out = s;
  // Most strings have neither: one character-class scan before the precise replaces.
  if (!SUSPECT.test(out)) return out;
  CONTROL.lastIndex = 0;
  if (CONTROL.test(out)) out = out.replace(CONTROL, '');
  LONE_SURROGATE.lastIndex = 0;
  if (LONE_SURROGATE.test(out)) out = out.replace(LONE_SURROGATE, '\uFFFD');
  return out;
}

function stripMarkup(s: string): string {
  if (!s.includes('<')) return s;
  return s.replace(CODE_ELEMENT, ' ').replace(MARKUP, ' ');
}

/**
 * Plain, one-line display text: "Peer&nbsp;Support <b>Specialist</b>\u0000" → "Peer Support
 * Specialist". Markup is stripped before and after entity decoding, so an encoded tag cannot
 * come back as a tag.
 */
export function plainText(s: string): string {
  // Most titles and names are already plain, single-spaced ASCII: one test answers that.
  if (PLAIN.test(s)) return s;
  let out = removeControls(s);
  if (out.includes('<') || out.includes('&')) out = stripMarkup(decodeEntities(stripMarkup(out)));
  BIDI_CONTROL.lastIndex = 0;
  if (BIDI_CONTROL.test(out)) out = out.replace(BIDI_CONTROL, '');
  return out.replace(WHITESPACE, ' ').trim();
}

/** Cuts display text at a word boundary when one is near the limit. */
function cutWords(s: string, limit: number): string {
  let cut = limit;
  const space = s.lastIndexOf(' ', limit);
  if (space > limit * 0.8) cut = space;
  return keepPairs(s, cut).trimEnd();
}

/** Never splits a surrogate pair. */
function keepPairs(s: string, cut: number): string {
  const c = s.charCodeAt(cut - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? cut - 1 : cut);
}

/**
 * Cuts HTML or text at the limit without leaving half a tag or half an entity at the end: the
 * sanitiser would show "<p cla" or "&am" as text. Prefers a block boundary or a line break near
 * the limit.
 */
function cutDescription(s: string, limit: number): string {
  let cut = limit;
  const lt = s.lastIndexOf('<', cut - 1);
  if (lt >= 0 && s.lastIndexOf('>', cut - 1) < lt) cut = lt;
  const amp = s.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp <= 10 && !s.slice(amp, cut).includes(';')) cut = amp;
  const floor = Math.floor(limit * 0.95);
  const block = Math.max(s.lastIndexOf('</p>', cut - 4), s.lastIndexOf('</li>', cut - 5), s.lastIndexOf('\n', cut - 1));
  if (block >= floor) cut = s.startsWith('</', block) ? s.indexOf('>', block) + 1 : block;
  return keepPairs(s, cut);
}

function cutIssue(field: string, from: number, limit: number): PostingIssue {
  return { field, kind: 'cut', message: `${field} cut from ${from.toLocaleString('en-US')} to ${limit.toLocaleString('en-US')} characters` };
}

/** Display text of a field: plain text, cut to its limit (recorded). Empty → undefined. */
function displayField(value: string | undefined, field: string, limit: number, issues: PostingIssue[]): string | undefined {
  if (value === undefined) return undefined;
  let out = plainText(value);
  if (out.length > limit) {
    issues.push(cutIssue(field, out.length, limit));
    out = cutWords(out, limit);
  }
  return out === '' ? undefined : out;
}

/** Multi-line text (a pay text keeps its line breaks: a period may stand on the next line). */
function textField(value: string | undefined, field: string, limit: number, issues: PostingIssue[]): string | undefined {
  if (value === undefined) return undefined;
  let out = removeControls(value);
  if (out.length > limit) {
    issues.push(cutIssue(field, out.length, limit));
    out = keepPairs(out, limit);
  }
  return out;
}

function locationObject(loc: RawLocation, field: string, issues: PostingIssue[]): RawLocation {
  const out: RawLocation = { ...loc };
  for (const key of ['city', 'state', 'postalCode', 'country', 'street'] as const) {
    const v = displayField(loc[key], `${field}.${key}`, POSTING_TEXT_LIMITS.location, issues);
    if (v === undefined) delete out[key];
    else out[key] = v;
  }
  return out;
}

function locationField(loc: RawPosting['location'], issues: PostingIssue[]): RawPosting['location'] {
  if (loc === undefined) return undefined;
  if (typeof loc === 'string') return displayField(loc, 'location', POSTING_TEXT_LIMITS.location, issues);
  if (!Array.isArray(loc)) return locationObject(loc, 'location', issues);
  let list = loc;
  if (list.length > POSTING_TEXT_LIMITS.locations) {
    issues.push({ field: 'location', kind: 'cut', message: `location cut from ${list.length} to ${POSTING_TEXT_LIMITS.locations} places` });
    list = list.slice(0, POSTING_TEXT_LIMITS.locations);
  }
  const out: (string | RawLocation)[] = [];
  list.forEach((item, i) => {
    if (typeof item === 'string') {
      const v = displayField(item, `location[${i}]`, POSTING_TEXT_LIMITS.location, issues);
      if (v !== undefined) out.push(v);
    } else out.push(locationObject(item, `location[${i}]`, issues));
  });
  return out;
}

/**
 * The raw posting with the contract applied, and what it had to change. Fields the source left
 * out stay out; the title is never empty for a posting that passed parseRawPosting.
 */
export function applyRawContract(raw: RawPosting): { raw: RawPosting; issues: PostingIssue[] } {
  const L = POSTING_TEXT_LIMITS;
  const issues: PostingIssue[] = [];
  // A fresh object with the fields in one order: deleting keys from a copy would put it in
  // dictionary mode, and every later stage reads these fields.
  const out: RawPosting = { title: displayField(raw.title, 'title', L.title, issues) ?? '' };
  const employer = displayField(raw.employer, 'employer', L.employer, issues);
  if (employer !== undefined) out.employer = employer;
  const location = locationField(raw.location, issues);
  if (location !== undefined) out.location = location;
  const pay = textField(raw.pay, 'pay', L.pay, issues);
  if (pay !== undefined) out.pay = pay;
  if (raw.description !== undefined) {
    let d = removeControls(raw.description);
    if (d.length > L.description) {
      issues.push(cutIssue('description', d.length, L.description));
      d = cutDescription(d, L.description);
    }
    out.description = d;
  }
  if (raw.url !== undefined) {
    const url = removeControls(raw.url).trim();
    if (url.length > L.url) {
      // Half a URL leads somewhere else: drop it whole.
      issues.push({ field: 'url', kind: 'dropped', message: `url dropped: ${url.length.toLocaleString('en-US')} characters, the limit is ${L.url.toLocaleString('en-US')}` });
    } else if (url !== '') out.url = url;
  }
  if (raw.source !== undefined) out.source = plainText(raw.source);
  if (raw.sourceId !== undefined) out.sourceId = removeControls(raw.sourceId).trim();
  const datePosted = displayField(raw.datePosted, 'datePosted', L.date, issues);
  if (datePosted !== undefined) out.datePosted = datePosted;
  const validThrough = displayField(raw.validThrough, 'validThrough', L.date, issues);
  if (validThrough !== undefined) out.validThrough = validThrough;
  const workplace = displayField(raw.workplace, 'workplace', L.location, issues);
  if (workplace !== undefined) out.workplace = workplace;
  if (raw.employmentType !== undefined) {
    const list = Array.isArray(raw.employmentType);
    const types = (list ? (raw.employmentType as string[]) : [raw.employmentType as string])
      .map((t, i) => displayField(t, `employmentType${list ? `[${i}]` : ''}`, L.employmentType, issues))
      .filter((t): t is string => t !== undefined);
    if (list) out.employmentType = types;
    else if (types[0] !== undefined) out.employmentType = types[0];
  }
  if (raw.structuredPay !== undefined) out.structuredPay = raw.structuredPay;
  if (raw.employerId !== undefined) out.employerId = raw.employerId;
  if (raw.settings !== undefined) out.settings = raw.settings;
  return { raw: out, issues };
}
