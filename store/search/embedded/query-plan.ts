import { SYNONYM_GROUPS } from '../search-synonyms.ts';
import { terms } from '../text-analysis.ts';
import type { TermDictionary, TermExpansion } from './term-dictionary.ts';

/**
 * A text query as the engine runs it. The query's words are grouped into units; a document
 * matches when it matches every unit (AND, like Meilisearch's `matchingStrategy: "all"`). A unit
 * is one word, or a phrase found in the synonyms table; it matches through any of its
 * alternatives (the phrase itself or a synonym), an alternative when the document has all of its
 * terms. Each term stands for its dictionary expansions (exact, typos, prefix completions).
 */
export interface PlannedTerm {
  term: string;
  expansions: TermExpansion[];
}
export interface PlannedAlternative {
  terms: PlannedTerm[];
}
export interface PlannedUnit {
  /** How many query words the unit covers: scores are scaled so a long synonym is not favoured. */
  words: number;
  alternatives: PlannedAlternative[];
  /** Postings the unit touches: units are evaluated cheapest first. */
  cost: number;
}

interface SynonymEntry {
  group: number;
  length: number;
}

/** Synonym phrases as term sequences, keyed by their terms joined with a space. */
const SYNONYM_PHRASES: ReadonlyMap<string, SynonymEntry> = (() => {
  const m = new Map<string, SynonymEntry>();
  SYNONYM_GROUPS.forEach((group, i) => {
    for (const phrase of group) {
      const t = terms(phrase);
      if (t.length) m.set(t.join(' '), { group: i, length: t.length });
    }
  });
  return m;
})();
const GROUP_ALTERNATIVES: readonly (readonly string[][])[] = SYNONYM_GROUPS.map((g) => {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const phrase of g) {
    const t = terms(phrase);
    const key = t.join(' ');
    if (t.length && !seen.has(key)) {
      seen.add(key);
      out.push(t);
    }
  }
  return out;
});
const LONGEST_SYNONYM = Math.max(...[...SYNONYM_PHRASES.values()].map((e) => e.length));
/** Words beyond this are ignored: bounds the work a single request can cause. */
export const MAX_QUERY_TERMS = 10;

/** Plans a query text; null when it has no searchable words (then every document matches). */
export function planQuery(text: string, dictionary: TermDictionary): PlannedUnit[] | null {
  const words = terms(text).slice(0, MAX_QUERY_TERMS);
  if (!words.length) return null;
  const units: PlannedUnit[] = [];
  const lastIndex = words.length - 1;
  // The last word may still be being typed: it also matches as a prefix (never inside a synonym
  // phrase, where the words are whole by construction).
  const plan = (t: string, index: number): PlannedTerm => ({ term: t, expansions: dictionary.expand(t, index === lastIndex) });
  let i = 0;
  while (i < words.length) {
    let matched: SynonymEntry | undefined;
    for (let len = Math.min(LONGEST_SYNONYM, words.length - i); len >= 1 && !matched; len--) {
      matched = SYNONYM_PHRASES.get(words.slice(i, i + len).join(' '));
    }
    if (matched) {
      const own = words.slice(i, i + matched.length);
      const ownKey = own.join(' ');
      const alternatives: PlannedAlternative[] = [];
      // The words as typed keep their typo/prefix tolerance; synonyms match exactly.
      alternatives.push({ terms: own.map((t, k) => plan(t, i + k)) });
      for (const alt of GROUP_ALTERNATIVES[matched.group] ?? []) {
        if (alt.join(' ') === ownKey) continue;
        alternatives.push({ terms: alt.map((t) => ({ term: t, expansions: dictionary.exact(t) })) });
      }
      units.push({ words: matched.length, alternatives, cost: 0 });
      i += matched.length;
    } else {
      units.push({ words: 1, alternatives: [{ terms: [plan(words[i]!, i)] }], cost: 0 });
      i++;
    }
  }
  for (const u of units) {
    u.cost = u.alternatives.reduce((sum, a) => sum + Math.min(...a.terms.map((t) => dictionary.weightOf(t.expansions))), 0);
  }
  units.sort((a, b) => a.cost - b.cost);
  return units;
}

/** Every dictionary term a plan can match: the words highlights mark. */
export function matchedTerms(units: readonly PlannedUnit[]): Set<string> {
  const out = new Set<string>();
  for (const u of units) for (const a of u.alternatives) for (const t of a.terms) for (const e of t.expansions) out.add(e.term);
  return out;
}
