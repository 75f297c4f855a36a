/**
 * A small error hierarchy with stable codes. The codes are the public ones of the GraphQL API
 * (`extensions.code`), so a domain error maps to an API error without a translation table.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'STORE_UNAVAILABLE'
  | 'STORE_LOCKED'
  | 'STORE_CORRUPT'
  | 'SEARCH_UNAVAILABLE'
  | 'CONFIG_INVALID'
  | 'INTERNAL_SERVER_ERROR';

export class PeerboardError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad input: lists every problem as `path: message`. */
export class ValidationError extends PeerboardError {
  readonly issues: readonly string[];
  constructor(issues: readonly string[], options?: { cause?: unknown }) {
    super('BAD_USER_INPUT', issues.length === 1 ? (issues[0] ?? 'invalid input') : `invalid input:\n${issues.join('\n')}`, options);
    this.issues = issues;
  }
}

export class NotFoundError extends PeerboardError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** Turns zod issues into `path: message` lines. */
export function formatZodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
}
