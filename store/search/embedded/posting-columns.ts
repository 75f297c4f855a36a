import {
  EMPLOYMENT_TYPES,
  POSTING_STATUSES,
  ROLE_FAMILIES,
  SETTINGS,
  WORKPLACES,
  type PostingFilter,
} from '../../../schema/index.ts';
import type { FacetName } from '../search-port.ts';
import type { SearchDocument } from '../search-document.ts';
import { haversineMiles } from '../geo-distance.ts';

/**
 * The filterable, sortable and facetable facts of every slot as typed-array columns: a filter
 * is a tight loop over numbers, with no object per posting to chase. Vocabulary values are small
 * codes (0 = none, else index + 1); settings are a bit mask; free values (state, employer id) go
 * through a small dictionary. Pay, dates and coordinates are Float64 so comparisons are exact
 * (a Float32 $23.73 is 23.7299995 and would fail `payMinHourly: 23.73`).
 */

const code = <T extends string>(list: readonly T[]) => new Map<string, number>(list.map((v, i) => [v, i + 1]));
const SETTING_BIT = new Map<string, number>(SETTINGS.map((s, i) => [s, 1 << i]));
const STATUS_CODE = new Map<string, number>(POSTING_STATUSES.map((s, i) => [s, i]));
const ROLE_CODE = code(ROLE_FAMILIES);
const EMPLOYMENT_CODE = code(EMPLOYMENT_TYPES);
const WORKPLACE_CODE = code(WORKPLACES);
const ACTIVE = STATUS_CODE.get('active')!;

const FLAG_CERTIFICATION = 1;
const FLAG_LIVED_EXPERIENCE = 2;

/** Values interned to small numbers (0 is "none"). */
class ValueDictionary {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [''];
  intern(value: string | null): number {
    if (value === null || value === '') return 0;
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.codes.set(value, c);
      this.values.push(value);
    }
    return c;
  }
  lookup(value: string): number | undefined {
    return this.codes.get(value);
  }
}

type ColumnArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;
const COLUMN_NAMES = [
  'live', 'status', 'settings', 'state', 'roleFamily', 'employmentType', 'workplace', 'flags', 'employer',
  'hourlyMin', 'hourlyMax', 'hourlyTop', 'annualTop', 'datePosted', 'lat', 'lon',
] as const;
type ColumnName = (typeof COLUMN_NAMES)[number];

export class PostingColumns {
  capacity: number;
  live: Uint8Array;
  status: Uint8Array;
  settings: Uint16Array;
  state: Uint16Array;
  roleFamily: Uint8Array;
  employmentType: Uint8Array;
  workplace: Uint8Array;
  flags: Uint8Array;
  employer: Uint32Array;
  hourlyMin: Float64Array;
  hourlyMax: Float64Array;
  hourlyTop: Float64Array;
  annualTop: Float64Array;
  /** Unix seconds. */
  datePosted: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  readonly states = new ValueDictionary();
  readonly employerIds = new ValueDictionary();

  constructor(capacity = 1024) {
    this.capacity = capacity;
    this.live = new Uint8Array(capacity);
    this.status = new Uint8Array(capacity);
    this.settings = new Uint16Array(capacity);
    this.state = new Uint16Array(capacity);
    this.roleFamily = new Uint8Array(capacity);
    this.employmentType = new Uint8Array(capacity);
    this.workplace = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.employer = new Uint32Array(capacity);
    this.hourlyMin = new Float64Array(capacity);
    this.hourlyMax = new Float64Array(capacity);
    this.hourlyTop = new Float64Array(capacity);
    this.annualTop = new Float64Array(capacity);
    this.datePosted = new Float64Array(capacity);
    this.lat = new Float64Array(capacity);
    this.lon = new Float64Array(capacity);
  }

