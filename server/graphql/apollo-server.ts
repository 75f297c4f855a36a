import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { Kind } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { typeDefs } from '../../schema/graphql/type-defs.ts';
import type { ServiceMetrics } from '../http/service-metrics.ts';
import type { Logger } from '../logging/logger.ts';
import { createErrorFormatter } from './error-format.ts';
import { createQueryLimitRules } from './query-limits.ts';
import type { QueryLimits } from './query-limits.ts';
import type { RequestContext } from './request-context.ts';
import { createResolvers } from './resolvers.ts';

export interface ApolloOptions {
  production: boolean;
  introspection: boolean;
  limits: QueryLimits;
  metrics: ServiceMetrics;
  logger: Logger;
}

/** The metrics label of an operation: its root fields, e.g. `searchJobs` or `salaryStats+settings`. */
function operationLabel(op: OperationDefinitionNode | undefined): string {
  if (!op) return 'invalid';
  const names = new Set<string>();
  for (const sel of op.selectionSet.selections) {
    if (sel.kind === Kind.FIELD) names.add(sel.name.value);
    else names.add('fragment');
  }
  // Root fields are schema fields (validation passed), so the label set is bounded.
  return [...names].sort().slice(0, 4).join('+') || 'empty';
}

/**
 * Counts and times each operation, and tells the request log (pino-http's line for this request)
 * which operation it was: its name as sent, its root fields and the outcome with the error codes.
 */
function metricsPlugin(metrics: ServiceMetrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(rc) {
          const operation = operationLabel(rc.operation);
          const outcome = !rc.operation ? 'invalid' : rc.errors?.length ? 'error' : 'ok';
          metrics.graphqlRequests.inc({ operation, outcome });
          metrics.graphqlDuration.observe({ operation }, (performance.now() - started) / 1000);
          const entry = rc.contextValue.requestLog;
          if (entry) {
            entry.operationName = rc.operation?.name?.value ?? rc.request.operationName ?? null;
            entry.operation = operation;
            entry.outcome = outcome;
            const codes = [...new Set((rc.errors ?? []).map((e) => (typeof e.extensions.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR')))];
            if (codes.length) entry.errorCodes = codes;
          }
        },
      };
    },
  };
}

/**
 * Persisted queries are off (`persistedQueries: false`): nothing a client sends is cached by hash.
 * Apollo still answers a request carrying `extensions.persistedQuery` with the APQ protocol's
 * PERSISTED_QUERY_NOT_SUPPORTED error at HTTP 200. It is a refused request, so it gets a 400 like
 * every other refusal; Apollo Client's persisted-query link reads the code from a 400's body as
 * well, turns APQ off and resends the full query.
 */
function persistedQueryRefusalPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          if (rc.errors?.some((e) => e.extensions.code === 'PERSISTED_QUERY_NOT_SUPPORTED')) rc.response.http.status = 400;
        },
      };
    },
  };
}

/**
 * Apollo Server, hardened: CSRF prevention on, batching off, no persisted-query cache to fill,
 * our query limits, introspection per configuration, masked errors, no stack traces, no landing
 * page (the offline IDE is served by the HTTP layer), and no signal handlers of its own: the
 * service runs one shutdown sequence (server/app.ts).
 */
export function createApolloServer(options: ApolloOptions): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    typeDefs,
    resolvers: createResolvers(),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.production,
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: options.limits.maxTokens },
    validationRules: createQueryLimitRules(options.limits),
    formatError: createErrorFormatter({ production: options.production, logger: options.logger }),
    // Compact JSON: Apollo's default pretty-prints, which costs time and bytes on every response.
    stringifyResult: (value) => JSON.stringify(value),
    // Apollo installs its cache-control plugin by default. Its willResolveField hook makes Apollo
    // wrap every resolver of the schema and run the hook for every field of every result (a page
    // of 20 jobs resolves ~460 fields), for @cacheControl hints this schema does not use: it cost
    // a quarter of the execution of a cached searchJobs page. Results are cached by data version instead
    // (result-cache.ts), and responses are not HTTP-cacheable anyway (POST, per-version data).
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), metricsPlugin(options.metrics), persistedQueryRefusalPlugin()],
    logger: {
      debug: (...m: unknown[]) => options.logger.debug(`apollo: ${m.map(String).join(' ')}`),
      info: (...m: unknown[]) => options.logger.debug(`apollo: ${m.map(String).join(' ')}`),
      warn: (...m: unknown[]) => options.logger.warn(`apollo: ${m.map(String).join(' ')}`),
      error: (...m: unknown[]) => options.logger.error(`apollo: ${m.map(String).join(' ')}`),
    },
  });
}
