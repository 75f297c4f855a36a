import type { PostingFilter, StoredPosting } from '../../schema/index.ts';

export { FACETS, SEARCH_SORTS, type FacetName, type SearchSort } from '../../schema/vocabularies.ts';
import type { FacetName, SearchSort } from '../../schema/vocabularies.ts';

/** One typed query that each search adapter translates. */
export interface SearchQuery {
  text?: string;
  filter?: PostingFilter;
  sort?: SearchSort;
  page?: { offset: number; limit: number };
  facets?: readonly FacetName[];
}

export interface SearchHighlight {
  /** title, employer, description, ... */
  field: string;
  /** The matched passage with matches wrapped in <mark>…</mark>; the rest HTML-escaped. */
  snippet: string;
}

export interface SearchHit {
  id: string;
  highlights: SearchHighlight[];
  /** Distance from `filter.near`, when given. */
  distanceMiles: number | null;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: Partial<Record<FacetName, { value: string; count: number }[]>>;
}

export interface SearchIndex {
  readonly kind: 'embedded' | 'meilisearch';
  /**
   * The key of this index's checkpoint (ViewCheckpoint.view): engine + host + index uid for
   * Meilisearch ("meili:http://127.0.0.1:7700/postings"), so another host, another uid or a lost
   * volume is another view and gets caught up. Absent: the follower uses "<kind>-search".
   */
  readonly view?: string;
  /** Applies settings / loads the persisted index. */
  init(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Adds or replaces postings (only active ones are searchable by default; status is a filter). */
  upsert(postings: readonly StoredPosting[], options?: { wait?: boolean }): Promise<void>;
  remove(ids: readonly string[], options?: { wait?: boolean }): Promise<void>;
  clear(options?: { wait?: boolean }): Promise<void>;
  count(): Promise<number>;
  search(query: SearchQuery): Promise<SearchResult>;
  /**
   * True when the index cannot vouch for what the store marks as indexed: an in-memory index
   * that starts empty in each process, or was cleared since its last full load. `reconcileIndex`
   * then loads every posting instead of only those behind. Absent (or false) for indexes that
   * keep their content (Meilisearch).
   */
  needsFullLoad?(): boolean;
  /** Called by `rebuildIndex` once every posting of the store has been indexed after a clear. */
  markFullyLoaded?(): void;
}
