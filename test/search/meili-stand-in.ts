import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A strict local stand-in for Meilisearch on 127.0.0.1, written from Meilisearch's API reference
 * and error codes for the version it pretends to be (default: the version docker-compose.yml
 * pins). It exists because the adapter once met only a lenient stand-in and would not start
 * against the real server (issue 12). What it checks, like the real one:
 *
 * - `GET /version` answers `pkgVersion`; the settings it accepts depend on that version: an
 *   unknown field answers 400 with the real code (`bad_request` at the top level,
 *   `invalid_settings_<name>` inside a setting, e.g. `typoTolerance.disableOnNumbers` before
 *   1.15), and so do values of the wrong type and unknown ranking rules.
 * - Writes are tasks: `202` with `enqueued`, processed one at a time in order, each taking
 *   `taskMs`; effects become visible only when the task succeeds. Creating an existing index is
 *   a task that FAILS with `index_already_exists`.
 * - Searches check the filter syntax (`invalid_search_filter`, numbers must be plain decimals:
 *   `1e+21` is refused), that filtered attributes are filterable, sorted ones sortable
 *   (`invalid_search_sort`), faceted ones filterable (`invalid_search_facets`), then filter, sort
 *   and page for real. Text matching is simple (every query word is a word prefix of a searchable
 *   attribute, no typos or synonyms); ranking follows the index's ranking rules in order, with
 *   "attribute" as the one relevance signal, so the position of `sort` in them matters here as
 *   it does in Meilisearch.
 * - Faults: `down()` closes the port (connection refused), `hang()` accepts requests and never
 *   answers, `failNext(n, status)` answers the next n requests with a 5xx/429, `busyMs` keeps
 *   the task queue busy before the next task.
 */

type Json = Record<string, unknown>;

export interface StandInRecord {
  settingsSent: Json[];
  documentsSent: Json[][];
  deletedIds: string[][];
  clears: number;
  searches: Json[];
  taskPolls: number[];
  authorization: (string | undefined)[];
  requests: string[];
}

export interface StandInOptions {
  /** The Meilisearch version to behave as (default 1.56.0, the one docker-compose.yml pins). */
  version?: string;
  /** Settings keys the stand-in "forgets" when asked to read them back (to test the check). */
  dropSettings?: string[];
  /** Task types that end as failed (e.g. documentAdditionOrUpdate). */
  failTaskTypes?: string[];
  /** How long each task takes to process (ms; default 3). */
  taskMs?: number;
  /** The API key every request must carry as a Bearer token (default: none needed). */
  apiKey?: string;
  /** Routes the key is not allowed (e.g. "version"): 403 invalid_api_key. */
  forbidden?: string[];
}

const BASE_TOP_LEVEL = [
  'displayedAttributes', 'searchableAttributes', 'filterableAttributes', 'sortableAttributes', 'rankingRules', 'stopWords',
  'nonSeparatorTokens', 'separatorTokens', 'dictionary', 'synonyms', 'distinctAttribute', 'proximityPrecision',
  'typoTolerance', 'faceting', 'pagination', 'embedders', 'searchCutoffMs', 'localizedAttributes', 'facetSearch', 'prefixSearch',
];
const TYPO_FIELDS = ['enabled', 'minWordSizeForTypos', 'disableOnWords', 'disableOnAttributes'];
const BUILT_IN_RULES = new Set(['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness']);

type Version = [number, number, number];
const parseVersion = (v: string): Version => v.split('.').map(Number).slice(0, 3) as Version;
const atLeast = (v: Version, w: Version) => v[0] !== w[0] ? v[0] > w[0] : v[1] !== w[1] ? v[1] > w[1] : v[2] >= w[2];

