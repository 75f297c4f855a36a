import { FilterXSS, type IFilterXSSOptions } from 'xss';

/**
 * Description HTML as we store and serve it. Security: postings come from third-party pages and
 * are rendered in our UI and API, so the HTML goes through an allowlist (js-xss): only
 * text-formatting tags survive, `<script>`, `<style>` and the other non-text elements are
 * dropped with their contents, every attribute except a link's href/title is removed (so no
 * `on*` handlers, no `style`), and an href must be an absolute http(s), mailto or tel URL after
 * entity decoding and with every whitespace and control character removed (so no
 * `javascript:`/`data:`/`vbscript:` URLs, however encoded or split, and no protocol-relative or
 * relative ones, which would point into our own site). Links get rel="nofollow noopener
 * noreferrer": no referrer and no ranking credit for third-party content.
 *
 * Why js-xss and not sanitize-html: both are allowlist sanitisers, but sanitize-html builds a
 * full htmlparser2 DOM stream and cost 150-200 us per 3 KB description, most of the
 * normaliser's budget; js-xss scans the string once and is about three times faster with the
 * same guarantees (docs/decisions/012).
 */
const TEXT_TAGS = [
  'p', 'br', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'hr', 'sup', 'sub',
];
const ALLOWED: Record<string, string[]> = Object.fromEntries(TEXT_TAGS.map((t) => [t, []]));
ALLOWED.a = ['href', 'title'];

/** Elements whose contents are code or UI, not text: dropped with everything inside them. */
const DROP_WITH_CONTENTS = [
  'script', 'style', 'textarea', 'option', 'select', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math',
  'template', 'head', 'title', 'xmp', 'noembed', 'noframes', 'frameset', 'applet',
];

// Whitespace and C0/C1 controls, which browsers strip or ignore inside a URL ("jav&#x09;ascript:").
const URL_IGNORED = /[\s\u0000-\u001F\u007F-\u009F\u200B-\u200D\uFEFF]+/g;
const SAFE_URL = /^(?:https?:\/\/[^/\\]|mailto:|tel:)/i;

/**
 * The href to keep, or null to drop it: absolute http(s), mailto and tel only. The check runs
 * on the decoded value, and it is an allowlist: anything left encoded (an entity we do not
 * decode) fails it, so a browser can never read a different scheme than the one we approved.
 */
export function safeHref(raw: string): string | null {
  const url = decodeEntities(raw).replace(URL_IGNORED, '');
  return SAFE_URL.test(url) ? url : null;
}

const OPTIONS: IFilterXSSOptions = {
  whiteList: ALLOWED,
  stripIgnoreTag: true,
  stripIgnoreTagBody: DROP_WITH_CONTENTS,
  allowCommentTag: false,
  css: false,
  // js-xss's own escape (two regex replaces) runs on every text run between tags; most runs hold
  // neither `<` nor `>`, and an indexOf pair answers that without a regex. Same output.
  escapeHtml(s) {
    return s.indexOf('<') < 0 && s.indexOf('>') < 0 ? s : s.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  },
  onTagAttr(tag, name, value) {
    if (tag !== 'a' || name !== 'href') return undefined;
    const url = safeHref(value);
    // Returning '' removes the attribute; rel travels with the only attribute that makes a link.
    return url === null ? '' : `href="${escapeHtml(url)}" rel="nofollow noopener noreferrer"`;
  },
};
const FILTER = new FilterXSS(OPTIONS);

const DROP_OPEN = new RegExp(`<(${DROP_WITH_CONTENTS.join('|')})\\b`, 'gi');

/**
 * js-xss drops an element's contents only up to its closing tag; an unclosed `<script>` would
 * leave its code behind as text. Browsers (and the HTML spec) read an unclosed script or style
 * to the end of the document, so we do the same by closing it there.
 */
function closeDroppedElements(html: string): string {
  DROP_OPEN.lastIndex = 0;
  if (!DROP_OPEN.test(html)) return html;
  const lower = html.toLowerCase();
  let out = html;
  for (const tag of DROP_WITH_CONTENTS) {
    const open = lower.lastIndexOf(`<${tag}`);
    if (open >= 0 && lower.lastIndexOf(`</${tag}`) < open) out += `</${tag}>`;
  }
  return out;
}

