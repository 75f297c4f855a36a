import { z } from 'zod';
import {
  employmentTypeSchema,
  payBasisSchema,
  payPeriodSchema,
  postingStatusSchema,
  roleFamilySchema,
  settingSchema,
  workplaceSchema,
} from './vocabularies.ts';

/**
 * Length limits of posting text, one definition for every way in (docs/decisions/016): the API
 * refuses longer input (BAD_USER_INPUT), and scraped or imported postings are cut to them by the
 * normaliser, which records the cut in the posting's `issues`. Identity fields (`source`,
 * `sourceId`, `employerId`) are never cut, since a cut id could name another job: a longer one
 * rejects the posting. Characters are UTF-16 code units, as JavaScript and GraphQL count them.
 */
export const POSTING_TEXT_LIMITS = {
  title: 200,
  employer: 120,
  /** A location written as text, and each field of a structured one. */
  location: 200,
  /** Places in one posting (a list of sites). */
  locations: 50,
  /** The source's pay text. */
  pay: 1_000,
  /** The raw description, HTML or text. */
  description: 50_000,
  url: 2_000,
  date: 100,
  employmentType: 100,
  source: 100,
  sourceId: 500,
  employerId: 100,
} as const;

/** `n` as the API writes it in messages: "at most 50,000 characters". */
export function limitMessage(n: number): string {
  return `at most ${n.toLocaleString('en-US')} characters`;
}

/**
 * JSON `null` for an optional field means the field is absent (`"employer": null` is a posting
 * without an employer, not a bad posting), at the top level and inside a structured location.
 */
function dropNulls(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null) continue;
    if (key === 'location') {
      out[key] = Array.isArray(value) ? value.filter((v) => v !== null).map(dropNullsShallow) : dropNullsShallow(value);
    } else out[key] = value;
  }
  return out;
}

function dropNullsShallow(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null));
}

/**
 * A raw posting as a source hands it over: loosely typed, as scraped. The normaliser turns it into
 * a {@link NormalizedPosting}. Only `title` is required; everything else is what the source had.
 */
export const rawLocationSchema = z.object({
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
  street: z.string().optional(),
  lat: z.number().optional(),
  lon: z.number().optional(),
});
export type RawLocation = z.infer<typeof rawLocationSchema>;

const L = POSTING_TEXT_LIMITS;

export const rawPostingSchema = z.preprocess(
  dropNulls,
  z.object({
    /** The id of the source in sources.json (e.g. `greenhouse-acme`), `direct` for employer posts, `import` for files. */
    source: z.string().max(L.source, limitMessage(L.source)).optional(),
    /** The stable id of the job on the source side (ATS job id, URL, requisition number). */
    sourceId: z.string().max(L.sourceId, limitMessage(L.sourceId)).optional(),
    url: z.string().optional(),
    title: z.string().trim().min(1, 'a posting needs a title'),
    employer: z.string().optional(),
    /** As written ("Columbus, OH", "Remote", "Dayton, OH (hybrid)"), or structured, or several places. */
    location: z.union([z.string(), rawLocationSchema, z.array(z.union([z.string(), rawLocationSchema]))]).optional(),
    /** The source's pay text ("$18.50 - $22.00/hr", "45K-55K", "DOE"). */
    pay: z.string().optional(),
    /** HTML or plain text. */
    description: z.string().optional(),
    datePosted: z.string().optional(),
    validThrough: z.string().optional(),
    employmentType: z.union([z.string(), z.array(z.string())]).optional(),
    /** A hint such as schema.org `jobLocationType: TELECOMMUTE`, or an ATS `workplaceType` ("remote", "hybrid", "onsite"). */
    workplace: z.string().optional(),
    /** A schema.org `baseSalary` (MonetaryAmount / QuantitativeValue) or an ATS salary object, as the source had it. */
    structuredPay: z.unknown().optional(),
    /** For employer posts on Peerboard: the employer's id. */
    employerId: z.string().max(L.employerId, limitMessage(L.employerId)).optional(),
    /** Settings chosen by an employer posting directly; when given they replace classification. */
    settings: z.array(settingSchema).optional(),
  }),
);
export type RawPosting = z.infer<typeof rawPostingSchema>;

export const paySchema = z.object({
  /** The figures as stated, in the stated period. */
  min: z.number().nullable(),
  max: z.number().nullable(),
  period: payPeriodSchema,
  currency: z.string(),
  hourlyMin: z.number().nullable(),
  hourlyMax: z.number().nullable(),
  annualMin: z.number().nullable(),
  annualMax: z.number().nullable(),
});
export type Pay = z.infer<typeof paySchema>;

export const locationSchema = z.object({
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  workplace: workplaceSchema.nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});
export type Location = z.infer<typeof locationSchema>;

