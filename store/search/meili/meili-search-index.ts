import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, type EnqueuedTask, type Hit, type Index, type SearchParams, type SearchResponse, type Settings, type Task } from 'meilisearch';
import { PeerboardError, type StoredPosting } from '../../../schema/index.ts';
import type { FacetName, SearchHighlight, SearchHit, SearchIndex, SearchQuery, SearchResult } from '../search-port.ts';
import { toSearchDocument, type SearchDocument } from '../search-document.ts';
import { orderFacetCounts, validateSearchQuery } from '../search-query.ts';
import { haversineMiles } from '../geo-distance.ts';
import { escapeHtml } from '../text-analysis.ts';
import { buildMeiliFilter, buildMeiliSort } from './meili-filter.ts';
import { settingsDifferences, settingsFor } from './meili-settings.ts';
import { formatVersion, parseMeiliVersion, requireSupported, type MeiliVersion } from './meili-version.ts';

export interface MeiliSearchOptions {
  host: string;
  /** A key scoped to the postings index (see the README, "A scoped Meilisearch key"), never the master key. */
  apiKey?: string | undefined;
  indexUid: string;
  /** Longest wait for one Meilisearch task (ms). */
  taskTimeoutMs?: number;
  /** Polling interval while waiting for a task (ms). */
  taskIntervalMs?: number;
  /** Documents per addDocuments call (default 1000: a few MB, well inside the request timeout). */
  batchSize?: number;
  /** Longest wait for one HTTP request (ms): a hung server fails a search instead of stalling it. */
  requestTimeoutMs?: number;
  /** Extra attempts after a transient failure (network error, timeout, 5xx, 429), with backoff. */
  retries?: number;
  /** First backoff delay (ms); doubled per attempt, with jitter. */
  retryBaseMs?: number;
  /** While Meilisearch is unreachable, how often to try connecting again (ms; doubled up to a minute). */
  reconnectMs?: number;
  /** Warnings: a settings task still running at start, Meilisearch unreachable, reconnected. Default: a process warning. */
  log?: (line: string) => void;
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

function describe(err: unknown): string {
  if (err instanceof MeilisearchApiError) return `${err.cause?.code ?? err.response.status}: ${err.cause?.message ?? err.message}`;
  if (err instanceof MeilisearchRequestError) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return err instanceof Error ? err.message : String(err);
}

function unavailable(action: string, err: unknown): PeerboardError {
  if (err instanceof PeerboardError) return err;
  return new PeerboardError('SEARCH_UNAVAILABLE', `Meilisearch ${action} failed: ${describe(err)}`, { cause: err });
}

/** Meilisearch is there but not done yet (a task still queued): like an outage, tried again later. */
class NotYet extends PeerboardError {
  constructor(message: string) {
    super('SEARCH_UNAVAILABLE', message);
  }
}

/**
 * Worth another try: the request never got an answer (refused, reset, timed out) or Meilisearch
 * said it is overloaded or broken for now (429, 5xx). A 4xx is about the request and fails at once.
 */
export function isTransient(err: unknown): boolean {
  if (err instanceof MeilisearchRequestError || err instanceof NotYet) return true;
  if (err instanceof MeilisearchApiError) return err.response.status === 429 || err.response.status >= 500;
  return false;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Search error codes that mean "the index lacks a filterable/sortable attribute" (settings not applied yet). */
const SETTINGS_DEPENDENT_CODES = new Set(['invalid_search_filter', 'invalid_search_sort', 'invalid_search_facets']);

/**
 * The pages that cover hits [offset, offset + limit). Meilisearch gives an exact `totalHits` only
 * with page/hitsPerPage, so an offset that is not a multiple of the limit is served from the
 * smallest page size between limit and 2 × limit whose one page covers the window, else from the
 * two aligned pages of size `limit` around it (never `offset + limit` hits).
 */
export function pageWindow(offset: number, limit: number): { hitsPerPage: number; pages: number[]; skip: number } {
  if (offset % limit === 0) return { hitsPerPage: limit, pages: [offset / limit + 1], skip: 0 };
  for (let h = limit + 1; h <= 2 * limit; h++) {
    if ((offset % h) + limit <= h) return { hitsPerPage: h, pages: [Math.floor(offset / h) + 1], skip: offset % h };
  }
  const first = Math.floor(offset / limit) + 1;
  return { hitsPerPage: limit, pages: [first, first + 1], skip: offset % limit };
}

/** The checkpoint key of an index: engine, host and index uid (docs/decisions/035). */
export function meiliView(host: string, indexUid: string): string {
  let origin = host.trim();
  try {
    const u = new URL(/^https?:\/\//i.test(origin) ? origin : `http://${origin}`);
    origin = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    // An unparsable host fails at the first request; the key only has to be stable.
  }
  return `meili:${origin}/${indexUid}`;
}

type Resolved = Required<Omit<MeiliSearchOptions, 'apiKey' | 'log'>> & Pick<MeiliSearchOptions, 'apiKey' | 'log'>;

/** The Meilisearch adapter of the search port, over the official client. */
export class MeiliSearchIndex implements SearchIndex {
  readonly kind = 'meilisearch' as const;
  /** Checkpoint key: another host, another uid or a lost volume is another view to catch up. */
  readonly view: string;
  private readonly client: Meilisearch;
  private readonly index: Index<MeiliDocument>;
  private readonly options: Resolved;
  private version: MeiliVersion | null = null;
  private wanted: Settings | null = null;
  /** Set while Meilisearch could not be reached: every call answers SEARCH_UNAVAILABLE at once. */
  private down: PeerboardError | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = 0;
  private connecting: Promise<void> | null = null;
  /** A settings task that was still running when init stopped waiting for it. */
  private pendingSettings: number | null = null;
  private closed = false;

  constructor(options: MeiliSearchOptions) {
    this.options = { taskTimeoutMs: 60_000, taskIntervalMs: 50, batchSize: 1000, requestTimeoutMs: 10_000, retries: 2, retryBaseMs: 200, reconnectMs: 5000, ...options };
    // `timeout` bounds every HTTP request the client makes (it has none by default).
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: this.options.requestTimeoutMs });
    this.index = this.client.index<MeiliDocument>(options.indexUid);
    this.view = meiliView(options.host, options.indexUid);
  }

  private log(line: string): void {
    if (this.options.log) this.options.log(`meilisearch: ${line}`);
    else process.emitWarning(`meilisearch: ${line}`, 'PeerboardSearchWarning');
  }

  /** The server version read at start (null before). */
  get serverVersion(): string | null {
    return this.version ? formatVersion(this.version) : null;
  }

  /**
   * Reads the server version, creates the index when missing and applies the settings the server
   * knows. A server that cannot be reached is not fatal: the index answers SEARCH_UNAVAILABLE
   * (and /readyz fails) while it reconnects on a timer. A server that answers wrongly is fatal:
   * too old, a key without the needed actions, settings it refuses.
   */
  async init(): Promise<void> {
    try {
      await this.connect();
    } catch (err) {
      if (!isTransient(err)) throw err instanceof PeerboardError ? err : unavailable('start', err);
      this.markDown(err);
    }
  }

  private downError(err: unknown): PeerboardError {
    if (err instanceof NotYet) return err;
    return new PeerboardError('SEARCH_UNAVAILABLE', `Meilisearch at ${this.options.host} is unreachable (${describe(err)}); reconnecting in the background`, { cause: err });
  }

  private markDown(err: unknown): void {
    this.down = this.downError(err);
    this.log(this.down.message);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectDelay = this.reconnectDelay ? Math.min(this.reconnectDelay * 2, 60_000) : this.options.reconnectMs;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.reconnect();
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
  }

  private async reconnect(): Promise<void> {
    try {
      await this.connect();
      this.down = null;
      this.reconnectDelay = 0;
      this.log(`connected to ${this.options.host} again`);
    } catch (err) {
      if (this.closed) return;
      if (isTransient(err)) this.down = this.downError(err);
      else this.down = err instanceof PeerboardError ? err : unavailable('start', err);
      this.scheduleReconnect();
    }
  }

  private connect(): Promise<void> {
    this.connecting ??= this.doConnect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async doConnect(): Promise<void> {
    const raw = await this.call('reading the version', () => this.client.getVersion()).catch((err: unknown) => {
      if (err instanceof MeilisearchApiError && (err.response.status === 401 || err.response.status === 403)) {
        throw new PeerboardError('CONFIG_INVALID', `Meilisearch at ${this.options.host} refused to tell its version (${describe(err)}): MEILI_API_KEY is wrong, or lacks the "version" action besides the index actions (README, "Running with MongoDB and Meilisearch")`, { cause: err });
      }
      throw err;
    });
    const version = parseMeiliVersion(raw.pkgVersion);
    if (!version) throw new PeerboardError('SEARCH_UNAVAILABLE', `Meilisearch at ${this.options.host} reported no readable version (${JSON.stringify(raw).slice(0, 200)})`);
    requireSupported(version, this.options.host);
    this.version = version;
    const wanted = settingsFor(version);
    this.wanted = wanted;

    try {
      await this.call('reading the index', () => this.index.getRawInfo());
    } catch (err) {
      if (!(err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found')) throw err;
      // Another process may create it at the same moment: "already exists" is fine.
      const created = await this.enqueueAndWait('creating the index', () => this.client.createIndex(this.options.indexUid, { primaryKey: 'id' }), ['index_already_exists']);
      // Queued behind other work: not a reason to stop the start. The index is "down" until the
      // next attempt finds it created.
      if (created === 'timeout') throw new NotYet(`Meilisearch did not create index "${this.options.indexUid}" within ${this.options.taskTimeoutMs} ms (its task is still queued)`);
    }

    // Settings that are already right are not sent again: no task, nothing to wait for on a busy index.
    const before = await this.call('reading settings', () => this.index.getSettings());
    if (!settingsDifferences(before, wanted).length) {
      this.pendingSettings = null;
      return;
    }
    let enqueued: EnqueuedTask;
    try {
      enqueued = await this.call('applying settings', () => this.index.updateSettings(wanted));
    } catch (err) {
      if (err instanceof MeilisearchApiError && err.response.status === 400) {
        throw new PeerboardError('CONFIG_INVALID', `Meilisearch ${formatVersion(version)} at ${this.options.host} refused the index settings (${describe(err)})`, { cause: err });
      }
      throw err;
    }
    const done = await this.waitForTask('applying settings', enqueued.taskUid);
    if (done === 'timeout') {
      // A busy index (a large document batch ahead in the queue) is not a reason to stop the
      // start: the task runs on, and readiness and searches report it until it has finished.
      this.pendingSettings = enqueued.taskUid;
      this.log(`settings task ${enqueued.taskUid} still running after ${this.options.taskTimeoutMs} ms; not ready until it finishes`);
      return;
    }
    this.checkTask('applying settings', done, []);
    this.pendingSettings = null;
    await this.verifySettings();
  }

  private async verifySettings(): Promise<void> {
    const actual = await this.call('reading settings', () => this.index.getSettings());
    const diff = settingsDifferences(actual, this.wanted ?? undefined);
    if (diff.length) {
      throw new PeerboardError('SEARCH_UNAVAILABLE', `Meilisearch index "${this.options.indexUid}" does not hold the settings applied:\n${diff.join('\n')}`);
    }
  }

  /** Throws while the index cannot serve: unreachable, or its settings task still running or failed. */
  private async ready(): Promise<void> {
    if (this.down) throw this.down;
    if (this.pendingSettings === null) return;
    const uid = this.pendingSettings;
    const task = await this.call('reading a task', () => this.client.tasks.getTask(uid));
    if (task.status === 'enqueued' || task.status === 'processing') {
      throw new PeerboardError('SEARCH_UNAVAILABLE', `Meilisearch is still applying the index settings (task ${uid} ${task.status})`);
    }
    this.checkTask('applying settings', task, []);
    await this.verifySettings();
    this.pendingSettings = null;
  }

  async ping(): Promise<void> {
    try {
      await this.ready();
      // One attempt only: readiness must answer quickly and truthfully.
      await this.index.getRawInfo();
    } catch (err) {
      throw unavailable('ping', err);
    }
  }

  async close(): Promise<void> {
    // The client keeps no connections of its own (fetch); only our reconnect timer.
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  async upsert(postings: readonly StoredPosting[], options?: { wait?: boolean }): Promise<void> {
    if (this.down) throw this.down;
    const docs = postings.map(toMeiliDocument);
    for (let i = 0; i < docs.length; i += this.options.batchSize) {
      const batch = docs.slice(i, i + this.options.batchSize);
      await this.write('adding documents', () => this.index.addDocuments(batch, { primaryKey: 'id' }), options?.wait ?? false);
    }
  }

  async remove(ids: readonly string[], options?: { wait?: boolean }): Promise<void> {
    if (!ids.length) return;
    if (this.down) throw this.down;
    await this.write('deleting documents', () => this.index.deleteDocuments([...ids]), options?.wait ?? false);
  }

  async clear(options?: { wait?: boolean }): Promise<void> {
    if (this.down) throw this.down;
    await this.write('clearing the index', () => this.index.deleteAllDocuments(), options?.wait ?? false);
  }

  async count(): Promise<number> {
    if (this.down) throw this.down;
    try {
      // GET documents reports the exact `total` and needs only `documents.get` (index stats
      // would need another action on the key); one id is the smallest page it returns.
      const r = await this.call('counting documents', () => this.index.getDocuments({ limit: 1, fields: ['id'] }));
      return r.total;
    } catch (err) {
      throw unavailable('counting documents', err);
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const q = validateSearchQuery(query);
    if (this.down) throw this.down;
    const window = pageWindow(q.offset, q.limit);
    const params: SearchParams = {
      filter: buildMeiliFilter(q.filter),
      hitsPerPage: window.hitsPerPage,
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
    const responses: SearchResponse<MeiliDocument>[] = [];
    for (const page of window.pages) {
      const pageParams = { ...params, page, ...(page === window.pages[0] ? {} : { facets: undefined }) };
      try {
        responses.push(await this.call('search', () => this.index.search<MeiliDocument>(q.text || null, pageParams)));
      } catch (err) {
        if (err instanceof MeilisearchApiError && err.response.status === 400) {
          if (this.pendingSettings !== null && SETTINGS_DEPENDENT_CODES.has(err.cause?.code ?? '')) {
            throw new PeerboardError('SEARCH_UNAVAILABLE', `Meilisearch is still applying the index settings (task ${this.pendingSettings}): ${describe(err)}`, { cause: err });
          }
          // Our own expression was refused: a bug here, not bad user input (values are validated).
          throw new PeerboardError('INTERNAL_SERVER_ERROR', `Meilisearch refused the search: ${err.cause?.message ?? err.message}`, { cause: err });
        }
        throw unavailable('search', err);
      }
    }
    const response = responses[0]!;
    const rawHits = responses.flatMap((r) => r.hits).slice(window.skip, window.skip + q.limit);
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
   * Runs one request, again after a transient failure (up to `retries` more times, backoff
   * doubling from `retryBaseMs` with jitter). Re-sending a write is safe: adding a document by id
   * or deleting by id twice leaves the same index.
   */
  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (this.closed || !isTransient(err) || attempt >= this.options.retries) throw err;
        const base = this.options.retryBaseMs * 2 ** attempt;
        // Not logged: a failure that outlasts the retries surfaces as SEARCH_UNAVAILABLE anyway.
        await sleep(base / 2 + Math.random() * (base / 2));
      }
    }
  }

  /** Enqueues a task and, when `wait` (read-your-writes), waits for it; a failed or unfinished task throws. */
  private async write(action: string, enqueue: () => Promise<EnqueuedTask>, wait: boolean): Promise<void> {
    let enqueued: EnqueuedTask;
    try {
      enqueued = await this.call(action, enqueue);
    } catch (err) {
      throw unavailable(action, err);
    }
    if (!wait) return;
    const done = await this.waitForTask(action, enqueued.taskUid).catch((err: unknown) => {
      throw unavailable(action, err);
    });
    if (done === 'timeout') {
      throw new PeerboardError('SEARCH_UNAVAILABLE', `Meilisearch ${action}: task ${enqueued.taskUid} not finished after ${this.options.taskTimeoutMs} ms`);
    }
    this.checkTask(action, done, []);
  }

  private async enqueueAndWait(action: string, enqueue: () => Promise<EnqueuedTask>, acceptable: readonly string[]): Promise<Task | 'timeout'> {
    const enqueued = await this.call(action, enqueue);
    const done = await this.waitForTask(action, enqueued.taskUid);
    if (done !== 'timeout') this.checkTask(action, done, acceptable);
    return done;
  }

  /**
   * Polls a task until it has finished or `taskTimeoutMs` has passed (then 'timeout'); the
   * interval grows from `taskIntervalMs` to a second. Our own loop rather than the client's
   * `waitTask`, whose default of 5 s applied to index creation whatever we configured.
   */
  private async waitForTask(action: string, uid: number): Promise<Task | 'timeout'> {
    const deadline = Date.now() + this.options.taskTimeoutMs;
    let interval = this.options.taskIntervalMs;
    for (;;) {
      const task = await this.call(`${action} (task ${uid})`, () => this.client.tasks.getTask(uid));
      if (task.status !== 'enqueued' && task.status !== 'processing') return task;
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) return 'timeout';
      await sleep(Math.min(interval, left));
      interval = Math.min(interval * 1.5, 1000);
    }
  }

  private checkTask(action: string, done: Task, acceptable: readonly string[]): void {
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
