import * as cheerio from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';

/**
 * Parses HTML with cheerio's htmlparser2 back end in HTML mode (`xml: { xmlMode: false }` switches
 * the parser without XML rules). On careers pages it gives the same text and attributes as the
 * default parse5 back end at more than twice the speed (bench/extract-bench.ts shows both).
 */
export function loadHtml(html: string): CheerioAPI {
  // encodeEntities 'utf8': serialise text as UTF-8 (escaping only & < > "), as the parse5 back end
  // does, instead of turning every non-ASCII character into a numeric entity.
  return cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true, encodeEntities: 'utf8' } });
}

/** The parse5 (spec-compliant tree building) back end, for comparison and odd pages. */
export function loadHtmlSpecCompliant(html: string): CheerioAPI {
  return cheerio.load(html);
}

/** Whitespace collapsed and trimmed, or undefined when empty. */
export function cleanText(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null) return undefined;
  const t = text.replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t;
}

/** Resolves `href` against `base`, or undefined for empty or unparsable links. */
export function resolveLink(href: string | undefined, base: string): string | undefined {
  if (!href || !href.trim()) return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}

/** Decodes HTML entities once (`&lt;p&gt;` → `<p>`): Greenhouse and some JSON-LD escape their HTML. */
export function unescapeHtmlOnce(text: string): string {
  // A <textarea> is RCDATA for parse5: entities are decoded, tags are not parsed — exactly one
  // round of unescaping with the full HTML entity table.
  if (!text.includes('&')) return text;
  return cheerio.load(`<textarea>${text.replace(/<\/textarea/gi, '&lt;/textarea')}</textarea>`)('textarea').text();
}

/**
 * The parts of a selector list (`"h2.entity-title, h1.job-title"`), split at top-level commas only
 * (not inside `[attr="a,b"]`, `:is(a, b)` or quotes).
 */
export function selectorAlternatives(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const ch of selector) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      if (current.trim()) parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/**
 * The first element matching a selector list **in the list's order**: `"h2.title, h1"` tries
 * `h2.title` on the whole page first, then `h1`. A plain `$(list).first()` answers in document
 * order instead, so an agency-name `<h1>` above the job's `<h2>` would win. `scope` limits the
 * search (an item of a listing); with `includeSelf` the scope element itself may match.
 */
export function firstInPriority($: CheerioAPI, selector: string, scope?: Cheerio<AnyNode>, includeSelf = false): Cheerio<AnyNode> {
  for (const alternative of selectorAlternatives(selector)) {
    if (scope && includeSelf && scope.is(alternative)) return scope.first();
    const found = scope ? scope.find(alternative).first() : $(alternative).first();
    if (found.length > 0) return found;
  }
  return $([]);
}

/** Like {@link firstInPriority}, but the first alternative whose element has text. */
export function firstTextInPriority($: CheerioAPI, selector: string, scope?: Cheerio<AnyNode>): string | undefined {
  for (const alternative of selectorAlternatives(selector)) {
    const nodes = scope ? scope.find(alternative) : $(alternative);
    for (const el of nodes.toArray()) {
      const text = cleanText($(el).text());
      if (text) return text;
    }
  }
  return undefined;
}