  /** Makes room for `slots` slots (doubling, so appends stay amortised O(1)). */
  ensure(slots: number): void {
    if (slots <= this.capacity) return;
    let cap = this.capacity;
    while (cap < slots) cap *= 2;
    const grow = <A extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.live = grow(this.live, (n) => new Uint8Array(n));
    this.status = grow(this.status, (n) => new Uint8Array(n));
    this.settings = grow(this.settings, (n) => new Uint16Array(n));
    this.state = grow(this.state, (n) => new Uint16Array(n));
    this.roleFamily = grow(this.roleFamily, (n) => new Uint8Array(n));
    this.employmentType = grow(this.employmentType, (n) => new Uint8Array(n));
    this.workplace = grow(this.workplace, (n) => new Uint8Array(n));
    this.flags = grow(this.flags, (n) => new Uint8Array(n));
    this.employer = grow(this.employer, (n) => new Uint32Array(n));
    this.hourlyMin = grow(this.hourlyMin, (n) => new Float64Array(n));
    this.hourlyMax = grow(this.hourlyMax, (n) => new Float64Array(n));
    this.hourlyTop = grow(this.hourlyTop, (n) => new Float64Array(n));
    this.annualTop = grow(this.annualTop, (n) => new Float64Array(n));
    this.datePosted = grow(this.datePosted, (n) => new Float64Array(n));
    this.lat = grow(this.lat, (n) => new Float64Array(n));
    this.lon = grow(this.lon, (n) => new Float64Array(n));
    this.capacity = cap;
  }

  set(slot: number, d: SearchDocument): void {
    this.ensure(slot + 1);
    let mask = 0;
    for (const s of d.settings) mask |= SETTING_BIT.get(s) ?? 0;
    this.live[slot] = 1;
    this.status[slot] = STATUS_CODE.get(d.status) ?? ACTIVE;
    this.settings[slot] = mask;
    this.state[slot] = this.states.intern(d.state === null ? null : d.state.toUpperCase());
    this.roleFamily[slot] = d.roleFamily ? (ROLE_CODE.get(d.roleFamily) ?? 0) : 0;
    this.employmentType[slot] = d.employmentType ? (EMPLOYMENT_CODE.get(d.employmentType) ?? 0) : 0;
    this.workplace[slot] = d.workplace ? (WORKPLACE_CODE.get(d.workplace) ?? 0) : 0;
    this.flags[slot] = (d.certificationRequired ? FLAG_CERTIFICATION : 0) | (d.livedExperienceRequired ? FLAG_LIVED_EXPERIENCE : 0);
    this.employer[slot] = this.employerIds.intern(d.employerId);
    this.hourlyMin[slot] = d.hourlyMin ?? NaN;
    this.hourlyMax[slot] = d.hourlyMax ?? NaN;
    this.hourlyTop[slot] = d.hourlyTop ?? NaN;
    this.annualTop[slot] = d.annualTop ?? NaN;
    this.datePosted[slot] = d.datePosted ?? NaN;
    this.lat[slot] = d._geo?.lat ?? NaN;
    this.lon[slot] = d._geo?.lng ?? NaN;
  }

  /** The typed facts of a slot back as document fields (the text comes from elsewhere). */
  factsOf(slot: number): Omit<SearchDocument, 'id' | 'title' | 'employer' | 'city' | 'description' | 'roleFamilyLabel' | 'settingLabels'> {
    const num = (v: number) => (Number.isNaN(v) ? null : v);
    const lat = this.lat[slot]!;
    const lon = this.lon[slot]!;
    const mask = this.settings[slot]!;
    const state = this.state[slot]!;
    const employer = this.employer[slot]!;
    return {
      roleFamily: ROLE_FAMILIES[this.roleFamily[slot]! - 1] ?? null,
      settings: SETTINGS.filter((_s, i) => mask & (1 << i)),
      state: state ? (this.states.values[state] ?? null) : null,
      employmentType: EMPLOYMENT_TYPES[this.employmentType[slot]! - 1] ?? null,
      workplace: WORKPLACES[this.workplace[slot]! - 1] ?? null,
      certificationRequired: (this.flags[slot]! & FLAG_CERTIFICATION) !== 0,
      livedExperienceRequired: (this.flags[slot]! & FLAG_LIVED_EXPERIENCE) !== 0,
      hourlyMin: num(this.hourlyMin[slot]!),
      hourlyMax: num(this.hourlyMax[slot]!),
      hourlyTop: num(this.hourlyTop[slot]!),
      annualTop: num(this.annualTop[slot]!),
      datePosted: num(this.datePosted[slot]!),
      status: POSTING_STATUSES[this.status[slot]!] ?? 'active',
      employerId: employer ? (this.employerIds.values[employer] ?? null) : null,
      _geo: Number.isNaN(lat) || Number.isNaN(lon) ? null : { lat, lng: lon },
    };
  }

