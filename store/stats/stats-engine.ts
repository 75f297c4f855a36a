import {
  EMPLOYMENT_TYPES,
  HOURS_PER_YEAR,
  POSTING_STATUSES,
  ROLE_FAMILIES,
  SETTINGS,
  ValidationError,
  WORKPLACES,
  type PostingFilter,
  type StoredPosting,
} from '../../schema/index.ts';
import type { PostingStore } from '../ports.ts';
import { canonicalEmployer } from '../dedupe.ts';
import { haversineMiles } from '../search/geo-distance.ts';
import { percentilesInPlace, percentilesInRange } from './percentiles.ts';
import type {
  LiveStatsEngine,
  MarketPosition,
  PayDistribution,
  SalaryStatsRow,
  Suppression,
  StatsDimension,
  TrendInterval,
  TrendPoint,
} from './stats-port.ts';

/**
 * The salary statistics engine: our own code, exact, and the same whichever store feeds it
 * (docs/decisions/022-stats-engine.md).
 *
 * It keeps a compact column store of pay facts — one row per posting, typed arrays per field —
 * built from the store at start (`loadStatsEngine`) and kept current by ingest and the lifecycle
 * (`apply`). A query narrows a selection of row numbers with one tight loop per filter field, groups
 * the rows, gathers each group's pay points and takes exact inclusive percentiles by quickselect.
 *
 * Definitions (DOMAIN.md):
 * - pay point: the midpoint of a posting's range, or its single figure (only a minimum or only a
 *   maximum counts as that figure); hourly and annual separately, from the normaliser's converted
 *   figures. A posting without pay counts in `count`, not in `withPay` or the distributions.
 * - percentiles: inclusive (Excel PERCENTILE.INC, numpy "linear").
 * - a group with fewer than `minSample` postings with pay publishes count and withPay only: every
 *   figure of its distribution (min, max and mean too) is null, as public statistics suppress
 *   small cells — a "max" of a group of two is one employer's wage.
 * - the posting date of trends and month/quarter/year groups: datePosted, else firstSeenAt.
 * - filters: PostingFilter exactly as search applies it (lists any-of, fields AND, only active
 *   postings unless includeExpired; salaryTrend includes expired and closed ones unless
 *   includeExpired is explicitly false, because a trend is history).
 */

export interface StatsEngineOptions {
  /** Fewest postings with pay for a group to publish its distribution (STATS_MIN_SAMPLE). */
  minSample: number;
}

/** The facts of one posting the engine keeps: what filters, groups and pay statistics need. */
export interface PostingFacts {
  id: string;
  status: (typeof POSTING_STATUSES)[number];
  hourlyMin: number | null;
  hourlyMax: number | null;
  annualMin: number | null;
  annualMax: number | null;
  settings: readonly string[];
  state: string | null;
  roleFamily: string | null;
  employmentType: string | null;
  workplace: string | null;
  certificationRequired: boolean;
  livedExperienceRequired: boolean;
  employer: string | null;
  employerId: string | null;
  /** ISO date-time or null. */
  datePosted: string | null;
  firstSeenAt: string;
  lat: number | null;
  lon: number | null;
}

/**
 * Bump when {@link factsOf} or {@link PostingFacts} changes: a store that keeps the facts of each
 * posting (the embedded SQLite store) recomputes them when its recorded version differs.
 */
export const STATS_FACTS_VERSION = 1;

export function factsOf(p: StoredPosting): PostingFacts {
  return {
    id: p.id,
    status: p.status,
    hourlyMin: p.pay?.hourlyMin ?? null,
    hourlyMax: p.pay?.hourlyMax ?? null,
    annualMin: p.pay?.annualMin ?? null,
    annualMax: p.pay?.annualMax ?? null,
    settings: p.settings,
    state: p.location.state,
    roleFamily: p.roleFamily,
    employmentType: p.employmentType,
    workplace: p.location.workplace,
    certificationRequired: p.certifications.some((c) => c.required),
    livedExperienceRequired: p.livedExperienceRequired,
    employer: p.employer,
    employerId: p.employerId,
    datePosted: p.datePosted,
    firstSeenAt: p.firstSeenAt,
    lat: p.location.lat,
    lon: p.location.lon,
  };
}

/** Pay point: midpoint of min and max, or whichever single figure is stated; NaN without pay. */
export function payPoint(min: number | null, max: number | null): number {
  const lo = min !== null && Number.isFinite(min) ? min : null;
  const hi = max !== null && Number.isFinite(max) ? max : null;
  if (lo !== null && hi !== null) return (lo + hi) / 2;
  return lo ?? hi ?? Number.NaN;
}

/** String values ↔ small integer codes; code 0 is "none". */
class Dictionary {
  readonly values: string[] = [''];
  private readonly codes = new Map<string, number>();
  constructor(fixed: readonly string[] = []) {
    for (const v of fixed) this.code(v);
  }
  code(value: string | null): number {
    if (value === null || value === '') return 0;
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }
  find(value: string): number | undefined {
    return this.codes.get(value);
  }
  get size(): number {
    return this.values.length;
  }
}

const SETTING_BIT = new Map<string, number>(SETTINGS.map((s, i) => [s, 1 << i]));
const STATUS_CODE = new Map<string, number>(POSTING_STATUSES.map((s, i) => [s, i]));
const ACTIVE = STATUS_CODE.get('active') ?? 0;

