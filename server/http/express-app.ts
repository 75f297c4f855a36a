import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Config } from '../../schema/config.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import { readBearer } from '../auth/api-keys.ts';
import { createExportRouter } from '../export/export-routes.ts';
import type { Geocoder } from '../graphql/job-filter-input.ts';
import type { QueryLimits } from '../graphql/query-limits.ts';
import type { ResultCache } from '../graphql/result-cache.ts';
import { createRequestContext } from '../graphql/request-context.ts';
import type { GraphqlRequestLog, RequestContext } from '../graphql/request-context.ts';
import { scrubText } from '../logging/logger.ts';
import type { Logger } from '../logging/logger.ts';
import { IDE_BUNDLE_DIR, IDE_PATHS, idePageHtml } from '../ide/ide-page.ts';
import { clientAddressKey } from './client-address.ts';
import { sendJsonError } from './json-errors.ts';
import { TokenBucketLimiter } from './rate-limit.ts';
import { routeLabel } from './service-metrics.ts';
import type { ServiceMetrics } from './service-metrics.ts';

export interface ExpressAppDeps {
  config: Config;
  runtime: Runtime;
  apollo: ApolloServer<RequestContext>;
  metrics: ServiceMetrics;
  limits: QueryLimits;
  ide: boolean;
  introspection: boolean;
  production: boolean;
  now: () => Date;
  geocode?: Geocoder | undefined;
  /** Query results by data version (server/graphql/result-cache.ts); absent: none. */
  cache?: ResultCache | undefined;
  /** The HTTP layer's logger (request lines and unexpected errors). */
  logger: Logger;
  /** True once shutdown began: /readyz answers 503 and responses close their connections. */
  isShuttingDown: () => boolean;
  /** The pages of web/ (server/http/web-pages.ts), mounted in front of the 404; absent: API only. */
  web?: express.Router | undefined;
}

/** Largest request body: a query plus its variables, or a job description of 50,000 characters. */
export const MAX_BODY_BYTES = 128 * 1024;
const READY_TIMEOUT_MS = 2_000;

/** TRUST_PROXY as Express takes it: true/false, a hop count, or names/addresses (loopback, 10.0.0.0/8). */
export function parseTrustProxy(value: string): boolean | number | string[] {
  const v = value.trim();
  if (v === 'true') return true;
  if (v === 'false' || v === '') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function rateLimiter(deps: ExpressAppDeps): RequestHandler {
  const byAddress = new TokenBucketLimiter(deps.config.RATE_LIMIT_PER_MINUTE);
  const byKey = new TokenBucketLimiter(deps.config.RATE_LIMIT_PER_KEY_PER_MINUTE);
  return (req, res, next) => {
    const refuse = (scope: 'address' | 'api_key', perMinute: number, retryAfter: number) => {
      deps.metrics.rateLimited.inc({ scope });
      res.setHeader('Retry-After', String(retryAfter));
      sendJsonError(res, 429, 'RATE_LIMITED', `rate limit: at most ${perMinute} requests a minute per ${scope === 'address' ? 'client address' : 'API key'}; retry in ${retryAfter} s`, {
        retryAfter,
      });
    };
    const a = byAddress.take(clientAddressKey(req.ip ?? req.socket.remoteAddress));
    if (!a.allowed) return refuse('address', byAddress.perMinute, a.retryAfterSeconds);
    const credential = readBearer(req.headers.authorization);
    if (credential.kind === 'key') {
      const k = byKey.take(credential.keyHash);
      if (!k.allowed) return refuse('api_key', byKey.perMinute, k.retryAfterSeconds);
    }
    next();
  };
}

/** Checks what Apollo would otherwise answer less clearly (or with a 500): content type, batches, query length. */
function graphqlRequestGuard(limits: QueryLimits): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      return sendJsonError(res, 405, 'BAD_REQUEST', `${req.method} is not supported on /graphql: use POST (or GET for queries)`);
    }
    let query: unknown;
    if (req.method === 'POST') {
      const body: unknown = req.body;
      if (Array.isArray(body)) {
        return sendJsonError(res, 400, 'BAD_REQUEST', 'batched requests are not supported: send one operation per request');
      }
      if (body === undefined || body === null || typeof body !== 'object') {
        return sendJsonError(res, 400, 'BAD_REQUEST', 'the body must be a JSON object { "query": "...", "variables": { ... } }');
      }
      query = (body as Record<string, unknown>).query;
    } else {
      query = new URL(req.originalUrl, 'http://localhost').searchParams.get('query') ?? undefined;
    }
    if (typeof query === 'string' && query.length > limits.maxQueryLength) {
      return sendJsonError(res, 400, 'BAD_USER_INPUT', `query length limit: the query has ${query.length} characters; the maximum is ${limits.maxQueryLength}`, {
        limit: 'queryLength',
      });
    }
    next();
  };
}