  distanceMiles(slot: number, lat: number, lon: number): number {
    const la = this.lat[slot]!;
    const lo = this.lon[slot]!;
    return Number.isNaN(la) || Number.isNaN(lo) ? NaN : haversineMiles(lat, lon, la, lo);
  }

  /**
   * Compiles a (validated) filter into a predicate over slots. Lists are "any of", fields AND;
   * only active postings unless `includeExpired`; an empty list is no constraint.
   */
  compileFilter(filter: PostingFilter): (slot: number) => boolean {
    const checks: ((slot: number) => boolean)[] = [];
    const live = this.live;
    if (!filter.includeExpired) {
      const status = this.status;
      checks.push((s) => status[s] === ACTIVE);
    }
    if (filter.settings?.length) {
      let want = 0;
      for (const s of filter.settings) want |= SETTING_BIT.get(s) ?? 0;
      const col = this.settings;
      checks.push((s) => (col[s]! & want) !== 0);
    }
    const anyOfCodes = (values: readonly string[] | undefined, codes: (v: string) => number | undefined, col: Uint8Array | Uint16Array | Uint32Array, size: number) => {
      if (!values?.length) return;
      const allowed = new Uint8Array(size + 1);
      for (const v of values) {
        const c = codes(v);
        if (c !== undefined && c > 0) allowed[c] = 1;
      }
      checks.push((s) => allowed[col[s]!] === 1);
    };
    anyOfCodes(filter.states?.map((s) => s.toUpperCase()), (v) => this.states.lookup(v), this.state, this.states.values.length);
    anyOfCodes(filter.roleFamilies, (v) => ROLE_CODE.get(v), this.roleFamily, ROLE_FAMILIES.length);
    anyOfCodes(filter.employmentTypes, (v) => EMPLOYMENT_CODE.get(v), this.employmentType, EMPLOYMENT_TYPES.length);
    anyOfCodes(filter.workplaces, (v) => WORKPLACE_CODE.get(v), this.workplace, WORKPLACES.length);
    if (filter.employerId !== undefined) {
      const wanted = this.employerIds.lookup(filter.employerId) ?? -1;
      const col = this.employer;
      checks.push((s) => col[s] === wanted);
    }
    if (filter.payMinHourly !== undefined) {
      const min = filter.payMinHourly;
      const col = this.hourlyTop;
      // NaN (no pay) compares false: postings without pay never meet a pay minimum.
      checks.push((s) => col[s]! >= min);
    }
    if (filter.payMinAnnual !== undefined) {
      const min = filter.payMinAnnual;
      const col = this.annualTop;
      checks.push((s) => col[s]! >= min);
    }
    if (filter.certificationRequired !== undefined) {
      const want = filter.certificationRequired;
      const flags = this.flags;
      checks.push((s) => ((flags[s]! & FLAG_CERTIFICATION) !== 0) === want);
    }
    if (filter.livedExperienceRequired !== undefined) {
      const want = filter.livedExperienceRequired;
      const flags = this.flags;
      checks.push((s) => ((flags[s]! & FLAG_LIVED_EXPERIENCE) !== 0) === want);
    }
    if (filter.postedAfter !== undefined) {
      const after = Date.parse(filter.postedAfter) / 1000;
      const col = this.datePosted;
      checks.push((s) => col[s]! >= after);
    }
    if (filter.postedBefore !== undefined) {
      const before = Date.parse(filter.postedBefore) / 1000;
      const col = this.datePosted;
      checks.push((s) => col[s]! <= before);
    }
    if (filter.near) {
      const { lat, lon, radiusMiles } = filter.near;
      const latCol = this.lat;
      const lonCol = this.lon;
      // A cheap latitude band first (a degree of latitude is ~69.05 miles everywhere), then the
      // exact great-circle distance.
      const band = radiusMiles / 69 + 0.01;
      checks.push((s) => {
        const la = latCol[s]!;
        if (!(Math.abs(la - lat) <= band)) return false;
        return haversineMiles(lat, lon, la, lonCol[s]!) <= radiusMiles;
      });
    }
    const n = checks.length;
    if (n === 0) return (s) => live[s] === 1;
    if (n === 1) {
      const c0 = checks[0]!;
      return (s) => live[s] === 1 && c0(s);
    }
    return (s) => {
      if (live[s] !== 1) return false;
      for (let i = 0; i < n; i++) if (!checks[i]!(s)) return false;
      return true;
    };
  }

