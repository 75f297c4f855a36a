/**
 * The embedded engine's inverted index: a term dictionary (Map term → term number) and, per
 * term, a postings list of Uint32 entries `doc << 8 | fieldMask` in ascending doc order (slots
 * are only ever appended, so appending keeps lists sorted). One typed array per term is ~5 bytes
 * a posting; a JS array of objects would be ten times that.
 *
 * Typo tolerance scans the dictionary terms with the same first letter and a nearby length with a
 * bounded edit distance that stops as soon as a row exceeds the bound (a typo on the first letter
 * counts double, as in Meilisearch, so those candidates are generated directly): cheaper in
 * memory than a deletion-neighbourhood map (tens of MB for a real vocabulary) and fast enough
 * for a few query terms.
 */

/** Field bits of a posting entry. */
export const FIELD = {
  title: 1,
  roleFamily: 2,
  settings: 4,
  employer: 8,
  city: 16,
  description: 32,
} as const;

/** Most docs a dictionary can address: 24 bits of doc number in each posting entry. */
export const MAX_SLOTS = 1 << 24;

/**
 * Relevance of a term match by the fields it occurs in: title ≫ role / setting labels /
 * employer ≫ city ≫ description; each further field adds a little.
 */
export const FIELD_WEIGHT: Float32Array = (() => {
  const w = new Float32Array(256);
  const base: [number, number][] = [
    [FIELD.title, 10],
    [FIELD.roleFamily, 6],
    [FIELD.settings, 5],
    [FIELD.employer, 5],
    [FIELD.city, 3],
    [FIELD.description, 1],
  ];
  for (let mask = 1; mask < 256; mask++) {
    let best = 0;
    let fields = 0;
    for (const [bit, weight] of base) {
      if (mask & bit) {
        fields++;
        if (weight > best) best = weight;
      }
    }
    w[mask] = best + 0.5 * (fields - 1);
  }
  return w;
})();

/** A dictionary term a query term stands for, and what the match costs in relevance. */
export interface TermExpansion {
  termId: number;
  term: string;
  /** 0 exact; a typo or a prefix completion costs relevance. */
  penalty: number;
  typos: number;
}

export const TYPO_PENALTY = 2.5;
export const PREFIX_PENALTY = 1;
/** A short prefix ("p") would stand for thousands of terms: keep the most frequent ones. */
export const MAX_PREFIX_TERMS = 50;
/** Same rule as Meilisearch's defaults: one typo from 5 characters, two from 9. */
export const ONE_TYPO_MIN_LENGTH = 5;
export const TWO_TYPOS_MIN_LENGTH = 9;

const MAX_TERM_LENGTH_FOR_TYPOS = 40;
/** New terms scanned linearly by prefix lookups before they are merged into the sorted list. */
const MAX_UNSORTED_TERMS = 2048;
const HAS_DIGIT = /\d/;

export class TermDictionary {
  private readonly termIds = new Map<string, number>();
  private readonly termList: string[] = [];
  private lists: Uint32Array<ArrayBufferLike>[] = [];
  private lengths = new Uint32Array(1024);
  /** Term numbers by (first letter, length), for the typo scan. */
  private readonly buckets = new Map<number, number[]>();
  /** First letters of all terms (for first-letter typos). */
  private readonly firstLetters = new Set<number>();
  /**
   * Term numbers in term order, for prefix ranges. New terms wait in `unsorted` and are merged in
   * once there are many: re-sorting 100,000 terms (~100 ms) on the first query after every
   * ingest batch would put that cost on a job seeker.
   */
  private sorted: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private unsorted: number[] = [];
  private readonly rowA = new Int32Array(MAX_TERM_LENGTH_FOR_TYPOS + 2);
  private readonly rowB = new Int32Array(MAX_TERM_LENGTH_FOR_TYPOS + 2);
  private readonly rowC = new Int32Array(MAX_TERM_LENGTH_FOR_TYPOS + 2);

  get size(): number {
    return this.termList.length;
  }

  /** Adds one document's terms, each with the bit mask of the fields it occurs in. */
  addDocument(doc: number, termFields: ReadonlyMap<string, number>): void {
    for (const [term, mask] of termFields) {
      let id = this.termIds.get(term);
      if (id === undefined) id = this.newTerm(term);
      let list = this.lists[id]!;
      const len = this.lengths[id]!;
      if (len === list.length) {
        const grown = new Uint32Array(Math.max(4, list.length * 2));
        grown.set(list);
        this.lists[id] = list = grown;
      }
      list[len] = ((doc << 8) | mask) >>> 0;
      this.lengths[id] = len + 1;
    }
  }

