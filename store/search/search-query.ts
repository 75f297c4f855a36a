import { z } from 'zod';
import { ValidationError, formatZodIssues, postingFilterSchema, type PostingFilter } from '../../schema/index.ts';
import { FACETS, SEARCH_SORTS, type FacetName, type SearchQuery, type SearchSort } from './search-port.ts';

/** Largest page a search returns. */
export const MAX_PAGE_LIMIT = 100;
/** Deepest result a search can page to (offset + limit); both adapters count totals exactly beyond it. */
export const MAX_PAGE_DEPTH = 10_000;
export const DEFAULT_PAGE_LIMIT = 20;
/** Longer query text is cut: nobody types 200 characters into a job search, and it bounds work. */
export const MAX_QUERY_CHARS = 200;

/** A query after validation: every value typed and in range, ready for an adapter to translate. */
export interface ValidSearchQuery {
  text: string;
  filter: PostingFilter;
  sort: SearchSort;
  offset: number;
  limit: number;
  facets: FacetName[];
}

const querySchema = z.object({
  text: z.string().optional(),
  filter: postingFilterSchema.optional(),
  sort: z.enum(SEARCH_SORTS).optional(),
  page: z
    .object({
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(MAX_PAGE_LIMIT),
    })
    .refine((p) => p.offset + p.limit <= MAX_PAGE_DEPTH, `offset + limit must be at most ${MAX_PAGE_DEPTH}`)
    .optional(),
  facets: z.array(z.enum(FACETS)).optional(),
});

/**
 * Validates a query from any caller (the API validates too; this is the adapters' own guard, so
 * nothing untyped reaches a filter expression). Throws a {@link ValidationError} listing every problem.
 */
export function validateSearchQuery(query: SearchQuery): ValidSearchQuery {
  const r = querySchema.safeParse(query);
  if (!r.success) throw new ValidationError(formatZodIssues(r.error.issues));
  const q = r.data;
  const filter = q.filter ?? {};
  const problems: string[] = [];
  const finite = (name: string, v: number | undefined) => {
    if (v !== undefined && !Number.isFinite(v)) problems.push(`filter.${name}: must be a finite number`);
  };
  finite('payMinHourly', filter.payMinHourly);
  finite('payMinAnnual', filter.payMinAnnual);
  if (filter.near) {
    const { lat, lon, radiusMiles } = filter.near;
    if (!Number.isFinite(lat) || Math.abs(lat) > 90) problems.push('filter.near.lat: must be a latitude between -90 and 90');
    if (!Number.isFinite(lon) || Math.abs(lon) > 180) problems.push('filter.near.lon: must be a longitude between -180 and 180');
    if (!Number.isFinite(radiusMiles)) problems.push('filter.near.radiusMiles: must be a finite number');
  }
  for (const key of ['postedAfter', 'postedBefore'] as const) {
    const v = filter[key];
    if (v !== undefined && !Number.isFinite(Date.parse(v))) problems.push(`filter.${key}: must be an ISO 8601 date-time`);
  }
  const sort = q.sort ?? 'relevance';
  if (sort === 'distance' && !filter.near) problems.push('sort: "distance" needs filter.near');
  if (problems.length) throw new ValidationError(problems);
  return {
    text: (q.text ?? '').slice(0, MAX_QUERY_CHARS).trim(),
    filter,
    sort,
    offset: q.page?.offset ?? 0,
    limit: q.page?.limit ?? DEFAULT_PAGE_LIMIT,
    facets: [...new Set(q.facets ?? [])],
  };
}

/** Facet counts in the order every adapter returns them: most postings first, then by value. */
export function orderFacetCounts(counts: Iterable<[string, number]>): { value: string; count: number }[] {
  return [...counts]
    .filter(([, c]) => c > 0)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
