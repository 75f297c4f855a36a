import { createHash } from 'node:crypto';
import type { NormalizedPosting } from '../schema/index.ts';

/**
 * The fields of a normalised posting that are listing identity, not job content. They live in the
 * posting's `sources[]`, so one job seen on two sources hashes the same whatever listing it came from.
 */
const LISTING_FIELDS = new Set<string>(['source', 'sourceId']);
/** What the normaliser noted about the raw input (cut fields, unreadable dates): a note, not content. */
const NOTE_FIELDS = new Set<string>(['issues']);

/** The normalised content of a posting: every normalised field except the listing identity. */
export type PostingContent = Omit<NormalizedPosting, 'source' | 'sourceId'>;

/**
 * Hash of a posting's normalised content. Keys are sorted at every level so the hash does not
 * depend on property order (a posting read back from MongoDB or the journal has its own order),
 * and lifecycle fields (status, dates seen, sources, indexedAt) are not part of it: re-ingesting
 * identical content gives the identical hash, and that is what makes ingest idempotent.
 */
export function contentHash(posting: NormalizedPosting | PostingContent): string {
  const h = createHash('sha256');
  h.update('content-v1\n');
  const content: Record<string, unknown> = {};
  for (const key of CONTENT_KEYS) {
    if (!LISTING_FIELDS.has(key) && !NOTE_FIELDS.has(key)) content[key] = (posting as Record<string, unknown>)[key] ?? null;
  }
  h.update(canonicalJson(content));
  return h.digest('hex').slice(0, 32);
}

/** Every field of NormalizedPosting; a field added to the schema must be added here (a test checks). */
export const CONTENT_KEYS = [
  'source',
  'sourceId',
  'url',
  'title',
  'employer',
  'isPeerRole',
  'roleFamily',
  'settings',
  'pay',
  'payBasis',
  'payInferred',
  'payGrade',
  'payRejectedReason',
  'location',
  'employmentType',
  'certifications',
  'livedExperienceRequired',
  'descriptionHtml',
  'descriptionText',
  'datePosted',
  'validThrough',
  'fingerprint',
  'issues',
] as const satisfies readonly (keyof NormalizedPosting)[];

/** JSON with object keys sorted; arrays keep their order (settings order is the normaliser's, stable). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}