export const certificationSchema = z.object({
  /** Normalised name: CPS, CPRS, NCPRSS, CRSS, CRPA, CFPS, ... */
  name: z.string(),
  required: z.boolean(),
  /** "obtain within 6 months of hire" → 6. */
  withinMonths: z.number().nullable(),
});
export type Certification = z.infer<typeof certificationSchema>;

/**
 * Something the normaliser changed or could not read in the raw posting: a field cut to its
 * length limit (`cut`), a value dropped because it could not be kept whole (`dropped`, e.g. an
 * over-long URL), or a value it could not read (`unparsable`, e.g. a date). Kept with the posting
 * so nothing is lost silently (docs/decisions/016).
 */
export const postingIssueSchema = z.object({
  field: z.string(),
  kind: z.enum(['cut', 'dropped', 'unparsable']),
  message: z.string(),
});
export type PostingIssue = z.infer<typeof postingIssueSchema>;

/** What the normaliser returns for one raw posting. Field names are public (the CLI prints them). */
export const normalizedPostingSchema = z.object({
  source: z.string().nullable(),
  sourceId: z.string().nullable(),
  url: z.string().nullable(),
  title: z.string(),
  employer: z.string().nullable(),
  isPeerRole: z.boolean(),
  roleFamily: roleFamilySchema.nullable(),
  settings: z.array(settingSchema),
  pay: paySchema.nullable(),
  payBasis: payBasisSchema.nullable(),
  /** True when the period was not stated and was inferred from the figures' magnitude. */
  payInferred: z.boolean(),
  /** A pay grade code found with no dollars ("GS-0303-07", "Grade 14"). */
  payGrade: z.string().nullable(),
  /** Why pay that was found was not published (implausible figures), or null. */
  payRejectedReason: z.string().nullable(),
  location: locationSchema,
  employmentType: employmentTypeSchema.nullable(),
  certifications: z.array(certificationSchema),
  livedExperienceRequired: z.boolean(),
  descriptionHtml: z.string(),
  descriptionText: z.string(),
  /** ISO 8601 date-time, or null when the source gave none or an unreadable one. */
  datePosted: z.string().nullable(),
  validThrough: z.string().nullable(),
  /** Stable key for the same job on several sources: normalised employer, title and place. */
  fingerprint: z.string(),
  /**
   * What was cut, dropped or unreadable in the raw posting (always set by the normaliser; optional
   * so postings stored before it existed still read). Not part of the content hash.
   */
  issues: z.array(postingIssueSchema).optional(),
});
export type NormalizedPosting = z.infer<typeof normalizedPostingSchema>;

export const postingSourceSchema = z.object({
  source: z.string(),
  sourceId: z.string(),
  url: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export type PostingSource = z.infer<typeof postingSourceSchema>;

/** A posting as stored: the normalised facts plus its lifecycle. Dates are ISO 8601 strings. */
export const storedPostingSchema = normalizedPostingSchema.extend({
  id: z.string(),
  status: postingStatusSchema,
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  updatedAt: z.string(),
  sources: z.array(postingSourceSchema),
  /** Hash of the normalised content (not of the lifecycle fields): unchanged content, no write. */
  contentHash: z.string(),
  /** Set for jobs posted directly on Peerboard by an employer. */
  employerId: z.string().nullable(),
  postedDirectly: z.boolean(),
  /** When the search index last took this posting's current content; null when it never did. */
  indexedAt: z.string().nullable(),
  /** When the posting became expired or closed. */
  endedAt: z.string().nullable(),
});
export type StoredPosting = z.infer<typeof storedPostingSchema>;

/**
 * The one filter vocabulary of search, statistics and exports. Lists are "any of"; fields combine
 * with AND. By default only `active` postings match (`includeExpired` adds expired and closed ones).
 */
export const postingFilterSchema = z.object({
  settings: z.array(settingSchema).optional(),
  states: z.array(z.string()).optional(),
  roleFamilies: z.array(roleFamilySchema).optional(),
  employmentTypes: z.array(employmentTypeSchema).optional(),
  workplaces: z.array(workplaceSchema).optional(),
  /** Already resolved to coordinates (the API resolves "city, state" with the gazetteer). */
  near: z.object({ lat: z.number(), lon: z.number(), radiusMiles: z.number().positive() }).optional(),
  /** The posting's top hourly figure (max, or min when only a minimum is stated) is at least this. */
  payMinHourly: z.number().optional(),
  /** The posting's top annual figure is at least this. */
  payMinAnnual: z.number().optional(),
  certificationRequired: z.boolean().optional(),
  livedExperienceRequired: z.boolean().optional(),
  /** ISO date-times, inclusive bounds on datePosted (postedWithinDays is resolved to postedAfter). */
  postedAfter: z.string().optional(),
  postedBefore: z.string().optional(),
  employerId: z.string().optional(),
  includeExpired: z.boolean().optional(),
});
export type PostingFilter = z.infer<typeof postingFilterSchema>;
