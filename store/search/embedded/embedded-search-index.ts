import type { StoredPosting } from '../../../schema/index.ts';
import type { SearchHighlight, SearchHit, SearchIndex, SearchQuery, SearchResult } from '../search-port.ts';
import { toSearchDocument, type SearchDocument } from '../search-document.ts';
import { orderFacetCounts, validateSearchQuery, type ValidSearchQuery } from '../search-query.ts';
import { terms } from '../text-analysis.ts';
import { PostingColumns } from './posting-columns.ts';
import { matchedTerms, planQuery, type PlannedUnit } from './query-plan.ts';
import { highlight } from './snippets.ts';
import { readIndexSnapshot, writeIndexSnapshot } from './index-snapshot.ts';
import { FIELD, FIELD_WEIGHT, MAX_SLOTS, TermDictionary } from './term-dictionary.ts';

/** The short text of a slot, kept for highlights; the description only when no `descriptions` source is given. */
interface SlotText {
  id: string;
  title: string;
  employer: string | null;
  city: string | null;
  description?: string;
}

/** Reads the search-document descriptions of a page of hits (from the store, on disk). */
export type DescriptionSource = (ids: readonly string[]) => Promise<Map<string, string>>;

export interface EmbeddedSearchOptions {
  /** Compact when more than this share of slots are tombstones (and at least `compactMinDead`). */
  compactRatio?: number;
  compactMinDead?: number;
  /**
   * Where descriptions come from for highlights. When set the index keeps no description in
   * memory (they stay in the store, read for the page of results only); when absent it keeps
   * them (a stand-alone index, as in tests and benchmarks).
   */
  descriptions?: DescriptionSource;
  /** The snapshot file: loaded by `init()`, written by `persist(seq)`. */
  snapshotFile?: string;
  log?: (line: string) => void;
}

const SNAPSHOT_VERSION = 1;
interface SnapshotHeader {
  version: number;
  seq: number;
  size: number;
  dead: number;
  texts: ([string, string, string | null, string | null] | null)[];
  terms: string[];
  states: string[];
  employerIds: string[];
}

/** What one in-memory generation of the index holds; compaction swaps in a fresh one. */
class Generation {
  constructor(
    readonly columns = new PostingColumns(),
    readonly dictionary = new TermDictionary(),
  ) {}
  readonly texts: (SlotText | undefined)[] = [];
  readonly slotOf = new Map<string, number>();
  size = 0;
  dead = 0;
}

/**
 * The embedded search engine: a purpose-built in-memory index (see
 * docs/decisions/030-embedded-search-engine.md). Postings occupy append-only slots; replacing or
 * removing one leaves a tombstone, and the generation is rebuilt without them once they pile up.
 *
 * The index lives in memory only and starts empty in each process: `needsFullLoad()` tells
 * `reconcileIndex` to load every posting from the store (the source of truth) rather than only
 * those the store marks as behind, and stays true until such a load has completed — a load that
 * fails half-way is retried in full, never trusted.
 */
export class EmbeddedSearchIndex implements SearchIndex {
  readonly kind = 'embedded' as const;
  private gen = new Generation();
  private loaded = false;
  private closed = false;
  private readonly compactRatio: number;
  private readonly compactMinDead: number;
  // Per-query scratch, reused so a search allocates almost nothing per document.
  private stamp = new Int32Array(0);
  private termBest = new Float32Array(0);
  private altStamp = new Int32Array(0);
  private altCount = new Uint8Array(0);
  private altScore = new Float32Array(0);
  private unitStamp = new Int32Array(0);
  private unitBest = new Float32Array(0);
  private queryStamp = new Int32Array(0);
  private queryCount = new Uint8Array(0);
  private queryScore = new Float32Array(0);
  private bufTerm = new Int32Array(0);
  private bufAlt = new Int32Array(0);
  private bufUnit = new Int32Array(0);
  private bufQuery = new Int32Array(0);
  private candidates = new Int32Array(0);
  private sortKey = new Float64Array(0);
  private epoch = 0;
  private readonly descriptions: DescriptionSource | undefined;
  private readonly snapshotFile: string | undefined;
  private readonly log: (line: string) => void;
  /** The seq of the snapshot loaded (or last saved); null when the index did not start from one. */
  private snapshotSeq: number | null = null;

  constructor(options: EmbeddedSearchOptions = {}) {
    this.compactRatio = options.compactRatio ?? 0.25;
    this.compactMinDead = options.compactMinDead ?? 1000;
    this.descriptions = options.descriptions;
    this.snapshotFile = options.snapshotFile;
    this.log = options.log ?? (() => undefined);
  }