  /**
   * Gives back the growth slack of every postings list (lists double as they grow, so up to half
   * of a bulk-loaded list is empty). Worth it after a full load or a compaction.
   */
  trim(): void {
    for (let id = 0; id < this.lists.length; id++) {
      const len = this.lengths[id]!;
      const list = this.lists[id]!;
      if (list.length > len + 4) this.lists[id] = list.slice(0, len);
    }
  }

  /**
   * Drops the entries of dead docs and renumbers the rest (`map[old]`, -1 for dead). The new
   * numbers keep the old order, so every list stays sorted and is rewritten in place.
   */
  compactDocs(map: Int32Array): void {
    for (let id = 0; id < this.termList.length; id++) {
      const list = this.lists[id]!;
      const len = this.lengths[id]!;
      let n = 0;
      for (let i = 0; i < len; i++) {
        const entry = list[i]!;
        const m = map[entry >>> 8]!;
        if (m >= 0) list[n++] = ((m << 8) | (entry & 255)) >>> 0;
      }
      this.lengths[id] = n;
    }
    this.trim();
  }

  /** The terms, each term's postings count and all postings back to back, and the sorted order (for a snapshot). */
  exportState(): { terms: string[]; lengths: Uint32Array; postings: Uint32Array; sorted: Int32Array } {
    this.mergeUnsorted();
    const count = this.termList.length;
    const lengths = this.lengths.slice(0, count);
    let total = 0;
    for (let i = 0; i < count; i++) total += lengths[i]!;
    const postings = new Uint32Array(total);
    let at = 0;
    for (let i = 0; i < count; i++) {
      postings.set(this.lists[i]!.subarray(0, lengths[i]), at);
      at += lengths[i]!;
    }
    return { terms: this.termList.slice(), lengths, postings, sorted: this.sorted.slice() };
  }

  /**
   * A dictionary back from {@link exportState}'s output. The lists are views into `postings`,
   * each exactly as long as its content, so the first append to one copies it out (no list ever
   * writes into its neighbour's memory).
   */
  static restore(terms: readonly string[], lengths: Uint32Array<ArrayBufferLike>, postings: Uint32Array<ArrayBufferLike>, sorted: Int32Array<ArrayBufferLike>): TermDictionary {
    if (lengths.length !== terms.length || sorted.length !== terms.length) throw new Error('search snapshot: the term tables disagree in length');
    const d = new TermDictionary();
    d.lengths = new Uint32Array(Math.max(1024, terms.length));
    let at = 0;
    for (let id = 0; id < terms.length; id++) {
      const term = terms[id]!;
      const len = lengths[id]!;
      d.termIds.set(term, id);
      d.termList.push(term);
      d.lists.push(postings.subarray(at, at + len));
      d.lengths[id] = len;
      at += len;
      const key = bucketKey(term.charCodeAt(0), term.length);
      const bucket = d.buckets.get(key);
      if (bucket) bucket.push(id);
      else d.buckets.set(key, [id]);
      d.firstLetters.add(term.charCodeAt(0));
    }
    if (at !== postings.length) throw new Error('search snapshot: the postings do not add up to the term lengths');
    d.sorted = sorted;
    return d;
  }

  /** The postings of a term: entries `doc << 8 | fieldMask`, ascending by doc. */
  postings(termId: number): Uint32Array {
    return this.lists[termId]!.subarray(0, this.lengths[termId]);
  }

  /** Entries of all terms (live and dead docs), for memory figures. */
  postingCount(): number {
    let n = 0;
    for (let i = 0; i < this.termList.length; i++) n += this.lengths[i]!;
    return n;
  }

  /** The term itself, when the dictionary has it (synonyms match exactly). */
  exact(term: string): TermExpansion[] {
    const id = this.termIds.get(term);
    return id === undefined ? [] : [{ termId: id, term, penalty: 0, typos: 0 }];
  }