// Only real HTML tag names: plain text such as "Line <two>" or "<3 years" is not HTML.
const HAS_TAG =
  /<\/?(?:p|div|br|hr|ul|ol|li|span|strong|b|i|em|u|h[1-6]|a|table|tr|td|th|tbody|thead|script|style|img|iframe|section|article|header|footer|font|center|blockquote|pre|code|sup|sub|small|label|input|form|button|svg|meta|link|body|html|head|title|noscript|object|embed)\b[^<>]*>/i;
const ESCAPED_TAG = /&lt;\/?(?:p|div|br|ul|ol|li|strong|b|em|span|h[1-6]|table)\b/i;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', rsquo: '’', lsquo: '‘',
  rdquo: '”', ldquo: '“', bull: '•', hellip: '…', middot: '·', copy: '©', reg: '®', trade: '™', eacute: 'é',
  ntilde: 'ñ', aacute: 'á', iacute: 'í', oacute: 'ó', uacute: 'ú', ensp: ' ', emsp: ' ', thinsp: ' ', dollar: '$',
};
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;

/** Decodes the HTML entities that scraped text carries ("&amp;", "&#36;", "&nbsp;"). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[(name ?? '').toLowerCase()] ?? whole;
  });
}

const VOID_TAGS = new Set(['br', 'hr']);
/** Closing one of these ends a line of text. */
const BLOCK_TAGS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'ul', 'ol', 'blockquote', 'table']);

/** What a tag becomes in the plain text: list items a bullet, blocks and breaks a line break, cells a space. */
function tagText(name: string, closing: boolean): string {
  if (!closing) return name === 'li' ? '\n• ' : VOID_TAGS.has(name) ? '\n' : '';
  if (BLOCK_TAGS.has(name)) return '\n';
  return name === 'td' || name === 'th' ? ' ' : '';
}

function isTagNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * One walk over the allowlisted HTML (every `<` in it opens a tag: the sanitiser escaped the
 * rest) that does two jobs:
 * - balances the tags: stray closing tags go, open ones are closed where their parent closes or
 *   at the end. Stored HTML is embedded in our pages and API answers, so one unclosed `<div>` or
 *   `<table>` in a scraped description must not swallow the page around it;
 * - writes the plain text, keeping paragraph and list structure as line breaks.
 * One pass instead of a regex replace per rule: this runs on every description.
 */
function finishHtml(html: string): { html: string; text: string } {
  return walkHtml(html, false) as { html: string; text: string };
}

/**
 * finishHtml's walk. With `bareOnly` it also checks that the HTML is made only of bare
 * allowlisted tags (`<p>`, `</li>`, `<br>`: lower case, no attributes, no space, no `/>`) with
 * no `>` in its text, and returns null as soon as it is not. On such HTML js-xss changes nothing:
 * it rebuilds an allowlisted tag without attributes as it was written and escapes only `<` and
 * `>` in text (there are none), and nothing is a comment, an element to drop or a stray `<`.
 * Most descriptions that are HTML at all are written this way; for them this one walk replaces
 * the sanitiser's character-by-character parse and a second walk (docs/decisions/090).
 */
