import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * `Date` (YYYY-MM-DD, a real calendar day) and `DateTime` (ISO 8601, output only in practice).
 * Bad values are rejected while variables and literals are coerced, so they come back as 400
 * with the variable's name, never as a resolver error.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is YYYY-MM-DD and that day exists (2026-02-30 does not). */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
    throw new GraphQLError(`Date must be a calendar day written YYYY-MM-DD between 1900 and 2200, got ${shown}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, written YYYY-MM-DD.',
  serialize(value) {
    if (typeof value === 'string' && isCalendarDate(value.slice(0, 10))) return value.slice(0, 10);
    throw new GraphQLError('Date cannot represent this value');
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Date must be a string written YYYY-MM-DD', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseDate(ast.value);
  },
});

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || value.length > 40 || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new GraphQLError('DateTime must be an ISO 8601 date-time such as 2026-03-01T14:00:00Z', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Date(value).toISOString();
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An ISO 8601 date-time in UTC.',
  serialize(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Date) return value.toISOString();
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    return parseDateTime(ast.value);
  },
});
