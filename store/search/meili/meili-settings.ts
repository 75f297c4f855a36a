import type { Settings } from 'meilisearch';
import { meiliSynonyms } from '../search-synonyms.ts';
import { STOP_WORDS } from '../text-analysis.ts';
import { MAX_PAGE_DEPTH } from '../search-query.ts';

/**
 * The `postings` index settings. Searchable attributes are in ranking order (title first), the
 * same field weights the embedded engine uses. Totals must be exact for the counts job seekers
 * see, so `maxTotalHits` covers any realistic result set.
 */
export const MAX_TOTAL_HITS = 100_000;

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
  // Meilisearch's default rules, then recency to break ties the way the embedded engine does.
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'datePosted:desc'],
  synonyms: meiliSynonyms(),
  stopWords: [...STOP_WORDS],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnNumbers: true,
  },
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: Math.max(MAX_TOTAL_HITS, MAX_PAGE_DEPTH) },
} satisfies Settings;

const sameSet = (a: readonly string[] | null | undefined, b: readonly string[]) =>
  !!a && a.length === b.length && b.every((v) => a.includes(v));

/**
 * Compares the settings Meilisearch reports with the ones applied; returns one line per
 * difference (empty when all is as configured). Order matters only for searchable attributes
 * and ranking rules; Meilisearch may list the others in its own order.
 */
export function settingsDifferences(actual: Settings): string[] {
  const want = POSTINGS_SETTINGS;
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
  if (
    !typo ||
    typo.enabled !== true ||
    typo.minWordSizeForTypos?.oneTypo !== want.typoTolerance.minWordSizeForTypos.oneTypo ||
    typo.minWordSizeForTypos?.twoTypos !== want.typoTolerance.minWordSizeForTypos.twoTypos ||
    typo.disableOnNumbers !== true
  ) {
    out.push(`typoTolerance: expected ${JSON.stringify(want.typoTolerance)}, got ${JSON.stringify(typo)}`);
  }
  if (actual.faceting?.maxValuesPerFacet !== want.faceting.maxValuesPerFacet) {
    out.push(`faceting.maxValuesPerFacet: expected ${want.faceting.maxValuesPerFacet}, got ${actual.faceting?.maxValuesPerFacet}`);
  }
  if (actual.pagination?.maxTotalHits !== want.pagination.maxTotalHits) {
    out.push(`pagination.maxTotalHits: expected ${want.pagination.maxTotalHits}, got ${actual.pagination?.maxTotalHits}`);
  }
  return out;
}
