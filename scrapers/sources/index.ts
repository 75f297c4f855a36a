import { formatZodIssues, ValidationError } from '../../schema/index.ts';
import { runAshby } from './ashby/ashby-source.ts';
import { runBambooHr } from './bamboohr/bamboohr-source.ts';
import { runPaylocity } from './paylocity/paylocity-source.ts';
import { runRecruitee } from './recruitee/recruitee-source.ts';
import { runSmartRecruiters } from './smartrecruiters/smartrecruiters-source.ts';
import { runUkg } from './ukg/ukg-source.ts';
import { runWorkable } from './workable/workable-source.ts';
import { runXmlFeed } from './xmlfeed/xmlfeed-source.ts';
import { runGreenhouse } from './greenhouse/greenhouse-source.ts';
import { runHtml } from './html/html-source.ts';
import { runJsonLd } from './jsonld/jsonld-source.ts';
import { runLever } from './lever/lever-source.ts';
import { runNeogov } from './neogov/neogov-source.ts';
import { runUsajobs } from './usajobs/usajobs-source.ts';
import { runWorkday } from './workday/workday-source.ts';
import { sourcesFileSchema, type SourceConfig, type SourceKind, type SourceRunner } from './source-types.ts';

export * from './source-types.ts';
export { extractJobPostings, parseJsonLdBlock, type JsonLdExtraction } from './jsonld/jsonld-extract.ts';
export { extractListing } from './html/html-source.ts';
export { parseWorkdaySite } from './workday/workday-source.ts';
export { parseJobFeed, type JobFeed } from './xmlfeed/xmlfeed-source.ts';
export { opportunityDetailJson } from './ukg/ukg-source.ts';

/** Every kind a sources file may name. */
export const SOURCE_KINDS = [
  'jsonld',
  'greenhouse',
  'ashby',
  'lever',
  'workday',
  'usajobs',
  'neogov',
  'html',
  'smartrecruiters',
  'workable',
  'recruitee',
  'bamboohr',
  'paylocity',
  'ukg',
  'xmlfeed',
] as const satisfies readonly SourceKind[];

/**
 * Runs one source: fetches through `ctx.fetcher`, returns raw postings and what went wrong. Never
 * throws for bad pages or answers (they land in `errors`/`rejected`); `complete` says whether the
 * whole listing was seen, so only then may missing jobs be expired.
 */
export const runSource: SourceRunner = (config, ctx) => {
  switch (config.kind) {
    case 'jsonld':
      return runJsonLd(config, ctx);
    case 'greenhouse':
      return runGreenhouse(config, ctx);
    case 'ashby':
      return runAshby(config, ctx);
    case 'lever':
      return runLever(config, ctx);
    case 'workday':
      return runWorkday(config, ctx);
    case 'usajobs':
      return runUsajobs(config, ctx);
    case 'neogov':
      return runNeogov(config, ctx);
    case 'html':
      return runHtml(config, ctx);
    case 'smartrecruiters':
      return runSmartRecruiters(config, ctx);
    case 'workable':
      return runWorkable(config, ctx);
    case 'recruitee':
      return runRecruitee(config, ctx);
    case 'bamboohr':
      return runBambooHr(config, ctx);
    case 'paylocity':
      return runPaylocity(config, ctx);
    case 'ukg':
      return runUkg(config, ctx);
    case 'xmlfeed':
      return runXmlFeed(config, ctx);
  }
};

/** Validates a parsed sources file; every problem comes back as a `path: message` line. */
export function parseSourceConfigs(json: unknown): SourceConfig[] {
  const parsed = sourcesFileSchema.safeParse(json);
  if (!parsed.success) throw new ValidationError(formatZodIssues(parsed.error.issues));
  const seen = new Set<string>();
  const duplicates = parsed.data.filter((s) => (seen.has(s.id) ? true : (seen.add(s.id), false))).map((s) => `${s.id}: duplicate source id`);
  if (duplicates.length) throw new ValidationError(duplicates);
  return parsed.data;
}
