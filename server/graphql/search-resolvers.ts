import { Kind } from 'graphql';
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { NotFoundError, ValidationError } from '../../schema/index.ts';
import type { StoredPosting } from '../../schema/index.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../schema/graphql/type-defs.ts';
import { FACETS, SEARCH_SORTS } from '../../store/search/search-port.ts';
import type { FacetName, SearchHighlight, SearchQuery, SearchResult, SearchSort } from '../../store/search/search-port.ts';
import { textProblem } from './input-text.ts';
import { parseId } from './job-filter-input.ts';
import { publicFacetValue } from './public-values.ts';
import type { RequestContext } from './request-context.ts';
import { cacheKey, filterKeyParts } from './result-cache.ts';
import { decodeCursor, encodeCursor, searchKey } from './search-cursor.ts';

/** Longest search text; a job seeker types a few words, not a page. */
export const MAX_QUERY_TEXT = 200;

export interface JobEdgeResult {
  cursor: string;
  node: StoredPosting;
  highlights: SearchHighlight[];
  distanceMiles: number | null;
}

export interface JobConnectionResult {
  totalCount: number;
  edges: JobEdgeResult[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null; hasPreviousPage: boolean; startCursor: string | null };
  facets: Record<FacetName, { value: string; label: string | null; count: number }[]>;
}

export function parseFirst(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_PAGE_SIZE;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new ValidationError([`first: must be 1 to ${MAX_PAGE_SIZE}, got ${JSON.stringify(value)}`]);
  }
  return value;
}

export function parseQueryText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ValidationError(['query: must be a string']);
  const problem = textProblem(value, 'text');
  if (problem) throw new ValidationError([`query: ${problem}`]);
  const text = value.replace(/\s+/g, ' ').trim();
  if (text.length > MAX_QUERY_TEXT) throw new ValidationError([`query: at most ${MAX_QUERY_TEXT} characters`]);
  return text === '' ? undefined : text;
}

function parseSort(value: unknown): SearchSort {
  if (value === undefined || value === null) return 'relevance';
  if (typeof value === 'string' && (SEARCH_SORTS as readonly string[]).includes(value)) return value as SearchSort;
  throw new ValidationError([`sort: must be one of ${SEARCH_SORTS.map((s) => s.toUpperCase()).join(', ')}`]);
}

/**
 * Names of the fields selected under the current field, through fragments, as `name` and, one
 * level further, `name.child` (so `facets.states` says which facet lists were asked for).
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, prefix: string, depth: number, seen: Set<string>) => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        names.add(`${prefix}${sel.name.value}`);
        if (depth === 0) visit(sel.selectionSet, `${sel.name.value}.`, 1, new Set(seen));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet, prefix, depth, seen);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        visit(info.fragments[sel.name.value]?.selectionSet, prefix, depth, seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, '', 0, new Set());
  return names;
}

/**
 * The engine's answer for one page (ids, highlights, distances, facet counts), from the result
 * cache when the index lives in this process. The postings themselves are always read from the
 * store, so a cached page never shows an old version of a posting. A shared index (Meilisearch)
 * also takes writes from other processes (a `peerboard scrape` next to the server) that this
 * runtime's data version does not see, so its answers are not cached.
 */
function cachedSearch(ctx: RequestContext, query: SearchQuery): Promise<SearchResult> {
  const filterKey = ctx.runtime.search.kind === 'embedded' ? filterKeyParts(query.filter ?? {}) : null;
  if (!filterKey) return ctx.runtime.search.search(query);
  return ctx.cache.getAsync(cacheKey('searchJobs', { ...query, filter: filterKey }), () => ctx.runtime.search.search(query));
}

export async function searchJobs(args: Record<string, unknown>, ctx: RequestContext, info: GraphQLResolveInfo): Promise<JobConnectionResult> {
  const first = parseFirst(args.first);
  const text = parseQueryText(args.query);
  const sort = parseSort(args.sort);
  const filter = ctx.filter(args.filter);
  if (sort === 'distance' && !filter.near) throw new ValidationError(['sort: DISTANCE needs filter.near (a place or lat/lon and a radius)']);
  const key = searchKey({ text, filter: args.filter ?? null, sort });
  let offset = 0;
  if (args.after !== undefined && args.after !== null) {
    if (typeof args.after !== 'string') throw new ValidationError(['after: must be a cursor string']);
    offset = decodeCursor(args.after, key) + 1;
  }
  const wanted = selectedFields(info);
  const query: SearchQuery = {
    ...(text === undefined ? {} : { text }),
    filter,
    sort,
    page: { offset, limit: first },
    // Facet counts cost a pass over the matches: only the lists the client asked for.
    facets: FACETS.filter((f) => wanted.has(`facets.${f}`)),
  };
  const result = await cachedSearch(ctx, query);
  const postings = wanted.has('edges') ? await ctx.runtime.store.getPostings(result.hits.map((h) => h.id)) : [];
  const byId = new Map(postings.map((p) => [p.id, p]));
  const edges: JobEdgeResult[] = [];
  result.hits.forEach((hit, i) => {
    const node = byId.get(hit.id);
    // The index may briefly hold a posting the store no longer has: skip it rather than fail the page.
    if (!node) return;
    edges.push({ cursor: encodeCursor(offset + i, key), node, highlights: hit.highlights, distanceMiles: hit.distanceMiles });
  });
  const lastPosition = offset + result.hits.length - 1;
  const facets = {} as JobConnectionResult['facets'];
  for (const name of FACETS) {
    facets[name] = (result.facets[name] ?? []).map((f) => ({ ...publicFacetValue(name, f.value), count: f.count }));
  }
  return {
    totalCount: result.total,
    edges,
    pageInfo: {
      hasNextPage: offset + result.hits.length < result.total,
      endCursor: result.hits.length ? encodeCursor(lastPosition, key) : null,
      hasPreviousPage: offset > 0,
      startCursor: result.hits.length ? encodeCursor(offset, key) : null,
    },
    facets,
  };
}

export async function job(args: Record<string, unknown>, ctx: RequestContext): Promise<StoredPosting | null> {
  return ctx.runtime.store.getPosting(parseId(args.id));
}

/** A posting that must exist (mutations): NOT_FOUND otherwise. */
export async function requirePosting(ctx: RequestContext, id: string): Promise<StoredPosting> {
  const posting = await ctx.runtime.store.getPosting(id);
  if (!posting) throw new NotFoundError(`no job with id "${id}"`);
  return posting;
}
