import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';

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