function walkHtml(html: string, bareOnly: boolean): { html: string; text: string } | null {
  const stack: string[] = [];
  // Most descriptions are balanced: the HTML is rebuilt only from the first repair on.
  let out: string | null = null;
  let copied = 0;
  // Text pieces joined once (a flat string for the scans that follow, see tidyText).
  const text: string[] = [];
  let last = 0;
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', last)) {
    // Bare HTML: the first `>` after the previous tag closes this one (an earlier one is text).
    const end = bareOnly ? html.indexOf('>', last) : html.indexOf('>', i);
    if (bareOnly && end < i) return null;
    if (end < 0) break;
    const closing = html.charCodeAt(i + 1) === 47; /* / */
    const from = closing ? i + 2 : i + 1;
    let to = from;
    let upper = false;
    for (let c = html.charCodeAt(to); to < end && isTagNameChar(c); c = html.charCodeAt(++to)) if (c <= 90 && c >= 65) upper = true;
    // An allowlisted name is looked up in place (no string cut per tag); the list's own string
    // then stands for it, so the stack and set look-ups below compare and hash a known string.
    const known = upper ? null : allowlistedName(html, from, to);
    if (bareOnly && (known === null || to !== end)) return null;
    const name = known ?? (upper ? html.slice(from, to).toLowerCase() : html.slice(from, to));
    text.push(html.slice(last, i));
    last = end + 1;
    if (!closing || VOID_TAGS.has(name)) {
      text.push(tagText(name, false));
      if (!VOID_TAGS.has(name)) stack.push(name);
      continue;
    }
    const at = stack.lastIndexOf(name);
    if (at < 0) {
      // A stray closing tag: left out of the HTML.
      out = (out ?? '') + html.slice(copied, i);
      copied = last;
      continue;
    }
    if (at < stack.length - 1) {
      // Elements left open inside this one are closed first.
      out = (out ?? '') + html.slice(copied, i);
      copied = i;
      while (stack.length - 1 > at) {
        const inner = stack.pop() ?? '';
        out += `</${inner}>`;
        text.push(tagText(inner, true));
      }
    }
    stack.pop();
    text.push(tagText(name, true));
  }
  if (bareOnly && html.indexOf('>', last) >= 0) return null;
  text.push(html.slice(last));
  let balanced = out === null ? html : out + html.slice(copied);
  while (stack.length > 0) {
    const inner = stack.pop() ?? '';
    balanced += `</${inner}>`;
    text.push(tagText(inner, true));
  }
  return { html: balanced, text: tidyHtmlText(decodeEntities(text.join(''))) };
}

/** Spaces a scraped text uses between words: runs of them become one space. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x3000;
}

/**
 * Normalises whitespace in one pass (this runs on every description, and five chained regex
 * replaces cost more than the rest of text extraction): CR/CRLF become LF, runs of spaces one
 * space, spaces around a line break go, at most `maxBreaks` line breaks in a row are kept, and
 * the ends are trimmed.
 */
function tidyText(s: string, maxBreaks = 2): string {
  const plain = tidyPlainSpaces(s, maxBreaks);
  if (plain !== null) return plain;
  // Pieces joined once at the end: `join` yields a flat string, where `+=` would leave a rope of
  // hundreds of slices that every later regex and charCodeAt scan over the text pays to walk.
  const parts: string[] = [];
  let segStart = 0;
  let started = false;
  const n = s.length;
  // The regex finds where each run of whitespace starts (it scans much faster than a character
  // loop); a lone ASCII space between two words is its own replacement and starts none.
  RUN_START.lastIndex = 0;
  for (let m = RUN_START.exec(s); m !== null; m = RUN_START.exec(s)) {
    const i = m.index;
    // A run of whitespace starts at i: read it, then write the text before it and the run's
    // replacement (the replacement of a run at either end is nothing).
    let breaks = 0;
    let space = false;
    let j = i;
    for (; j < n; j++) {
      const d = s.charCodeAt(j);
      if (d === 13) {
        breaks++;
        if (s.charCodeAt(j + 1) === 10) j++;
      } else if (d === 10) breaks++;
      else if (isSpace(d)) space = true;
      else break;
    }
    if (i > segStart) {
      parts.push(s.slice(segStart, i));
      started = true;
    }
    if (j < n && started) parts.push(breaks > 0 ? (breaks >= maxBreaks ? '\n'.repeat(maxBreaks) : '\n'.repeat(breaks)) : space ? ' ' : '');
    segStart = j;
    RUN_START.lastIndex = j;
  }
  if (segStart < n) parts.push(s.slice(segStart));
  return parts.join('');
}
/**
 * tidyText for the usual text, whose only whitespace is single ASCII spaces and line feeds (the
 * text of HTML made of paragraphs and lists): null when it holds any other whitespace or two
 * spaces in a row. Then every run is made of spaces and line feeds, and a run without a line
 * feed is one space, its own replacement; so only the runs around each line feed are rewritten,
 * found with `indexOf` (docs/decisions/092). Same output as tidyText's general loop.
 */