  /**
   * The dictionary terms a query term stands for: itself, terms within the typo budget and, for
   * the last query term (the one still being typed), terms it is a prefix of.
   */
  expand(term: string, prefix: boolean): TermExpansion[] {
    const out: TermExpansion[] = [];
    const exact = this.termIds.get(term);
    if (exact !== undefined) out.push({ termId: exact, term, penalty: 0, typos: 0 });
    const maxTypos = term.length >= TWO_TYPOS_MIN_LENGTH ? 2 : term.length >= ONE_TYPO_MIN_LENGTH ? 1 : 0;
    if (maxTypos > 0 && term.length <= MAX_TERM_LENGTH_FOR_TYPOS && !HAS_DIGIT.test(term)) {
      const first = term.charCodeAt(0);
      // Same first letter: scan the (first letter, length) buckets within reach.
      for (let len = term.length - maxTypos; len <= term.length + maxTypos; len++) {
        for (const id of this.buckets.get(bucketKey(first, len)) ?? []) {
          if (id === exact) continue;
          const candidate = this.termList[id]!;
          const typos = boundedDistance(term, candidate, maxTypos, this.rowA, this.rowB, this.rowC);
          if (typos <= maxTypos) out.push({ termId: id, term: candidate, penalty: TYPO_PENALTY * typos, typos });
        }
      }
      // A typo on the first letter counts double, so with a budget of two it must be the only
      // edit: a first letter dropped, swapped with the second, replaced or added in front.
      if (maxTypos === 2) {
        const rest = term.slice(1);
        const candidates = new Set<string>([rest]);
        if (term.charCodeAt(1) !== first) candidates.add(term[1]! + term[0]! + term.slice(2));
        for (const c of this.firstLetters) {
          if (c === first) continue;
          const letter = String.fromCharCode(c);
          candidates.add(letter + rest);
          candidates.add(letter + term);
        }
        for (const candidate of candidates) {
          const id = this.termIds.get(candidate);
          if (id !== undefined && id !== exact) out.push({ termId: id, term: candidate, penalty: TYPO_PENALTY * 2, typos: 2 });
        }
      }
    }
    if (prefix && term.length >= 2) {
      const seen = new Set(out.map((e) => e.termId));
      const completions = this.prefixRange(term).filter((id) => !seen.has(id));
      if (completions.length > MAX_PREFIX_TERMS) completions.sort((a, b) => this.lengths[b]! - this.lengths[a]!);
      for (const id of completions.slice(0, MAX_PREFIX_TERMS)) {
        out.push({ termId: id, term: this.termList[id]!, penalty: PREFIX_PENALTY, typos: 0 });
      }
    }
    return out;
  }

  /** How many postings the expansions touch: the cost estimate used to order query terms. */
  weightOf(expansions: readonly TermExpansion[]): number {
    let n = 0;
    for (const e of expansions) n += this.lengths[e.termId]!;
    return n;
  }

  private newTerm(term: string): number {
    const id = this.termList.length;
    this.termIds.set(term, id);
    this.termList.push(term);
    this.lists.push(new Uint32Array(4));
    if (id >= this.lengths.length) {
      const grown = new Uint32Array(this.lengths.length * 2);
      grown.set(this.lengths);
      this.lengths = grown;
    }
    const key = bucketKey(term.charCodeAt(0), term.length);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(id);
    else this.buckets.set(key, [id]);
    this.firstLetters.add(term.charCodeAt(0));
    this.unsorted.push(id);
    return id;
  }

  /** Merges a long tail of new terms now: called after writes, so the cost lands on the writer. */
  settle(): void {
    if (this.unsorted.length > MAX_UNSORTED_TERMS) this.mergeUnsorted();
  }

  private prefixRange(prefix: string): number[] {
    this.settle();
    const terms = this.termList;
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < sorted.length; i++) {
      const id = sorted[i]!;
      const t = terms[id]!;
      if (!t.startsWith(prefix)) break;
      if (t.length > prefix.length) out.push(id);
    }
    for (const id of this.unsorted) {
      const t = terms[id]!;
      if (t.length > prefix.length && t.startsWith(prefix)) out.push(id);
    }
    return out;
  }

  /** Sorts the new terms and merges them into the sorted list in one linear pass. */
  private mergeUnsorted(): void {
    const terms = this.termList;
    const fresh = this.unsorted.sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));
    const old = this.sorted;
    const merged = new Int32Array(old.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < fresh.length) {
      merged[k++] = terms[old[i]!]! < terms[fresh[j]!]! ? old[i++]! : fresh[j++]!;
    }
    while (i < old.length) merged[k++] = old[i++]!;
    while (j < fresh.length) merged[k++] = fresh[j++]!;
    this.sorted = merged;
    this.unsorted = [];
  }
}

const bucketKey = (firstLetter: number, length: number) => firstLetter * 256 + Math.min(length, 255);

/**
 * Edit distance (insertions, deletions, substitutions, adjacent transpositions), giving up with
 * max + 1 as soon as a whole row exceeds the bound.
 */
function boundedDistance(a: string, b: string, max: number, r0: Int32Array, r1: Int32Array, r2: Int32Array): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  // r0 = row i-2, r1 = row i-1, r2 = row i (optimal string alignment distance).
  let prev2 = r0;
  let prev = r1;
  let cur = r2;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb]!;
}