function defaultSettings(version: Version): Json {
  const typo: Json = { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnWords: [], disableOnAttributes: [] };
  if (atLeast(version, [1, 15, 0])) typo.disableOnNumbers = false;
  return {
    displayedAttributes: ['*'],
    searchableAttributes: ['*'],
    filterableAttributes: [],
    sortableAttributes: [],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    stopWords: [],
    nonSeparatorTokens: [],
    separatorTokens: [],
    dictionary: [],
    synonyms: {},
    distinctAttribute: null,
    proximityPrecision: 'byWord',
    typoTolerance: typo,
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'alpha' } },
    pagination: { maxTotalHits: 1000 },
    embedders: {},
    searchCutoffMs: null,
    localizedAttributes: null,
    facetSearch: true,
    prefixSearch: 'indexingTime',
  };
}

class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly type = 'invalid_request') {
    super(message);
  }
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const list = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

interface IndexState {
  primaryKey: string | null;
  createdAt: string;
  settings: Json;
  documents: Map<string, Json>;
}
interface TaskState {
  uid: number;
  indexUid: string | null;
  type: string;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed';
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: Json | null;
  apply: () => void;
}

export class MeiliStandIn {
  readonly record: StandInRecord = { settingsSent: [], documentsSent: [], deletedIds: [], clears: 0, searches: [], taskPolls: [], authorization: [], requests: [] };
  readonly version: Version;
  private server: Server | null = null;
  private port = 0;
  private sockets = new Set<Socket>();
  private indexes = new Map<string, IndexState>();
  private tasks: TaskState[] = [];
  private queue: TaskState[] = [];
  private working = false;
  private hung: ServerResponse[] = [];
  private hanging = false;
  private failures: { left: number; status: number } = { left: 0, status: 503 };
  /** Extra time the queue stays busy before its next task (a large batch ahead of ours). */
  busyMs = 0;

  constructor(private readonly options: StandInOptions = {}) {
    this.version = parseVersion(options.version ?? '1.56.0');
  }

  get url(): string {
    if (!this.port) throw new Error('stand-in not started');
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.onRequest(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const res of this.hung.splice(0)) res.destroy();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }

  /** Meilisearch goes away: the port refuses connections until {@link up}. */
  async down(): Promise<void> {
    const port = this.port;
    await this.stop();
    this.port = port;
  }

  /** Meilisearch comes back on the same port, with its data. */
  async up(): Promise<void> {
    await this.start();
  }

  /** Requests are accepted and never answered, until {@link unhang}. */
  hang(): void {
    this.hanging = true;
  }

  unhang(): void {
    this.hanging = false;
    for (const res of this.hung.splice(0)) res.destroy();
  }

  /** The next `count` requests answer `status` (e.g. 503) with Meilisearch's internal error body. */
  failNext(count: number, status = 503): void {
    this.failures = { left: count, status };
  }

  documentCount(uid: string): number {
    return this.indexes.get(uid)?.documents.size ?? 0;
  }

  /** Drops an index as a lost volume would. */
  forget(uid: string): void {
    this.indexes.delete(uid);
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    if (this.hanging) {
      this.hung.push(res);
      return;
    }
    void this.handle(req).then(
      ({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (err: unknown) => {
        const e = err instanceof ApiError ? err : new ApiError(500, 'internal', String(err), 'internal');
        res.writeHead(e.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: e.message, code: e.code, type: e.type, link: `https://docs.meilisearch.com/errors#${e.code}` }));
      },
    );
  }

  private enqueue(indexUid: string | null, type: string, apply: () => void, error: () => Json | null = () => null): { status: number; body: Json } {
    const task: TaskState = { uid: this.tasks.length, indexUid, type, status: 'enqueued', enqueuedAt: new Date().toISOString(), startedAt: null, finishedAt: null, error: null, apply };
    const failing = (this.options.failTaskTypes ?? []).includes(type);
    task.apply = () => {
      const e = failing
        ? { message: 'Document `x` has an invalid `_geo` field.', code: 'invalid_document_geo_field', type: 'invalid_request', link: 'https://docs.meilisearch.com/errors#invalid_document_geo_field' }
        : error();
      if (e) {
        task.status = 'failed';
        task.error = e;
      } else {
        apply();
        task.status = 'succeeded';
      }
    };
    this.tasks.push(task);
    this.queue.push(task);
    void this.work();
    return { status: 202, body: { taskUid: task.uid, indexUid, status: 'enqueued', type, enqueuedAt: task.enqueuedAt } };
  }

