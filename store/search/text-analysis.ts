/**
 * How text becomes terms, for the embedded engine (and its highlights): lower case, accents
 * folded, split on anything that is not a letter or digit, a light plural rule, a short
 * stop-word list. Deliberately simple and predictable: a job seeker's "specialists" finds
 * "specialist", and nothing cleverer surprises them.
 */

/**
 * Words too common to search on. Both adapters drop them (Meilisearch via its `stopWords`
 * setting) so that "peer specialist in columbus" is not required to contain "in".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'of', 'on', 'or',
  'our', 'the', 'this', 'to', 'we', 'will', 'with', 'you', 'your',
]);

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}/gu;

/** One word → its term (lower case, accents folded, plural "s" removed), or '' for a stop word. */
export function normalizeWord(word: string): string {
  let w = word.toLowerCase();
  if (NON_ASCII.test(w)) w = w.normalize('NFKD').replace(MARKS, '');
  if (STOP_WORDS.has(w)) return '';
  // Light plural rule: "specialists" → "specialist"; keeps "class", "status", "crisis".
  if (w.length >= 4 && w.charCodeAt(w.length - 1) === 115 /* s */) {
    const prev = w.charCodeAt(w.length - 2);
    if (prev !== 115 /* s */ && prev !== 117 /* u */ && prev !== 105 /* i */) w = w.slice(0, -1);
  }
  return w;
}

/** The terms of a text, in order, stop words dropped. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const t = normalizeWord(m[0]);
    if (t) out.push(t);
  }
  return out;
}

/** Each word of a text with its position, for highlighting. */
export function words(text: string): { term: string; start: number; end: number }[] {
  const out: { term: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) out.push({ term: normalizeWord(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML; snippets go to browsers and posting text is untrusted. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
