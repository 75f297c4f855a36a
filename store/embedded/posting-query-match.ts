import type { StoredPosting } from '../../schema/index.ts';
import { ValidationError } from '../../schema/index.ts';
import type { PostingQuery } from '../ports.ts';

/** A PostingQuery compiled to a predicate; dates parsed once. Same semantics as the MongoDB adapter's query. */
export function compilePostingQuery(query: PostingQuery = {}): (p: StoredPosting) => boolean {
  const statuses = query.statuses ? new Set<string>(query.statuses) : null;
  const validBefore = query.validThroughBefore !== undefined ? parseIso('validThroughBefore', query.validThroughBefore) : null;
  const seenBefore = query.lastSeenBefore !== undefined ? parseIso('lastSeenBefore', query.lastSeenBefore) : null;
  const { source, fingerprint, employerId, indexBehind } = query;
  return (p) => {
    if (statuses && !statuses.has(p.status)) return false;
    if (fingerprint !== undefined && p.fingerprint !== fingerprint) return false;
    if (employerId !== undefined && p.employerId !== employerId) return false;
    if (source !== undefined && !p.sources.some((s) => s.source === source)) return false;
    if (indexBehind === true && !(p.indexedAt === null || p.indexedAt < p.updatedAt)) return false;
    if (indexBehind === false && (p.indexedAt === null || p.indexedAt < p.updatedAt)) return false;
    if (validBefore !== null) {
      if (p.validThrough === null) return false;
      const t = Date.parse(p.validThrough);
      if (!(t < validBefore)) return false;
    }
    if (seenBefore !== null) {
      const seen = source !== undefined ? p.sources.filter((s) => s.source === source).map((s) => s.lastSeenAt) : [p.lastSeenAt];
      if (!seen.some((at) => Date.parse(at) < seenBefore)) return false;
    }
    return true;
  };
}

function parseIso(name: string, value: string): number {
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new ValidationError([`${name}: must be an ISO 8601 date-time (got ${JSON.stringify(value)})`]);
  return t;
}
