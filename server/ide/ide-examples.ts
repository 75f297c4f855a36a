/**
 * The example operations the GraphQL IDE opens with, one tab each. They run against the demo's
 * data as they are (test/readme-examples.test.ts runs them), so a newcomer's first click works.
 */
export interface IdeExample {
  query: string;
  variables?: string;
  headers?: string;
}

export const IDE_EXAMPLES: readonly IdeExample[] = [
  {
    query: `# Job seeker: peer jobs in Ohio paying $18+/hour, with facets
query Search($q: String, $filter: JobFilter, $after: String) {
  searchJobs(query: $q, filter: $filter, first: 10, after: $after) {
    totalCount
    edges {
      cursor
      highlights { field snippet }
      node { id title employer location { display } settings pay { min max period hourlyMin hourlyMax } url }
    }
    pageInfo { hasNextPage endCursor }
    facets { settings { value label count } states { value count } }
  }
}`,
    variables: `{ "q": "peer", "filter": { "states": ["OH"], "payMinHourly": 18 } }`,
  },
  {
    query: `# Analyst: pay by setting (suppressed: fewer postings with pay than STATS_MIN_SAMPLE)
query PayBySetting {
  salaryStats(groupBy: [SETTING]) {
    group { dimension value label }
    count withPay payTransparency suppressed sampleSize minSample
    hourly { median p90 }
    annual { median p90 }
  }
}`,
  },
  {
    query: `# Analyst: the trend by quarter, expired and closed postings included
query Trend {
  salaryTrend(interval: QUARTER, filter: { includeExpired: true }) {
    period count withPay suppressed hourlyMedian hourlyP90
  }
}`,
  },
  {
    query: `# Employer: register once; the API key is shown once (put it in the headers below)
mutation Register($input: RegisterEmployerInput!) {
  registerEmployer(input: $input) { employer { id name } apiKey }
}`,
    variables: `{ "input": { "name": "Northstar Recovery", "email": "hiring@northstar.example.org", "website": "https://northstar.example.org" } }`,
  },
  {
    query: `# Employer: your account (needs Authorization: Bearer <apiKey> in the headers)
query Me {
  me { id name website }
}`,
    headers: `{ "Authorization": "Bearer PASTE_THE_API_KEY_HERE" }`,
  },
  {
    query: `# Employer: where an offer sits among comparable jobs
query MarketPosition {
  marketPosition(pay: { min: 19, max: 23, period: HOUR }, filter: { states: ["OH"] }) {
    percentile suppressed sampleSize minSample hourlyMedian hourlyP90
  }
}`,
  },
  { query: `# Settings with their active job counts\nquery Settings {\n  settings { key label description activePostings }\n}` },
];
