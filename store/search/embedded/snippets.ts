import { escapeHtml, words } from '../text-analysis.ts';

/** Words of description kept around the first match (Meilisearch's adapter crops to the same length). */
export const CROP_WORDS = 30;

/**
 * The matched words of a text wrapped in <mark>…</mark>, everything else HTML-escaped; null when
 * nothing matched. With `crop`, a window of about {@link CROP_WORDS} words starting a little before
 * the first match, with "…" where text was cut.
 */
export function highlight(text: string, matched: ReadonlySet<string>, crop: boolean): string | null {
  if (!text) return null;
  const ws = words(text);
  const first = ws.findIndex((w) => w.term !== '' && matched.has(w.term));
  if (first < 0) return null;
  let from = 0;
  let to = ws.length;
  if (crop && ws.length > CROP_WORDS) {
    from = Math.max(0, first - Math.floor(CROP_WORDS / 3));
    to = Math.min(ws.length, from + CROP_WORDS);
    from = Math.max(0, to - CROP_WORDS);
  }
  const start = from === 0 ? 0 : ws[from]!.start;
  const end = to === ws.length ? text.length : ws[to - 1]!.end;
  let out = from === 0 ? '' : '…';
  let pos = start;
  for (let i = from; i < to; i++) {
    const w = ws[i]!;
    if (w.term === '' || !matched.has(w.term)) continue;
    out += escapeHtml(text.slice(pos, w.start)) + '<mark>' + escapeHtml(text.slice(w.start, w.end)) + '</mark>';
    pos = w.end;
  }
  out += escapeHtml(text.slice(pos, end));
  if (to < ws.length) out += '…';
  return out;
}
