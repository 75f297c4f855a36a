import robotsParserModule from 'robots-parser';
import type { NetworkFailureKind } from './fetch-errors.ts';
import { PEERBOARD_PRODUCT_TOKEN } from './user-agent.ts';

/**
 * What one host's robots.txt says for PeerboardBot. Built from the answer to `/robots.txt` as
 * RFC 9309 §2.3.1 says: 2xx → the rules; 4xx ("unavailable") → everything allowed; 5xx or no
 * answer ("unreachable") → everything disallowed until we can read it.
 */
export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay for our group in milliseconds, when the file sets one. */
  crawlDelayMs: number | undefined;
  /** Why this verdict: "rules", "robots.txt 404: allow all", "robots.txt 503: disallow all"... */
  basis: string;
  /** When this verdict stops being trusted (clock ms). */
  expiresAt: number;
  /** Set when robots.txt could not be fetched at all: why the host was unreachable. */
  unreachable?: { kind: NetworkFailureKind; detail: string } | undefined;
}

/**
 * robots-parser is CommonJS (`module.exports = fn`) with an ESM-style `export default` in its
 * typings; under NodeNext the default import is typed as the module object while at run time it
 * is the function itself. Accept either so a future ESM build of the package keeps working.
 */
type RobotsParser = typeof robotsParserModule.default;
const robotsParser: RobotsParser =
  typeof robotsParserModule === 'function' ? robotsParserModule : robotsParserModule.default;

export function rulesFromRobotsTxt(robotsUrl: string, text: string, expiresAt: number): RobotsRules {
  const robot = robotsParser(robotsUrl, text);
  const delaySeconds = robot.getCrawlDelay(PEERBOARD_PRODUCT_TOKEN);
  return {
    // robots-parser answers undefined for URLs of another origin; those never reach here, but an
    // undefined is treated as allowed only because the origin check happened before.
    isAllowed: (url) => robot.isAllowed(url, PEERBOARD_PRODUCT_TOKEN) !== false,
    crawlDelayMs: typeof delaySeconds === 'number' && Number.isFinite(delaySeconds) && delaySeconds > 0 ? delaySeconds * 1000 : undefined,
    basis: 'rules',
    expiresAt,
  };
}

export function allowAll(basis: string, expiresAt: number): RobotsRules {
  return { isAllowed: () => true, crawlDelayMs: undefined, basis, expiresAt };
}

export function disallowAll(basis: string, expiresAt: number, unreachable?: RobotsRules['unreachable']): RobotsRules {
  return { isAllowed: () => false, crawlDelayMs: undefined, basis, expiresAt, unreachable };
}
