import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { Kind } from './graphql-js.ts';
import type { OperationDefinitionNode } from 'graphql';
import { typeDefs } from '../../schema/graphql/type-defs.ts';
import type { ServiceMetrics } from '../http/service-metrics.ts';
import { createErrorFormatter } from './error-format.ts';
import { createQueryLimitsRule } from './query-limits.ts';
import type { QueryLimits } from './query-limits.ts';
import type { RequestContext } from './request-context.ts';
import { createResolvers } from './resolvers.ts';

export interface ApolloOptions {
  production: boolean;
  introspection: boolean;
  limits: QueryLimits;
  metrics: ServiceMetrics;
  log: (line: string) => void;
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
    validationRules: [createQueryLimitsRule(options.limits)],
    formatError: createErrorFormatter({ production: options.production, log: options.log }),
    // Compact JSON: Apollo's default pretty-prints, which costs time and bytes on every response.
    stringifyResult: (value) => JSON.stringify(value),
    plugins: [ApolloServerPluginLandingPageDisabled(), metricsPlugin(options.metrics)],
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (...m: unknown[]) => options.log(`apollo: ${m.map(String).join(' ')}`),
      error: (...m: unknown[]) => options.log(`apollo: ${m.map(String).join(' ')}`),
    },
  });
}