  /** One task at a time, in order, each taking `taskMs` (plus `busyMs` of other work first). */
  private async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    try {
      while (this.queue.length) {
        const task = this.queue.shift()!;
        if (this.busyMs) await new Promise((r) => setTimeout(r, this.busyMs));
        task.status = 'processing';
        task.startedAt = new Date().toISOString();
        await new Promise((r) => setTimeout(r, this.options.taskMs ?? 3));
        task.apply();
        task.finishedAt = new Date().toISOString();
      }
    } finally {
      this.working = false;
    }
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    this.record.authorization.push(req.headers.authorization);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    this.record.requests.push(`${method} ${url.pathname}`);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (this.failures.left > 0) {
      this.failures.left--;
      throw new ApiError(this.failures.status, 'internal', 'the stand-in was told to fail this request', 'internal');
    }
    if (this.options.apiKey && req.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      throw new ApiError(req.headers.authorization ? 403 : 401, req.headers.authorization ? 'invalid_api_key' : 'missing_authorization_header', 'The provided API key is invalid.', 'auth');
    }
    const raw = Buffer.concat(chunks).toString();
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      throw new ApiError(400, 'bad_request', 'The json payload provided is malformed.');
    }
    const parts = url.pathname.split('/').filter(Boolean);
    if ((this.options.forbidden ?? []).includes(parts[0] ?? '')) throw new ApiError(403, 'invalid_api_key', 'The provided API key is invalid.', 'auth');

    if (parts[0] === 'version' && method === 'GET') {
      return { status: 200, body: { commitSha: 'stand-in', commitDate: '2026-10-26T00:00:00Z', pkgVersion: this.version.join('.') } };
    }
    if (parts[0] === 'health' && method === 'GET') return { status: 200, body: { status: 'available' } };
    if (parts[0] === 'tasks' && parts[1] && method === 'GET') {
      const t = this.tasks[Number(parts[1])];
      if (!t) throw new ApiError(404, 'task_not_found', `Task \`${parts[1]}\` not found.`);
      this.record.taskPolls.push(t.uid);
      const finished = t.status === 'succeeded' || t.status === 'failed';
      return {
        status: 200,
        body: {
          uid: t.uid, batchUid: t.startedAt ? t.uid : null, indexUid: t.indexUid, status: t.status, type: t.type, canceledBy: null,
          details: {}, error: t.error, duration: finished ? 'PT0.003S' : null, enqueuedAt: t.enqueuedAt, startedAt: t.startedAt, finishedAt: t.finishedAt,
        },
      };
    }
    if (parts[0] === 'indexes' && parts.length === 1 && method === 'POST') {
      const { uid, primaryKey } = (body ?? {}) as { uid?: unknown; primaryKey?: unknown };
      if (typeof uid !== 'string' || !/^[A-Za-z0-9_-]{1,400}$/.test(uid)) throw new ApiError(400, 'invalid_index_uid', `\`${String(uid)}\` is not a valid index uid.`);
      return this.enqueue(
        uid,
        'indexCreation',
        () => {
          this.indexes.set(uid, { primaryKey: typeof primaryKey === 'string' ? primaryKey : null, createdAt: new Date().toISOString(), settings: defaultSettings(this.version), documents: new Map() });
        },
        () => (this.indexes.has(uid) ? { message: `Index \`${uid}\` already exists.`, code: 'index_already_exists', type: 'invalid_request', link: 'https://docs.meilisearch.com/errors#index_already_exists' } : null),
      );
    }
    const uid = parts[1];
    if (parts[0] !== 'indexes' || !uid) throw new ApiError(404, 'not_found', `no route ${method} ${url.pathname}`);
    const index = this.indexes.get(uid);
    const rest = parts.slice(2).join('/');
    const missing = () => new ApiError(404, 'index_not_found', `Index \`${uid}\` not found.`);
    // Writes to a missing index are tasks that fail (Meilisearch creates an index on document
    // addition, but the adapter never relies on that); reads are 404 at once.
    if (!index) {
      if (rest === 'documents' && method === 'POST') return this.enqueue(uid, 'documentAdditionOrUpdate', () => undefined, () => ({ message: `Index \`${uid}\` not found.`, code: 'index_not_found', type: 'invalid_request', link: '' }));
      throw missing();
    }
    if (rest === '' && method === 'GET') {
      return { status: 200, body: { uid, primaryKey: index.primaryKey, createdAt: index.createdAt, updatedAt: index.createdAt } };
    }
    if (rest === 'settings' && method === 'PATCH') {
      const sent = this.validateSettings(body);
      this.record.settingsSent.push(sent);
      return this.enqueue(uid, 'settingsUpdate', () => {
        for (const [k, v] of Object.entries(sent)) {
          const cur = index.settings[k];
          index.settings[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && k !== 'synonyms' ? { ...(cur as Json), ...(v as Json) } : v;
        }
      });
    }
    if (rest === 'settings' && method === 'GET') {
      const s = structuredClone(index.settings);
      for (const k of this.options.dropSettings ?? []) s[k] = defaultSettings(this.version)[k];
      return { status: 200, body: s };
    }
    if (rest === 'documents' && method === 'POST') {
      if (!Array.isArray(body)) throw new ApiError(400, 'bad_request', 'The json payload provided is malformed.');
      const docs = body as Json[];
      this.record.documentsSent.push(docs);
      return this.enqueue(uid, 'documentAdditionOrUpdate', () => {
        for (const d of docs) index.documents.set(String(d.id), d);
      }, () => docs.some((d) => '_geo' in d && d._geo === null) ? { message: 'The `_geo` field in the document is `null`.', code: 'invalid_document_geo_field', type: 'invalid_request', link: '' } : null);
    }
    if (rest === 'documents' && method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const results = [...index.documents.values()].slice(0, limit).map((d) => ({ id: d.id }));
      return { status: 200, body: { results, offset: 0, limit, total: index.documents.size } };
    }
    if (rest === 'documents' && method === 'DELETE') {
      this.record.clears++;
      return this.enqueue(uid, 'documentDeletion', () => index.documents.clear());
    }
    if (rest === 'documents/delete-batch' && method === 'POST') {
      const ids = (body as (string | number)[]).map(String);
      this.record.deletedIds.push(ids);
      return this.enqueue(uid, 'documentDeletion', () => {
        for (const id of ids) index.documents.delete(id);
      });
    }
    if (rest === 'search' && method === 'POST') return { status: 200, body: this.search(index, (body ?? {}) as Json) };
    throw new ApiError(404, 'not_found', `no route ${method} ${url.pathname}`);
  }

  /** The settings body as Meilisearch of this version checks it (synchronously, before any task). */
  private validateSettings(body: unknown): Json {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'bad_request', 'Invalid value type: expected an object');
    const known = [...BASE_TOP_LEVEL, ...(atLeast(this.version, [1, 15, 0]) ? ['chat'] : [])];
    const typoFields = [...TYPO_FIELDS, ...(atLeast(this.version, [1, 15, 0]) ? ['disableOnNumbers'] : [])];
    const s = body as Json;
    for (const key of Object.keys(s)) {
      if (!known.includes(key)) throw new ApiError(400, 'bad_request', `Unknown field \`${key}\`: expected one of ${list(known)}`);
    }
    const code = (k: string) => `invalid_settings_${snake(k)}`;
    const strings = (k: string) => {
      const v = s[k];
      if (v === undefined || v === null) return;
      if (!Array.isArray(v)) throw new ApiError(400, code(k), `Invalid value type at \`.${k}\`: expected an array, but found ${typeof v}: \`${JSON.stringify(v)}\``);
      v.forEach((x, i) => {
        if (typeof x !== 'string') throw new ApiError(400, code(k), `Invalid value type at \`.${k}[${i}]\`: expected a string, but found ${typeof x}: \`${JSON.stringify(x)}\``);
      });
    };
    for (const k of ['displayedAttributes', 'searchableAttributes', 'sortableAttributes', 'rankingRules', 'stopWords', 'filterableAttributes']) strings(k);
    for (const [i, rule] of ((s.rankingRules as string[] | undefined) ?? []).entries()) {
      if (!BUILT_IN_RULES.has(rule) && !/^[A-Za-z_][\w.]*:(asc|desc)$/.test(rule)) {
        throw new ApiError(400, 'invalid_settings_ranking_rules', `Invalid value at \`.rankingRules[${i}]\`: \`${rule}\` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, attribute, exactness and custom ranking rules.`);
      }
    }
    const object = (k: string, fields: string[], nested: Record<string, string[]> = {}) => {
      const v = s[k];
      if (v === undefined || v === null) return;
      if (typeof v !== 'object' || Array.isArray(v)) throw new ApiError(400, code(k), `Invalid value type at \`.${k}\`: expected an object, but found ${Array.isArray(v) ? 'an array' : typeof v}: \`${JSON.stringify(v)}\``);
      for (const [f, fv] of Object.entries(v as Json)) {
        if (!fields.includes(f)) throw new ApiError(400, code(k), `Unknown field \`${f}\` inside \`.${k}\`: expected one of ${list(fields)}`);
        const sub = nested[f];
        if (sub && fv && typeof fv === 'object') {
          for (const g of Object.keys(fv)) {
            if (!sub.includes(g)) throw new ApiError(400, code(k), `Unknown field \`${g}\` inside \`.${k}.${f}\`: expected one of ${list(sub)}`);
          }
        }
      }
    };
    object('typoTolerance', typoFields, { minWordSizeForTypos: ['oneTypo', 'twoTypos'] });
    object('faceting', ['maxValuesPerFacet', 'sortFacetValuesBy']);
    object('pagination', ['maxTotalHits']);
    if (s.synonyms !== undefined && (typeof s.synonyms !== 'object' || Array.isArray(s.synonyms))) {
      throw new ApiError(400, 'invalid_settings_synonyms', 'Invalid value type at `.synonyms`: expected an object');
    }
    return s;
  }

  private search(index: IndexState, params: Json): Json {
    this.record.searches.push(params);
    const filterable = new Set((index.settings.filterableAttributes as string[]) ?? []);
    const sortable = new Set((index.settings.sortableAttributes as string[]) ?? []);
    const filters: Cond[] = [];
    const filter = params.filter;
    for (const expr of filter === undefined || filter === null ? [] : Array.isArray(filter) ? filter : [filter]) {
      if (typeof expr !== 'string') throw new ApiError(400, 'invalid_search_filter', 'Invalid syntax for the filter parameter: expected String or [String].');
      const cond = parseFilter(expr);
      for (const a of attributesOf(cond)) {
        if (!filterable.has(a)) {
          throw new ApiError(400, 'invalid_search_filter', `Index \`${'postings'}\`: Attribute \`${a}\` is not filterable. Available filterable attribute patterns are: ${list([...filterable])}.\n1:${a.length + 1} ${expr}`);
        }
      }
      filters.push(cond);
    }
    const sorts = ((params.sort as string[] | undefined) ?? []).map((s) => parseSort(s));
    for (const s of sorts) {
      const attr = s.geo ? '_geo' : s.attribute;
      if (!sortable.has(attr)) throw new ApiError(400, 'invalid_search_sort', `Attribute \`${attr}\` is not sortable. Available sortable attributes are: ${list([...sortable])}.`);
    }
    const facets = (params.facets as string[] | undefined) ?? [];
    for (const f of facets) {
      if (!filterable.has(f)) throw new ApiError(400, 'invalid_search_facets', `Attribute \`${f}\` is not filterable. Available filterable attributes are: ${list([...filterable])}.`);
    }

    const words = typeof params.q === 'string' ? params.q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean) : [];
    const searchable = (index.settings.searchableAttributes as string[]).includes('*') ? ['title', 'description'] : (index.settings.searchableAttributes as string[]);
    type Candidate = { doc: Json; attribute: number };
    const candidates: Candidate[] = [];
    for (const doc of index.documents.values()) {
      if (!filters.every((c) => evaluate(c, doc))) continue;
      let attribute = 0;
      if (words.length) {
        const text = (a: string) => {
          const v = doc[a];
          return (Array.isArray(v) ? v.map(String).join(' ') : typeof v === 'string' ? v : '').toLowerCase();
        };
        const tokens = searchable.map((a) => text(a).split(/[^\p{L}\p{N}]+/u));
        const where = words.map((w) => tokens.findIndex((t) => t.some((x) => x.startsWith(w))));
        if (where.some((i) => i === -1)) continue;
        attribute = Math.max(...where);
      }
      candidates.push({ doc, attribute });
    }
    const byRule = (rule: string) => (a: Candidate, b: Candidate): number => {
      if (rule === 'attribute') return a.attribute - b.attribute;
      if (rule === 'sort') {
        for (const s of sorts) {
          const c = compareSort(s, a.doc, b.doc);
          if (c) return c;
        }
        return 0;
      }
      const custom = /^(.+):(asc|desc)$/.exec(rule);
      if (custom) return compareSort({ attribute: custom[1]!, desc: custom[2] === 'desc', geo: null }, a.doc, b.doc);
      return 0;
    };
    const rules = (index.settings.rankingRules as string[]).map(byRule);
    candidates.sort((a, b) => {
      for (const r of rules) {
        const c = r(a, b);
        if (c) return c;
      }
      return 0;
    });
    const maxTotal = Number((index.settings.pagination as Json).maxTotalHits);
    const total = Math.min(candidates.length, maxTotal);
    const hitsPerPage = Number(params.hitsPerPage ?? 20);
    const page = Number(params.page ?? 1);
    const retrieve = (params.attributesToRetrieve as string[] | undefined) ?? ['*'];
    const hits = candidates.slice(0, total).slice((page - 1) * hitsPerPage, page * hitsPerPage).map(({ doc }) => {
      const hit: Json = {};
      for (const [k, v] of Object.entries(doc)) if (retrieve.includes('*') || retrieve.includes(k)) hit[k] = v;
      if (params.attributesToHighlight) {
        const pre = typeof params.highlightPreTag === 'string' ? params.highlightPreTag : '<em>';
        const post = typeof params.highlightPostTag === 'string' ? params.highlightPostTag : '</em>';
        const formatted: Json = { id: doc.id };
        for (const a of params.attributesToHighlight as string[]) {
          const text = doc[a];
          if (typeof text !== 'string') continue;
          formatted[a] = text.replace(/[\p{L}\p{N}]+/gu, (w) => (words.some((q) => w.toLowerCase().startsWith(q)) ? `${pre}${w}${post}` : w));
        }
        hit._formatted = formatted;
      }
      return hit;
    });
    const answer: Json = { hits, query: params.q ?? '', processingTimeMs: 1, hitsPerPage, page, totalPages: Math.ceil(total / hitsPerPage), totalHits: total };
    if (facets.length) {
      const dist: Record<string, Record<string, number>> = {};
      for (const f of facets) {
        const counts: Record<string, number> = {};
        for (const { doc } of candidates) {
          const v = doc[f];
          for (const x of Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]) counts[String(x)] = (counts[String(x)] ?? 0) + 1;
        }
        dist[f] = counts;
      }
      answer.facetDistribution = dist;
      answer.facetStats = {};
    }
    return answer;
  }
}

