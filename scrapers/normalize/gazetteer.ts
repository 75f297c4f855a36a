import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { US_STATES } from '../../schema/index.ts';

/**
 * A US gazetteer from the `zipcodes` package (ZIP centroids): city + state → coordinates (the
 * mean of the city's ZIP centroids), ZIP → city, state and coordinates, and state names → codes.
 * The package's data file is 5 MB, so it is loaded on first use, not at import.
 */

interface ZipRecord {
  zip: string;
  latitude: number;
  longitude: number;
  city: string;
  state: string;
  country: string;
}

interface ZipcodesModule {
  codes: Record<string, ZipRecord>;
}

export interface Place {
  lat: number;
  lon: number;
}

export interface ZipPlace extends Place {
  city: string;
  state: string;
  postalCode: string;
}

let cityIndex: Map<string, Place> | null = null;
/** City key → the states that have a city of that name. */
let cityStates: Map<string, string[]> | null = null;
/** City key → how many ZIP codes carry that place name, over every state. */
let cityZips: Map<string, number> | null = null;
/** "CITY|ST" → how many ZIP codes carry that place name in that state. */
let cityStateZips: Map<string, number> | null = null;
let zipIndex: Record<string, ZipRecord> | null = null;

/**
 * The US ZIP records. The package's entry point also loads its Canadian list and copies both into
 * one object (about 280 ms); its US data file is one JSON object after `exports.codes = `, which
 * JSON.parse reads in about a third of that. Any other shape falls back to the entry point.
 */
function readZipCodes(): Record<string, ZipRecord> {
  const require = createRequire(import.meta.url);
  try {
    const src = readFileSync(require.resolve('zipcodes/lib/codes.js'), 'utf8');
    const head = 'exports.codes = ';
    if (src.startsWith(head)) {
      const end = src.indexOf('\nexports.', head.length);
      const body = src.slice(head.length, end > 0 ? end : undefined).trim().replace(/;$/, '');
      const codes = JSON.parse(body) as unknown;
      if (codes !== null && typeof codes === 'object' && Object.keys(codes).length > 10_000) return codes as Record<string, ZipRecord>;
    }
  } catch {
    // Not the layout this reader knows: the package's own loader below.
  }
  return (require('zipcodes') as ZipcodesModule).codes;
}

