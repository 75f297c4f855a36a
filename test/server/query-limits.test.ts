import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '../../schema/graphql/type-defs.ts';
import { DEFAULT_QUERY_LIMITS, createQueryLimitRules } from '../../server/graphql/query-limits.ts';
import type { QueryLimits } from '../../server/graphql/query-limits.ts';

const schema = buildSchema(typeDefs);

function limitErrors(query: string, limits: Partial<QueryLimits> = {}) {
  return validate(schema, parse(query), createQueryLimitRules({ ...DEFAULT_QUERY_LIMITS, ...limits })).map((e) => ({
    message: e.message,
    limit: e.extensions.limit,
    code: e.extensions.code,
  }));
}

describe('query limits: GraphQL Armor for depth, aliases and directives, ours for cost and selections', () => {
  it('passes an ordinary search', () => {
    expect(limitErrors('query Search { searchJobs(first: 20) { totalCount edges { node { id title pay { hourlyMin } } } } }')).toEqual([]);
  });

  it("reports Armor's depth rejection as our error, naming the operation, its depth and the maximum", () => {
    expect(limitErrors('query Deep { searchJobs { edges { node { location { display } } } } }', { maxDepth: 3 })).toEqual([
      { message: 'depth limit: operation Deep nests fields 5 deep; the maximum is 3', limit: 'depth', code: 'BAD_USER_INPUT' },
    ]);
  });

  it('flattens fragments when measuring depth: a spread adds its fields, not a level', () => {
    const viaFragment = 'query F { searchJobs { ...Hits } } fragment Hits on JobConnection { edges { node { id } } }';
    expect(limitErrors(viaFragment, { maxDepth: 4 })).toEqual([]);
    expect(limitErrors(viaFragment, { maxDepth: 3 })[0]?.limit).toBe('depth');
  });

  it('counts aliased __typename too, and aliases as spread (twice when a fragment is spread twice)', () => {
    const q = 'query A { ...T ...T } fragment T on Query { a: __typename b: __typename c: __typename }';
    expect(limitErrors(q, { maxAliases: 5 })).toEqual([{ message: 'alias limit: operation A uses 6 aliases; the maximum is 5', limit: 'aliases', code: 'BAD_USER_INPUT' }]);
  });

  it('counts directives on fields, spreads and fragments', () => {
    const q = 'query D($y: Boolean!) { ...S @include(if: $y) } fragment S on Query { settings @skip(if: false) { key @include(if: true) } }';
    expect(limitErrors(q, { maxDirectives: 2 })).toEqual([{ message: 'directive limit: operation D uses 3 directives; the maximum is 2', limit: 'directives', code: 'BAD_USER_INPUT' }]);
  });

  it('costs a variable page size at its maximum, which a schema-blind cost model would cost at one', () => {
    const literal = 'query P { searchJobs(first: 5) { edges { node { location { display } pay { hourlyMin } } } } }';
    const variable = 'query P($n: Int) { searchJobs(first: $n) { edges { node { location { display } pay { hourlyMin } } } } }';
    expect(limitErrors(literal, { maxCost: 100 })).toEqual([]);
    expect(limitErrors(variable, { maxCost: 100 })).toEqual([
      { message: 'cost limit: operation P is estimated at 311; the maximum is 100 (ask for fewer results with first, or fewer fields)', limit: 'cost', code: 'BAD_USER_INPUT' },
    ]);
  });

  it('measures a fragment bomb without expanding it, in every limit at once', () => {
    const bomb = `query Bomb { ...F0 } ${Array.from({ length: 50 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} a${i}: __typename ...F${i + 1} }`).join(' ')} fragment F50 on Query { __typename }`;
    const t0 = performance.now();
    const errors = limitErrors(bomb);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(errors.map((e) => e.limit).sort()).toEqual(['aliases', 'selections']);
    expect(errors.find((e) => e.limit === 'aliases')?.message).toMatch(/uses more than 1,000,000,000 aliases/);
  });
});