  /** Loads the snapshot file when there is one; a damaged one is reported and ignored (the index is rebuilt from the store). */
  async init(): Promise<void> {
    this.assertOpen();
    if (!this.snapshotFile) return;
    try {
      const snap = await readIndexSnapshot<SnapshotHeader>(this.snapshotFile);
      if (!snap) return;
      if (snap.header.version !== SNAPSHOT_VERSION) {
        this.log(`search index: snapshot ${this.snapshotFile} has format ${snap.header.version}, not ${SNAPSHOT_VERSION}; rebuilding from the store`);
        return;
      }
      this.gen = restoreGeneration(snap.header, snap.blobs);
      this.snapshotSeq = snap.header.seq;
    } catch (err) {
      this.gen = new Generation();
      this.snapshotSeq = null;
      this.log(`search index: cannot use the snapshot ${this.snapshotFile} (${(err as Error).message}); rebuilding from the store`);
    }
  }

  /** The seq of the loaded (or last saved) snapshot, null when none: see SelfPersistingIndex in index-sync.ts. */
  persistedSeq(): number | null {
    return this.snapshotFile ? this.snapshotSeq : null;
  }

  /**
   * Saves what the index holds as reflecting every change up to `seq`. The arrays are captured
   * synchronously (a consistent state), then written atomically.
   */
  async persist(seq: number): Promise<void> {
    this.assertOpen();
    if (!this.snapshotFile) return;
    const g = this.gen;
    const dict = g.dictionary.exportState();
    const cols = g.columns.exportState(g.size);
    const texts: SnapshotHeader['texts'] = [];
    for (let slot = 0; slot < g.size; slot++) {
      const t = g.texts[slot];
      texts.push(t ? [t.id, t.title, t.employer, t.city] : null);
    }
    const header: SnapshotHeader = { version: SNAPSHOT_VERSION, seq, size: g.size, dead: g.dead, texts, terms: dict.terms, states: cols.states, employerIds: cols.employerIds };
    const blobs = [
      ...cols.arrays.map((a) => ({ name: `col.${a.name}`, data: a.data.slice() })),
      { name: 'dict.lengths', data: dict.lengths },
      { name: 'dict.postings', data: dict.postings },
      { name: 'dict.sorted', data: dict.sorted },
    ];
    await writeIndexSnapshot(this.snapshotFile, header, blobs);
    this.snapshotSeq = seq;
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.gen = new Generation();
  }

  /** True until a full load from the store has completed (and again after any clear). */
  needsFullLoad(): boolean {
    return !this.loaded;
  }

  markFullyLoaded(): void {
    this.loaded = true;
    this.gen.dictionary.trim();
  }

  async upsert(postings: readonly StoredPosting[]): Promise<void> {
    this.assertOpen();
    for (const p of postings) this.put(toSearchDocument(p));
    this.maybeCompact();
  }

  async remove(ids: readonly string[]): Promise<void> {
    this.assertOpen();
    for (const id of ids) this.kill(id);
    this.maybeCompact();
  }

  async clear(): Promise<void> {
    this.assertOpen();
    this.gen = new Generation();
    this.snapshotSeq = null;
    // Emptied: until someone loads everything again, the store's marks say more than we hold.
    this.loaded = false;
  }

  async count(): Promise<number> {
    this.assertOpen();
    return this.gen.slotOf.size;
  }

  /** Sizes for the benchmark and /metrics. */
  stats(): { documents: number; slots: number; terms: number; postings: number } {
    const g = this.gen;
    return { documents: g.slotOf.size, slots: g.size, terms: g.dictionary.size, postings: g.dictionary.postingCount() };
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    this.assertOpen();
    const { result, wantDescriptions, marked } = this.run(validateSearchQuery(query));
    if (wantDescriptions.length && marked && this.descriptions) {
      // Descriptions stay on disk: read them for this page of hits only.
      const texts = await this.descriptions(wantDescriptions.map((h) => h.id));
      for (const hit of wantDescriptions) {
        const text = texts.get(hit.id);
        const snippet = text ? highlight(text, marked, true) : null;
        if (snippet !== null) hit.highlights.push({ field: 'description', snippet });
      }
    }
    return result;
  }

  // ---- writing ------------------------------------------------------------------------------

