import { ValidationError } from '../../schema/index.ts';

/**
 * The CSV exports take the GraphQL filter's fields as query parameters:
 *
 *   /export/salary-stats.csv?settings=HOSPITAL_ED,CRISIS_UNIT&states=OH&groupBy=SETTING,STATE
 *
 * Lists are comma-separated or repeated; enum values are the GraphQL names in any case;
 * `near` is `nearCity` + `nearState` or `nearLat` + `nearLon`, with `radiusMiles`. The result is
 * the same `JobFilter` input object the GraphQL resolvers validate, so both paths share one
 * validator. Values are always strings here: nothing the client sends becomes an object.
 */
const LIST_PARAMS = ['settings', 'states', 'roleFamilies', 'employmentTypes', 'workplaces'] as const;
const ENUM_LISTS = new Set<string>(['settings', 'roleFamilies', 'employmentTypes', 'workplaces']);
const NUMBER_PARAMS = ['payMinHourly', 'payMinAnnual', 'postedWithinDays'] as const;
const BOOLEAN_PARAMS = ['certificationRequired', 'livedExperienceRequired', 'includeExpired'] as const;
const NEAR_PARAMS = { nearCity: 'city', nearState: 'state', nearLat: 'lat', nearLon: 'lon', radiusMiles: 'radiusMiles' } as const;
const FILTER_PARAMS = new Set<string>([...LIST_PARAMS, ...NUMBER_PARAMS, ...BOOLEAN_PARAMS, ...Object.keys(NEAR_PARAMS), 'employerId']);

const NUMBER = /^-?\d{1,12}(\.\d{1,6})?$/;
const MAX_PARAM_LENGTH = 2000;

export interface ExportParams {
  filter: Record<string, unknown>;
  /** Other parameters the route allows (groupBy, query, sort), as strings. */
  extra: Record<string, string>;
}

/** Parses and checks the query string; every problem is listed, each as `param: message`. */
export function parseExportParams(search: URLSearchParams, allowedExtra: readonly string[]): ExportParams {
  const problems: string[] = [];
  const filter: Record<string, unknown> = {};
  const near: Record<string, unknown> = {};
  const extra: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, raw] of search) {
    if (raw.length > MAX_PARAM_LENGTH) {
      problems.push(`${name}: at most ${MAX_PARAM_LENGTH} characters`);
      continue;
    }
    const isList = (LIST_PARAMS as readonly string[]).includes(name);
    if (!isList && seen.has(name)) {
      problems.push(`${name}: given more than once`);
      continue;
    }
    seen.add(name);
    if (allowedExtra.includes(name)) {
      extra[name] = raw;
    } else if (!FILTER_PARAMS.has(name)) {
      problems.push(`${name}: unknown parameter; known: ${[...FILTER_PARAMS, ...allowedExtra].join(', ')}`);
    } else if (isList) {
      const values = raw.split(',').map((v) => v.trim()).filter((v) => v !== '');
      const cased = ENUM_LISTS.has(name) ? values.map((v) => v.toLowerCase()) : values;
      filter[name] = [...((filter[name] as string[] | undefined) ?? []), ...cased];
    } else if ((NUMBER_PARAMS as readonly string[]).includes(name)) {
      if (NUMBER.test(raw.trim())) filter[name] = Number(raw.trim());
      else problems.push(`${name}: a number, got ${JSON.stringify(raw.slice(0, 40))}`);
    } else if ((BOOLEAN_PARAMS as readonly string[]).includes(name)) {
      if (raw === 'true' || raw === 'false') filter[name] = raw === 'true';
      else problems.push(`${name}: true or false, got ${JSON.stringify(raw.slice(0, 40))}`);
    } else if (name in NEAR_PARAMS) {
      const field = NEAR_PARAMS[name as keyof typeof NEAR_PARAMS];
      if (field === 'city' || field === 'state') near[field] = raw;
      else if (NUMBER.test(raw.trim())) near[field] = Number(raw.trim());
      else problems.push(`${name}: a number, got ${JSON.stringify(raw.slice(0, 40))}`);
    } else {
      filter[name] = raw;
    }
  }
  if (problems.length) throw new ValidationError(problems);
  if (Object.keys(near).length) filter.near = near;
  return { filter, extra };
}

/** Splits a comma-separated enum list (`SETTING,STATE`) into vocabulary values (`setting`, `state`). */
export function enumList(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');
}
