import { enumTypeDefs } from './enums.ts';

/**
 * The GraphQL schema of the Peerboard API. The enums are generated from the vocabularies
 * (`enums.ts`); everything else is written here once. Limits quoted in descriptions are enforced
 * by the server (server/graphql/query-limits.ts and the input validators).
 */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_RUNS = 100;

const objectTypeDefs = /* GraphQL */ `
"""A calendar date, written YYYY-MM-DD (e.g. 2026-03-01)."""
scalar Date

"""An ISO 8601 date-time in UTC (e.g. 2026-03-01T14:00:00.000Z)."""
scalar DateTime

type Query {
  """
  Search active peer support jobs. Typo-tolerant full text over title, role, employer, settings,
  place and description, with synonyms (recovery coach = peer recovery specialist, ED = ER, MAT =
  MOUD, ...). first: 1 to ${MAX_PAGE_SIZE}. after: the endCursor of the previous page.
  """
  searchJobs(query: String, filter: JobFilter, sort: JobSort = RELEVANCE, first: Int = ${DEFAULT_PAGE_SIZE}, after: String): JobConnection!

  """One posting by id (also expired and closed ones)."""
  job(id: ID!): Job

  """
  Salary statistics of the postings matching the filter, one row per group (no groupBy: one row).
  Pay point: the midpoint of a posting's range or its single figure. Percentiles are inclusive
  (linear interpolation, like Excel PERCENTILE.INC) and null below the minimum sample.
  """
  salaryStats(filter: JobFilter, groupBy: [StatsDimension!]): [SalaryStats!]!

  """Count, pay transparency, median and top decile per period of datePosted, from..to inclusive."""
  salaryTrend(filter: JobFilter, interval: TrendInterval = MONTH, from: Date, to: Date): [TrendPoint!]!

  """Where a pay offer sits among comparable postings (the filter says which are comparable)."""
  marketPosition(pay: PayInput!, filter: JobFilter): MarketPosition!

  """The settings peer work happens in, with the number of active postings in each."""
  settings: [SettingInfo!]!

  """The role families titles are normalised to, with the number of active postings in each."""
  roleFamilies: [RoleFamilyInfo!]!

  """The latest scrape runs, newest first (for operators). last: 1 to ${MAX_RUNS}."""
  scrapeRuns(sourceId: ID, last: Int = 20): [ScrapeRun!]!

  """The employer the request's API key belongs to (Authorization: Bearer <apiKey>)."""
  me: Employer
}

type Mutation {
  """Register an employer. The apiKey is shown once, here; Peerboard keeps only its hash."""
  registerEmployer(input: RegisterEmployerInput!): EmployerRegistration!

  """Post a job (needs Authorization: Bearer <apiKey>). Searchable when this returns."""
  postJob(input: JobInput!): Job!

  """Replace a job's content (only the employer that posted it)."""
  updateJob(id: ID!, input: JobInput!): Job!

  """Take a job down (only the employer that posted it). Closed jobs stay in statistics and trends."""
  closeJob(id: ID!): Job!
}

"""Search, statistics and export filter. Lists mean any of; fields combine with AND."""
input JobFilter {
  settings: [Setting!]
  """Two-letter state codes, e.g. ["OH", "KY"]."""
  states: [String!]
  roleFamilies: [RoleFamily!]
  employmentTypes: [EmploymentType!]
  workplaces: [Workplace!]
  near: NearInput
  """The posting's top hourly figure is at least this."""
  payMinHourly: Float
  """The posting's top annual figure is at least this."""
  payMinAnnual: Float
  certificationRequired: Boolean
  livedExperienceRequired: Boolean
  """Posted in the last N days (1 to 3650)."""
  postedWithinDays: Int
  employerId: ID
  """Also match expired and closed postings (statistics over time want this)."""
  includeExpired: Boolean
}

"""A place and a radius: either city and state, or lat and lon."""
input NearInput {
  city: String
  state: String
  lat: Float
  lon: Float
  """1 to 500 miles (default 25)."""
  radiusMiles: Float = 25
}

"""A pay range: both figures in the stated period. Pay transparency: every posted job has one."""
input PayInput {
  min: Float!
  max: Float!
  period: PayPeriod!
  currency: String = "USD"
}

input RegisterEmployerInput {
  name: String!
  email: String!
  website: String
}

input JobInput {
  title: String!
  """Plain text or HTML (sanitised on the way in)."""
  description: String!
  """As people write it: "Columbus, OH", "Remote", "Dayton, OH (hybrid)"."""
  location: String!
  pay: PayInput!
  employmentType: EmploymentType!
  applyUrl: String!
  """When given, replaces the settings Peerboard would classify from the text."""
  settings: [Setting!]
  """The last day to apply (the job expires after it)."""
  validThrough: Date
}

type JobConnection {
  totalCount: Int!
  edges: [JobEdge!]!
  pageInfo: PageInfo!
  """Counts of the whole result (not only this page), for narrowing the search."""
  facets: JobFacets!
}

type JobEdge {
  cursor: String!
  node: Job!
  """Matched passages, matches wrapped in <mark>…</mark>, everything else HTML-escaped."""
  highlights: [Highlight!]!
  """Miles from filter.near, when given."""
  distanceMiles: Float
}

type Highlight {
  field: String!
  snippet: String!
}

type PageInfo {
  hasNextPage: Boolean!
  endCursor: String
  hasPreviousPage: Boolean!
  startCursor: String
}

type JobFacets {
  settings: [FacetCount!]!
  states: [FacetCount!]!
  roleFamilies: [FacetCount!]!
  employmentTypes: [FacetCount!]!
  workplaces: [FacetCount!]!
}

"""A facet value as the filter takes it (enum name or state code), its label and its count."""
type FacetCount {
  value: String!
  label: String
  count: Int!
}

type Job {
  id: ID!
  title: String!
  roleFamily: RoleFamily
  """The employer's name."""
  employer: String
  """Set for jobs posted directly on Peerboard."""
  employerId: ID
  postedDirectly: Boolean!
  location: Location!
  settings: [Setting!]!
  pay: Pay
  """A pay grade found without dollars (e.g. GS-0303-07)."""
  payGrade: String
  employmentType: EmploymentType
  certifications: [Certification!]!
  certificationRequired: Boolean!
  livedExperienceRequired: Boolean!
  """Sanitised HTML: safe to render."""
  descriptionHtml: String!
  descriptionText: String!
  """Where to apply."""
  url: String
  datePosted: DateTime
  validThrough: DateTime
  status: PostingStatus!
  firstSeenAt: DateTime!
  updatedAt: DateTime!
  sources: [JobSource!]!
}

type Location {
  city: String
  state: String
  postalCode: String
  workplace: Workplace
  lat: Float
  lon: Float
  """e.g. "Columbus, OH (hybrid)"."""
  display: String!
}

type Pay {
  """As stated, in the stated period."""
  min: Float
  max: Float
  period: PayPeriod!
  currency: String!
  hourlyMin: Float
  hourlyMax: Float
  annualMin: Float
  annualMax: Float
}

type Certification {
  name: String!
  required: Boolean!
  """Months after hire to earn it, when the posting says."""
  withinMonths: Int
}

type JobSource {
  source: String!
  url: String
  firstSeenAt: DateTime!
  lastSeenAt: DateTime!
}

type SalaryStats {
  group: [StatsGroup!]!
  """Postings in the group."""
  count: Int!
  """Postings in the group with a pay point."""
  withPay: Int!
  """withPay / count (0 to 1)."""
  payTransparency: Float
  """True when the figures are withheld: fewer postings with pay than minSample (the cell is suppressed, not zero)."""
  suppressed: Boolean!
  """Postings with a pay point behind the figures."""
  sampleSize: Int!
  """Fewest postings with pay for figures to be published (STATS_MIN_SAMPLE)."""
  minSample: Int!
  hourly: PayDistribution!
  annual: PayDistribution!
}

type StatsGroup {
  dimension: StatsDimension!
  """Enum name, state code, employer name, true/false, 2026-03, 2026-Q1 or 2026."""
  value: String!
  label: String
}

"""Percentiles of pay points; all null when the group has fewer postings with pay than the minimum sample."""
type PayDistribution {
  min: Float
  p10: Float
  p25: Float
  median: Float
  p75: Float
  p90: Float
  max: Float
  mean: Float
}

type TrendPoint {
  """2026-03, 2026-Q1 or 2026."""
  period: String!
  start: Date!
  count: Int!
  withPay: Int!
  """True when the figures are withheld: fewer postings with pay than minSample (the cell is suppressed, not zero)."""
  suppressed: Boolean!
  """Postings with a pay point behind the figures."""
  sampleSize: Int!
  """Fewest postings with pay for figures to be published (STATS_MIN_SAMPLE)."""
  minSample: Int!
  hourlyMedian: Float
  hourlyP90: Float
  annualMedian: Float
  annualP90: Float
}

type MarketPosition {
  """Share (0 to 100) of comparable postings paying at or below the offer; null below the minimum sample."""
  percentile: Float
  """True when the figures are withheld: fewer postings with pay than minSample (the cell is suppressed, not zero)."""
  suppressed: Boolean!
  """Postings with a pay point behind the figures."""
  sampleSize: Int!
  """Fewest postings with pay for figures to be published (STATS_MIN_SAMPLE)."""
  minSample: Int!
  offerHourly: Float!
  offerAnnual: Float!
  hourlyMedian: Float
  hourlyP90: Float
  annualMedian: Float
  annualP90: Float
}

type SettingInfo {
  key: Setting!
  label: String!
  description: String!
  activePostings: Int!
}

type RoleFamilyInfo {
  key: RoleFamily!
  label: String!
  activePostings: Int!
}

type ScrapeRun {
  id: ID!
  sourceId: String!
  startedAt: DateTime!
  endedAt: DateTime
  status: RunStatus!
  pagesFetched: Int!
  robotsSkipped: Int!
  counts: IngestCounts!
  expired: Int!
  """A sample of errors, url: message."""
  errors: [String!]!
}

type IngestCounts {
  received: Int!
  new: Int!
  updated: Int!
  unchanged: Int!
  duplicates: Int!
  rejected: [RejectionCount!]!
}

type RejectionCount {
  reason: String!
  count: Int!
}

type Employer {
  id: ID!
  name: String!
  website: String
  createdAt: DateTime!
}

type EmployerRegistration {
  employer: Employer!
  """Send as Authorization: Bearer <apiKey>. Shown once: store it now."""
  apiKey: String!
}
`;

/** The whole SDL: the generated enums and the object types. */
export const typeDefs = `${enumTypeDefs()}\n${objectTypeDefs}`;
