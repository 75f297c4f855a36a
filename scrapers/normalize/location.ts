import type { Location, RawLocation, RawPosting, Workplace } from '../../schema/index.ts';
import { cityKey, dominantStateOfCity, lookupPlace, lookupZip, stateCode, statesOfCity, zipCountOfCity } from './gazetteer.ts';
import { isTown, onlyStateOfCity, placeFromText, statesOfCounty } from './place-in-text.ts';

/**
 * Where a job is, from the shapes sources write: "Columbus, OH", "Columbus, Ohio 43215",
 * "Dayton, OH (hybrid)", "Remote - US", "Multiple Locations", Workday's "US-OH-Columbus" and
 * "Columbus, OH - 123 Main St", street addresses, JSON-LD PostalAddress objects (names or codes),
 * and arrays of any of these. Coordinates come from the gazetteer (ZIP first, then city).
 */

const REMOTE = /\b(?:remote|work from home|wfh|telecommute|telework|virtual|anywhere)\b/i;
const HYBRID = /\bhybrid\b/i;
const ONSITE = /\b(?:on-?site|in[- ]person|in[- ]office|on location)\b/i;
const ZIP = /\b(\d{5})(?:-\d{4})?\b/;
const WORKDAY = /^(?:US|USA|United States)\s*-\s*([A-Z]{2})\s*-\s*(.+)$/i;
const STATE_CITY = /^([A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s*-\s*([A-Za-z][A-Za-z .'-]+)$/;
/**
 * A board's count of further sites after the first ("Columbus, OH +2 locations", "Dayton, OH and 3
 * other locations", "(+1 more)"): several sites, so no one city.
 */
const MORE_SITES = /\s*(?:\(\s*)?(?:\+\s*\d+|(?:and|&)\s+\d+\s+(?:other|more)|\d+\s+more)\s*(?:other\s+)?(?:locations?|sites?|offices?|places?|more)?\s*\)?\s*$/i;
/** A label some sources leave in the field: "Location: Columbus, OH", "Work Location - Dayton, OH". */
const FIELD_LABEL = /^(?:(?:primary|work|job|office|duty)\s+)?(?:locations?|site|city)\s*[:\-–]\s*/i;
const MULTIPLE = /\b(?:multiple|various|several|many)\s+(?:locations?|sites?|offices?)\b|\bstatewide\b|\bnationwide\b/i;
/** The United States in English and as mirrors of US postings write it in other languages. */
const COUNTRY =
  /^(?:us|usa|u\.s\.a?\.?|united states(?: of america)?|america|vereinigte staaten(?: von amerika)?|estados unidos(?: d[ae] am[eé]rica)?|ee\.? ?uu\.?|eua|[eé]tats[- ]unis(?: d'am[eé]rique)?|stati uniti(?: d'america)?|verenigde staten|stany zjednoczone|förenta staterna)$/i;
/**
 * Countries other than the US, and regions that only another country has (Canadian provinces,
 * Australian states but WA and SA), as the last parts of a location: "Clayton, VIC, AU, 3168".
 */
const FOREIGN_COUNTRY =
  /^(?:uk|u\.k\.|gb|great britain|united kingdom|england|scotland|wales|northern ireland|ireland|au|aus|australia|nz|new zealand|canada|india|philippines|mexico|m[eé]xico|germany|deutschland|france|spain|españa|netherlands|south africa|singapore|kenya|nigeria|jamaica)$/i;
const FOREIGN_REGION = /^(?:NSW|VIC|QLD|TAS|ACT|NT|ON|BC|QC|AB|MB|SK|NS|NB|NL|PE|YT|NU|Ontario|Quebec|Québec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|Newfoundland|New South Wales|Victoria|Queensland|Tasmania)$/;
/** A UK, Canadian or Australian postcode after a town: "NG6 9DR", "M5V 2T6", "3168". */
const FOREIGN_POSTCODE = /\s*\b(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{4})$/;
/** The words that make a name a facility's: "... Community Health Service", "... State Hospital", "... Campus". */
const FACILITY = /\s(?:(?:Community|Mental|Behavioral|Behavioural|Public|Regional|State|General|Memorial|Medical|Health|Psychiatric|Treatment|Recovery|Crisis|Wellness|Counseling|Family)\s)*(?:Health\s)?(?:Services?|Hospital|Cent(?:er|re)|Clinic|Campus|Facility|Office|Building|Unit|Ward|Institute|Complex)$/i;
/** A building or a department's site named alone in the field, with no town: "Courthouse", "Main Office", "Headquarters". */
const FACILITY_ALONE =
  /^(?:the\s+)?(?:(?:main|central|county|district|juvenile|adult|administrative|administration|corporate)\s+)*(?:court\s?house|jail|detention\s+(?:center|centre|facility)|headquarters|hq|administration(?:\s+building)?|office|campus|clinic|hospital|facility|building|tbd)$/i;
/** "PO Box 80009 Simpsonville": the box before the town. */
const PO_BOX = /^(?:P\.?\s?O\.?\s*Box|Box)\s+\d+[,\s]+/i;
/** Words joining two sites in one part: "Salem or Portland", "Bend and Redmond", "Akron & Canton". */
const JOINED_SITES = /\s+(?:or|and|&)\s+|\s*\/\s*/;
const COUNTY_PART = /\s(?:County|Parish|Borough)$/i;
const STREETISH = /^\d|\b(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|suite|ste|pkwy|parkway|hwy|highway|ct|court|pl|place|floor|fl)\.?$|\b(?:suite|ste|floor|p\.?o\.? box)\b/i;

interface PlaceParts {
  city: string | null;
  state: string | null;
  postalCode: string | null;
  workplace: Workplace | null;
  lat: number | null;
  lon: number | null;
  /** The city was only derived from a ZIP (the field named none): a site named elsewhere wins. */
  cityFromZip: boolean;
  /** The field names a place outside the US ("Nottingham NG6 9DR, UK"): no US state, no text scan. */
  foreign: boolean;
  /** The field names two or more sites ("Oroville / Chico Area, CA"): no one city. */
  severalSites: boolean;
  /** A list of sites in two or more states: no one state either, and none read from the text. */
  severalStates: boolean;
}

function empty(): PlaceParts {
  // Every flag set here, so every PlaceParts has one shape (the hot path stays monomorphic).
  return { city: null, state: null, postalCode: null, workplace: null, lat: null, lon: null, cityFromZip: false, foreign: false, severalSites: false, severalStates: false };
}

/** "TELECOMMUTE", "remote", "Hybrid", "on-site" → the workplace vocabulary. */
export function workplaceFromHint(hint: string | null | undefined): Workplace | null {
  if (!hint) return null;
  if (/telecommute|remote|work from home|virtual/i.test(hint)) return 'remote';
  if (HYBRID.test(hint)) return 'hybrid';
  if (/on-?site|in[- ]?person|office|onsite/i.test(hint)) return 'onsite';
  return null;
}

function cleanCity(s: string): string | null {
  const c = s.replace(/\s+/g, ' ').replace(/^[\s,.-]+|[\s,.-]+$/g, '').replace(/^(?:located in|based in|in|at|near)\s+/i, '');
  // A county is no city ("Buncombe County, NC"): the city stays empty when only a county is named.
  if (!c || /\d/.test(c) || COUNTRY.test(c) || REMOTE.test(c) || MULTIPLE.test(c) || c.length > 40 || /\b(?:County|Parish|Borough)$/i.test(c) || /^County of\b/i.test(c)) return null;
  // A facility is no city ("Armidale Community Health Service", "Central State Hospital"): its
  // leading words are the town only when the gazetteer knows a real town of that name.
  // A town whose own name ends in such a word ("Rockville Centre", "Valley Center") stays a town.
  // A building alone is no town ("Courthouse", "Main Office", "Juvenile Detention Center"; docs/decisions/104).
  if (FACILITY_ALONE.test(c) && statesOfCity(c).length === 0) return null;
  const facility = FACILITY.exec(c);
  if (facility && statesOfCity(c).length === 0) {
    const lead = c.slice(0, facility.index).trim();
    return lead && !/^(?:Central|Main|North|South|East|West|Northern|Southern|Eastern|Western|Midwest|State|County|Regional|Community|General|Memorial|University|Veterans)$/i.test(lead) && zipCountOfCity(lead) >= 2 ? lead : null;
  }
  // "New York City" is the gazetteer's "New York"; "Chico Area", "Portland Metro" name the city.
  if (/^(?:new york city|nyc)$/i.test(c)) return 'New York';
  if (/\s(?:Area|Metro|Metro Area|Metropolitan Area|Metroplex|Region)$/i.test(c)) return cleanCity(c.replace(/^Greater\s+/i, '').replace(/\s(?:Metropolitan Area|Metro Area|Area|Metro|Metroplex|Region)$/i, ''));
  // "COLUMBUS" → "Columbus": keep the source's casing unless it shouts.
  if (c === c.toUpperCase()) return titleCase(c);
  return c;
}

/**
 * Fills postal code, state, city and coordinates from a ZIP the gazetteer knows, unless the ZIP
 * contradicts a state already read (a typo'd ZIP must not move the job). True when it applied.
 */
function applyZip(out: PlaceParts, zip: string): boolean {
  const z = lookupZip(zip);
  if (!z || (out.state !== null && out.state !== z.state)) return false;
  out.postalCode = z.postalCode;
  out.state = z.state;
  out.city ??= z.city;
  if (out.lat === null) {
    out.lat = z.lat;
    out.lon = z.lon;
  }
  return true;
}

/** Reads one location string. */
export function parseLocationText(input: string): PlaceParts {
  const out = empty();
  let text = input.replace(/\s+/g, ' ').trim();
  if (!text) return out;
  const more = MORE_SITES.exec(text);
  if (more !== null && more.index > 0) {
    out.severalSites = true;
    text = text.slice(0, more.index);
  }
  if (HYBRID.test(text)) out.workplace = 'hybrid';
  else if (REMOTE.test(text)) out.workplace = 'remote';
  else if (ONSITE.test(text)) out.workplace = 'onsite';
  // Drop the workplace words and parentheses so "Dayton, OH (hybrid)" reads as a place.
  text = text
    .replace(/\((?:[^)]*)\)/g, (m) => (ZIP.test(m) || /,/.test(m) ? m.slice(1, -1) : ' '))
    .replace(/\b(?:fully |100% )?(?:remote|hybrid|on-?site|in[- ]person|work from home|telecommute|virtual)\b(?:\s*(?:position|role|work|eligible|option|available))?/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    // "Columbus, OH - Remote" leaves a dangling separator once the workplace word is gone.
    .replace(/^[\s,;|•·⋅–-]+|[\s,;|•·⋅–-]+$/g, '')
    .replace(FIELD_LABEL, '');

  if (readForeign(text, out)) return out;
  const zip = ZIP.exec(text)?.[1] ?? null;
  const wd = WORKDAY.exec(text);
  // A state alone ("Remote in Ohio", "Ohio", "Anywhere in TX") is a state, not a city.
  const bare = text.replace(/^(?:located in|based in|anywhere in|in|at|near|within)\s+/i, '').replace(/^[\s,.-]+|[\s,.-]+$/g, '');
  const bareState = bare.length === 2 && bare !== bare.toUpperCase() ? null : stateCode(bare);
  if (bareState && !zip) {
    out.state = bareState;
  } else if (wd && wd[1] && wd[2] && stateCode(wd[1])) {
    out.state = stateCode(wd[1]);
    out.city = cleanCity(wd[2].split(/\s*-\s*/)[0] ?? '');
  } else {
    const sc = STATE_CITY.exec(text);
    if (sc && sc[1] && sc[2] && stateCode(sc[1])) {
      out.state = stateCode(sc[1]);
      out.city = cleanCity(sc[2]);
    } else {
      readParts(text, out);
    }
  }
  if (zip) {
    const hadCity = out.city !== null;
    if (applyZip(out, zip) && !hadCity && out.city !== null) out.cityFromZip = true;
  }
  if (out.severalSites) {
    out.city = null;
    out.postalCode = null;
  }
  return out;
}

/**
 * A place outside the US: its last parts are another country, or a region only another country
 * has ("St. Thomas, ON"; "Perth, WA, Australia"). The town is the part before region, postcode
 * and country, without its postcode. True when the field is foreign (no US state then).
 */
function readForeign(text: string, out: PlaceParts): boolean {
  // Cheap test first: the last part (before a trailing postcode) is a country or foreign region.
  let cut = text.lastIndexOf(',');
  if (cut < 0) return false;
  let tail = text.slice(cut + 1).trim();
  if (/^\d{3,6}$/.test(tail)) {
    const prev = text.lastIndexOf(',', cut - 1);
    tail = text.slice(prev + 1, cut).trim();
    cut = prev;
  }
  if (!FOREIGN_COUNTRY.test(tail) && !(FOREIGN_REGION.test(tail) && text.lastIndexOf(',', cut - 1) < 0)) return false;
  const parts = text.split(',').map((x) => x.trim()).filter(Boolean);
  let end = parts.length;
  while (end > 0) {
    const p = parts[end - 1] ?? '';
    if (FOREIGN_COUNTRY.test(p) || FOREIGN_REGION.test(p) || /^\d{3,5}$/.test(p) || /^[A-Z]{2,3}$/.test(p)) end--;
    else break;
  }
  const town = (parts[end - 1] ?? '').replace(FOREIGN_POSTCODE, '').trim();
  out.city = town && !STREETISH.test(town) ? cleanCity(town) : null;
  out.foreign = true;
  return true;
}

/** Splits "123 Main St, Columbus, Ohio 43215, United States" into parts and finds the state among them. */
function readParts(text: string, out: PlaceParts): void {
  const segments = text.split(/\s+[-–|•·⋅]\s+|;|\//).map((s) => s.trim()).filter(Boolean);
  for (const segment of segments) {
    const parts = segment.split(',').map((s) => s.trim()).filter(Boolean);
    for (let i = parts.length - 1; i >= 0; i--) {
      const part = (parts[i] ?? '').replace(ZIP, '').trim();
      if (COUNTRY.test(part)) continue;
      let code = part.length === 2 && part !== part.toUpperCase() ? null : stateCode(part);
      let cityFromSame: string | null = null;
      if (!code) {
        // "Columbus OH" or "Columbus Ohio" without a comma: the state is the last one to three words.
        const words = part.split(' ');
        for (let n = Math.min(3, words.length - 1); n >= 1 && !code; n--) {
          const tail = words.slice(-n).join(' ');
          const head = words.slice(0, -n).join(' ');
          // A bare two-letter tail counts only in capitals ("Columbus OH"), never "in", "or", "me".
          if (n === 1 && tail.length === 2 && tail !== tail.toUpperCase()) continue;
          const c = stateCode(tail);
          if (c && /^[A-Z]/.test(head) && !/^(?:In|Near|At|Or|And)$/.test(head)) {
            code = c;
            cityFromSame = head;
          }
        }
      }
      if (!code) continue;
      out.state = code;
      const cityPart = cityFromSame ?? parts[i - 1] ?? null;
      // "County of Los Angeles, California, Missouri, ..., 65018": an aggregator read the state
      // after a county as a town of another state. The county's own state is the state, and only a
      // county is named, so no city (docs/decisions/104).
      const named = cityPart !== null && cityFromSame === null && i >= 2 ? stateCode(cityPart) : null;
      if (named !== null && named !== code && statesOfCounty(parts[i - 2] ?? '').includes(named)) {
        out.state = named;
        return;
      }
      if (cityPart && !STREETISH.test(cityPart)) out.city = cleanCity(cityPart);
      else if (cityPart && i - 2 >= 0 && !STREETISH.test(parts[i - 2] ?? '')) out.city = cleanCity(parts[i - 2] ?? '');
      // "Columbus, Franklin County, OH": the town is the part before the county.
      if (out.city === null && cityPart && COUNTY_PART.test(cityPart) && cityFromSame === null && i - 2 >= 0 && !STREETISH.test(parts[i - 2] ?? '')) {
        const town = cleanCity(parts[i - 2] ?? '');
        if (town !== null && lookupPlace(town, code)) out.city = town;
      }
      // "United States, Oregon, Portland": country, state, then the town (largest first).
      if (out.city === null && cityFromSame === null && (cityPart === null || COUNTRY.test(cityPart)) && parts[i + 1] !== undefined) {
        const town = cleanCity((parts[i + 1] ?? '').replace(ZIP, '').trim());
        if (town !== null && lookupPlace(town, code)) out.city = town;
      }
      // "King County, WA · Seattle, <the US in any language>": the county's segment, and the town
      // in a segment of its own beside it.
      if (out.city === null && cityPart && COUNTY_PART.test(cityPart) && segments.length > 1) out.city = townSegment(segments, segment, code);
      // "Ohio, United States ⋅ Akron, Ohio, United States": a segment with the state alone, and the
      // town in another segment with the same state (docs/decisions/104).
      if (out.city === null && (cityPart === null || COUNTRY.test(cityPart)) && cityFromSame === null && segments.length > 1) out.city = townSegment(segments, segment, code);
      // "Oroville / Chico Area, CA", "Salem or Portland, OR": two sites of the state, no one city.
      if (severalSitesOf(segments, segment, cityPart, code)) {
        out.city = null;
        out.severalSites = true;
      }
      return;
    }
  }
  // A lone city ("Columbus") keeps its name; without a state it cannot be placed. "Portland,
  // Estados Unidos da América": a town and the country alone is a lone town too (docs/decisions/104).
  let only = segments[0];
  if (only && segments.length === 1 && only.includes(',')) {
    const names = only.split(',').map((x) => x.trim()).filter((x) => x && !COUNTRY.test(x));
    if (names.length === 1 && names[0] !== undefined && names[0].length < only.length) only = names[0];
  }
  if (only && segments.length === 1 && !only.includes(',')) {
    // "PO Box 80009 Simpsonville": the town after the box, when it is a town.
    const town = only.replace(PO_BOX, '');
    out.city = town !== only ? (statesOfCity(town).length > 0 ? cleanCity(town) : null) : cleanCity(only);
  }
}

/** The one other segment that is a town of `state`, alone or with the country: "Seattle, USA". */
function townSegment(segments: readonly string[], placed: string, state: string): string | null {
  let found: string | null = null;
  for (const other of segments) {
    if (other === placed) continue;
    const names = other.split(',').map((x) => x.replace(ZIP, '').trim()).filter((x) => x && !COUNTRY.test(x));
    // "Akron, Ohio, United States": the state after the town.
    if (names.length === 2 && stateCode(names[1] ?? '') === state) names.pop();
    if (names.length !== 1) continue;
    const town = cleanCity(names[0] ?? '');
    if (town === null || STREETISH.test(town) || !lookupPlace(town, state)) continue;
    if (found !== null && found !== town) return null;
    found = town;
  }
  return found;
}

/**
 * Two or more sites of one state in a field: a segment that is a lone city of the state beside
 * the one that names it ("Oroville / Chico Area, CA"), or two cities joined by "or"/"and" in the
 * city part ("Salem or Portland, OR").
 */
function severalSitesOf(segments: readonly string[], placed: string, cityPart: string | null, state: string): boolean {
  const isSite = (name: string): boolean => {
    const c = cleanCity(name);
    return c !== null && lookupPlace(c, state) !== null;
  };
  const placedCity = cityPart === null ? null : cleanCity(cityPart);
  for (const other of segments) {
    if (other === placed) continue;
    if (!other.includes(',')) {
      if (isSite(other)) return true;
      continue;
    }
    // "Columbus, OH; Dayton, OH", "Toledo, OH | Bowling Green, OH": another whole site.
    const parts = other.split(',').map((x) => x.trim());
    const code = stateCode((parts[parts.length - 1] ?? '').replace(ZIP, '').trim());
    const town = parts.length >= 2 ? cleanCity(parts[parts.length - 2] ?? '') : null;
    if (code !== null && town !== null && !STREETISH.test(town) && lookupPlace(town, code) !== null && (code !== state || town !== placedCity)) return true;
  }
  if (cityPart && JOINED_SITES.test(cityPart)) {
    const names = cityPart.split(JOINED_SITES).filter(Boolean);
    if (names.length >= 2 && names.filter(isSite).length >= 2) return true;
  }
  return false;
}

/** Words that are town names somewhere but name programs and roles in titles. */
const TITLE_NOT_CITY = /^(?:Mobile|Lead|Hope|Unity|Liberty|Union|Independence|Home|Center|Centre|Crisis|Bridge|Harmony|Friendship|Justice|Golden|Recovery|Peer|Support|Specialist|Advocate|Navigator|Coach|Mentor|Worker|Team|Program|Services?|Health|Care|Haven|Promise|Victory|Freedom|Opportunity|Wellness|Progress|Reliance|Welcome|Pleasant|Plain|Commerce|Enterprise|Energy|Ideal|Level|Mission|Paradise|Prosperity|Security|Value|Success|Transfer|Remote|Hybrid|Day|Night|Weekend|Evening|Part|Full|Time|Temporary|Contract|Senior|Junior|Adult|Youth|Family|Veteran|Forensic|Certified|Lived|Experience|Community|Outreach|House|Residential|Respite|Clinic|Court|Jail|Hospital|Emergency|Department|Unit|Grade|Step|Office|Central|North|South|East|West|Bilingual|Spanish)$/i;

/**
 * cityFromTitle's answers by title, state and mode: the same titles come back on posting after
 * posting ("Peer Support Specialist - Part Time"). Cleared when it reaches its cap.
 */
const TITLE_SITES = new Map<string, { city: string; state: string } | null>();
const TITLE_SITES_CAP = 4096;
/**
 * A site named in the title: a title segment (between dashes, bars, commas or brackets) that
 * starts or ends with a city of the known state, or, with no state known, a segment that is
 * only the name of a city one state alone has.
 */
function cityFromTitle(raw: string, state: string | null, laterSegmentsOnly = false): { city: string; state: string } | null {
  const key = `${state ?? ''}|${laterSegmentsOnly ? 1 : 0}|${raw}`;
  const known = TITLE_SITES.get(key);
  if (known !== undefined) return known;
  const site = titleSite(raw, state, laterSegmentsOnly);
  if (TITLE_SITES.size >= TITLE_SITES_CAP) TITLE_SITES.clear();
  TITLE_SITES.set(key, site);
  return site;
}
function titleSite(raw: string, state: string | null, laterSegmentsOnly: boolean): { city: string; state: string } | null {
  // "Windsor/Windham Counties", "Marion County": county names are never the town.
  const title = raw.includes('ount') || raw.includes('arish') ? raw.replace(TITLE_COUNTIES, ' ') : raw;
  const segments = title.split(/\s+[-–—|:]\s*|\s*[-–—|:]\s+|[(),/;]/).map((x) => x.trim()).filter(Boolean);
  if (segments.length === 0) return null;
  for (let si = 0; si < segments.length; si++) {
    const seg = segments[si] ?? '';
    const words = seg.split(/\s+/);
    if (state === null) {
      // "(SUN)" is an acronym, not Sun, Louisiana: a city name is written in mixed case.
      if (segments.length < 2 || words.length > 3 || TITLE_NOT_CITY.test(words[0] ?? '') || seg === seg.toUpperCase()) continue;
      const states = statesOfCity(seg);
      if (states.length === 1 && states[0]) return { city: seg, state: states[0] };
      continue;
    }
    // Which words can be part of a town's name (tested once each, not once per candidate).
    const ok = words.map((w) => /^[A-Z][a-z]/.test(w) && !TITLE_NOT_CITY.test(w));
    if (!ok.includes(true)) continue;
    const run = (from: number, to: number): boolean => {
      for (let i = from; i < to; i++) if (!ok[i]) return false;
      return true;
    };
    // Over a field's own town the job's name (the first segment) is read only for a town before a site word.
    for (let n = laterSegmentsOnly && si === 0 ? 0 : Math.min(3, words.length); n >= 1; n--) {
      // "Marion County": a county, not the town of Marion.
      if (run(0, n) && !/^(?:County|Parish|Borough|Co\.?)$/i.test(words[n] ?? '')) {
        const name = words.slice(0, n).join(' ');
        if (lookupPlace(name, state)) return { city: name, state };
      }
      if (run(words.length - n, words.length)) {
        const name = words.slice(words.length - n).join(' ');
        if (lookupPlace(name, state)) return { city: name, state };
      }
    }
    // "Peer Support Specialist Worcester Respite": a city of the state right before a site word.
    for (let i = 1; i < words.length; i++) {
      if (!SITE_WORD.test(words[i] ?? '')) continue;
      for (let n = Math.min(3, i); n >= 1; n--) {
        if (!run(i - n, i)) continue;
        const name = words.slice(i - n, i).join(' ');
        if (lookupPlace(name, state)) return { city: name, state };
      }
    }
  }
  return null;
}
/**
 * A later title segment that is a real town (more than one ZIP, not a program word), alone or
 * before a site word: "... - Lewiston (108)", "(Waco Campus)". Not the first segment (the job's
 * name), and not a county.
 */
function townOfTitle(raw: string): string | null {
  const title = raw === raw.toUpperCase() ? titleCaseWords(raw) : raw;
  if (!/[-–—|:(,]/.test(title)) return null;
  const segments = title.split(/\s+[-–—|:]\s*|\s*[-–—|:]\s+|[(),/;]/).map((x) => x.trim()).filter(Boolean);
  let found: string | null = null;
  for (let si = 1; si < segments.length; si++) {
    const words = (segments[si] ?? '').split(/\s+/);
    if (words.length > 1 && SITE_WORD.test(words[words.length - 1] ?? '')) words.pop();
    if (words.length === 0 || words.length > 3 || !words.every((w) => /^[A-Z][a-z]/.test(w) && !TITLE_NOT_CITY.test(w))) continue;
    const name = words.join(' ');
    if (!isTown(name)) continue;
    if (found !== null && cityKey(found) !== cityKey(name)) return null;
    found = name;
  }
  return found;
}
const TITLE_COUNTIES = /\b[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+)?(?:\s*(?:\/|,|&|\band\b)\s*[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+)?)*\s+(?:County|Counties|Parish|Parishes|Borough)\b/g;
/** Words naming a site after its town in a title: "Worcester Respite", "Salem Clinic", "Bend Office". */
const SITE_WORDS = 'Respite|Clinic|Office|Center|Centre|House|Campus|Site|Branch|Location|Hospital|Jail|Court|Program|Team|Region|Area';
const SITE_WORD = new RegExp(`^(?:${SITE_WORDS})$`);
/** A title that can name a site over the field's own town: a segment separator or a site word. */
const TITLE_SITE_GATE = new RegExp(`[-–—|:(,/]|\\b(?:${SITE_WORDS})\\b`);

/** The leading words of a facility name in a location field, when the text says the work is "in" them. */
function facilityTownInText(field: string, text: string): string | null {
  const name = field.trim();
  if (name.includes(',')) return null;
  const facility = FACILITY.exec(name);
  if (!facility) return null;
  const lead = name.slice(0, facility.index).trim();
  if (!/^[A-Z][a-z]+(?:\s[A-Z][a-z]+)?$/.test(lead) || TITLE_NOT_CITY.test(lead)) return null;
  return new RegExp(`\\bin ${lead}\\b`).test(text) ? lead : null;
}

/** Loosely typed structured address: schema.org PostalAddress keys as well as ours. */
function readObject(loc: RawLocation & Record<string, unknown>): PlaceParts {
  const out = empty();
  const s = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const city = s(loc.city) ?? s(loc.addressLocality);
  const state = s(loc.state) ?? s(loc.addressRegion);
  const zip = s(loc.postalCode);
  const country = s(loc.country) ?? s(loc.addressCountry);
  if (country && !COUNTRY.test(country) && !/^US$/i.test(country)) {
    out.foreign = true;
    out.city = city ? cleanCity(city) : null;
    return out;
  }
  out.city = city ? cleanCity(city) : null;
  out.state = state ? stateCode(state) : null;
  if (typeof loc.lat === 'number' && typeof loc.lon === 'number') {
    out.lat = loc.lat;
    out.lon = loc.lon;
  }
  if (zip && !applyZip(out, zip) && /^\d{5}$/.test(zip)) out.postalCode = zip;
  if (out.state === null && city) {
    // "Columbus, OH" stuffed into the city field.
    const again = parseLocationText(city);
    if (again.state) return { ...again, lat: out.lat ?? again.lat, lon: out.lon ?? again.lon };
  }
  return out;
}

/**
 * The city as the posting will carry it: "COLUMBUS" read from a shouting text gets the town's own
 * casing, and a known town of the state gives the coordinates when nothing gave them yet.
 */
function settleCity(place: PlaceParts): void {
  if (place.city !== null && place.city.length > 3 && place.city === place.city.toUpperCase() && /[A-Z]/.test(place.city)) place.city = titleCase(place.city);
  if (place.lat === null && place.city !== null && place.state !== null) {
    const c = lookupPlace(place.city, place.state);
    if (c) {
      place.lat = c.lat;
      place.lon = c.lon;
    }
  }
}

/**
 * A list of locations (JSON-LD `jobLocation` arrays, Greenhouse offices, Ashby's secondary
 * locations) that names two or more distinct sites: the posting's one city stays empty (DOMAIN.md:
 * several sites, no city), and so does its state when the sites are in different states. The first
 * site's coordinates are kept, so a map search still finds the posting at its first site, as it
 * did when the first city was kept (docs/decisions/096).
 */
function severalOfList(list: readonly (string | RawLocation)[], place: PlaceParts): void {
  const cities = new Set<string>();
  const states = new Set<string>();
  for (const item of list) {
    const p = readOne(item);
    if (p.foreign) continue;
    if (p.state !== null) states.add(p.state);
    if (p.city !== null) cities.add(`${p.state ?? ''}|${cityKey(p.city)}`);
    else if (p.severalSites) cities.add(`several|${cities.size}`);
  }
  if (cities.size < 2 && states.size < 2) return;
  settleCity(place);
  place.city = null;
  place.postalCode = null;
  place.cityFromZip = false;
  place.severalSites = true;
  if (states.size >= 2) {
    place.state = null;
    place.severalStates = true;
  }
}

function readOne(loc: string | RawLocation): PlaceParts {
  return typeof loc === 'string' ? parseLocationText(loc) : readObject(loc);
}

/** The head of a description that the readers below look at for labelled sites and lists: its first 6,000 characters. */
function textHead(text: string): string {
  return text.length > 6000 ? text.slice(0, 6000) : text;
}

/**
 * "Work Location: ..." / "Job location: ..." and a line with a comma (an address). Its first
 * character class lets the regex engine skip most of a text: one scan costs about half what an
 * indexOf of "ocation" did on these (two-byte) texts.
 */
const WORK_LOCATION_LINE = /(?:[Ww]ork|[Jj]ob)[ \t]+[Ll]ocation[ \t]*:[ \t]*([^\n,]{1,80},[^\n]{2,100})/g;

/** Hawaii's islands as titles name them, with each island's extent (south, north, west, east; degrees). */
const ISLAND_BOXES: readonly (readonly [RegExp, number, number, number, number])[] = [
  [/\bo'?ahu\b/i, 21.2, 21.75, -158.35, -157.6],
  [/\bmaui\b/i, 20.55, 21.05, -156.75, -155.95],
  [/\bkaua'?i\b/i, 21.85, 22.25, -159.8, -159.25],
  [/\bmoloka'?i\b/i, 21.0, 21.25, -157.35, -156.7],
  [/\blana'?i\b/i, 20.7, 20.95, -157.1, -156.8],
  [/\b(?:big island|hawaii island|island of hawaii|east hawaii|west hawaii)\b/i, 18.9, 20.3, -156.1, -154.8],
];
/** Does the title name an island of Hawaii? */
function namesIsland(title: string): boolean {
  return ISLAND_BOXES.some(([re]) => re.test(title));
}
/** Is `city` (a town of Hawaii) on an island the title names? */
function islandHasTown(title: string, city: string): boolean {
  const at = lookupPlace(city, 'HI');
  if (at === null) return false;
  return ISLAND_BOXES.some(([re, s, n, w, e]) => re.test(title) && at.lat >= s && at.lat <= n && at.lon >= w && at.lon <= e);
}

/**
 * The text lists the field's town beside another town of the same state, joined by a comma,
 * "and", "or", "&" or "/" ("Natick, Needham, Westwood, Millis"; "in Denver and Pueblo, CO"). Only
 * the places where the town's own name occurs are read (a literal search), in the first 6,000
 * characters. A state name or code after the town ("Denver, CO") is no second town.
 */
function townAmongSites(text: string, city: string, state: string): boolean {
  const head = textHead(text);
  let at = head.indexOf(city);
  for (let n = 0; at >= 0 && n < 6; n++, at = head.indexOf(city, at + city.length)) {
    const end = at + city.length;
    const before = JOINED_BEFORE_TOWN.exec(head.slice(Math.max(0, at - 40), at));
    // "the Salem and Junction City campuses together serve ...": the organisation's sites described, not the job's.
    if (before && isOtherTown(before[1] ?? '', city, state) && !SITE_NOUN_AFTER.test(head.slice(end, end + 20))) return true;
    const after = JOINED_AFTER_TOWN.exec(head.slice(end, end + 40));
    if (after && isOtherTown(after[1] ?? '', city, state) && !SITE_NOUN_AFTER.test(head.slice(end + after[0].length, end + after[0].length + 20))) return true;
  }
  return false;
}
const JOINED_BEFORE_TOWN = /(?:^|[^A-Za-z.'-])([A-Z][A-Za-z.'-]+(?:[ \t][A-Z][A-Za-z.'-]+)?)(?:,[ \t]*|[ \t]*(?:&|\/)[ \t]*|[ \t]+(?:and|or)[ \t]+|,[ \t]*(?:and|or)[ \t]+)$/;
const JOINED_AFTER_TOWN = /^(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]*(?:&|\/)[ \t]*|[ \t]+(?:and|or)[ \t]+)([A-Z][A-Za-z.'-]+(?:[ \t][A-Z][A-Za-z.'-]+)?)/;
const SITE_NOUN_AFTER = /^[ \t]+(?:campus(?:es)?|sites|offices|locations|facilities|hospitals|clinics|programs|areas|regions|communities|counties|metro)\b/i;
function isOtherTown(name: string, city: string, state: string): boolean {
  if (cityKey(name) === cityKey(city) || stateCode(name) !== null || COUNTRY.test(name) || COUNTY_PART.test(` ${name}`) || TITLE_NOT_CITY.test(name)) return false;
  if (lookupPlace(name, state) !== null) return true;
  // "Rapid City, Spearfish, Sturgis SD": the last town may carry the state after it.
  const last = name.replace(/[ \t]+[A-Z]{2}$/, '');
  return last !== name && cityKey(last) !== cityKey(city) && lookupPlace(last, state) !== null;
}

/**
 * The place of a labelled work-site line ("Work Location: 2200 W. Broad Street, Columbus, OH
 * 43223") when it is an address in `state` whose city the gazetteer knows: the employer's own
 * site, which wins over a job board's header.
 */
function workLocationInText(text: string, state: string): PlaceParts | null {
  WORK_LOCATION_LINE.lastIndex = 0;
  const m = WORK_LOCATION_LINE.exec(textHead(text));
  if (!m || !m[1]) return null;
  const p = parseLocationText(m[1]);
  if (p.state !== state || p.city === null || p.severalSites || p.cityFromZip || p.foreign) return null;
  return lookupPlace(p.city, state) ? p : null;
}

/**
 * The town on the employer's own labelled location line ("Location: Xenia", or "Location" on a
 * line and the town alone on the next) when it is a real town other than the field's and the
 * line does not also name the field's town. Only the first such label in the text's head is read.
 */
function otherLabelledTown(text: string, fieldCity: string): string | null {
  const head = text.length > 3000 ? text.slice(0, 3000) : text;
  // Hops between occurrences of "Location"; the label must start its line (after "Work"/"Job").
  for (let i = head.indexOf('Location'); i >= 0; i = head.indexOf('Location', i + 8)) {
    if (!OWN_LABEL_START.test(head.slice(Math.max(0, i - 12), i))) continue;
    OWN_LOCATION.lastIndex = i + 8;
    const town = OWN_LOCATION.exec(head)?.[1];
    if (town === undefined) continue;
    if (cityKey(town) === cityKey(fieldCity) || !isTown(town)) return null;
    return statesOfCity(town).length > 0 ? town : null;
  }
  return null;
}
/** Before "Location": the line's start, and "Work"/"Job" at most. */
const OWN_LABEL_START = /(?:^|\n)[ \t]*(?:(?:Work|Job)[ \t]+)?$/;
/** After "Location" (not "Locations", not "Location(s)"): a town alone on its line, with or without a colon, on this line or the next. */
const OWN_LOCATION = /[ \t]*:?[ \t]*(?:\n[ \t]*)*([A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})[ \t]*(?=\n|$)/y;

/** Both towns are in `state` and within about 150 km of each other (an equirectangular estimate). */
function nearInState(a: string, b: string, state: string): boolean {
  const p = lookupPlace(a, state);
  const q = lookupPlace(b, state);
  if (p === null || q === null) return false;
  const kmPerDegree = 111.2;
  const dy = (p.lat - q.lat) * kmPerDegree;
  const dx = (p.lon - q.lon) * kmPerDegree * Math.cos(((p.lat + q.lat) / 2) * (Math.PI / 180));
  return dx * dx + dy * dy <= 150 * 150;
}

/**
 * An applicant-tracking system's location path ("Primary Location: United States of America-OHIO-
 * Athens County-Athens", "United States-Ohio-Columbus"): country, state, an optional county, then
 * the town. The employer's own site, more sure than an address in the agency's about-us text. The
 * town is the longest run of words after the last dash that the gazetteer knows in that state
 * (ATS pages often glue the next label on: "...-Athens Compensation: $22.60").
 */
const ATS_PATH = /\b(?:United States(?: of America)?|USA?)-([A-Za-z]+(?: [A-Za-z]+)?)-(?:[A-Za-z.' ]{2,40} (?:County|Parish|Borough)-)?([A-Z][A-Za-z.'-]*(?: [A-Za-z.'-]+){0,3})/g;
/** "Primary Location: OH-Columbus": after "ocation", a colon, a state code, a dash and the town (sticky, tried at each "ocation"). */
const LABEL_STATE_DASH = /s?[ \t]*:[ \t]*([A-Z]{2})[ \t]?-[ \t]?([A-Z][A-Za-z.'-]*(?: [A-Za-z.'-]+){0,3})/y;
/** The ATS_PATH or LABEL_STATE_DASH matches of a text's head, at most eight. */
function* atsMatches(head: string, path: boolean): Generator<RegExpExecArray> {
  if (path) {
    ATS_PATH.lastIndex = 0;
    for (let m = ATS_PATH.exec(head), n = 0; m !== null && n < 8; m = ATS_PATH.exec(head), n++) yield m;
    return;
  }
  for (let i = head.indexOf('ocation'), n = 0; i >= 0 && n < 8; i = head.indexOf('ocation', i + 7)) {
    LABEL_STATE_DASH.lastIndex = i + 7;
    const m = LABEL_STATE_DASH.exec(head);
    if (m !== null) {
      n++;
      yield m;
    }
  }
}
/** The state and town of each ATS path in the text's head; the town null when the paths name several. */
function atsPathPlace(text: string): { state: string; city: string | null } | null {
  const path = text.includes('United States-') || text.includes('United States of America-') || text.includes('US-') || text.includes('USA-');
  if (!path && !text.includes('ocation')) return null;
  const head = textHead(text);
  let found: { state: string; city: string } | null = null;
  let several = false;
  for (const m of atsMatches(head, path)) {
    const state = stateCode(m[1] ?? '');
    const town = m[2];
    if (state === null || town === undefined) continue;
    const city = atsTown(town, state);
    if (city === null) continue;
    if (found === null) found = { state, city };
    else if (found.state !== state) return null;
    else if (cityKey(found.city) !== cityKey(city)) several = true;
  }
  if (found === null) return null;
  return several ? { state: found.state, city: null } : found;
}
/** The longest run of words after the last dash that the gazetteer knows in `state` (ATS pages glue the next label on). */
function atsTown(town: string, state: string): string | null {
  const words = town.split(' ');
  for (let n = words.length; n > 0; n--) {
    const city = words.slice(0, n).join(' ');
    if (lookupPlace(city, state)) return city === city.toUpperCase() ? titleCase(city) : city;
  }
  return null;
}
/** "PEER SPECIALIST - LIHUE" → "Peer Specialist - Lihue"; two-letter words stay capitals ("ACT", "OR" are read elsewhere). */
function titleCaseWords(s: string): string {
  return s.replace(/\b([A-Z])([A-Z]{2,})\b/g, (_m, a: string, b: string) => a + b.toLowerCase());
}
function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** An ATS's label for further sites, followed by a name (not "None", "N/A"). */
const OTHER_LOCATIONS = /\b(?:Other|Additional|Alternate|Secondary)[ \t]+[Ll]ocations?[ \t]*:[ \t]*(?!None\b|N\/?A\b|-)[A-Z]/;

const DESCRIPTION_WORKPLACE =
  /\b(?:(?:this|the) (?:is an?|position is(?: an?)?|role is(?: an?)?|job is(?: an?)?) (?:fully |100% |primarily )?(remote|hybrid|on-?site|in-person)|(?:fully|100%) (remote)|(remote|hybrid) (?:position|role|opportunity|schedule|work schedule|work arrangement))\b/i;
/** Every DESCRIPTION_WORKPLACE match holds one of these words, or emote / ybrid (hasWorkplaceWord). */
const WORKPLACE_WORD = /n-?[Ss]ite|N-?SITE|n-[Pp]erson|N-PERSON/;
/** The same test as one regex of all eight words, a little cheaper: four literal searches first (docs/decisions/104). */
function hasWorkplaceWord(text: string): boolean {
  return text.includes('emote') || text.includes('ybrid') || text.includes('EMOTE') || text.includes('YBRID') || WORKPLACE_WORD.test(text);
}
const NOT_REMOTE = /\b(?:not|no) (?:a )?(?:remote|hybrid)\b|\bremote work is not\b/i;
/**
 * The posting's location. `hint` is the source's workplace hint (TELECOMMUTE, remote, hybrid,
 * onsite). When the location field names no state, the employer, title and text are read for
 * one (place-in-text.ts, docs/decisions/017); a lone city in the field that exists in one state
 * only places the job there too.
 */
export function parseLocation(
  raw: RawPosting['location'],
  hint?: string | null,
  text?: string | null,
  title?: string | null,
  employer?: string | null,
): Location {
  let place = empty();
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  let remoteAny = false;
  for (const item of list) {
    const p = readOne(item);
    if (p.workplace === 'remote') remoteAny = true;
    if (place.state === null && p.state !== null) {
      place = { ...p, workplace: p.workplace ?? place.workplace };
    } else if (place.state !== null && place.city === null && !place.severalSites && p.state === place.state && p.city !== null) {
      // ["Ohio", "Akron, OH"]: the entry that names the town.
      place = { ...p, workplace: p.workplace ?? place.workplace };
    } else if (place.state === null && place.city === null && p.city !== null) {
      place = p;
    } else place.workplace ??= p.workplace;
  }
  if (place.workplace === null && remoteAny) place.workplace = 'remote';
  if (list.length > 1) severalOfList(list, place);

  const ats = text && !place.foreign && !place.severalSites && place.city === null ? atsPathPlace(text) : null;
  if (ats !== null && (place.state === null || place.state === ats.state)) {
    // "Primary Location: United States-Ohio-Athens County-Athens", "US-OH-Columbus": the ATS's own
    // site; two paths with different towns are several sites.
    place.state = ats.state;
    place.city = ats.city;
    if (ats.city === null) place.severalSites = true;
  } else if (place.state === null && !place.foreign && !place.severalStates) {
    const found = placeFromText({ employer, title, text });
    if (found.state !== null) {
      // A field "city" that is no city of that state was a facility's name ("Central State Hospital").
      if (place.city !== null && !lookupPlace(place.city, found.state)) place.city = null;
      place.state = found.state;
      if (place.city === null && !found.severalCities) place.city = found.city;
    } else if (place.city !== null) {
      place.state = onlyStateOfCity(place.city);
    } else if (found.city !== null) {
      // "Location: North Portland": a site several states have a city of; the city without a state.
      place.city = found.city;
    }
  } else if (place.state !== null && place.city === null && !place.severalSites && !place.foreign && text) {
    // "Remote, OH" or "Oregon" in the field and the site only in the text ("Location: Salem",
    // an address): the text's one city of that state.
    const found = placeFromText({ employer, title, text });
    // A labelled town read without a state ("Location: Salem") counts when it is a town of this one.
    if ((found.state === place.state || found.state === null) && found.city !== null && !found.severalCities && lookupPlace(found.city, place.state)) place.city = found.city;
  } else if (place.state !== null && text && !place.severalSites) {
    // "Work Location: ..., Columbus, OH 43223" in the employer's text beats a board's header city.
    const site = workLocationInText(text, place.state);
    const other = site === null && place.city !== null && !place.cityFromZip && typeof list[0] === 'string' ? otherLabelledTown(text, place.city) : null;
    if (site !== null && site.city !== place.city) {
      place = { ...site, workplace: place.workplace, cityFromZip: false };
    } else if (other !== null) {
      // "Location(s): New York, New York" from a board, and the employer's own "Location /
      // Cleveland": the employer's line wins, for the state too. The board's state stays when the
      // employer's town is a town of that state near the board's (a head office and its site), or
      // when the employer's text, without the board's header, names it (docs/decisions/104).
      const near = place.city !== null && nearInState(place.city, other, place.state);
      const own = near ? null : placeFromText({ employer, title, text: text.split(list[0] as string).join(' ') });
      const state = near ? place.state : (own?.state ?? onlyStateOfCity(other) ?? dominantStateOfCity(other));
      place = { ...empty(), workplace: place.workplace, city: other, state: state !== null && lookupPlace(other, state) ? state : null };
    } else if (site === null && place.city !== null && townAmongSites(text, place.city, place.state)) {
      // "Location: Rapid City, Spearfish, Sturgis SD", "at the institutes in Denver and Pueblo, CO"
      // with one of them in the field: the field's town is one of several sites.
      place.city = null;
      place.postalCode = null;
      place.lat = null;
      place.lon = null;
      place.severalSites = true;
    }
  }
  // "Other Locations: Abilene; Alamo; ..." (an ATS's list of further sites): several sites.
  if (place.city !== null && text && text.includes('ocations') && OTHER_LOCATIONS.test(textHead(text))) {
    place.city = null;
    place.postalCode = null;
    place.severalSites = true;
  }
  // "Various locations" in the title: the field's city is one site of several.
  if (title && MULTIPLE.test(title)) place.city = null;
  else if (title && !place.foreign && !place.severalSites) {
    // "Peer Specialist - Scottsdale", "ACT Team Conway", "Worcester Respite": the site in the title,
    // also over a city only derived from the field's ZIP (an agency's head office ZIP).
    // "MENTAL HEALTH SPECIALIST - LIHUE, KAUAI" with "Hilo" in the field: the employer's title
    // names the site, the field is often a board's header; with no city in the field the title's
    // site fills it (docs/decisions/085, 096).
    // Over a field's own town only a title with a segment or a site word can name another site.
    const own = place.city !== null && !place.cityFromZip;
    const site = !own || TITLE_SITE_GATE.test(title) ? cityFromTitle(title === title.toUpperCase() ? titleCaseWords(title) : title, place.state, own) : null;
    if (site && (place.city === null || place.cityFromZip || (place.state !== null && cityKey(site.city) !== cityKey(place.city)))) {
      if (site.city !== place.city) {
        place.lat = null;
        place.lon = null;
        place.postalCode = place.cityFromZip || place.city === null ? place.postalCode : null;
      }
      place.city = site.city;
      place.state ??= site.state;
    }
  }

  if (title && place.state === null && place.city === null && !place.foreign && !place.severalSites && !place.severalStates) {
    // "Crisis Counselor (On-Call) - Lewiston (108)", "Youth Care Counselor (Waco Campus)" with no
    // state anywhere: the title's site is the city, without a state when several states have a
    // town of that name (docs/decisions/104).
    const town = townOfTitle(title);
    if (town !== null) {
      place.city = town;
      place.state = onlyStateOfCity(town);
    }
  }

  if (title && place.state === 'HI' && place.city !== null && namesIsland(title) && !islandHasTown(title, place.city)) {
    // "PROGRAM SPECIALIST IV - OAHU" with a header's "Hilo": the island named in the title is the
    // site, and the field's town is on another island; no one city. A town of that island in the title
    // ("LIHUE, KAUAI") was read above and stays.
    place.city = null;
    place.postalCode = null;
    place.lat = null;
    place.lon = null;
  }

  // "Armidale Community Health Service" in the field, "... the mental health service in Armidale"
  // in the text: the facility's town, named as the place the work is in.
  if (place.city === null && !place.severalSites && text && typeof list[0] === 'string') {
    const town = facilityTownInText(list[0], text);
    if (town !== null) place.city = town;
  }

  const hinted = workplaceFromHint(hint);
  let workplace: Workplace | null = hinted ?? place.workplace;
  // The gate's plain alternation scans in half the time of the full pattern, and most texts fail it.
  if (workplace === null && text && hasWorkplaceWord(text)) {
    const m = DESCRIPTION_WORKPLACE.exec(text);
    if (m && !NOT_REMOTE.test(text)) workplace = workplaceFromHint(m[1] ?? m[2] ?? m[3] ?? '');
  }
  if (workplace === null && (place.city !== null || place.state !== null)) workplace = 'onsite';

  settleCity(place);
  return { city: place.city, state: place.state, postalCode: place.postalCode, workplace, lat: place.lat, lon: place.lon };
}
