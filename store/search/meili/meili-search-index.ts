import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type Hit, type Index, type SearchParams } from 'meilisearch';
import { PeerboardError, type StoredPosting } from '../../../schema/index.ts';
import type { FacetName, SearchHighlight, SearchHit, SearchIndex, SearchQuery, SearchResult } from '../search-port.ts';
import { toSearchDocument, type SearchDocument } from '../search-document.ts';
import { orderFacetCounts, validateSearchQuery } from '../search-query.ts';
import { haversineMiles } from '../geo-distance.ts';
import { escapeHtml } from '../text-analysis.ts';
import { buildMeiliFilter, buildMeiliSort } from './meili-filter.ts';
import { POSTINGS_SETTINGS, settingsDifferences } from './meili-settings.ts';

export interface MeiliSearchOptions {
  host: string;
  /** A key scoped to the postings index (see the README, "A scoped Meilisearch key"), never the master key. */
  apiKey?: string | undefined;
  indexUid: string;
  /** Longest wait for one Meilisearch task (ms). */
  taskTimeoutMs?: number;
  /** Polling interval while waiting for a task (ms). */
  taskIntervalMs?: number;
  /** Documents per addDocuments call. */
  batchSize?: number;
}

/** Facet names of the port → attributes of the index. */
const FACET_ATTRIBUTE: Record<FacetName, keyof SearchDocument> = {
  settings: 'settings',
  states: 'state',
  roleFamilies: 'roleFamily',
  employmentTypes: 'employmentType',
  workplaces: 'workplace',
};

/**
 * Highlight tags. Meilisearch does not HTML-escape `_formatted`; we escape it ourselves and so
 * ask for control-character tags that cannot occur in indexed text (they are stripped from every
 * document), then turn them into <mark> after escaping. Literal "<mark>" tags would be
 * indistinguishable from a posting that contains that text.
 */
const PRE = '\u0002';
const POST = '\u0003';
const TAG_CHARS = /[\u0002\u0003]/g;
const CROP_LENGTH = 30;
const HIGHLIGHTED = ['title', 'employer', 'description'] as const;

type MeiliDocument = Omit<SearchDocument, '_geo'> & { _geo?: { lat: number; lng: number } };

function toMeiliDocument(p: StoredPosting): MeiliDocument {
  const d = toSearchDocument(p);
  const { _geo, ...rest } = d;
  const clean = (s: string | null) => (s === null ? null : s.replace(TAG_CHARS, ''));
  const doc: MeiliDocument = {
    ...rest,
    title: clean(rest.title) ?? '',
    employer: clean(rest.employer),
    city: clean(rest.city),
    description: clean(rest.description) ?? '',
  };
  // Meilisearch rejects a document whose _geo is null; a posting without coordinates has none.
  if (_geo) doc._geo = _geo;
  return doc;
}

function unavailable(action: string, err: unknown): PeerboardError {
  const detail =
    err instanceof MeilisearchApiError
      ? `${err.cause?.code ?? err.response.status}: ${err.cause?.message ?? err.message}`
      : err instanceof Error
        ? err.message
        : String(err);
  return new PeerboardError('SEARCH_UNAVAILABLE', `Meilisearch ${action} failed: ${detail}`, { cause: err });
}

/** The Meilisearch adapter of the search port, over the official client. */
export class MeiliSearchIndex implements SearchIndex {
  readonly kind = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private readonly index: Index<MeiliDocument>;
  private readonly options: Required<Omit<MeiliSearchOptions, 'apiKey'>> & { apiKey?: string | undefined };