interface Gathered {
  values: Float64Array;
  min: number;
  max: number;
  sum: number;
}
const FLAG_CERT = 1;
const FLAG_LIVED = 2;
const NO_MONTH = -1;
const UNKNOWN = 'unknown';
/** Longest trend a query may ask for (100 years of months): bounds the work of one request. */
const MAX_TREND_PERIODS = 1200;
/** Group-key spaces up to this size are numbered through a dense lookup table (4 MB at most). */
const DENSE_GROUP_KEYS = 1 << 20;
/** The fractions a distribution publishes: p10, p25, median, p75, p90. */
const FRACTIONS = [0.1, 0.25, 0.5, 0.75, 0.9] as const;

/** Month number since year 0 (UTC), the unit of trends; NO_MONTH for no date. */
function monthIndex(iso: string | null): number {
  if (!iso) return NO_MONTH;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return NO_MONTH;
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

type StatsColumn = Float64Array | Int32Array | Uint16Array | Uint8Array | Uint32Array;
const STATS_COLUMNS = [
  'hourly', 'annual', 'hourlyTop', 'annualTop', 'lat', 'lon', 'posted', 'month',
  'settingMask', 'stateCode', 'roleCode', 'typeCode', 'workplaceCode', 'flags', 'statusCode', 'employerCode', 'employerIdCode',
] as const;

/** The JSON part of a statistics snapshot (see ColumnarStatsEngine.exportState). */
export interface StatsSnapshotHeader {
  factsVersion: number;
  rows: number;
  ids: string[];
  dictionaries: Record<'states' | 'roles' | 'types' | 'workplaces' | 'employers' | 'employerIds', string[]>;
  employerNames: string[];
  minMonth: number | null;
  maxMonth: number | null;
}

export class ColumnarStatsEngine implements LiveStatsEngine {
  private readonly minSample: number;
  private capacity = 0;
  private rows = 0;
  private readonly rowOf = new Map<string, number>();
  private ids: string[] = [];
  private hourly = new Float64Array(0);
  private annual = new Float64Array(0);
  private hourlyTop = new Float64Array(0);
  private annualTop = new Float64Array(0);
  private lat = new Float64Array(0);
  private lon = new Float64Array(0);
  private posted = new Float64Array(0);
  private month = new Int32Array(0);
  private settingMask = new Uint16Array(0);
  private stateCode = new Uint16Array(0);
  private roleCode = new Uint8Array(0);
  private typeCode = new Uint8Array(0);
  private workplaceCode = new Uint8Array(0);
  private flags = new Uint8Array(0);
  private statusCode = new Uint8Array(0);
  private employerCode = new Uint32Array(0);
  private employerIdCode = new Uint32Array(0);

  private readonly states = new Dictionary();
  private readonly roles = new Dictionary(ROLE_FAMILIES);
  private readonly types = new Dictionary(EMPLOYMENT_TYPES);
  private readonly workplaces = new Dictionary(WORKPLACES);
  /** Keyed by the canonical employer name, so "Acme Health, Inc." and "ACME Health" are one employer. */
  private readonly employers = new Dictionary();
  private readonly employerNames: string[] = [''];
  private readonly employerIds = new Dictionary();
  /**
   * Scratch buffers reused by every query. A query over a million rows needs several arrays of a
   * million entries; allocating them anew each time makes V8 run full garbage collections over
   * the engine's own large heap (external-memory pressure), which cost more than the query.
   * Queries are synchronous and return plain numbers, so nothing outlives the call that used them.
   */
  private readonly scratch = new Map<string, ArrayBuffer>();
  private minMonth = Infinity;
  private maxMonth = -Infinity;

  constructor(options: StatsEngineOptions) {
    if (!Number.isInteger(options.minSample) || options.minSample < 1) {
      throw new ValidationError([`minSample: must be a whole number of at least 1 (got ${options.minSample})`]);
    }
    this.minSample = options.minSample;
    this.grow(1024);
  }

  /** A stats engine holding these postings (tests, benchmarks, rebuilding). */
  static fromPostings(postings: Iterable<StoredPosting>, options: StatsEngineOptions): ColumnarStatsEngine {
    const engine = new ColumnarStatsEngine(options);
    for (const p of postings) engine.applyFacts(factsOf(p));
    return engine;
  }

  get size(): number {
    return this.rows;
  }

  apply(postings: readonly StoredPosting[]): void {
    for (const p of postings) this.applyFacts(factsOf(p));
  }

  /** Adds or replaces (by id) one posting's facts. */
  applyFacts(f: PostingFacts): void {
    let row = this.rowOf.get(f.id);
    if (row === undefined) {
      if (this.rows === this.capacity) this.grow(this.capacity * 2);
      row = this.rows++;
      this.rowOf.set(f.id, row);
      this.ids[row] = f.id;
    }
    this.hourly[row] = payPoint(f.hourlyMin, f.hourlyMax);
    this.annual[row] = payPoint(f.annualMin, f.annualMax);
    this.hourlyTop[row] = f.hourlyMax ?? f.hourlyMin ?? Number.NaN;
    this.annualTop[row] = f.annualMax ?? f.annualMin ?? Number.NaN;
    const hasPoint = f.lat !== null && f.lon !== null && Number.isFinite(f.lat) && Number.isFinite(f.lon);
    this.lat[row] = hasPoint ? (f.lat as number) : Number.NaN;
    this.lon[row] = hasPoint ? (f.lon as number) : Number.NaN;
    const posted = f.datePosted ? Date.parse(f.datePosted) : Number.NaN;
    this.posted[row] = posted;
    const mi = monthIndex(Number.isFinite(posted) ? f.datePosted : f.firstSeenAt);
    this.month[row] = mi;
    if (mi !== NO_MONTH) {
      if (mi < this.minMonth) this.minMonth = mi;
      if (mi > this.maxMonth) this.maxMonth = mi;
    }
    let mask = 0;
    for (const s of f.settings) mask |= SETTING_BIT.get(s) ?? 0;
    this.settingMask[row] = mask;
    this.stateCode[row] = this.states.code(f.state ? f.state.toUpperCase() : null);
    this.roleCode[row] = this.roles.code(f.roleFamily);
    this.typeCode[row] = this.types.code(f.employmentType);
    this.workplaceCode[row] = this.workplaces.code(f.workplace);
    this.flags[row] = (f.certificationRequired ? FLAG_CERT : 0) | (f.livedExperienceRequired ? FLAG_LIVED : 0);
    this.statusCode[row] = STATUS_CODE.get(f.status) ?? ACTIVE;
    const ek = f.employer ? canonicalEmployer(f.employer) : '';
    const before = this.employers.size;
    const ec = this.employers.code(ek || null);
    if (this.employers.size > before) this.employerNames[ec] = f.employer ?? '';
    this.employerCode[row] = ec;
    this.employerIdCode[row] = this.employerIds.code(f.employerId);
  }

  /**
   * The engine's whole state as plain values and typed arrays (the first `size` rows), for a
   * snapshot the next start restores instead of loading every posting's facts again.
   */
  exportState(): { header: StatsSnapshotHeader; arrays: { name: string; data: StatsColumn }[] } {
    const n = this.rows;
    return {
      header: {
        factsVersion: STATS_FACTS_VERSION,
        rows: n,
        ids: this.ids.slice(0, n),
        dictionaries: {
          states: this.states.values.slice(1),
          roles: this.roles.values.slice(1),
          types: this.types.values.slice(1),
          workplaces: this.workplaces.values.slice(1),
          employers: this.employers.values.slice(1),
          employerIds: this.employerIds.values.slice(1),
        },
        employerNames: this.employerNames.slice(),
        minMonth: Number.isFinite(this.minMonth) ? this.minMonth : null,
        maxMonth: Number.isFinite(this.maxMonth) ? this.maxMonth : null,
      },
      arrays: STATS_COLUMNS.map((name) => ({ name, data: this[name].slice(0, n) })),
    };
  }

  /** An engine back from {@link exportState}'s output; throws when the snapshot does not fit this version. */
  static restore(options: StatsEngineOptions, header: StatsSnapshotHeader, arrays: ReadonlyMap<string, ArrayBufferView>): ColumnarStatsEngine {
    if (header.factsVersion !== STATS_FACTS_VERSION) throw new Error(`statistics snapshot of facts version ${header.factsVersion}, not ${STATS_FACTS_VERSION}`);
    const n = header.rows;
    if (header.ids.length !== n) throw new Error('statistics snapshot: ids do not match the row count');
    const e = new ColumnarStatsEngine(options);
    e.grow(Math.max(1024, n));
    for (const name of STATS_COLUMNS) {
      const src = arrays.get(name);
      const dst = e[name];
      if (!src || src.byteLength !== n * dst.BYTES_PER_ELEMENT) throw new Error(`statistics snapshot: column ${name} is missing or of the wrong size`);
      dst.set(new (dst.constructor as new (b: ArrayBufferLike, o: number, l: number) => StatsColumn)(src.buffer, src.byteOffset, n));
    }
    const d = header.dictionaries;
    const fill = (dict: Dictionary, values: readonly string[]) => {
      for (const v of values) dict.code(v);
      if (dict.size !== values.length + 1) throw new Error('statistics snapshot: a dictionary does not match');
    };
    fill(e.states, d.states);
    fill(e.roles, d.roles);
    fill(e.types, d.types);
    fill(e.workplaces, d.workplaces);
    fill(e.employers, d.employers);
    fill(e.employerIds, d.employerIds);
    e.employerNames.length = 0;
    e.employerNames.push(...header.employerNames);
    e.ids = header.ids.slice();
    for (let row = 0; row < n; row++) e.rowOf.set(e.ids[row]!, row);
    e.rows = n;
    e.minMonth = header.minMonth ?? Infinity;
    e.maxMonth = header.maxMonth ?? -Infinity;
    return e;
  }

  private buffer(name: string, bytes: number): ArrayBuffer {
    let buf = this.scratch.get(name);
    if (!buf || buf.byteLength < bytes) {
      buf = new ArrayBuffer(Math.max(4096, Math.ceil(bytes * 1.25)));
      this.scratch.set(name, buf);
    }
    return buf;
  }

  private u32(name: string, length: number): Uint32Array {
    return new Uint32Array(this.buffer(name, length * 4), 0, length);
  }

  private i32(name: string, length: number): Int32Array {
    return new Int32Array(this.buffer(name, length * 4), 0, length);
  }

  private f64(name: string, length: number): Float64Array {
    return new Float64Array(this.buffer(name, length * 8), 0, length);
  }

  private grow(capacity: number): void {
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.hourly = f64(this.hourly);
    this.annual = f64(this.annual);
    this.hourlyTop = f64(this.hourlyTop);
    this.annualTop = f64(this.annualTop);
    this.lat = f64(this.lat);
    this.lon = f64(this.lon);
    this.posted = f64(this.posted);
    const month = new Int32Array(capacity);
    month.set(this.month);
    this.month = month;
    const u16 = (a: Uint16Array) => {
      const b = new Uint16Array(capacity);
      b.set(a);
      return b;
    };
    this.settingMask = u16(this.settingMask);
    this.stateCode = u16(this.stateCode);
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(capacity);
      b.set(a);
      return b;
    };
    this.roleCode = u8(this.roleCode);
    this.typeCode = u8(this.typeCode);
    this.workplaceCode = u8(this.workplaceCode);
    this.flags = u8(this.flags);
    this.statusCode = u8(this.statusCode);
    const u32 = (a: Uint32Array) => {
      const b = new Uint32Array(capacity);
      b.set(a);
      return b;
    };
    this.employerCode = u32(this.employerCode);
    this.employerIdCode = u32(this.employerIdCode);
    this.capacity = capacity;
  }

  /**
   * Row numbers matching the filter. Each filter field narrows the selection in one monomorphic
   * loop over a typed array, cheapest and most selective first.
   */
  private select(filter: PostingFilter, includeAllStatuses: boolean): Uint32Array {
    const n = this.rows;
    let sel = this.u32('sel', n);
    let m = 0;
    const status = this.statusCode;
    if (includeAllStatuses) {
      for (let i = 0; i < n; i++) sel[i] = i;
      m = n;
    } else {
      for (let i = 0; i < n; i++) if (status[i] === ACTIVE) sel[m++] = i;
    }
    const keep = (pred: (row: number) => boolean) => {
      let k = 0;
      for (let j = 0; j < m; j++) {
        const r = sel[j]!;
        if (pred(r)) sel[k++] = r;
      }
      m = k;
    };
    // An empty list is no constraint, as in search (a UI sends [] for "any").
    const codeSet = (values: readonly string[] | undefined, dict: Dictionary, upper = false): Uint8Array | null => {
      if (!values?.length) return null;
      const set = new Uint8Array(dict.size + 1);
      for (const v of values) {
        const c = dict.find(upper ? v.toUpperCase() : v);
        if (c !== undefined) set[c] = 1;
      }
      return set;
    };

    if (filter.employerId !== undefined) {
      const c = this.employerIds.find(filter.employerId) ?? -1;
      const col = this.employerIdCode;
      keep((r) => col[r] === c);
    }
    if (filter.settings?.length) {
      let mask = 0;
      for (const s of filter.settings) mask |= SETTING_BIT.get(s) ?? 0;
      const col = this.settingMask;
      keep((r) => (col[r]! & mask) !== 0);
    }
    const stateSet = codeSet(filter.states, this.states, true);
    if (stateSet) {
      const col = this.stateCode;
      keep((r) => stateSet[col[r]!] === 1);
    }
    const roleSet = codeSet(filter.roleFamilies, this.roles);
    if (roleSet) {
      const col = this.roleCode;
      keep((r) => roleSet[col[r]!] === 1);
    }
    const typeSet = codeSet(filter.employmentTypes, this.types);
    if (typeSet) {
      const col = this.typeCode;
      keep((r) => typeSet[col[r]!] === 1);
    }
    const workplaceSet = codeSet(filter.workplaces, this.workplaces);
    if (workplaceSet) {
      const col = this.workplaceCode;
      keep((r) => workplaceSet[col[r]!] === 1);
    }
    if (filter.certificationRequired !== undefined) {
      const want = filter.certificationRequired ? FLAG_CERT : 0;
      const col = this.flags;
      keep((r) => (col[r]! & FLAG_CERT) === want);
    }
    if (filter.livedExperienceRequired !== undefined) {
      const want = filter.livedExperienceRequired ? FLAG_LIVED : 0;
      const col = this.flags;
      keep((r) => (col[r]! & FLAG_LIVED) === want);
    }
    if (filter.payMinHourly !== undefined) {
      const min = finite('payMinHourly', filter.payMinHourly);
      const col = this.hourlyTop;
      keep((r) => col[r]! >= min); // NaN (no pay) never matches a pay minimum
    }
    if (filter.payMinAnnual !== undefined) {
      const min = finite('payMinAnnual', filter.payMinAnnual);
      const col = this.annualTop;
      keep((r) => col[r]! >= min);
    }
    if (filter.postedAfter !== undefined || filter.postedBefore !== undefined) {
      const after = filter.postedAfter !== undefined ? isoTime('postedAfter', filter.postedAfter) : -Infinity;
      const before = filter.postedBefore !== undefined ? isoTime('postedBefore', filter.postedBefore) : Infinity;
      const col = this.posted;
      keep((r) => col[r]! >= after && col[r]! <= before); // NaN (no datePosted) never matches
    }
    if (filter.near) {
      const { lat, lon, radiusMiles } = filter.near;
      if (!Number.isFinite(lat) || Math.abs(lat) > 90 || !Number.isFinite(lon) || Math.abs(lon) > 180 || !(radiusMiles > 0)) {
        throw new ValidationError(['filter.near: needs a latitude, a longitude and a positive radius in miles']);
      }
      // A bounding box first (cheap comparisons), the exact haversine only for what is inside it.
      const dLat = radiusMiles / 69.0 + 0.01;
      const cosLat = Math.cos((lat * Math.PI) / 180);
      const dLon = cosLat > 1e-6 ? radiusMiles / (69.172 * cosLat) + 0.01 : 360;
      const la = this.lat;
      const lo = this.lon;
      keep((r) => {
        const y = la[r]!;
        const x = lo[r]!;
        if (!(Math.abs(y - lat) <= dLat)) return false;
        if (dLon < 180 && Math.abs(((x - lon + 540) % 360) - 180) > dLon) return false;
        return haversineMiles(lat, lon, y, x) <= radiusMiles;
      });
    }
    if (sel.length !== m) sel = sel.subarray(0, m);
    return sel;
  }

  salaryStats(filter: PostingFilter, groupBy: readonly StatsDimension[]): SalaryStatsRow[] {
    const dims = [...new Set(groupBy)];
    const sel = this.select(filter, filter.includeExpired === true);
    if (!dims.length) return [this.row([], sel)];

    const extractors = dims.map((d) => this.dimension(d));
    // Setting is the one multi-valued dimension: a posting in two settings counts in each setting's
    // group (one with none under "unknown"). The other dimensions number each selected row's group;
    // with setting, a row's groups are that number times the setting codes plus each of its setting
    // bits, expanded on the fly in the two passes below (no expanded copy of the selection).
    const settingAt = dims.indexOf('setting');
    const otherAt = dims.map((_, i) => i).filter((i) => i !== settingAt);
    const other = otherAt.length ? this.groupIds(sel, otherAt.map((i) => extractors[i]!)) : null;
    const settingRadix = settingAt >= 0 ? SETTINGS.length + 1 : 1;
    const otherCount = other ? other.groupCount : 1;
    const groupCount = otherCount * settingRadix;
    const codesOf = (g: number): number[] => {
      const codes = other ? other.codesOf(Math.floor(g / settingRadix)) : [];
      if (settingAt >= 0) codes.splice(settingAt, 0, g % settingRadix);
      return codes;
    };
    const ogid = other ? other.gid : null;
    const masks = this.settingMask;
    const none = SETTINGS.length;
    const bySetting = settingAt >= 0;

    // Counting sort of the pay points by group, straight into two value arrays (hourly, annual):
    // each group's pay points become one contiguous slice. Reading the pay columns in ascending
    // row order and writing per-group cursors touches memory far more kindly than gathering each
    // group's rows from all over the columns (which was most of the time with thousands of groups),
    // and there are no per-group arrays at all. Rows stay ascending within a group, so each
    // group's sum is taken in the same order as without grouping.
    const hourly = this.hourly;
    const annual = this.annual;
    const m = sel.length;
    const count = new Uint32Array(groupCount);
    const hOff = new Uint32Array(groupCount + 1);
    const aOff = new Uint32Array(groupCount + 1);
    for (let j = 0; j < m; j++) {
      const r = sel[j]!;
      const base = ogid ? ogid[j]! * settingRadix : 0;
      const hasH = hourly[r] === hourly[r];
      const hasA = annual[r] === annual[r];
      const mask = bySetting ? masks[r]! : 0;
      if (mask === 0) {
        const g = bySetting ? base + none : base;
        count[g]!++;
        if (hasH) hOff[g + 1]!++;
        if (hasA) aOff[g + 1]!++;
      } else {
        for (let b = mask; b; b &= b - 1) {
          const g = base + 31 - Math.clz32(b & -b);
          count[g]!++;
          if (hasH) hOff[g + 1]!++;
          if (hasA) aOff[g + 1]!++;
        }
      }
    }
    for (let g = 0; g < groupCount; g++) {
      hOff[g + 1]! += hOff[g]!;
      aOff[g + 1]! += aOff[g]!;
    }
    const hv = this.f64('groupedHourly', hOff[groupCount]!);
    const av = this.f64('groupedAnnual', aOff[groupCount]!);
    const hCur = hOff.slice(0, groupCount);
    const aCur = aOff.slice(0, groupCount);
    for (let j = 0; j < m; j++) {
      const r = sel[j]!;
      const base = ogid ? ogid[j]! * settingRadix : 0;
      const h = hourly[r]!;
      const a = annual[r]!;
      const mask = bySetting ? masks[r]! : 0;
      if (mask === 0) {
        const g = bySetting ? base + none : base;
        if (h === h) hv[hCur[g]!++] = h;
        if (a === a) av[aCur[g]!++] = a;
      } else {
        for (let b = mask; b; b &= b - 1) {
          const g = base + 31 - Math.clz32(b & -b);
          if (h === h) hv[hCur[g]!++] = h;
          if (a === a) av[aCur[g]!++] = a;
        }
      }
    }

    const results: { sortKey: (string | number)[]; row: SalaryStatsRow }[] = [];
    for (let g = 0; g < groupCount; g++) {
      if (count[g] === 0) continue;
      const codes = codesOf(g);
      const withPay = hOff[g + 1]! - hOff[g]!;
      const n = count[g]!;
      results.push({
        sortKey: codes.map((c, i) => extractors[i]!.order(c)),
        row: {
          group: codes.map((c, i) => ({ dimension: dims[i]!, value: extractors[i]!.label(c) })),
          count: n,
          withPay,
          payTransparency: n ? withPay / n : null,
          ...this.suppression(withPay),
          hourly: this.sliceDistribution(hv, hOff[g]!, hOff[g + 1]!),
          annual: this.sliceDistribution(av, aOff[g]!, aOff[g + 1]!),
        },
      });
    }
    results.sort((a, b) => {
      for (let d = 0; d < a.sortKey.length; d++) {
        const x = a.sortKey[d]!;
        const y = b.sortKey[d]!;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
    return results.map((r) => r.row);
  }

  /**
   * The group number of each entry (numbered in order of first appearance), by a mixed-radix key
   * of its dimension codes looked up in a dense table when the key space is small (the usual case:
   * 5,000 employers × 52 states is still small) and in a Map otherwise; and each group's codes.
   */
  private groupIds(
    entries: Uint32Array,
    extractors: readonly { radix: number; fill?: (rows: Uint32Array, out: Uint32Array) => void }[],
  ): { gid: Uint32Array; groupCount: number; codesOf: (g: number) => number[] } {
    const m = entries.length;
    const codeCols = extractors.map((e, d) => {
      const col = this.u32(`code${d}`, m);
      if (!e.fill) throw new Error('stats engine: a dimension without codes reached grouping');
      e.fill(entries, col);
      return col;
    });
    // One dimension: its code is the group number (groups nobody is in are skipped by the caller).
    if (codeCols.length === 1) return { gid: codeCols[0]!, groupCount: extractors[0]!.radix, codesOf: (g) => [g] };
    let space = 1;
    const mults = extractors.map((e) => {
      const at = space;
      space *= e.radix;
      return at;
    });
    const gid = this.u32('gid', m);
    const firstEntryOf: number[] = [];
    if (space <= DENSE_GROUP_KEYS) {
      const keys = this.u32('keys', m);
      keys.set(codeCols[0]!);
      for (let d = 1; d < codeCols.length; d++) {
        const col = codeCols[d]!;
        const mult = mults[d]!;
        for (let j = 0; j < m; j++) keys[j]! += col[j]! * mult;
      }
      const table = this.i32('groupTable', space).fill(-1);
      for (let j = 0; j < m; j++) {
        const key = keys[j]!;
        let g = table[key]!;
        if (g === -1) {
          g = table[key] = firstEntryOf.length;
          firstEntryOf.push(j);
        }
        gid[j] = g;
      }
    } else {
      const safe = space <= Number.MAX_SAFE_INTEGER;
      const index = new Map<number | string, number>();
      for (let j = 0; j < m; j++) {
        let key: number | string;
        if (safe) {
          key = 0;
          for (let d = 0; d < codeCols.length; d++) key += codeCols[d]![j]! * mults[d]!;
        } else key = codeCols.map((c) => c[j]).join(',');
        let g = index.get(key);
        if (g === undefined) {
          g = firstEntryOf.length;
          index.set(key, g);
          firstEntryOf.push(j);
        }
        gid[j] = g;
      }
    }
    return { gid, groupCount: firstEntryOf.length, codesOf: (g) => codeCols.map((c) => c[firstEntryOf[g]!]!) };
  }

  /**
   * How a dimension turns rows into group codes (one tight loop over its column), labels the
   * codes and orders them ("unknown" last). Setting is the one multi-valued dimension.
   */
  private dimension(d: StatsDimension): {
    radix: number;
    /** Writes each row's code; absent for setting, which is expanded from its bitmask. */
    fill?: (rows: Uint32Array, out: Uint32Array) => void;
    label: (code: number) => string;
    order: (code: number) => string | number;
  } {
    const dictDim = (col: Uint8Array | Uint16Array | Uint32Array, values: readonly string[]) => ({
      radix: values.length,
      fill: (rows: Uint32Array, out: Uint32Array) => {
        for (let j = 0; j < rows.length; j++) out[j] = col[rows[j]!]!;
      },
      label: (c: number) => (c === 0 ? UNKNOWN : (values[c] ?? UNKNOWN)),
      order: (c: number) => (c === 0 ? '\uffff' : (values[c] ?? '\uffff')),
    });
    switch (d) {
      case 'setting':
        return { radix: SETTINGS.length + 1, label: (c) => SETTINGS[c] ?? UNKNOWN, order: (c) => c }; // vocabulary order, unknown (10) last
      case 'state':
        return dictDim(this.stateCode, this.states.values);
      case 'role_family':
        return dictDim(this.roleCode, this.roles.values);
      case 'employment_type':
        return dictDim(this.typeCode, this.types.values);
      case 'employer':
        return dictDim(this.employerCode, this.employerNames);
      case 'certification_required': {
        const col = this.flags;
        return {
          radix: 2,
          fill: (rows, out) => {
            for (let j = 0; j < rows.length; j++) out[j] = col[rows[j]!]! & FLAG_CERT;
          },
          label: (c) => (c ? 'true' : 'false'),
          order: (c) => c,
        };
      }
      case 'month':
      case 'quarter':
      case 'year': {
        const col = this.month;
        const per = d === 'month' ? 1 : d === 'quarter' ? 3 : 12;
        // Code 0 is "no date"; period p is code p - first + 1, over the periods the engine holds.
        const first = this.minMonth === Infinity ? 0 : Math.floor(this.minMonth / per);
        const last = this.maxMonth === -Infinity ? 0 : Math.floor(this.maxMonth / per);
        return {
          radix: last - first + 2,
          fill: (rows, out) => {
            for (let j = 0; j < rows.length; j++) {
              const mi = col[rows[j]!]!;
              out[j] = mi === NO_MONTH ? 0 : Math.floor(mi / per) - first + 1;
            }
          },
          label: (c) => (c === 0 ? UNKNOWN : periodLabel(d, (c - 1 + first) * per)),
          order: (c) => (c === 0 ? Number.MAX_SAFE_INTEGER : c),
        };
      }
      default:
        throw new ValidationError([`groupBy: unknown dimension ${JSON.stringify(d)}`]);
    }
  }

  private row(group: SalaryStatsRow['group'], rows: Uint32Array): SalaryStatsRow {
    const hourly = this.gather(this.hourly, rows, 'gatherHourly');
    const hourlyDist = this.distribution(hourly);
    const annual = this.gather(this.annual, rows, 'gatherAnnual');
    const count = rows.length;
    return {
      group,
      count,
      withPay: hourly.values.length,
      payTransparency: count ? hourly.values.length / count : null,
      ...this.suppression(hourly.values.length),
      hourly: hourlyDist,
      annual: this.distribution(annual),
    };
  }

  /** The pay points (non-NaN values of `col`) at `rows`, with their min, max and sum, in one pass. */
  private gather(col: Float64Array, rows: Uint32Array, scratch: string): Gathered {
    const out = this.f64(scratch, rows.length);
    let k = 0;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let j = 0; j < rows.length; j++) {
      const v = col[rows[j]!]!;
      if (v === v) {
        out[k++] = v;
        if (v < min) min = v;
        if (v > max) max = v;
        sum += v;
      }
    }
    return { values: k === out.length ? out : out.subarray(0, k), min, max, sum };
  }

  /**
   * Whether a group's figures are withheld, and why: fewer postings with pay than the minimum
   * sample (or none). Statistical agencies flag such cells instead of leaving them blank.
   */
  private suppression(sampleSize: number): Suppression {
    return { suppressed: sampleSize < this.minSample || sampleSize === 0, sampleSize, minSample: this.minSample };
  }

  private distribution(g: Gathered): PayDistribution {
    return this.published(g.values, g.min, g.max, g.sum);
  }

  /**
   * The distribution of `values[start..end)` (pay points, no NaN), reordering that slice. A group
   * below the minimum sample publishes nulls, so its slice is not even looked at.
   */
  private sliceDistribution(values: Float64Array, start: number, end: number): PayDistribution {
    const n = end - start;
    if (n < this.minSample || n === 0) return nullDistribution();
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = start; i < end; i++) {
      const v = values[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const [p10, p25, median, p75, p90] = percentilesInRange(values, start, end, FRACTIONS, { min, max });
    return publish(min, p10, p25, median, p75, p90, max, sum / n);
  }

  private published(values: Float64Array, min: number, max: number, sum: number): PayDistribution {
    const n = values.length;
    if (n < this.minSample || n === 0) return nullDistribution();
    const [p10, p25, median, p75, p90] = percentilesInPlace(values, FRACTIONS, { min, max });
    return publish(min, p10, p25, median, p75, p90, max, sum / n);
  }

  salaryTrend(filter: PostingFilter, interval: TrendInterval, from?: string, to?: string): TrendPoint[] {
    const per = interval === 'month' ? 1 : interval === 'quarter' ? 3 : interval === 'year' ? 12 : 0;
    if (!per) throw new ValidationError([`interval: must be month, quarter or year (got ${JSON.stringify(interval)})`]);
    const sel = this.select(filter, filter.includeExpired !== false);
    const fromP = from !== undefined ? Math.floor(monthOf('from', from) / per) : null;
    const toP = to !== undefined ? Math.floor(monthOf('to', to) / per) : null;
    const col = this.month;
    let lo = Infinity;
    let hi = -Infinity;
    const periodOf = new Int32Array(sel.length);
    for (let j = 0; j < sel.length; j++) {
      const mi = col[sel[j]!]!;
      const p = mi === NO_MONTH ? NO_MONTH : Math.floor(mi / per);
      periodOf[j] = p;
      if (p === NO_MONTH) continue;
      if (p < lo) lo = p;
      if (p > hi) hi = p;
    }
    const first = fromP ?? lo;
    const last = toP ?? hi;
    if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) return [];
    if (last - first + 1 > MAX_TREND_PERIODS) {
      throw new ValidationError([`from/to: a trend covers at most ${MAX_TREND_PERIODS} periods`]);
    }
    const buckets: number[][] = Array.from({ length: last - first + 1 }, () => []);
    for (let j = 0; j < sel.length; j++) {
      const p = periodOf[j]!;
      if (p === NO_MONTH || p < first || p > last) continue;
      buckets[p - first]!.push(sel[j]!);
    }
    return buckets.map((rows, i) => {
      const startMonth = (first + i) * per;
      const rowArr = Uint32Array.from(rows);
      const [hm, h90, withPay] = this.medianAndP90(this.gather(this.hourly, rowArr, 'gatherHourly'));
      const [am, a90] = this.medianAndP90(this.gather(this.annual, rowArr, 'gatherAnnual'));
      return {
        period: periodLabel(interval, startMonth),
        start: `${String(Math.floor(startMonth / 12)).padStart(4, '0')}-${String((startMonth % 12) + 1).padStart(2, '0')}-01`,
        count: rows.length,
        withPay,
        ...this.suppression(withPay),
        hourlyMedian: hm ?? null,
        hourlyP90: h90 ?? null,
        annualMedian: am ?? null,
        annualP90: a90 ?? null,
      };
    });
  }

  /** Median, 90th percentile (null below the minimum sample) and the number of pay points. */
  private medianAndP90(g: Gathered): [number | null, number | null, number] {
    const n = g.values.length;
    if (n < this.minSample || n === 0) return [null, null, n];
    const [m, p90] = percentilesInPlace(g.values, [0.5, 0.9], { min: g.min, max: g.max });
    return [cents(m), cents(p90), n];
  }

  /**
   * Where an hourly offer sits among comparable postings: the share (0–100) of their hourly pay
   * points at or below the offer — the empirical distribution function at the offer, so an offer
   * equal to the highest pay point is at 100 and one below every pay point at 0. Null below the
   * minimum sample.
   */
  marketPosition(offerHourly: number, filter: PostingFilter): MarketPosition {
    if (!Number.isFinite(offerHourly) || offerHourly <= 0) throw new ValidationError([`offerHourly: must be a positive number (got ${offerHourly})`]);
    const sel = this.select(filter, filter.includeExpired === true);
    const hourly = this.gather(this.hourly, sel, 'gatherHourly');
    const n = hourly.values.length;
    let atOrBelow = 0;
    for (let i = 0; i < n; i++) if (hourly.values[i]! <= offerHourly) atOrBelow++;
    const publish = n >= this.minSample && n > 0;
    const [hm, h90] = this.medianAndP90(hourly);
    const [am, a90] = this.medianAndP90(this.gather(this.annual, sel, 'gatherAnnual'));
    return {
      percentile: publish ? Math.round((1000 * atOrBelow) / n) / 10 : null,
      ...this.suppression(n),
      offerHourly,
      offerAnnual: offerHourly * HOURS_PER_YEAR,
      hourlyMedian: hm ?? null,
      hourlyP90: h90 ?? null,
      annualMedian: am ?? null,
      annualP90: a90 ?? null,
    };
  }

  /** Ids of the postings a filter selects (tests compare it with search's answer). */
  matchingIds(filter: PostingFilter): string[] {
    return [...this.select(filter, filter.includeExpired === true)].map((r) => this.ids[r]!);
  }
}

/** A distribution's figures as published: each rounded to the cent. */
function publish(min: number, p10: number | null | undefined, p25: number | null | undefined, median: number | null | undefined, p75: number | null | undefined, p90: number | null | undefined, max: number, mean: number): PayDistribution {
  return { min: cents(min), p10: cents(p10), p25: cents(p25), median: cents(median), p75: cents(p75), p90: cents(p90), max: cents(max), mean: cents(mean) };
}

/** A fresh all-null distribution (callers may hold on to the objects they get). */
function nullDistribution(): PayDistribution {
  return { min: null, p10: null, p25: null, median: null, p75: null, p90: null, max: null, mean: null };
}

function periodLabel(interval: TrendInterval, startMonth: number): string {
  const y = String(Math.floor(startMonth / 12)).padStart(4, '0');
  const m = startMonth % 12;
  if (interval === 'year') return y;
  if (interval === 'quarter') return `${y}-Q${Math.floor(m / 3) + 1}`;
  return `${y}-${String(m + 1).padStart(2, '0')}`;
}

function finite(name: string, v: number): number {
  if (!Number.isFinite(v)) throw new ValidationError([`filter.${name}: must be a finite number`]);
  return v;
}

function isoTime(name: string, v: string): number {
  const t = Date.parse(v);
  if (!Number.isFinite(t)) throw new ValidationError([`filter.${name}: must be an ISO 8601 date-time (got ${JSON.stringify(v)})`]);
  return t;
}

function monthOf(name: string, v: string): number {
  const m = monthIndex(v);
  if (m === NO_MONTH) throw new ValidationError([`${name}: must be an ISO 8601 date (got ${JSON.stringify(v)})`]);
  return m;
}

/** An empty engine, filled by `apply`. */
export function createStatsEngine(options: StatsEngineOptions): ColumnarStatsEngine {
  return new ColumnarStatsEngine(options);
}

/** A store that can hand out the engine's facts without whole postings (the embedded SQLite store keeps them in a column). */
export interface StatsFactsSource {
  iterateStatsFacts(batchSize?: number): AsyncIterable<PostingFacts[]>;
}

function hasFacts(store: PostingStore): store is PostingStore & StatsFactsSource {
  return typeof (store as Partial<StatsFactsSource>).iterateStatsFacts === 'function';
}

/**
 * Builds the engine from every posting in the store (all statuses: expired ones make trends):
 * from the stored facts alone when the store keeps them (no description is read), else from
 * whole postings.
 */
export async function loadStatsEngine(store: PostingStore, options: StatsEngineOptions): Promise<ColumnarStatsEngine> {
  const engine = new ColumnarStatsEngine(options);
  if (hasFacts(store)) {
    for await (const batch of store.iterateStatsFacts(5000)) for (const f of batch) engine.applyFacts(f);
    return engine;
  }
  for await (const batch of store.iteratePostings({}, 2000)) engine.apply(batch);
  return engine;
}

/**
 * Published figures are rounded to the cent: interpolation and means carry binary floating-point
 * noise (48905.99999999999) that no salary table should show. Computation stays exact; only the
 * output is rounded.
 */
function cents(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.round(value * 100) / 100;
}
