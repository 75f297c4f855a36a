/**
 * The one synonyms table of search. Both adapters use it: Meilisearch receives it as its
 * `synonyms` setting (every phrase of a group maps to every other), the embedded engine expands
 * query phrases with it at query time. Groups are symmetric on purpose: a job seeker who types
 * "MAT" wants the MOUD postings and the reverse, and one-way rules are easy to get subtly wrong.
 *
 * Phrases are lower case; multi-word phrases match as phrases of the query (all their words).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['recovery coach', 'peer recovery specialist', 'recovery support specialist'],
  ['peer specialist', 'peer support specialist'],
  ['cps', 'certified peer specialist'],
  ['cprs', 'certified peer recovery specialist'],
  ['ed', 'er', 'emergency department', 'emergency room'],
  ['moud', 'mat', 'medication for opioid use disorder', 'medication assisted treatment', 'medications for opioid use disorder'],
  ['otp', 'opioid treatment program'],
  ['re-entry', 'reentry'],
  ['youth', 'adolescent'],
  ['parent partner', 'family peer advocate'],
  ['tay', 'transition age youth', 'transition-age youth'],
  ['sud', 'substance use disorder'],
  ['iop', 'intensive outpatient'],
  ['rco', 'recovery community organization'],
  ['suboxone', 'buprenorphine'],
  ['vet', 'veteran'],
];

/** Meilisearch's `synonyms` setting: each phrase lists every other phrase of its group. */
export function meiliSynonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) {
    for (const phrase of group) {
      const others = group.filter((p) => p !== phrase);
      out[phrase] = [...new Set([...(out[phrase] ?? []), ...others])];
    }
  }
  return out;
}
