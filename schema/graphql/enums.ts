import {
  EMPLOYMENT_TYPES,
  PAY_PERIODS,
  POSTING_STATUSES,
  ROLE_FAMILIES,
  RUN_STATUSES,
  SEARCH_SORTS,
  SETTINGS,
  STATS_DIMENSIONS,
  TREND_INTERVALS,
  WORKPLACES,
} from '../vocabularies.ts';

/**
 * The GraphQL enums, generated from the vocabularies. A vocabulary value such as
 * `hospital_ed` is the enum value `HOSPITAL_ED`; resolvers see the vocabulary value (Apollo maps
 * the enum's internal values), clients see the upper-case name.
 */

/** `hospital_ed` → `HOSPITAL_ED`. Vocabulary values are lower-case snake case, so this is lossless. */
export function toEnumName(value: string): string {
  return value.toUpperCase();
}


/** Every GraphQL enum: its name, a description and the vocabulary values it is made of. */
export const GRAPHQL_ENUMS = {
  Setting: { description: 'Where the work happens (multi-label).', values: SETTINGS },
  RoleFamily: { description: 'The normalised job title family.', values: ROLE_FAMILIES },
  EmploymentType: { description: 'Full-time, part-time, per diem, contract or temporary.', values: EMPLOYMENT_TYPES },
  Workplace: { description: 'On site, hybrid or remote.', values: WORKPLACES },
  PayPeriod: { description: 'The period a pay figure is stated in.', values: PAY_PERIODS },
  PostingStatus: { description: 'Active, expired (gone from its source or past validThrough) or closed (taken down by its employer).', values: POSTING_STATUSES },
  StatsDimension: { description: 'What salary statistics can be grouped by.', values: STATS_DIMENSIONS },
  TrendInterval: { description: 'The period of a salary trend point.', values: TREND_INTERVALS },
  JobSort: { description: 'The order of search results. DISTANCE needs filter.near.', values: SEARCH_SORTS },
  RunStatus: { description: 'The outcome of a scrape run.', values: RUN_STATUSES },
} as const satisfies Record<string, { description: string; values: readonly string[] }>;

export type GraphQLEnumName = keyof typeof GRAPHQL_ENUMS;

/** The SDL of every enum, e.g. `enum Setting { TREATMENT_CENTER HOSPITAL_ED ... }`. */
export function enumTypeDefs(): string {
  return Object.entries(GRAPHQL_ENUMS)
    .map(([name, e]) => `"""${e.description}"""\nenum ${name} {\n${e.values.map((v) => `  ${toEnumName(v)}`).join('\n')}\n}`)
    .join('\n\n');
}

/**
 * Apollo's enum resolver maps: `{ Setting: { HOSPITAL_ED: 'hospital_ed', ... }, ... }`, so
 * resolvers take and return vocabulary values and never convert by hand.
 */
export function enumResolvers(): Record<GraphQLEnumName, Record<string, string>> {
  const out = {} as Record<GraphQLEnumName, Record<string, string>>;
  for (const [name, e] of Object.entries(GRAPHQL_ENUMS) as [GraphQLEnumName, { values: readonly string[] }][]) {
    out[name] = Object.fromEntries(e.values.map((v) => [toEnumName(v), v]));
  }
  return out;
}