  private put(d: SearchDocument): void {
    const g = this.gen;
    this.kill(d.id);
    if (g.size >= MAX_SLOTS) this.compact();
    const slot = g.size++;
    g.columns.set(slot, d);
    g.texts[slot] = this.descriptions
      ? { id: d.id, title: d.title, employer: d.employer, city: d.city }
      : { id: d.id, title: d.title, employer: d.employer, city: d.city, description: d.description };
    g.slotOf.set(d.id, slot);
    g.dictionary.addDocument(slot, termFields(d));
  }

  private kill(id: string): void {
    const g = this.gen;
    const slot = g.slotOf.get(id);
    if (slot === undefined) return;
    g.columns.live[slot] = 0;
    g.texts[slot] = undefined;
    g.slotOf.delete(id);
    g.dead++;
  }

  private maybeCompact(): void {
    const g = this.gen;
    if (g.dead >= this.compactMinDead && g.dead > g.size * this.compactRatio) this.compact();
    this.gen.dictionary.settle();
  }

  /**
   * Drops the tombstones: live slots are renumbered in order and every column and postings list
   * is rewritten in place (no text is analysed again, so no description is needed).
   */
  private compact(): void {
    const g = this.gen;
    const map = new Int32Array(g.size);
    let next = 0;
    for (let slot = 0; slot < g.size; slot++) {
      map[slot] = g.texts[slot] && g.columns.live[slot] === 1 ? next++ : -1;
    }
    g.columns.compactSlots(map, g.size);
    g.dictionary.compactDocs(map);
    g.columns.live.fill(0, next, g.size);
    for (let slot = 0; slot < g.size; slot++) {
      const m = map[slot]!;
      if (m < 0) continue;
      const text = g.texts[slot]!;
      g.texts[m] = text;
      g.slotOf.set(text.id, m);
    }
    g.texts.length = next;
    g.size = next;
    g.dead = 0;
  }

  // ---- searching ----------------------------------------------------------------------------

  private run(q: ValidSearchQuery): { result: SearchResult; wantDescriptions: SearchHit[]; marked: ReadonlySet<string> | null } {
    const g = this.gen;
    this.ensureScratch(g.size);
    const pass = g.columns.compileFilter(q.filter);
    const units = q.text ? planQuery(q.text, g.dictionary) : null;
    const cands = this.candidates;
    let n = 0;
    let scores: Float32Array | null = null;
    if (units) {
      const matched = this.matchText(units);
      scores = this.queryScore;
      for (let i = 0; i < matched.count; i++) {
        const slot = matched.slots[i]!;
        if (pass(slot)) cands[n++] = slot;
      }
    } else {
      for (let slot = 0; slot < g.size; slot++) if (pass(slot)) cands[n++] = slot;
    }

    const facets: SearchResult['facets'] = {};
    if (q.facets.length) {
      const counts = g.columns.countFacets(q.facets, cands, n);
      for (const f of q.facets) facets[f] = orderFacetCounts(counts[f] ?? new Map<string, number>());
    }

    const near = q.filter.near;
    const key = this.sortKey;
    const cols = g.columns;
    for (let i = 0; i < n; i++) {
      const s = cands[i]!;
      let k: number;
      switch (q.sort) {
        case 'newest':
          k = cols.datePosted[s]!;
          break;
        case 'pay_high':
          k = cols.hourlyTop[s]!;
          break;
        case 'pay_low':
          k = -cols.hourlyTop[s]!;
          break;
        case 'distance':
          k = near ? -cols.distanceMiles(s, near.lat, near.lon) : NaN;
          break;
        default:
          k = scores ? scores[s]! : 0;
      }
      // Postings without the sorted value go last whichever the direction.
      key[s] = Number.isNaN(k) ? -Infinity : k;
    }
    const secondary = scores;
    const date = cols.datePosted;
    // Order: sort key, then relevance, then newest, then the later slot (the fresher write).
    const better = (a: number, b: number): boolean => {
      const ka = key[a]!;
      const kb = key[b]!;
      if (ka !== kb) return ka > kb;
      if (secondary) {
        const sa = secondary[a]!;
        const sb = secondary[b]!;
        if (sa !== sb) return sa > sb;
      }
      const da = Number.isNaN(date[a]!) ? -Infinity : date[a]!;
      const db = Number.isNaN(date[b]!) ? -Infinity : date[b]!;
      if (da !== db) return da > db;
      return a > b;
    };
    const top = topK(cands, n, q.offset + q.limit, better).slice(q.offset);

    const marked = units ? matchedTerms(units) : null;
    const wantDescriptions: SearchHit[] = [];
    const hits: SearchHit[] = top.map((slot) => {
      const text = g.texts[slot]!;
      const highlights: SearchHighlight[] = [];
      const d = near ? cols.distanceMiles(slot, near.lat, near.lon) : NaN;
      const hit: SearchHit = { id: text.id, highlights, distanceMiles: Number.isNaN(d) ? null : d };
      if (marked) {
        for (const [field, value, crop] of [
          ['title', text.title, false],
          ['employer', text.employer, false],
          ['description', text.description, true],
        ] as const) {
          const snippet = value ? highlight(value, marked, crop) : null;
          if (snippet !== null) highlights.push({ field, snippet });
        }
        if (text.description === undefined) wantDescriptions.push(hit);
      }
      return hit;
    });
    return { result: { total: n, hits, facets }, wantDescriptions, marked };
  }

