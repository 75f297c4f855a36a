import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { PeerboardError } from '../../schema/index.ts';
import type { ErrorCode } from '../../schema/index.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * What a client may see of an error. Known errors keep their message and a public code; anything
 * else is an internal error: in production its message is replaced (it may hold paths, queries or
 * driver details), in development it is kept for the developer. Stack traces never leave the
 * server (Apollo's includeStacktraceInErrorResponses is off as well).
 */
export const PUBLIC_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED', 'SEARCH_UNAVAILABLE', 'STORE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR'] as const;
export type PublicCode = (typeof PUBLIC_CODES)[number];

/** Apollo's codes for requests that never reached a resolver: the client's to fix, safe to show. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

// graphql-js 16 spells it "more that"; accept both spellings in case a release fixes it.
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens/;

/**
 * graphql-js stops coercing variables after 50 bad values and adds this error without a code or a
 * node (so Apollo does not recognise it as a variable error): it is the client's input.
 */
const VARIABLE_ERROR_LIMIT = /^Too many errors processing variables/;

/**
 * graphql-js's "Did you mean ...?" hints name fields, arguments and enum values. Apollo's
 * hideSchemaDetailsFromClientErrors removes them from validation errors only; the same hints come
 * in variable errors (`Field "staets" is not defined by type "JobFilter". Did you mean "states"?`),
 * so in production they are removed from every message here.
 */
const INTROSPECTION_REFUSED = /^GraphQL introspection is not allowed/;

const SUGGESTION = / ?Did you mean [^?]*\?/g;

function publicCodeOf(code: ErrorCode): PublicCode {
  switch (code) {
    case 'BAD_USER_INPUT':
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'NOT_FOUND':
    case 'RATE_LIMITED':
      return code;
    case 'CONFLICT':
      return 'BAD_USER_INPUT';
    // A backend that is down is not a bug: the client gets a code it can act on (retry later),
    // never the driver's message (it can name hosts and users).
    case 'SEARCH_UNAVAILABLE':
    case 'STORE_UNAVAILABLE':
      return code;
    default:
      return 'INTERNAL_SERVER_ERROR';
  }
}

export interface ErrorFormatOptions {
  production: boolean;
  logger: Logger;
}

export function createErrorFormatter(options: ErrorFormatOptions) {
  const publicMessage = (message: string) => (options.production ? message.replace(SUGGESTION, '') : message);
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const where = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    const original = unwrapResolverError(error);
    if (original instanceof PeerboardError) {
      const code = publicCodeOf(original.code);
      if (code === 'SEARCH_UNAVAILABLE' || code === 'STORE_UNAVAILABLE') {
        options.logger.warn({ code: original.code, path: formatted.path }, `graphql: ${original.code}: ${original.message}`);
        const what = code === 'SEARCH_UNAVAILABLE' ? 'Search is' : 'The job store is';
        return { message: `${what} temporarily unavailable; try again shortly`, ...where, extensions: { code } };
      }
      if (code !== 'INTERNAL_SERVER_ERROR') return { message: original.message, ...where, extensions: { code } };
      options.logger.error({ code: original.code, err: original, path: formatted.path }, `graphql: ${original.code}: ${original.message}`);
      const message =
        original.code === 'STORE_UNAVAILABLE' || original.code === 'SEARCH_UNAVAILABLE'
          ? 'The service is temporarily unavailable; try again shortly'
          : options.production
            ? 'Internal server error'
            : original.message;
      return { message, ...where, extensions: { code } };
    }
    const ext = formatted.extensions ?? {};
    const limit = typeof ext.limit === 'string' ? ext.limit : undefined;
    if (limit) return { message: publicMessage(formatted.message), ...where, extensions: { code: 'BAD_USER_INPUT', limit } };
    const tokens = TOKEN_LIMIT.exec(formatted.message);
    if (tokens) {
      return {
        message: `token limit: the query has more than ${tokens[1]} tokens; the maximum is ${tokens[1]}`,
        ...where,
        extensions: { code: 'BAD_USER_INPUT', limit: 'tokens' },
      };
    }
    const code = typeof ext.code === 'string' ? ext.code : undefined;
    if (code === 'PERSISTED_QUERY_NOT_SUPPORTED') {
      return { message: 'persisted queries are not supported: send the query text in `query`', ...where, extensions: { code } };
    }
    if (code === 'GRAPHQL_VALIDATION_FAILED' && INTROSPECTION_REFUSED.test(formatted.message)) {
      // Apollo's wording tells the client how the server is configured; the client needs less.
      return { message: 'introspection is not allowed on this server (__schema and __type)', ...where, extensions: { code } };
    }
    if (code && REQUEST_CODES.has(code)) return { message: publicMessage(formatted.message), ...where, extensions: { code } };
    if (VARIABLE_ERROR_LIMIT.test(formatted.message)) {
      return { message: 'too many invalid variable values: the first 50 are listed; correct them and send again', ...where, extensions: { code: 'BAD_USER_INPUT' } };
    }
    // Unexpected: log the detail here, show the client only a code.
    if (original instanceof Error) options.logger.error({ err: original, path: formatted.path }, `graphql: internal error: ${original.message}`);
    else options.logger.error({ path: formatted.path }, `graphql: internal error: ${formatted.message}`);
    return {
      message: options.production ? 'Internal server error' : formatted.message,
      ...where,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
