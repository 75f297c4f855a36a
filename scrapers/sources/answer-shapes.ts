import { z } from 'zod';

/**
 * Small zod helpers for reading third-party answers: only the fields we use are checked, the rest
 * passes through, and `null` is accepted wherever APIs send it for "absent".
 */
export const optionalString = z.string().nullish().transform((v) => (v === null || v === undefined || v.trim() === '' ? undefined : v));
export const optionalNumber = z.union([z.number(), z.string()]).nullish().transform((v) => {
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
});
export const idString = z.union([z.string().min(1), z.number()]).transform(String);

/** `path: message` lines for an item that did not have the shape we need. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Base URL + path segments, each segment URL-encoded (board names come from the sources file). */
export function joinUrl(base: string, ...segments: string[]): string {
  const trimmed = base.replace(/\/+$/, '');
  return [trimmed, ...segments.map((s) => encodeURIComponent(s))].join('/');
}
