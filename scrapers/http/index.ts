export type { Fetcher, FetcherStats, FetchRequest, FetchResponse } from './fetcher-port.ts';
export { createFetcher, type FetcherOptions } from './polite-fetcher.ts';
export {
  BodyTooLargeError,
  classifyNetworkError,
  describeFailureKind,
  HostUnreachableError,
  type NetworkFailureKind,
  FetchAbortedError,
  FetchError,
  nextStepOf,
  OffHostRedirectError,
  RobotsDisallowedError,
  UnsupportedUrlError,
  type NextStep,
} from './fetch-errors.ts';
export { peerboardUserAgent, PEERBOARD_PRODUCT_TOKEN } from './user-agent.ts';
export { parseRetryAfterMs, backoffDelayMs } from './retry-policy.ts';