function tidyPlainSpaces(s: string, maxBreaks: number): string | null {
  if (OTHER_WHITESPACE.test(s)) return null;
  let from = 0;
  let to = s.length;
  while (from < to && isSpaceOrFeed(s.charCodeAt(from))) from++;
  while (to > from && isSpaceOrFeed(s.charCodeAt(to - 1))) to--;
  if (from === 0 && to === s.length && s.indexOf('\n') < 0) return s;
  const parts: string[] = [];
  let segStart = from;
  for (let nl = s.indexOf('\n', from); nl >= 0 && nl < to; nl = s.indexOf('\n', segStart)) {
    let runStart = nl;
    while (runStart > segStart && s.charCodeAt(runStart - 1) === 32) runStart--;
    let breaks = 0;
    let j = nl;
    for (let c = s.charCodeAt(j); j < to && (c === 10 || c === 32); c = s.charCodeAt(++j)) if (c === 10) breaks++;
    parts.push(s.slice(segStart, runStart), breaks >= maxBreaks ? '\n'.repeat(maxBreaks) : '\n'.repeat(breaks));
    segStart = j;
  }
  parts.push(s.slice(segStart, to));
  return parts.join('');
}
/** Whitespace tidyText rewrites other than a line feed or a single space (two spaces in a row included). */
const OTHER_WHITESPACE = /[\t\r\u00a0\u2000-\u200b\u202f\u3000]| {2}/;
function isSpaceOrFeed(c: number): boolean {
  return c === 32 || c === 10;
}

/** Where a run of whitespace starts: any space or break but a lone ASCII space inside the text. */
const RUN_START = /[\t\n\r\u00a0\u2000-\u200b\u202f\u3000]| (?=[ \t\n\r\u00a0\u2000-\u200b\u202f\u3000]|$)|^ /g;

/** HTML blocks become single line breaks: a list after a paragraph is not a new paragraph. */
function tidyHtmlText(s: string): string {
  return tidyText(s, 1);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A `<` that cannot open a tag ("<3 years", "< 5 miles", "a<b") is text: escape it before the
 * tag parser sees it, or xss would read "<3 years & 5 >" as a tag and drop the words up to the
 * next `>`. Tags start with a letter, `/`, `!` or `?` (HTML's tag-open state).
 */
const STRAY_LT = /<(?![A-Za-z/!?])/g;
function escapeStrayLessThan(html: string): string {
  return html.includes('<') ? html.replace(STRAY_LT, '&lt;') : html;
}

/** The allowlisted tag names by length and first character (the index is `length * 128 + code`). */
const NAMES_BY_SHAPE: string[][] = [];
for (const name of TEXT_TAGS) (NAMES_BY_SHAPE[name.length * 128 + name.charCodeAt(0)] ??= []).push(name);

/** The allowlisted tag name (of TEXT_TAGS, in lower case) that html[from, to) is, or null. */
function allowlistedName(html: string, from: number, to: number): string | null {
  const first = html.charCodeAt(from);
  if (to <= from || first >= 128) return null;
  const names = NAMES_BY_SHAPE[(to - from) * 128 + first];
  if (names === undefined) return null;
  for (let k = 0; k < names.length; k++) {
    const name = names[k] as string;
    if (html.startsWith(name, from)) return name;
  }
  return null;
}

/**
 * Sanitised HTML and plain text of a description given as HTML, as HTML-escaped HTML (as some
 * ATS APIs return it), or as plain text (which becomes paragraphs).
 */
export function sanitizeDescription(input: string | null | undefined): { html: string; text: string } {
  if (typeof input !== 'string' || input.trim() === '') return { html: '', text: '' };
  let source = input;
  let hasTag = HAS_TAG.test(source);
  if (!hasTag && ESCAPED_TAG.test(source)) {
    source = decodeEntities(source);
    hasTag = HAS_TAG.test(source);
  }
  if (hasTag) {
    // HTML made only of bare allowlisted tags is what the sanitiser would return unchanged.
    return walkHtml(source.trim(), true) ?? finishHtml(FILTER.process(closeDroppedElements(escapeStrayLessThan(source))).trim());
  }
  const text = tidyText(decodeEntities(source));
  const html = text
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('');
  return { html, text };
}