function requireJsonContentType(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST') return next();
  if (!req.is(['application/json', 'application/*+json'])) {
    return sendJsonError(res, 415, 'BAD_REQUEST', `Content-Type must be application/json, got ${JSON.stringify(req.headers['content-type'] ?? '(none)')}`);
  }
  next();
}

/**
 * A body declared larger than the limit is refused at once, before a byte of it is read, and the
 * connection is closed after the answer. body-parser would refuse it too, but only after reading
 * (and discarding) the whole declared length, so `Content-Length: 999999999` with a few bytes
 * would hold the request open until the request timeout.
 */
function refuseDeclaredOversize(req: Request, res: Response, next: NextFunction): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    res.setHeader('Connection', 'close');
    return sendJsonError(res, 413, 'BAD_REQUEST', `request body too large: the maximum is ${Math.round(MAX_BODY_BYTES / 1024)} kB`, { limit: 'bodySize' });
  }
  next();
}

/** Errors from body parsing and anything unexpected, as JSON; never a stack trace. */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const e = err as { type?: string; status?: number; statusCode?: number; message?: string; limit?: number };
    switch (e.type) {
      case 'entity.too.large':
        return sendJsonError(res, 413, 'BAD_REQUEST', `request body too large: the maximum is ${Math.round(MAX_BODY_BYTES / 1024)} kB`, { limit: 'bodySize' });
      case 'entity.parse.failed':
        return sendJsonError(res, 400, 'BAD_REQUEST', 'the body is not valid JSON');
      case 'encoding.unsupported':
        return sendJsonError(res, 415, 'BAD_REQUEST', 'compressed request bodies are not accepted');
      case 'charset.unsupported':
        return sendJsonError(res, 415, 'BAD_REQUEST', 'the body must be UTF-8');
      case 'request.aborted':
      case 'request.size.invalid':
        return sendJsonError(res, 400, 'BAD_REQUEST', 'the request body was incomplete');
    }
    const status = e.status ?? e.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendJsonError(res, status, 'BAD_REQUEST', 'bad request');
    }
    logger.error({ err }, `http: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
    return sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}

/** A request id a client or a proxy may set: short, and only characters that are safe in a log and a header. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Routes probed every few seconds by a supervisor: their request lines are debug, not info. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

interface LoggedResponse extends ServerResponse {
  locals?: { graphql?: GraphqlRequestLog };
}

/**
 * One log line per request (pino-http): request id, method, path, status, duration, and for
 * GraphQL the operation's name, root fields and outcome. The id is the client's `X-Request-Id`
 * when it is a sane one (so a proxy's id follows the request), otherwise a new UUID; it is sent
 * back in `X-Request-Id` so a user can quote it. Headers are not logged at all (they carry
 * credentials); the query string is, with credentials and e-mail addresses scrubbed by the logger.
 */
function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const sent = req.headers['x-request-id'];
      const id = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { responseTime: 'durationMs' },
    customProps: (req) => ({ requestId: req.id }),
    // The raw request and response: only what is listed here is logged (no headers).
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { originalUrl?: string }) => ({ method: req.method, url: scrubText((req.originalUrl ?? req.url ?? '').slice(0, 500)) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel(req, res, err) {
      if (err || res.statusCode >= 500) return 'error';
      const path = (req.url ?? '').split('?')[0] ?? '';
      return PROBES.has(path) ? 'debug' : 'info';
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${(req.url ?? '').split('?')[0]?.slice(0, 200)} ${res.statusCode} ${Math.round(ms)} ms`,
    customErrorMessage: (req, res) => `${req.method} ${(req.url ?? '').split('?')[0]?.slice(0, 200)} ${res.statusCode}`,
    customSuccessObject: (_req, res, value: Record<string, unknown>) => withGraphql(res as LoggedResponse, value),
    customErrorObject: (_req, res, _err, value: Record<string, unknown>) => withGraphql(res as LoggedResponse, value),
  });
}

function withGraphql(res: LoggedResponse, value: Record<string, unknown>): Record<string, unknown> {
  const graphql = res.locals?.graphql;
  return graphql && graphql.operation !== undefined ? { ...value, graphql } : value;
}

