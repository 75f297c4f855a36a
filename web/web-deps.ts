import type { StoredPosting } from '../schema/index.ts';
import type { Employer } from '../store/ports.ts';
import type { Runtime } from '../store/runtime-port.ts';

/**
 * What the pages need, handed in by `server/` when it mounts the router: the runtime's services
 * (store, search index, statistics engine) are read directly; the employer actions are the very
 * functions the GraphQL mutations run (same validation, same ingest), passed in so `web/` never
 * calls our own GraphQL over HTTP and never imports the API layer.
 */
export interface WebDeps {
  runtime: Runtime;
  now: () => Date;
  /** Resolves "City, ST" to coordinates (the normaliser's gazetteer); without it `near` is refused. */
  geocode?: ((city: string, state: string) => { lat: number; lon: number } | null) | undefined;
  employers: EmployerActions;
  /** Results by data version (the server's result cache); absent: every page computes. */
  cache?: ResultCacheLike | undefined;
  /** Fewest postings with pay a statistic needs to be published (STATS_MIN_SAMPLE). */
  minSample: number;
  production: boolean;
  log: (line: string) => void;
}

export interface ResultCacheLike {
  get<T>(key: string, compute: () => T): T;
  getAsync<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/** A job as the employer form sends it: the GraphQL `JobInput` shape. */
export interface JobInput {
  title: string;
  description: string;
  location: string;
  pay: { min: number; max: number; period: string; currency?: string };
  employmentType: string;
  applyUrl: string;
  settings?: string[];
  validThrough?: string | null;
}

/**
 * The employer side of the API as plain functions. Each throws the domain errors the API
 * answers with: `ValidationError` (its issues are `input.field: message` lines),
 * `PeerboardError` UNAUTHENTICATED, FORBIDDEN or NOT_FOUND.
 */
export interface EmployerActions {
  register(input: { name: string; email: string; website: string | null }): Promise<{ employer: Employer; apiKey: string }>;
  /** The employer an API key belongs to; UNAUTHENTICATED when the key is malformed or unknown. */
  authenticate(apiKey: string): Promise<Employer>;
  postJob(apiKey: string, input: JobInput): Promise<StoredPosting>;
  closeJob(apiKey: string, id: string): Promise<StoredPosting>;
}