function load(): { cities: Map<string, Place>; zips: Record<string, ZipRecord> } {
  if (cityIndex && zipIndex) return { cities: cityIndex, zips: zipIndex };
  const mod = { codes: readZipCodes() };
  // The median of a city's ZIP centroids, not the mean: a few ZIPs filed under a big city's
  // name (PO boxes, unique ZIPs of firms) sit far away and would pull a mean off the map.
  const points = new Map<string, { lats: number[]; lons: number[] }>();
  for (const rec of Object.values(mod.codes)) {
    if (rec.country !== 'US' || !Number.isFinite(rec.latitude) || !Number.isFinite(rec.longitude) || (rec.latitude === 0 && rec.longitude === 0)) continue;
    const key = `${cityKey(rec.city)}|${rec.state}`;
    const p = points.get(key);
    if (p) {
      p.lats.push(rec.latitude);
      p.lons.push(rec.longitude);
    } else points.set(key, { lats: [rec.latitude], lons: [rec.longitude] });
  }
  const cities = new Map<string, Place>();
  const states = new Map<string, string[]>();
  const zipsPerCity = new Map<string, number>();
  const zipsPerCityState = new Map<string, number>();
  for (const [key, p] of points) {
    zipsPerCityState.set(key, p.lats.length);
    cities.set(key, { lat: round4(median(p.lats)), lon: round4(median(p.lons)) });
    const bar = key.indexOf('|');
    const name = key.slice(0, bar);
    zipsPerCity.set(name, (zipsPerCity.get(name) ?? 0) + p.lats.length);
    const list = states.get(name);
    if (list) list.push(key.slice(bar + 1));
    else states.set(name, [key.slice(bar + 1)]);
  }
  cityStates = states;
  cityZips = zipsPerCity;
  cityStateZips = zipsPerCityState;
  cityIndex = cities;
  zipIndex = mod.codes;
  return { cities, zips: mod.codes };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

/** "St. Louis" and "Saint Louis", "Winston-Salem" and "Winston Salem" are one key. */
export function cityKey(city: string): string {
  let k = city.toUpperCase();
  // Most names are plain words ("SALEM", "NEW YORK"): one test instead of three replaces, which
  // made building the gazetteer's index (42,000 ZIPs) cost a third more.
  if (!PLAIN_KEY.test(k)) k = k.replace(/[.'’]/g, '').replace(/[-\s]+/g, ' ').trim();
  if (k.charCodeAt(2) === 32) {
    if (k.startsWith('ST ')) return `SAINT ${k.slice(3)}`;
    if (k.startsWith('FT ')) return `FORT ${k.slice(3)}`;
    if (k.startsWith('MT ')) return `MOUNT ${k.slice(3)}`;
  }
  return k;
}
const PLAIN_KEY = /^[A-Z0-9]+(?: [A-Z0-9]+)*$/;

const STATE_BY_NAME = new Map<string, string>();
for (const [code, name] of Object.entries(US_STATES)) {
  STATE_BY_NAME.set(name.toUpperCase(), code);
  STATE_BY_NAME.set(code, code);
}
STATE_BY_NAME.set('WASHINGTON DC', 'DC');
STATE_BY_NAME.set('WASHINGTON D C', 'DC');
STATE_BY_NAME.set('D C', 'DC');
STATE_BY_NAME.set('VIRGIN ISLANDS', 'VI');
STATE_BY_NAME.set('US VIRGIN ISLANDS', 'VI');
STATE_BY_NAME.set('PENN', 'PA');
STATE_BY_NAME.set('MASS', 'MA');
STATE_BY_NAME.set('CALIF', 'CA');

/** A state name or code ("Ohio", "OH", "oh", "N.Y.") → the two-letter code, or null. */
export function stateCode(input: string): string | null {
  // Most calls are a code or a short name, and the location reader asks about the same few strings
  // for every posting: a code is looked up directly, anything else through a small memo.
  if (input.length === 2) return STATE_BY_NAME.get(input.toUpperCase()) ?? null;
  const memo = STATE_CODE_MEMO.get(input);
  if (memo !== undefined) return memo;
  const key = input.toUpperCase().replace(/[.]/g, ' ').replace(/\s+/g, ' ').trim();
  const code = STATE_BY_NAME.get(key) ?? STATE_BY_NAME.get(key.replace(/ /g, '')) ?? null;
  if (input.length <= 40) {
    if (STATE_CODE_MEMO.size >= 4096) STATE_CODE_MEMO.clear();
    STATE_CODE_MEMO.set(input, code);
  }
  return code;
}
const STATE_CODE_MEMO = new Map<string, string | null>();

/**
 * Coordinates of a US city ("Columbus", "OH" or "Ohio"), or null when the gazetteer does not
 * know it. The API uses this to resolve `near: { city, state }`.
 */
export function lookupPlace(city: string, state: string): Place | null {
  if (typeof city !== 'string' || typeof state !== 'string') return null;
  const code = stateCode(state);
  if (!code || !city.trim()) return null;
  const { cities } = load();
  const key = cityKey(city);
  const hit = cities.get(`${key}|${code}`) ?? cities.get(`${key.replace(/ CITY$/, '')}|${code}`);
  if (hit) return { lat: hit.lat, lon: hit.lon };
  // "New York City" is filed as "New York"; boroughs and neighbourhoods under their own names.
  if (key === 'NEW YORK CITY' || key === 'NYC') return cities.get(`NEW YORK|NY`) ?? null;
  return null;
}

/**
 * The states that have a city of this name ("Tacoma" → WA; "Portland" → ME, OR, ...), from the
 * ZIP gazetteer's place names; empty when it knows none.
 */
export function statesOfCity(city: string): readonly string[] {
  if (typeof city !== 'string' || !city.trim()) return [];
  load();
  const key = cityKey(city);
  return cityStates?.get(key) ?? cityStates?.get(key.replace(/ CITY$/, '')) ?? [];
}

/** How many ZIP codes carry this place name in any state: 0 for no place, 1 for a hamlet. */
export function zipCountOfCity(city: string): number {
  if (typeof city !== 'string' || !city.trim()) return 0;
  load();
  const key = cityKey(city);
  return cityZips?.get(key) ?? cityZips?.get(key.replace(/ CITY$/, '')) ?? 0;
}

/** City, state and coordinates of a 5-digit US ZIP code, or null. */
export function lookupZip(zip: string): ZipPlace | null {
  const five = /^\s*(\d{5})/.exec(zip)?.[1];
  if (!five) return null;
  const rec = load().zips[five];
  if (!rec || rec.country !== 'US') return null;
  return { city: rec.city, state: rec.state, postalCode: rec.zip, lat: rec.latitude, lon: rec.longitude };
}

/**
 * The state of a big city whose other namesakes are hamlets (docs/decisions/104): "Detroit" (MI 46
 * ZIPs; AL, TX, OR, ME one each), "San Diego" (CA 81, TX 1). The city must have at least 30 ZIP
 * codes in that state and ten times as many as every other state's places of that name together,
 * so "Portland" (OR 59, ME 9 and eleven more), "Cleveland", "Columbia" or "Springfield" give none.
 * A name only one state has is not this function's business (statesOfCity).
 */
export function dominantStateOfCity(city: string): string | null {
  const states = statesOfCity(city);
  if (states.length < 2 || cityStateZips === null) return null;
  const key = cityKey(city);
  const name = cityStateZips.has(`${key}|${states[0] ?? ''}`) ? key : key.replace(/ CITY$/, '');
  let top: string | null = null;
  let most = 0;
  let total = 0;
  for (const st of states) {
    const n = cityStateZips.get(`${name}|${st}`) ?? 0;
    total += n;
    if (n > most) {
      most = n;
      top = st;
    }
  }
  return most >= 30 && most >= 10 * (total - most) ? top : null;
}