export function createExpressApp(deps: ExpressAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', parseTrustProxy(deps.config.TRUST_PROXY));
  app.use(requestLogger(deps.logger));

  // Metrics and shutdown: every response is counted; during shutdown it also closes its
  // connection, so keep-alive clients move on instead of holding the server open.
  app.use((req, res, next) => {
    const started = performance.now();
    if (deps.isShuttingDown()) res.setHeader('Connection', 'close');
    res.on('finish', () => {
      const route = routeLabel(req.path);
      deps.metrics.httpRequests.inc({ route, method: req.method === 'GET' || req.method === 'POST' ? req.method : 'other', status: String(res.statusCode) });
      deps.metrics.httpDuration.observe({ route }, (performance.now() - started) / 1000);
    });
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // The IDE's script and styles are same-origin files: no inline code is allowed anywhere.
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          // The service usually runs on plain http on localhost; upgrading its requests would break the IDE.
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
  );

  // HTTP/1.1 requires a Host header (RFC 9112 §3.2); Node's own check is off so the refusal is JSON.
  // A request with more headers than Node keeps (2000) loses the ones past the limit, Host included.
  app.use((req, res, next) => {
    if (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1 && !req.headers.host) {
      return sendJsonError(res, 400, 'BAD_REQUEST', 'the Host header is missing (HTTP/1.1 requires one)');
    }
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (deps.isShuttingDown()) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const checks = await Promise.allSettled([
      withTimeout(deps.runtime.store.ping(), READY_TIMEOUT_MS, 'store'),
      withTimeout(deps.runtime.search.ping(), READY_TIMEOUT_MS, 'search index'),
    ]);
    const describe = (r: PromiseSettledResult<void>) => {
      if (r.status === 'fulfilled') return 'ok';
      const e = r.reason as { code?: string; message?: string };
      // Driver messages can name hosts and users: production shows the code only.
      return deps.production ? (e.code ?? 'unavailable') : `${e.code ? `${e.code}: ` : ''}${e.message ?? String(r.reason)}`;
    };
    const [store, search] = checks.map(describe);
    const ready = checks.every((c) => c.status === 'fulfilled');
    // How far this process follows the store's change feed (informative: a lag is not unreadiness).
    const feed = ready ? await deps.runtime.feedStatus().catch(() => null) : null;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      store: { kind: deps.runtime.store.kind, status: store },
      search: { kind: deps.runtime.search.kind, status: search },
      ...(feed ? { changeFeed: { appliedSeq: feed.appliedSeq, behind: feed.behind, lagSeconds: feed.lagSeconds } } : {}),
    });
  });
  app.get('/metrics', async (_req, res, next) => {
    try {
      const text = await deps.metrics.registry.metrics();
      res.setHeader('Content-Type', deps.metrics.registry.contentType);
      res.send(text);
    } catch (err) {
      next(err);
    }
  });

  if (deps.ide) {
    // The bundle's two files, by name only (no directory listing, no other file of dist/).
    for (const [path, file, type] of [
      [IDE_PATHS.script, 'graphiql.js', 'application/javascript; charset=utf-8'],
      [IDE_PATHS.styles, 'graphiql.css', 'text/css; charset=utf-8'],
    ] as const) {
      app.get(path, (_req, res, next) => {
        res.sendFile(file, { root: IDE_BUNDLE_DIR, maxAge: '1h', headers: { 'Content-Type': type } }, (err?: Error) => {
          if (err && !res.headersSent) next();
        });
      });
    }
    // A browser opening /graphql gets the IDE; a GET carrying a query is a GraphQL request.
    app.get('/graphql', (req, res, next) => {
      const wantsHtml = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
      if (!wantsHtml || new URL(req.originalUrl, 'http://localhost').searchParams.has('query')) return next();
      res.type('text/html').send(idePageHtml({ introspection: deps.introspection }));
    });
  }

  const origins = deps.config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  const corsMiddleware = cors({
    // No allowlist: no CORS headers at all, so browsers allow same-origin calls only.
    origin: origins.length ? origins : false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Authorization', 'Apollo-Require-Preflight', 'X-Apollo-Operation-Name', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Total-Count', 'X-Export-Truncated', 'X-Request-Id'],
    maxAge: 600,
  });
  app.use(['/graphql', '/export'], corsMiddleware);
  app.use(['/graphql', '/export', '/employers'], rateLimiter(deps));

  app.use(createExportRouter({ runtime: deps.runtime, now: deps.now, geocode: deps.geocode, logger: deps.logger }));

  app.all(
    '/graphql',
    requireJsonContentType,
    refuseDeclaredOversize,
    express.json({ limit: MAX_BODY_BYTES, strict: true, inflate: false, type: ['application/json', 'application/*+json'] }),
    graphqlRequestGuard(deps.limits),
    expressMiddleware(deps.apollo, {
      context: async ({ req, res }) => {
        // Filled in by the metrics plugin when Apollo answers; the request log line reads it.
        const requestLog: GraphqlRequestLog = {};
        (res.locals as { graphql?: GraphqlRequestLog }).graphql = requestLog;
        return createRequestContext({ runtime: deps.runtime, now: deps.now, geocode: deps.geocode, cache: deps.cache, requestLog }, readBearer(req.headers.authorization));
      },
    }),
  );

  if (deps.web) app.use(deps.web);

  app.use((req, res) => {
    sendJsonError(res, 404, 'NOT_FOUND', `no route ${req.method} ${req.path.slice(0, 100)}; the API is at /graphql`);
  });
  app.use(errorHandler(deps.logger));
  return app;
}