  /**
   * Scores every document that matches all units. Stamps instead of clearing arrays: each level
   * (term, alternative, unit, query) marks the slots it touched with a fresh epoch number.
   */
  private matchText(units: readonly PlannedUnit[]): { slots: Int32Array; count: number } {
    const g = this.gen;
    const live = g.columns.live;
    const { stamp, termBest, altStamp, altCount, altScore, unitStamp, unitBest, queryStamp, queryCount, queryScore } = this;
    const termDocs = this.bufTerm;
    const altDocs = this.bufAlt;
    const unitDocs = this.bufUnit;
    const queryDocs = this.bufQuery;
    let queryLen = 0;
    // Reset the stamps between queries, never inside one (a query uses a few dozen epochs).
    if (this.epoch >= 0x7fff_0000) this.resetStamps();
    const qEpoch = this.nextEpoch();
    for (let u = 0; u < units.length; u++) {
      const unit = units[u]!;
      const uEpoch = this.nextEpoch();
      let unitLen = 0;
      for (const alt of unit.alternatives) {
        const aEpoch = this.nextEpoch();
        let altLen = 0;
        const altTerms = alt.terms.length;
        for (let k = 0; k < altTerms; k++) {
          const term = alt.terms[k]!;
          const tEpoch = this.nextEpoch();
          let termLen = 0;
          for (const e of term.expansions) {
            const list = g.dictionary.postings(e.termId);
            const penalty = e.penalty;
            for (let i = 0; i < list.length; i++) {
              const entry = list[i]!;
              const doc = entry >>> 8;
              if (live[doc] !== 1) continue;
              // Prune early: a doc that missed an earlier unit or term cannot match any more.
              if (u > 0 && (queryStamp[doc] !== qEpoch || queryCount[doc] !== u)) continue;
              if (k > 0 && (altStamp[doc] !== aEpoch || altCount[doc] !== k)) continue;
              const s = FIELD_WEIGHT[entry & 255]! - penalty;
              if (stamp[doc] !== tEpoch) {
                stamp[doc] = tEpoch;
                termBest[doc] = s;
                termDocs[termLen++] = doc;
              } else if (s > termBest[doc]!) {
                termBest[doc] = s;
              }
            }
          }
          if (k === 0) {
            for (let i = 0; i < termLen; i++) {
              const doc = termDocs[i]!;
              altStamp[doc] = aEpoch;
              altCount[doc] = 1;
              altScore[doc] = termBest[doc]!;
              altDocs[altLen++] = doc;
            }
          } else {
            for (let i = 0; i < termLen; i++) {
              const doc = termDocs[i]!;
              altCount[doc] = k + 1;
              altScore[doc] = altScore[doc]! + termBest[doc]!;
            }
          }
        }
        // Scale so an alternative of three words scores like the one or two words it stands for.
        const scale = unit.words / altTerms;
        for (let i = 0; i < altLen; i++) {
          const doc = altDocs[i]!;
          if (altCount[doc] !== altTerms) continue;
          const s = altScore[doc]! * scale;
          if (unitStamp[doc] !== uEpoch) {
            unitStamp[doc] = uEpoch;
            unitBest[doc] = s;
            unitDocs[unitLen++] = doc;
          } else if (s > unitBest[doc]!) {
            unitBest[doc] = s;
          }
        }
      }
      if (u === 0) {
        for (let i = 0; i < unitLen; i++) {
          const doc = unitDocs[i]!;
          queryStamp[doc] = qEpoch;
          queryCount[doc] = 1;
          queryScore[doc] = unitBest[doc]!;
          queryDocs[queryLen++] = doc;
        }
      } else {
        for (let i = 0; i < unitLen; i++) {
          const doc = unitDocs[i]!;
          queryCount[doc] = u + 1;
          queryScore[doc] = queryScore[doc]! + unitBest[doc]!;
        }
      }
    }
    // Keep the docs that matched every unit, in slot order.
    let count = 0;
    const need = units.length;
    for (let i = 0; i < queryLen; i++) {
      const doc = queryDocs[i]!;
      if (queryCount[doc] === need) queryDocs[count++] = doc;
    }
    return { slots: queryDocs, count };
  }

