import type { PostingFilter, StoredPosting } from '../../schema/index.ts';
import type { FacetName, SearchHit, SearchQuery, SearchResult } from '../../store/search/search-port.ts';
import type { WebDeps } from '../web-deps.ts';
import { baseFilter, DEFAULT_RADIUS, PAGE_SIZE, parsePlace, POSTED_CHOICES, postedAfter } from './job-search-params.ts';
import type { JobSearchParams, ParamProblem } from './job-search-params.ts';

export type FacetCounts = Record<'settings' | 'states' | 'employmentTypes' | 'workplaces', Map<string, number>>;

export interface JobSearchOutcome {
  total: number;
  hits: { posting: StoredPosting; hit: SearchHit }[];
  facets: FacetCounts;
  /** How many jobs each yes/no filter and each "posted within" choice would leave. */
  flagCounts: { cert: number; lived: number; posted: Map<number, number> };
  problems: ParamProblem[];
  filter: PostingFilter;
}

const FACET_PARAM: Record<keyof FacetCounts, keyof PostingFilter> = {
  settings: 'settings',
  states: 'states',
  employmentTypes: 'employmentTypes',
  workplaces: 'workplaces',
};

/**
 * Runs the search behind `/jobs` (and its feed): the page of hits, and a count beside every filter.
 *
 * Counts are "disjunctive" as shoppers expect: the count beside each setting is what the page
 * would show with that setting ticked as well, so ticking one setting does not turn every other
 * setting's count into 0. That costs one extra count per filter group in use; the counts run on
 * the search index (facets, page of one) and are cached per data version with the server's result
 * cache when the index lives in this process.
 */
export async function runJobSearch(deps: WebDeps, params: JobSearchParams, options: { pageSize?: number; sortOverride?: SearchQuery['sort'] } = {}): Promise<JobSearchOutcome> {
  const now = deps.now();
  const problems: ParamProblem[] = [];
  const filter = baseFilter(params, now);
  if (params.near) {
    const place = parsePlace(params.near);
    const point = place && deps.geocode ? deps.geocode(place.city, place.state) : null;
    if (!place) problems.push({ field: 'near', message: 'Enter a place as a city and a two-letter state, like Columbus, OH' });
    else if (!point) problems.push({ field: 'near', message: `We do not know "${params.near}": check the spelling, or try a nearby town` });
    else filter.near = { lat: point.lat, lon: point.lon, radiusMiles: params.radius ?? DEFAULT_RADIUS };
  }
  const text = params.q || undefined;
  const sort = options.sortOverride ?? (params.sort === 'distance' && !filter.near ? 'relevance' : params.sort);
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const search = (q: SearchQuery) => cachedSearch(deps, q);

  const facetNames = Object.keys(FACET_PARAM) as (keyof FacetCounts)[];
  const narrowed = facetNames.filter((f) => (filter[FACET_PARAM[f]] as unknown[] | undefined)?.length);
  const open = facetNames.filter((f) => !narrowed.includes(f));
  const without = (f: PostingFilter, key: keyof PostingFilter): PostingFilter => {
    const copy = { ...f };
    delete copy[key];
    return copy;
  };
  const countOf = async (f: PostingFilter) => (await search({ ...(text ? { text } : {}), filter: f, page: { offset: 0, limit: 1 } })).total;

  const [main, ...rest] = await Promise.all([
    search({ ...(text ? { text } : {}), filter, sort, page: { offset: (params.page - 1) * pageSize, limit: pageSize }, facets: open }),
    ...narrowed.map((f) => search({ ...(text ? { text } : {}), filter: without(filter, FACET_PARAM[f]), page: { offset: 0, limit: 1 }, facets: [f] })),
  ]);
  const facets = {} as FacetCounts;
  for (const f of open) facets[f] = toMap(main, f);
  narrowed.forEach((f, i) => (facets[f] = toMap(rest[i]!, f)));

  // Each of these narrows the search: with no match, every one of them is 0 without asking.
  const narrower = (f: PostingFilter) => (main.total === 0 ? Promise.resolve(0) : countOf(f));
  const [cert, lived, ...posted] = await Promise.all([
    filter.certificationRequired ? main.total : narrower({ ...filter, certificationRequired: true }),
    filter.livedExperienceRequired ? main.total : narrower({ ...filter, livedExperienceRequired: true }),
    ...POSTED_CHOICES.map((d) => narrower({ ...filter, postedAfter: postedAfter(d, now) })),
  ]);

  const postings = await deps.runtime.store.getPostings(main.hits.map((h) => h.id));
  const byId = new Map(postings.map((p) => [p.id, p]));
  const hits: JobSearchOutcome['hits'] = [];
  for (const hit of main.hits) {
    const posting = byId.get(hit.id);
    // The index may briefly hold a posting the store no longer has: skip it rather than fail the page.
    if (posting) hits.push({ posting, hit });
  }
  return {
    total: main.total,
    hits,
    facets,
    flagCounts: { cert: cert, lived: lived, posted: new Map(POSTED_CHOICES.map((d, i) => [d, posted[i]!])) },
    problems,
    filter,
  };
}

function toMap(result: SearchResult, facet: FacetName): Map<string, number> {
  return new Map((result.facets[facet] ?? []).map((f) => [f.value, f.count]));
}

/**
 * A search answer from the result cache when the index lives in this process (its data version
 * moves with every write); a shared index (Meilisearch) takes writes from other processes, so it
 * is always asked.
 */
export function cachedSearch(deps: WebDeps, query: SearchQuery): Promise<SearchResult> {
  if (!deps.cache || deps.runtime.search.kind !== 'embedded') return deps.runtime.search.search(query);
  return deps.cache.getAsync(`web:search:${JSON.stringify(query)}`, () => deps.runtime.search.search(query));
}
