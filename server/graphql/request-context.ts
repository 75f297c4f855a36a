import { PeerboardError } from '../../schema/index.ts';
import type { PostingFilter } from '../../schema/index.ts';
import type { Employer } from '../../store/ports.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import type { BearerCredential } from '../auth/api-keys.ts';
import { resolveJobFilter } from './job-filter-input.ts';
import type { Geocoder } from './job-filter-input.ts';
import { ResultCache } from './result-cache.ts';

/** What the request log learns of a GraphQL request (filled in when Apollo answers). */
export interface GraphqlRequestLog {
  operationName?: string | null;
  /** Root fields, as in the metrics (`searchJobs`, `salaryStats+settings`). */
  operation?: string;
  outcome?: 'ok' | 'error' | 'invalid';
  errorCodes?: string[];
}

/** What every resolver gets: the runtime, the clock, the caller's credential, the server's result cache. */
export interface RequestContext {
  runtime: Runtime;
  now: () => Date;
  /** Shared by all requests of one server; keyed by the runtime's data version. */
  cache: ResultCache;
  /** Validates and resolves a `JobFilter` argument. */
  filter(input: unknown, path?: string): PostingFilter;
  /** The employer of the request's API key; throws UNAUTHENTICATED without a valid one. */
  employer(): Promise<Employer>;
  /** The employer when a valid key was sent, else null (for `me`). */
  optionalEmployer(): Promise<Employer | null>;
  /** This request's entry in the request log (absent outside HTTP). */
  requestLog?: GraphqlRequestLog;
}

export interface ContextDeps {
  runtime: Runtime;
  now: () => Date;
  geocode?: Geocoder | undefined;
  /** Absent: no caching (every request computes). */
  cache?: ResultCache | undefined;
  requestLog?: GraphqlRequestLog | undefined;
}

const NO_CACHE_ENTRIES = 0;

export function createRequestContext(deps: ContextDeps, credential: BearerCredential): RequestContext {
  let lookup: Promise<Employer | null> | undefined;
  const find = () => {
    if (credential.kind !== 'key') return Promise.resolve(null);
    lookup ??= deps.runtime.store.getEmployerByKeyHash(credential.keyHash);
    return lookup;
  };
  return {
    runtime: deps.runtime,
    now: deps.now,
    cache: deps.cache ?? new ResultCache(NO_CACHE_ENTRIES, () => 0),
    ...(deps.requestLog ? { requestLog: deps.requestLog } : {}),
    filter: (input, path) => resolveJobFilter(input, { now: deps.now(), geocode: deps.geocode }, path),
    async employer() {
      if (credential.kind === 'none') {
        throw new PeerboardError('UNAUTHENTICATED', 'this needs an employer API key: send Authorization: Bearer <apiKey> (registerEmployer gives you one)');
      }
      if (credential.kind === 'malformed') throw new PeerboardError('UNAUTHENTICATED', credential.reason);
      const employer = await find();
      if (!employer) throw new PeerboardError('UNAUTHENTICATED', 'the API key is not valid');
      return employer;
    },
    async optionalEmployer() {
      if (credential.kind === 'malformed') throw new PeerboardError('UNAUTHENTICATED', credential.reason);
      return find();
    },
  };
}
