import { createHash } from 'node:crypto';
import { ValidationError } from '../../schema/index.ts';

/**
 * Opaque `searchJobs` cursors. A cursor is the position of an edge in one search's results, bound
 * to that search: it carries a short hash of the query text, the filter as sent and the sort, so a
 * cursor replayed against a different search is refused instead of silently paging something else.
 * Clients must treat it as an opaque string (it is base64url, not a promise of a format).
 */

/** Deepest page reachable by cursor; search engines (Meilisearch's maxTotalHits) cap offsets too. */
export const MAX_SEARCH_OFFSET = 10_000;
const MAX_CURSOR_LENGTH = 64;
const DECODED = /^c1:(\d{1,6}):([A-Za-z0-9_-]{11})$/;

/** Stable JSON: object keys sorted, so `{a, b}` and `{b, a}` give the same search key. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The key of one search: the same text, filter and sort give the same key. */
export function searchKey(parts: { text: string | undefined; filter: unknown; sort: string }): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('base64url').slice(0, 11);
}

export function encodeCursor(position: number, key: string): string {
  return Buffer.from(`c1:${position}:${key}`, 'utf8').toString('base64url');
}

/** The position the cursor points at; throws BAD_USER_INPUT for anything that is not a cursor of this search. */
export function decodeCursor(cursor: string, key: string, argName = 'after'): number {
  const refuse = (why: string) =>
    new ValidationError([`${argName}: ${why} (pass pageInfo.endCursor of the same search, unchanged)`]);
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw refuse('not a cursor');
  }
  const m = DECODED.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw refuse('not a cursor');
  if (m[2] !== key) throw refuse('the cursor belongs to a different search');
  const position = Number(m[1]);
  if (position >= MAX_SEARCH_OFFSET) throw refuse(`cursors reach at most ${MAX_SEARCH_OFFSET} results deep; narrow the search`);
  return position;
}