// ---- The filter grammar (the subset of Meilisearch's the adapter may send, checked strictly) ----

type Value = string | number | boolean;
type Cond =
  | { op: 'cmp'; attribute: string; cmp: '=' | '!=' | '>' | '>=' | '<' | '<='; value: Value }
  | { op: 'in'; attribute: string; values: Value[] }
  | { op: 'geoRadius'; lat: number; lng: number; meters: number }
  | { op: 'and' | 'or'; items: Cond[] };

function attributesOf(c: Cond): string[] {
  if ('items' in c) return c.items.flatMap(attributesOf);
  if (c.op === 'geoRadius') return ['_geo'];
  return [c.attribute];
}

const invalid = (expr: string, why: string) => new ApiError(400, 'invalid_search_filter', `${why}\n${expr}`);

/** Tokens: identifiers, plain decimal numbers, double-quoted strings (with \" escapes), operators. */
function tokenize(expr: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < expr.length && expr[j] !== '"') {
        if (expr[j] === '\\' && expr[j + 1] === '"') {
          s += '"';
          j += 2;
        } else s += expr[j++];
      }
      if (j >= expr.length) throw invalid(expr, 'Expression `' + expr.slice(i) + '` is missing a closing quote.');
      out.push(`"${s}`);
      i = j + 1;
    } else if ('[](),'.includes(c)) {
      out.push(c);
      i++;
    } else if ('<>!='.includes(c)) {
      const two = expr.slice(i, i + 2);
      if (['>=', '<=', '!='].includes(two)) {
        out.push(two);
        i += 2;
      } else {
        out.push(c);
        i++;
      }
    } else {
      let j = i;
      while (j < expr.length && !/[\s"[\](),<>!=]/.test(expr[j]!)) j++;
      out.push(expr.slice(i, j));
      i = j;
    }
  }
  return out;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function parseFilter(expr: string): Cond {
  const t = tokenize(expr);
  let p = 0;
  const value = (): Value => {
    const tok = t[p++];
    if (tok === undefined) throw invalid(expr, 'Was expecting a value but instead got nothing.');
    if (tok.startsWith('"')) return tok.slice(1);
    if (NUMBER.test(tok)) return Number(tok);
    if (/\d[eE][+-]?\d/.test(tok)) throw invalid(expr, `\`${tok}\` is not a valid number: write it in plain decimal notation.`);
    if (tok === 'true' || tok === 'false') return tok === 'true';
    if (/^[\w-]+$/.test(tok)) return tok;
    throw invalid(expr, `Was expecting a value but instead got \`${tok}\`.`);
  };
  const primary = (): Cond => {
    const tok = t[p];
    if (tok === '(') {
      p++;
      const c = or();
      if (t[p++] !== ')') throw invalid(expr, 'Expression is missing a closing parenthesis.');
      return c;
    }
    if (tok === '_geoRadius') {
      p++;
      if (t[p++] !== '(') throw invalid(expr, 'The `_geoRadius` filter expects three arguments: `_geoRadius(latitude, longitude, radius)`.');
      const args: number[] = [];
      for (let k = 0; k < 3; k++) {
        const v = value();
        if (typeof v !== 'number') throw invalid(expr, 'The `_geoRadius` filter expects numbers.');
        args.push(v);
        if (t[p++] !== (k < 2 ? ',' : ')')) throw invalid(expr, 'The `_geoRadius` filter expects three arguments: `_geoRadius(latitude, longitude, radius)`.');
      }
      return { op: 'geoRadius', lat: args[0]!, lng: args[1]!, meters: args[2]! };
    }
    if (tok === undefined || !/^[A-Za-z_][\w.]*$/.test(tok)) throw invalid(expr, `Was expecting an attribute but instead got \`${tok ?? ''}\`.`);
    p++;
    const op = t[p++];
    if (op === 'IN') {
      if (t[p++] !== '[') throw invalid(expr, 'Expected `[` after `IN` keyword.');
      const values: Value[] = [];
      while (t[p] !== ']') {
        values.push(value());
        if (t[p] === ',') p++;
        else if (t[p] !== ']') throw invalid(expr, 'Expected matching `]` after the list of values.');
      }
      p++;
      return { op: 'in', attribute: tok, values };
    }
    if (op === '=' || op === '!=' || op === '>' || op === '>=' || op === '<' || op === '<=') return { op: 'cmp', attribute: tok, cmp: op, value: value() };
    throw invalid(expr, `Was expecting an operation \`=\`, \`!=\`, \`>=\`, \`>\`, \`<=\`, \`<\`, \`IN\` but instead got \`${op ?? ''}\`.`);
  };
  const and = (): Cond => {
    const items = [primary()];
    while (t[p] === 'AND') {
      p++;
      items.push(primary());
    }
    return items.length === 1 ? items[0]! : { op: 'and', items };
  };
  const or = (): Cond => {
    const items = [and()];
    while (t[p] === 'OR') {
      p++;
      items.push(and());
    }
    return items.length === 1 ? items[0]! : { op: 'or', items };
  };
  const c = or();
  if (p !== t.length) throw invalid(expr, `Found unexpected characters at the end of the filter: \`${t.slice(p).join(' ')}\`.`);
  return c;
}

function same(a: unknown, b: Value): boolean {
  if (typeof b === 'number') return typeof a === 'number' && a === b;
  if (typeof b === 'boolean') return a === b || a === String(b);
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

function evaluate(c: Cond, doc: Json): boolean {
  switch (c.op) {
    case 'and':
      return c.items.every((x) => evaluate(x, doc));
    case 'or':
      return c.items.some((x) => evaluate(x, doc));
    case 'geoRadius': {
      const g = doc._geo as { lat: number; lng: number } | undefined;
      return !!g && haversineMeters(c.lat, c.lng, g.lat, g.lng) <= c.meters;
    }
    case 'in': {
      const v = doc[c.attribute];
      const vals = Array.isArray(v) ? v : [v];
      return vals.some((x) => c.values.some((w) => same(x, w)));
    }
    case 'cmp': {
      const v = doc[c.attribute];
      const vals = Array.isArray(v) ? v : [v];
      if (c.cmp === '=') return vals.some((x) => same(x, c.value));
      if (c.cmp === '!=') return !vals.some((x) => same(x, c.value));
      return vals.some((x) => {
        if (typeof x !== 'number' || typeof c.value !== 'number') return false;
        return c.cmp === '>' ? x > c.value : c.cmp === '>=' ? x >= c.value : c.cmp === '<' ? x < c.value : x <= c.value;
      });
    }
  }
}

type SortRule = { attribute: string; desc: boolean; geo: { lat: number; lng: number } | null };

function parseSort(s: string): SortRule {
  const geo = /^_geoPoint\((-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)\):(asc|desc)$/.exec(s);
  if (geo) return { attribute: '_geo', desc: geo[3] === 'desc', geo: { lat: Number(geo[1]), lng: Number(geo[2]) } };
  const m = /^([A-Za-z_][\w.]*):(asc|desc)$/.exec(s);
  if (!m || m[1] === '_geo') throw new ApiError(400, 'invalid_search_sort', `Invalid syntax for the sort parameter: expected expression ending by \`:asc\` or \`:desc\`, found \`${s}\`.`);
  return { attribute: m[1]!, desc: m[2] === 'desc', geo: null };
}

/** Documents without the sorted value come last, whichever the direction (as in Meilisearch). */
function compareSort(s: SortRule, a: Json, b: Json): number {
  const key = (d: Json): number | null => {
    if (s.geo) {
      const g = d._geo as { lat: number; lng: number } | undefined;
      return g ? haversineMeters(s.geo.lat, s.geo.lng, g.lat, g.lng) : null;
    }
    const v = d[s.attribute];
    return typeof v === 'number' ? v : null;
  };
  const ka = key(a);
  const kb = key(b);
  if (ka === kb) return 0;
  if (ka === null) return 1;
  if (kb === null) return -1;
  return s.desc ? kb - ka : ka - kb;
}

function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lng2 - lng1) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}