  constructor(options: MeiliSearchOptions) {
    this.options = { taskTimeoutMs: 60_000, taskIntervalMs: 50, batchSize: 5000, ...options };
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, defaultWaitOptions: { timeout: this.options.taskTimeoutMs, interval: this.options.taskIntervalMs } });
    this.index = this.client.index<MeiliDocument>(options.indexUid);
  }

  /** Creates the index when missing, applies the settings, waits, and checks what Meilisearch reports. */
  async init(): Promise<void> {
    try {
      await this.index.getRawInfo();
    } catch (err) {
      if (!(err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found')) throw unavailable('reading the index', err);
      // Another process may create it at the same moment: "already exists" is fine.
      await this.settle('creating the index', this.client.createIndex(this.options.indexUid, { primaryKey: 'id' }), ['index_already_exists'], true);
    }
    await this.settle('applying settings', this.index.updateSettings(POSTINGS_SETTINGS), [], true);
    let actual;
    try {
      actual = await this.index.getSettings();
    } catch (err) {
      throw unavailable('reading settings', err);
    }
    const diff = settingsDifferences(actual);
    if (diff.length) {
      throw new PeerboardError('SEARCH_UNAVAILABLE', `Meilisearch index "${this.options.indexUid}" does not hold the settings applied:\n${diff.join('\n')}`);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.index.getRawInfo();
    } catch (err) {
      throw unavailable('ping', err);
    }
  }

  async close(): Promise<void> {
    // The client keeps no connections of its own (fetch); nothing to release.
  }

  async upsert(postings: readonly StoredPosting[], options?: { wait?: boolean }): Promise<void> {
    const docs = postings.map(toMeiliDocument);
    for (let i = 0; i < docs.length; i += this.options.batchSize) {
      const task = this.index.addDocuments(docs.slice(i, i + this.options.batchSize), { primaryKey: 'id' });
      await this.settle('adding documents', task, [], options?.wait ?? false);
    }
  }

  async remove(ids: readonly string[], options?: { wait?: boolean }): Promise<void> {
    if (!ids.length) return;
    await this.settle('deleting documents', this.index.deleteDocuments([...ids]), [], options?.wait ?? false);
  }

  async clear(options?: { wait?: boolean }): Promise<void> {
    await this.settle('clearing the index', this.index.deleteAllDocuments(), [], options?.wait ?? false);
  }

  async count(): Promise<number> {
    try {
      // GET documents reports the exact `total` and needs only `documents.get` (index stats
      // would need another action on the key); one id is the smallest page it returns.
      const r = await this.index.getDocuments({ limit: 1, fields: ['id'] });
      return r.total;
    } catch (err) {
      throw unavailable('counting documents', err);
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const q = validateSearchQuery(query);
    // page/hitsPerPage gives an exact totalHits; an offset that is not a multiple of the limit
    // is served from a larger first page.
    const aligned = q.offset % q.limit === 0;
    const hitsPerPage = aligned ? q.limit : q.offset + q.limit;
    const page = aligned ? q.offset / q.limit + 1 : 1;
    const params: SearchParams = {
      filter: buildMeiliFilter(q.filter),
      page,
      hitsPerPage,
      matchingStrategy: 'all',
      attributesToRetrieve: ['id', '_geo'],
    };
    const sort = buildMeiliSort(q.sort, q.filter.near);
    if (sort) params.sort = sort;
    if (q.facets.length) params.facets = q.facets.map((f) => FACET_ATTRIBUTE[f]);
    if (q.text) {
      params.attributesToHighlight = [...HIGHLIGHTED];
      params.attributesToCrop = ['description'];
      params.cropLength = CROP_LENGTH;
      params.cropMarker = '…';
      params.highlightPreTag = PRE;
      params.highlightPostTag = POST;
    }
    let response;
    try {
      response = await this.index.search<MeiliDocument>(q.text || null, params);
    } catch (err) {
      if (err instanceof MeilisearchApiError && err.response.status === 400) {
        // Our own expression was refused: a bug here, not bad user input (values are validated).
        throw new PeerboardError('INTERNAL_SERVER_ERROR', `Meilisearch refused the search: ${err.cause?.message ?? err.message}`, { cause: err });
      }
      throw unavailable('search', err);
    }
    const rawHits = aligned ? response.hits : response.hits.slice(q.offset);
    const near = q.filter.near;
    const hits: SearchHit[] = rawHits.map((h) => ({
      id: String(h.id),
      highlights: q.text ? highlightsOf(h) : [],
      distanceMiles: near && h._geo ? haversineMiles(near.lat, near.lon, Number(h._geo.lat), Number(h._geo.lng)) : null,
    }));
    const facets: SearchResult['facets'] = {};
    for (const f of q.facets) {
      const dist = response.facetDistribution?.[FACET_ATTRIBUTE[f]] ?? {};
      facets[f] = orderFacetCounts(Object.entries(dist));
    }
    // With page/hitsPerPage Meilisearch answers `totalHits` (exact up to maxTotalHits); the
    // client's type follows the params' static type, which cannot tell, so read both.
    const counted = response as { totalHits?: number; estimatedTotalHits?: number };
    const total = counted.totalHits ?? counted.estimatedTotalHits ?? hits.length;
    return { total, hits, facets };
  }

  /**
   * Awaits a task's enqueueing and, when `wait` (read-your-writes), its completion; a task that
   * ends in failure throws (except for the error codes listed as acceptable).
   */
  private async settle(action: string, task: EnqueuedTaskPromise, acceptable: readonly string[], wait: boolean): Promise<void> {
    let done;
    try {
      if (!wait) {
        await task;
        return;
      }
      done = await task.waitTask();
    } catch (err) {
      throw unavailable(action, err);
    }
    if (done.status === 'succeeded') return;
    if (done.status === 'failed' && done.error && acceptable.includes(done.error.code)) return;
    throw new PeerboardError(
      'SEARCH_UNAVAILABLE',
      `Meilisearch ${action}: task ${done.uid} ${done.status}${done.error ? ` (${done.error.code}: ${done.error.message})` : ''}`,
      { cause: done },
    );
  }
}

/** Highlights from `_formatted`: fields with a match, escaped, with our tags turned into <mark>. */
function highlightsOf(hit: Hit<MeiliDocument>): SearchHighlight[] {
  const out: SearchHighlight[] = [];
  const formatted = hit._formatted ?? {};
  for (const field of HIGHLIGHTED) {
    const value = formatted[field];
    if (typeof value !== 'string' || !value.includes(PRE)) continue;
    const snippet = escapeHtml(value).replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>');
    out.push({ field, snippet });
  }
  return out;
}
