import type { Settings } from 'meilisearch';
import { meiliSynonyms } from '../search-synonyms.ts';
import { STOP_WORDS } from '../text-analysis.ts';
import { MAX_PAGE_DEPTH } from '../search-query.ts';
import { atLeast, type MeiliVersion } from './meili-version.ts';

/**
 * The `postings` index settings. Searchable attributes are in ranking order (title first), the
 * same field weights the embedded engine uses. Totals must be exact for the counts job seekers
 * see, so `maxTotalHits` covers any realistic result set.
 */
export const MAX_TOTAL_HITS = 100_000;

/**
 * Ranking rules. `sort` comes FIRST: when a search asks for NEWEST, PAY_HIGH, PAY_LOW or DISTANCE
 * the sort key orders the results and relevance only breaks ties, which is what the embedded
 * engine does (sort key, then relevance, then recency). With `sort` after words/typo/proximity/
 * attribute (Meilisearch's default place for it) a text search came back in relevance order and
 * the two engines disagreed. Without a `sort` parameter the rule does nothing, so relevance
 * searches rank as before; `datePosted:desc` last breaks the remaining ties by recency.
 */
export const RANKING_RULES = ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'datePosted:desc'] as const;

/** Settings fields newer than {@link MEILI_MIN_VERSION}, with the first version that knows them. */
export const VERSIONED_SETTINGS = {
  'typoTolerance.disableOnNumbers': [1, 15, 0],
} as const satisfies Record<string, MeiliVersion>;

export const POSTINGS_SETTINGS = {
  searchableAttributes: ['title', 'roleFamilyLabel', 'settingLabels', 'employer', 'city', 'description'],
  filterableAttributes: [
    'settings',
    'state',
    'roleFamily',
    'employmentType',
    'workplace',
    'certificationRequired',
    'livedExperienceRequired',
    'hourlyMin',
    'hourlyMax',
    'hourlyTop',
    'annualTop',
    'datePosted',
    'status',
    'employerId',
    '_geo',
  ],
  sortableAttributes: ['datePosted', 'hourlyTop', '_geo'],
  rankingRules: [...RANKING_RULES],
  synonyms: meiliSynonyms(),
  stopWords: [...STOP_WORDS],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    // Numbers in postings are pay figures, years and ZIP codes: "2024" must not match "2025".
    disableOnNumbers: true,
  },
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: Math.max(MAX_TOTAL_HITS, MAX_PAGE_DEPTH) },
} satisfies Settings;

export type PostingsSettings = typeof POSTINGS_SETTINGS;

/**
 * The settings to send to a server of `version`: every field it knows, none it does not. A field
 * left out is also left out of {@link settingsDifferences}' check for that server.
 */
export function settingsFor(version: MeiliVersion): Settings {
  const s = structuredClone(POSTINGS_SETTINGS) as Settings & { typoTolerance: Record<string, unknown> };
  if (!atLeast(version, VERSIONED_SETTINGS['typoTolerance.disableOnNumbers'])) delete s.typoTolerance.disableOnNumbers;
  return s;
}

const sameSet = (a: readonly string[] | null | undefined, b: readonly string[]) =>
  !!a && a.length === b.length && b.every((v) => a.includes(v));

/**
 * Compares the settings Meilisearch reports with the ones wanted (default: everything); returns
 * one line per difference (empty when all is as configured). Order matters only for searchable
 * attributes and ranking rules; Meilisearch may list the others in its own order.
 */
export function settingsDifferences(actual: Settings, wanted: Settings = POSTINGS_SETTINGS): string[] {
  const want = wanted as PostingsSettings & { typoTolerance: { disableOnNumbers?: boolean } };
  const out: string[] = [];
  const ordered = (name: string, a: readonly string[] | null | undefined, b: readonly string[]) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${name}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
  };
  const unordered = (name: string, a: readonly string[] | null | undefined, b: readonly string[]) => {
    if (!sameSet(a, b)) out.push(`${name}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
  };
  ordered('searchableAttributes', actual.searchableAttributes, want.searchableAttributes);
  ordered('rankingRules', actual.rankingRules, want.rankingRules);
  const filterable = (actual.filterableAttributes ?? []).map((f) => (typeof f === 'string' ? f : f.attributePatterns.join(',')));
  unordered('filterableAttributes', filterable, want.filterableAttributes);
  unordered('sortableAttributes', actual.sortableAttributes, want.sortableAttributes);
  unordered('stopWords', actual.stopWords, want.stopWords);
  const synonyms = actual.synonyms ?? {};
  for (const [word, alts] of Object.entries(want.synonyms)) {
    if (!sameSet(synonyms[word], alts)) out.push(`synonyms.${word}: expected ${JSON.stringify(alts)}, got ${JSON.stringify(synonyms[word])}`);
  }
  const typo = actual.typoTolerance;
  const wantTypo = want.typoTolerance;
  if (
    !typo ||
    typo.enabled !== wantTypo.enabled ||
    typo.minWordSizeForTypos?.oneTypo !== wantTypo.minWordSizeForTypos.oneTypo ||
    typo.minWordSizeForTypos?.twoTypos !== wantTypo.minWordSizeForTypos.twoTypos ||
    ('disableOnNumbers' in wantTypo && typo.disableOnNumbers !== wantTypo.disableOnNumbers)
  ) {
    out.push(`typoTolerance: expected ${JSON.stringify(wantTypo)}, got ${JSON.stringify(typo)}`);
  }
  if (actual.faceting?.maxValuesPerFacet !== want.faceting.maxValuesPerFacet) {
    out.push(`faceting.maxValuesPerFacet: expected ${want.faceting.maxValuesPerFacet}, got ${actual.faceting?.maxValuesPerFacet}`);
  }
  if (actual.pagination?.maxTotalHits !== want.pagination.maxTotalHits) {
    out.push(`pagination.maxTotalHits: expected ${want.pagination.maxTotalHits}, got ${actual.pagination?.maxTotalHits}`);
  }
  return out;
}