  /** Counts facet values over the candidate slots. */
  countFacets(facets: readonly FacetName[], slots: Int32Array, count: number): Partial<Record<FacetName, Map<string, number>>> {
    const out: Partial<Record<FacetName, Map<string, number>>> = {};
    const tally = (col: Uint8Array | Uint16Array, size: number, name: (c: number) => string | undefined) => {
      const counts = new Uint32Array(size + 1);
      for (let i = 0; i < count; i++) counts[col[slots[i]!]!]!++;
      const m = new Map<string, number>();
      for (let c = 1; c <= size; c++) {
        const v = name(c);
        if (counts[c]! > 0 && v !== undefined) m.set(v, counts[c]!);
      }
      return m;
    };
    for (const f of facets) {
      if (f === 'settings') {
        const counts = new Uint32Array(SETTINGS.length);
        const col = this.settings;
        for (let i = 0; i < count; i++) {
          let mask = col[slots[i]!]!;
          while (mask !== 0) {
            const bit = 31 - Math.clz32(mask);
            counts[bit]!++;
            mask &= ~(1 << bit);
          }
        }
        out.settings = new Map(SETTINGS.map((s, i) => [s, counts[i]!] as [string, number]).filter(([, c]) => c > 0));
      } else if (f === 'states') {
        out.states = tally(this.state, this.states.values.length - 1, (c) => this.states.values[c]);
      } else if (f === 'roleFamilies') {
        out.roleFamilies = tally(this.roleFamily, ROLE_FAMILIES.length, (c) => ROLE_FAMILIES[c - 1]);
      } else if (f === 'employmentTypes') {
        out.employmentTypes = tally(this.employmentType, EMPLOYMENT_TYPES.length, (c) => EMPLOYMENT_TYPES[c - 1]);
      } else {
        out.workplaces = tally(this.workplace, WORKPLACES.length, (c) => WORKPLACES[c - 1]);
      }
    }
    return out;
  }

  /** The column arrays by name, in a fixed order (for snapshots and compaction). */
  private arrays(): ColumnArray[] {
    return COLUMN_NAMES.map((n) => this[n]);
  }

  /**
   * Moves every live slot to its new number (`map[old]`, -1 for a dropped slot; new numbers
   * keep the old order, so moving forward in place never overwrites a slot still to move).
   */
  compactSlots(map: Int32Array, oldSize: number): void {
    for (const a of this.arrays()) {
      for (let s = 0; s < oldSize; s++) {
        const m = map[s]!;
        if (m >= 0 && m !== s) a[m] = a[s]!;
      }
    }
  }

  /** The first `size` slots of every column, and the interned values, for a snapshot. */
  exportState(size: number): { arrays: { name: ColumnName; data: ColumnArray }[]; states: string[]; employerIds: string[] } {
    return {
      arrays: COLUMN_NAMES.map((name) => ({ name, data: this[name].subarray(0, size) })),
      states: this.states.values.slice(1),
      employerIds: this.employerIds.values.slice(1),
    };
  }

  /** Columns back from {@link exportState}'s output (arrays copied, so the snapshot buffer can go). */
  static restore(size: number, arrays: ReadonlyMap<string, ArrayBufferView>, states: readonly string[], employerIds: readonly string[]): PostingColumns {
    const c = new PostingColumns(Math.max(1024, size));
    for (const name of COLUMN_NAMES) {
      const src = arrays.get(name);
      if (!src) throw new Error(`search snapshot: column ${name} is missing`);
      const dst = c[name];
      const typed = new (dst.constructor as new (b: ArrayBufferLike, o: number, l: number) => ColumnArray)(src.buffer, src.byteOffset, src.byteLength / dst.BYTES_PER_ELEMENT);
      if (typed.length !== size) throw new Error(`search snapshot: column ${name} has ${typed.length} slots, expected ${size}`);
      dst.set(typed);
    }
    for (const v of states) c.states.intern(v);
    for (const v of employerIds) c.employerIds.intern(v);
    return c;
  }
}