  private nextEpoch(): number {
    return ++this.epoch;
  }

  private resetStamps(): void {
    this.epoch = 0;
    this.stamp.fill(0);
    this.altStamp.fill(0);
    this.unitStamp.fill(0);
    this.queryStamp.fill(0);
  }

  private ensureScratch(size: number): void {
    if (this.stamp.length >= size && size > 0) return;
    const n = Math.max(1024, this.gen.columns.capacity, size);
    this.stamp = new Int32Array(n);
    this.termBest = new Float32Array(n);
    this.altStamp = new Int32Array(n);
    this.altCount = new Uint8Array(n);
    this.altScore = new Float32Array(n);
    this.unitStamp = new Int32Array(n);
    this.unitBest = new Float32Array(n);
    this.queryStamp = new Int32Array(n);
    this.queryCount = new Uint8Array(n);
    this.queryScore = new Float32Array(n);
    this.bufTerm = new Int32Array(n);
    this.bufAlt = new Int32Array(n);
    this.bufUnit = new Int32Array(n);
    this.bufQuery = new Int32Array(n);
    this.candidates = new Int32Array(n);
    this.sortKey = new Float64Array(n);
    this.epoch = 0;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the embedded search index is closed');
  }
}

/** The terms of a document, each with the bit mask of the fields it occurs in. */
function termFields(d: SearchDocument): Map<string, number> {
  const m = new Map<string, number>();
  const add = (text: string | null, bit: number) => {
    if (!text) return;
    for (const t of terms(text)) m.set(t, (m.get(t) ?? 0) | bit);
  };
  add(d.title, FIELD.title);
  add(d.roleFamilyLabel, FIELD.roleFamily);
  for (const label of d.settingLabels) add(label, FIELD.settings);
  add(d.employer, FIELD.employer);
  add(d.city, FIELD.city);
  add(d.description, FIELD.description);
  return m;
}

/**
 * The best `k` of `n` slots in order, with a bounded heap (O(n log k)): a results page never
 * needs the whole candidate set sorted.
 */
function topK(slots: Int32Array, n: number, k: number, better: (a: number, b: number) => boolean): number[] {
  if (k <= 0 || n === 0) return [];
  const heap: number[] = [];
  // Min-heap by `better`: the root is the worst of the kept slots.
  const worse = (a: number, b: number) => better(b, a);
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    if (heap.length < k) {
      heap.push(s);
      let c = heap.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (worse(heap[c]!, heap[p]!)) {
          [heap[c], heap[p]] = [heap[p]!, heap[c]!];
          c = p;
        } else break;
      }
    } else if (better(s, heap[0]!)) {
      heap[0] = s;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === c) break;
        [heap[c], heap[m]] = [heap[m]!, heap[c]!];
        c = m;
      }
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

/** A generation back from a snapshot (the arrays are the snapshot's own memory). */
function restoreGeneration(h: SnapshotHeader, blobs: Map<string, ArrayBufferView>): Generation {
  if (h.texts.length !== h.size) throw new Error('the slot texts do not match the slot count');
  const cols = new Map<string, ArrayBufferView>();
  for (const [name, data] of blobs) if (name.startsWith('col.')) cols.set(name.slice(4), data);
  const restoredCols = PostingColumns.restore(h.size, cols, h.states, h.employerIds);
  const lengths = blobs.get('dict.lengths');
  const postings = blobs.get('dict.postings');
  const sorted = blobs.get('dict.sorted');
  if (!(lengths instanceof Uint32Array) || !(postings instanceof Uint32Array) || !(sorted instanceof Int32Array)) throw new Error('the term tables are missing');
  const g = new Generation(restoredCols, TermDictionary.restore(h.terms, lengths, postings, sorted));
  for (let slot = 0; slot < h.size; slot++) {
    const t = h.texts[slot];
    if (!t) continue;
    g.texts[slot] = { id: t[0], title: t[1], employer: t[2], city: t[3] };
    g.slotOf.set(t[0], slot);
  }
  g.size = h.size;
  g.dead = h.dead;
  return g;
}
