import { z } from 'zod';
import {
  ValidationError,
  employmentTypeSchema,
  roleFamilySchema,
  settingSchema,
  stateCodeSchema,
  workplaceSchema,
} from '../../schema/index.ts';
import type { PostingFilter } from '../../schema/index.ts';
import { checkText, formatInputIssues } from './input-text.ts';

/**
 * The API's filter (GraphQL `JobFilter`, or the same fields as CSV query parameters) turned into
 * the store's {@link PostingFilter}: every field validated, `postedWithinDays` resolved to
 * `postedAfter`, `near { city state }` resolved to coordinates. Nothing the client sends reaches a
 * store or index as an object: only the validated, rebuilt filter does, so operator injection
 * (`{"$gt": ""}`) has nowhere to go.
 */

/** Ids of postings, employers and sources: short, URL-safe, no operators or paths. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const idSchema = z.string().regex(ID_PATTERN, 'an id is 1 to 64 letters, digits, _ or -');

/** Resolves a city and state to coordinates (the normaliser's gazetteer), or null when unknown. */
export type Geocoder = (city: string, state: string) => { lat: number; lon: number } | null;

const MAX_LIST = 60;
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_LIST, `at most ${MAX_LIST} values`);
const placeText = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').superRefine(checkText('display'));

export const MAX_RADIUS_MILES = 500;
export const DEFAULT_RADIUS_MILES = 25;
export const MAX_POSTED_WITHIN_DAYS = 3650;

const nearInputSchema = z
  .strictObject({
    city: placeText.nullish(),
    state: z.string().trim().toUpperCase().pipe(stateCodeSchema).nullish(),
    lat: z.number().min(-90, 'latitude is -90 to 90').max(90, 'latitude is -90 to 90').nullish(),
    lon: z.number().min(-180, 'longitude is -180 to 180').max(180, 'longitude is -180 to 180').nullish(),
    radiusMiles: z
      .number()
      .gt(0, 'radiusMiles must be more than 0')
      .max(MAX_RADIUS_MILES, `radiusMiles is at most ${MAX_RADIUS_MILES}`)
      .nullish(),
  })
  .superRefine((near, ctx) => {
    const byPlace = near.city != null || near.state != null;
    const byPoint = near.lat != null || near.lon != null;
    if (byPlace && byPoint) ctx.addIssue({ code: 'custom', message: 'give either city and state, or lat and lon, not both' });
    else if (byPlace && (near.city == null || near.state == null)) ctx.addIssue({ code: 'custom', message: 'give both city and state' });
    else if (byPoint && (near.lat == null || near.lon == null)) ctx.addIssue({ code: 'custom', message: 'give both lat and lon' });
    else if (!byPlace && !byPoint) ctx.addIssue({ code: 'custom', message: 'give city and state, or lat and lon' });
  });

export const jobFilterInputSchema = z.strictObject({
  settings: list(settingSchema).nullish(),
  states: list(z.string().trim().toUpperCase().pipe(stateCodeSchema)).nullish(),
  roleFamilies: list(roleFamilySchema).nullish(),
  employmentTypes: list(employmentTypeSchema).nullish(),
  workplaces: list(workplaceSchema).nullish(),
  near: nearInputSchema.nullish(),
  payMinHourly: z.number().min(0, 'must be 0 or more').max(1000, 'at most 1000 (an hourly figure)').nullish(),
  payMinAnnual: z.number().min(0, 'must be 0 or more').max(2_000_000, 'at most 2,000,000 (an annual figure)').nullish(),
  certificationRequired: z.boolean().nullish(),
  livedExperienceRequired: z.boolean().nullish(),
  postedWithinDays: z
    .number()
    .int('a whole number of days')
    .min(1, 'at least 1 day')
    .max(MAX_POSTED_WITHIN_DAYS, `at most ${MAX_POSTED_WITHIN_DAYS} days`)
    .nullish(),
  employerId: idSchema.nullish(),
  includeExpired: z.boolean().nullish(),
});
export type JobFilterInput = z.input<typeof jobFilterInputSchema>;

export interface FilterResolution {
  now: Date;
  geocode?: Geocoder | undefined;
}

/**
 * Validates a filter as the client sent it and resolves it to a {@link PostingFilter}. Throws a
 * {@link ValidationError} listing every problem as `filter.field: message`.
 */
export function resolveJobFilter(input: unknown, options: FilterResolution, path = 'filter'): PostingFilter {
  if (input === undefined || input === null) return {};
  const at = (line: string) => (path ? `${path}.${line}` : line);
  const parsed = jobFilterInputSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(formatInputIssues(parsed.error.issues).map(at));
  const f = parsed.data;
  const out: PostingFilter = {};
  if (f.settings?.length) out.settings = [...new Set(f.settings)];
  if (f.states?.length) out.states = [...new Set(f.states)];
  if (f.roleFamilies?.length) out.roleFamilies = [...new Set(f.roleFamilies)];
  if (f.employmentTypes?.length) out.employmentTypes = [...new Set(f.employmentTypes)];
  if (f.workplaces?.length) out.workplaces = [...new Set(f.workplaces)];
  if (f.payMinHourly != null) out.payMinHourly = f.payMinHourly;
  if (f.payMinAnnual != null) out.payMinAnnual = f.payMinAnnual;
  if (f.certificationRequired != null) out.certificationRequired = f.certificationRequired;
  if (f.livedExperienceRequired != null) out.livedExperienceRequired = f.livedExperienceRequired;
  if (f.employerId != null) out.employerId = f.employerId;
  if (f.includeExpired != null) out.includeExpired = f.includeExpired;
  if (f.postedWithinDays != null) {
    out.postedAfter = new Date(options.now.getTime() - f.postedWithinDays * 86_400_000).toISOString();
  }
  if (f.near) {
    const radiusMiles = f.near.radiusMiles ?? DEFAULT_RADIUS_MILES;
    if (f.near.lat != null && f.near.lon != null) {
      out.near = { lat: f.near.lat, lon: f.near.lon, radiusMiles };
    } else if (f.near.city != null && f.near.state != null) {
      if (!options.geocode) throw new ValidationError([at('near: place names cannot be looked up here; give lat and lon')]);
      const point = options.geocode(f.near.city, f.near.state);
      if (!point) throw new ValidationError([at(`near: unknown place "${f.near.city}, ${f.near.state}"; check the spelling or give lat and lon`)]);
      out.near = { lat: point.lat, lon: point.lon, radiusMiles };
    }
  }
  return out;
}

/** Validates one id argument (`job(id)`, `closeJob(id)`, ...). */
export function parseId(value: unknown, name = 'id'): string {
  const r = idSchema.safeParse(value);
  if (!r.success) throw new ValidationError([`${name}: ${r.error.issues[0]?.message ?? 'not a valid id'}`]);
  return r.data;
}
