import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Meilisearch on 127.0.0.1: answers with the documented response shapes
 * (task objects for writes, `GET /tasks/:uid`, settings, documents, search with `_formatted`,
 * `facetDistribution`, `totalHits`) and records what it was sent. It does not rank or filter:
 * the tests assert on what the adapter sends and on how it reads the answers.
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
}

export interface StandInOptions {
  /** Settings keys the stand-in "forgets" when asked to read them back (to test the check). */
  dropSettings?: string[];
  /** Task types that end as failed (e.g. documentAdditionOrUpdate). */
  failTaskTypes?: string[];
  /** Polls of a task answered as "processing" before it succeeds. */
  processingPolls?: number;
}

const DEFAULT_SETTINGS: Json = {
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
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnWords: [], disableOnAttributes: [], disableOnNumbers: false },
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'alpha' } },
  pagination: { maxTotalHits: 1000 },
  searchCutoffMs: null,
  localizedAttributes: null,
  facetSearch: true,
  prefixSearch: 'indexingTime',
};

export class MeiliStandIn {
  readonly record: StandInRecord = { settingsSent: [], documentsSent: [], deletedIds: [], clears: 0, searches: [], taskPolls: [], authorization: [] };
  private server: Server | null = null;
  private indexes = new Map<string, { primaryKey: string | null; createdAt: string; settings: Json; documents: Map<string, Json> }>();
  private tasks = new Map<number, { uid: number; indexUid: string | null; type: string; enqueuedAt: string; polls: number }>();
  private nextTask = 0;
  /** The next search answers with these hits (documents as Meilisearch returns them). */
  nextHits: Json[] | null = null;
  nextFacetDistribution: Record<string, Record<string, number>> | null = null;
  nextTotalHits: number | null = null;

  constructor(private readonly options: StandInOptions = {}) {}

  get url(): string {
    const a = this.server?.address() as AddressInfo | null;
    if (!a) throw new Error('stand-in not started');
    return `http://127.0.0.1:${a.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: String(err), code: 'internal', type: 'internal', link: '' }));
        },
      );
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  private enqueue(indexUid: string | null, type: string): { status: number; body: Json } {
    const uid = this.nextTask++;
    const enqueuedAt = new Date().toISOString();
    this.tasks.set(uid, { uid, indexUid, type, enqueuedAt, polls: 0 });
    return { status: 202, body: { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt } };
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    this.record.authorization.push(req.headers.authorization);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    const parts = url.pathname.split('/').filter(Boolean);
    const method = req.method ?? 'GET';

    if (parts[0] === 'tasks' && parts[1] && method === 'GET') {
      const t = this.tasks.get(Number(parts[1]));
      if (!t) return notFound('task_not_found', `Task \`${parts[1]}\` not found.`);
      this.record.taskPolls.push(t.uid);
      t.polls++;
      const processing = t.polls <= (this.options.processingPolls ?? 0);
      const failed = !processing && (this.options.failTaskTypes ?? []).includes(t.type);
      const now = new Date().toISOString();
      return {
        status: 200,
        body: {
          uid: t.uid,
          batchUid: t.uid,
          indexUid: t.indexUid,
          status: processing ? 'processing' : failed ? 'failed' : 'succeeded',
          type: t.type,
          canceledBy: null,
          details: {},
          error: failed ? { message: 'Document `x` has an invalid `_geo` field.', code: 'invalid_document_geo_field', type: 'invalid_request', link: 'https://docs.meilisearch.com/errors#invalid_document_geo_field' } : null,
          duration: processing ? null : 'PT0.004S',
          enqueuedAt: t.enqueuedAt,
          startedAt: now,
          finishedAt: processing ? null : now,
        },
      };
    }
    if (parts[0] === 'indexes' && parts.length === 1 && method === 'POST') {
      const { uid, primaryKey } = body as { uid: string; primaryKey?: string };
      const now = new Date().toISOString();
      if (!this.indexes.has(uid)) this.indexes.set(uid, { primaryKey: primaryKey ?? null, createdAt: now, settings: structuredClone(DEFAULT_SETTINGS), documents: new Map() });
      return this.enqueue(uid, 'indexCreation');
    }
    const uid = parts[1];
    if (parts[0] !== 'indexes' || !uid) return notFound('not_found', 'not found');
    const index = this.indexes.get(uid);
    if (!index) return notFound('index_not_found', `Index \`${uid}\` not found.`);
    const rest = parts.slice(2).join('/');
    if (rest === '' && method === 'GET') {
      return { status: 200, body: { uid, primaryKey: index.primaryKey, createdAt: index.createdAt, updatedAt: index.createdAt } };
    }
    if (rest === 'settings' && method === 'PATCH') {
      this.record.settingsSent.push(body as Json);
      Object.assign(index.settings, body as Json);
      return this.enqueue(uid, 'settingsUpdate');
    }
    if (rest === 'settings' && method === 'GET') {
      const s = structuredClone(index.settings);
      for (const k of this.options.dropSettings ?? []) s[k] = DEFAULT_SETTINGS[k];
      return { status: 200, body: s };
    }
    if (rest === 'documents' && method === 'POST') {
      const docs = body as Json[];
      this.record.documentsSent.push(docs);
      for (const d of docs) index.documents.set(String(d.id), d);
      return this.enqueue(uid, 'documentAdditionOrUpdate');
    }
    if (rest === 'documents' && method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const results = [...index.documents.values()].slice(0, limit).map((d) => ({ id: d.id }));
      return { status: 200, body: { results, offset: 0, limit, total: index.documents.size } };
    }
    if (rest === 'documents' && method === 'DELETE') {
      this.record.clears++;
      index.documents.clear();
      return this.enqueue(uid, 'documentDeletion');
    }
    if (rest === 'documents/delete-batch' && method === 'POST') {
      const ids = (body as (string | number)[]).map(String);
      this.record.deletedIds.push(ids);
      for (const id of ids) index.documents.delete(id);
      return this.enqueue(uid, 'documentDeletion');
    }
    if (rest === 'search' && method === 'POST') {
      const params = body as Json;
      this.record.searches.push(params);
      const hitsPerPage = Number(params.hitsPerPage ?? 20);
      const page = Number(params.page ?? 1);
      const hits = this.nextHits ?? [...index.documents.values()].map((d) => ({ id: d.id, _geo: d._geo }));
      const total = this.nextTotalHits ?? hits.length;
      const answer: Json = {
        hits: hits.slice((page - 1) * hitsPerPage, page * hitsPerPage),
        query: params.q ?? '',
        processingTimeMs: 1,
        hitsPerPage,
        page,
        totalPages: Math.ceil(total / hitsPerPage),
        totalHits: total,
      };
      if (params.facets) answer.facetDistribution = this.nextFacetDistribution ?? {};
      if (params.facets) answer.facetStats = {};
      return { status: 200, body: answer };
    }
    return notFound('not_found', `no route ${method} ${url.pathname}`);
  }
}

function notFound(code: string, message: string): { status: number; body: Json } {
  return { status: 404, body: { message, code, type: 'invalid_request', link: `https://docs.meilisearch.com/errors#${code}` } };
}
