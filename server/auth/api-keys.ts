import { createHash, randomBytes } from 'node:crypto';

/**
 * Employer API keys. A key is 32 random bytes (base64url) behind a `pbk_` prefix, so a leaked key
 * is recognisable in logs and secret scanners. Only its sha256 is stored: a copy of the database
 * does not let anyone post as an employer. sha256 without a salt is enough here because the key
 * has 256 bits of entropy (a password would need a slow, salted hash).
 */
const KEY_PREFIX = 'pbk_';
const KEY_PATTERN = /^pbk_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateEmployerId(): string {
  return `emp_${randomBytes(12).toString('base64url')}`;
}

export type BearerCredential =
  | { kind: 'none' }
  | { kind: 'key'; key: string; keyHash: string }
  | { kind: 'malformed'; reason: string };

/** Reads `Authorization: Bearer <apiKey>`. A header that is present but unusable is reported, never ignored. */
export function readBearer(header: string | undefined): BearerCredential {
  if (header === undefined || header.trim() === '') return { kind: 'none' };
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) return { kind: 'malformed', reason: 'the Authorization header must be "Bearer <apiKey>"' };
  const key = m[1];
  if (!KEY_PATTERN.test(key)) return { kind: 'malformed', reason: 'the API key is not valid' };
  return { kind: 'key', key, keyHash: hashApiKey(key) };
}
