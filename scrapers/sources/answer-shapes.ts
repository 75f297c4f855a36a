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

/**
 * A real service path under a configured origin: `https://api.smartrecruiters.com` +
 * `/v1/companies/acme/postings`. Segments are URL-encoded; a base with a path prefix (a mirror)
 * keeps it.
 */
export function underOrigin(base: string, ...segments: string[]): string {
  return [base.replace(/\/+$/, ''), ...segments.map((s) => encodeURIComponent(s))].join('/');
}

/** Text from a `{ id, label }` object (SmartRecruiters, BambooHR) or a plain string. */
export const labelled = z
  .union([z.string(), z.object({ label: z.string().nullish(), name: z.string().nullish() }).loose()])
  .nullish()
  .transform((v) => {
    const text = typeof v === 'string' ? v : (v?.label ?? v?.name ?? undefined);
    return text && text.trim() !== '' ? text.trim() : undefined;
  });

/** Reads one JSON object literal embedded in a page (`window.pageData = {...};`) starting at `start`. */
export function embeddedJsonObject(text: string, start: number): unknown {
  const open = text.indexOf('{', start);
  if (open < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) {
        try {
          return JSON.parse(text.slice(open, i + 1)) as unknown;
        } catch {
          return undefined;
        }
      }
    }
  }
  return undefined;
}
