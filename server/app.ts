import { STATUS_CODES, createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { PeerboardError } from '../schema/index.ts';
import type { Config } from '../schema/config.ts';
import type { Runtime } from '../store/runtime-port.ts';
import { createApolloServer } from './graphql/apollo-server.ts';
import type { Geocoder } from './graphql/job-filter-input.ts';
import { DEFAULT_QUERY_LIMITS } from './graphql/query-limits.ts';
import { ResultCache } from './graphql/result-cache.ts';
import type { QueryLimits } from './graphql/query-limits.ts';
import { createExpressApp } from './http/express-app.ts';
import { createServiceMetrics } from './http/service-metrics.ts';
import { createWebPages } from './http/web-pages.ts';
import { createLogger } from './logging/logger.ts';
import type { Logger } from './logging/logger.ts';

export interface StartOptions {
  config: Config;
  /** Opened by the caller, who also closes it after `stop()` (see {@link RunningServer.stop}). */
  runtime: Runtime;
  /** Runs first when stopping, after /readyz turned 503: stop the scheduler here. */
  onShutdown?: () => Promise<void>;
  /** The service's logger, made once by the caller (default: one from LOG_LEVEL on stderr). */
  logger?: Logger;
  /** Resolves `near: { city, state }`; without it only `near: { lat, lon }` works. */
  geocode?: Geocoder;
  /** The clock (postedWithinDays, employer posts); tests pin it. */
  now?: () => Date;
  /** Overrides of the query limits (tests use small ones). */
  limits?: Partial<QueryLimits>;
  /** How long `stop()` waits for requests in flight before cutting connections. */
  drainTimeoutMs?: number;
  /** Entries of the query result cache (default {@link DEFAULT_RESULT_CACHE_ENTRIES}; 0 turns it off). */
  resultCacheEntries?: number;
}

/**
 * Query results kept per data version. 500 statistics tables and search pages of 20 hits take a
 * few MB; a dashboard and the popular searches fit many times over.
 */
export const DEFAULT_RESULT_CACHE_ENTRIES = 500;

export interface RunningServer {
  /** The server's origin, e.g. http://127.0.0.1:4000 (append /graphql, /healthz, /export/...). */
  url: string;
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  graphqlUrl: string;
  port: number;
  server: Server;
  /**
   * The graceful sequence, run once however often it is called: /readyz answers 503 → onShutdown
   * (the scheduler stops) → the HTTP server stops accepting, idle keep-alive connections close,
   * requests in flight finish (cut after drainTimeoutMs) → Apollo stops. The runtime is not
   * closed here: whoever opened it closes it after this resolves (serve does), so a test or the
   * demo can stop a server and keep using its data.
   */
  stop(): Promise<void>;
}

const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const why = err.code === 'EADDRINUSE' ? 'is already in use' : err.code === 'EACCES' ? 'needs more privileges' : `failed (${err.code ?? err.message})`;
      reject(new PeerboardError('CONFIG_INVALID', `listening on ${host}:${port} ${why}; set PORT (or HOST) to another value`, { cause: err }));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Waits for in-flight requests; closes idle keep-alive connections as they become idle; cuts the rest at the deadline. */
function drainHttp(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** What Node's HTTP parser refuses, in the API's words. */
function clientErrorAnswer(code: string | undefined): [number, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'request headers too large: the request line and headers may take at most 16 kB'];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'chunk extensions too large'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'the request was not received in time'];
    default:
      return [400, 'malformed HTTP request'];
  }
}

/**
 * Requests Node refuses before Express sees them (headers over 16 kB, a broken request line,
 * conflicting Content-Length and Transfer-Encoding, a request that is too slow) get the same JSON
 * error shape as everything else instead of Node's bare status line. Node's own handler does the
 * same checks first: nothing is written to a socket that is gone or already carries a response.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const inProgress = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inProgress?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, message] = clientErrorAnswer(err.code);
  const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Starts the API: Apollo on Express on a plain HTTP server (TLS is a reverse proxy's job). */
export async function start(options: StartOptions): Promise<RunningServer> {
  const { config, runtime } = options;
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL, nodeEnv: config.NODE_ENV });
  const now = options.now ?? (() => new Date());
  const production = config.NODE_ENV === 'production';
  const introspection = config.GRAPHQL_INTROSPECTION === 'on' || (config.GRAPHQL_INTROSPECTION === 'auto' && !production);
  const ide = config.GRAPHQL_IDE === 'on' || (config.GRAPHQL_IDE === 'auto' && !production);
  const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };

  const cache = new ResultCache(options.resultCacheEntries ?? DEFAULT_RESULT_CACHE_ENTRIES, () => runtime.dataVersion());
  const metrics = createServiceMetrics(runtime, Date.now, cache);
  // The pages (web/): built before Apollo starts, so a failure here leaves nothing to stop.
  const webLogger = logger.child({ component: 'web' });
  const web = await createWebPages({
    runtime, now, geocode: options.geocode, cache, minSample: config.STATS_MIN_SAMPLE, production,
    log: (line) => webLogger.info(line),
  });
  const apollo = createApolloServer({ production, introspection, limits, metrics, logger: logger.child({ component: 'graphql' }) });
  await apollo.start();

  let shuttingDown = false;
  const app = createExpressApp({
    web,
    config,
    runtime,
    apollo,
    metrics,
    limits,
    ide,
    introspection,
    production,
    now,
    geocode: options.geocode,
    cache,
    logger: logger.child({ component: 'http' }),
    isShuttingDown: () => shuttingDown,
  });
  // Node answers an HTTP/1.1 request without a Host header with a bare 400; the Express app
  // answers it instead (same status, the API's JSON error shape): see requireHost in express-app.ts.
  const server = createServer({ requireHostHeader: false }, app);
  // Slow-client protection: a request must send its headers within 10 s and finish within 60 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  server.on('clientError', answerClientError);
  try {
    await listen(server, config.PORT, config.HOST);
  } catch (err) {
    await apollo.stop();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(config.HOST)}:${port}`;

  let stopping: Promise<void> | undefined;
  const sequence = async () => {
    shuttingDown = true;
    if (options.onShutdown) {
      try {
        await options.onShutdown();
      } catch (err) {
        logger.error({ component: 'shutdown', err }, 'shutdown: onShutdown failed');
      }
    }
    await drainHttp(server, options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
    await apollo.stop();
  };
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    port,
    server,
    stop: () => (stopping ??= sequence()),
  };
}
