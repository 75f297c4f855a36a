import { createHash } from 'node:crypto';
import type { NormalizedPosting } from '../schema/index.ts';

/**
 * De-duplication: when two listings are the same job. The rule (docs/decisions/021-dedupe-rule.md):
 *
 * 1. The same listing — the same `(source, sourceId)` — is always the same posting.
 * 2. Listings from different sources are candidates when they share the **dedupe key** (the stored
 *    `fingerprint`): the same canonical employer and the same core title (below). Place,
 *    employment type, pay, dates and description are then compared pair by pair, and a fact only
 *    one side states never blocks the match (**missing is not different**): the same job on the
 *    employer's careers page (JSON-LD with employment type and pay) and on its ATS board (without)
 *    is one posting. Stated facts that disagree — two cities, full- vs part-time, pay more than
 *    10% apart, posting dates more than 45 days apart (a re-posted opening), descriptions that do
 *    not overlap — keep them two jobs. See {@link sameJob}.
 * 3. Without an employer name there is no cross-source match: "Peer Support Specialist" in
 *    Columbus, OH from two unnamed employers is not evidence of one job.
 * 4. Whose facts a merged posting shows: the employer's own page over an ATS board over an
 *    aggregator ({@link listingRank}); every listing is kept in `sources[]`.
 *
 * The canonical title absorbs how the same title is written on different sites — case,
 * punctuation, word order, "Part Time" / "(PT)" / "P/T", "Sr." / "Senior", requisition numbers and
 * the place repeated in the title — and keeps what tells jobs apart: levels (I, II, III), shifts,
 * the population ("Youth", "Veteran"), the role words themselves.
 */

const EMPLOYMENT_TOKENS: readonly [RegExp, string][] = [
  [/\b(?:part[\s-]*time|p\s*\/\s*t|pt)\b/g, ' _pt '],
  [/\b(?:full[\s-]*time|f\s*\/\s*t|ft)\b/g, ' _ft '],
  [/\b(?:per[\s-]*diem|prn|as[\s-]+needed|on[\s-]*call)\b/g, ' _prn '],
  [/\b(?:temporary|temp)\b/g, ' _temp '],
  [/\b(?:contract(?:or)?)\b/g, ' _contract '],
];

const EMPLOYMENT_TYPE_TOKEN: Record<string, string> = {
  part_time: '_pt',
  full_time: '_ft',
  per_diem: '_prn',
  temporary: '_temp',
  contract: '_contract',
};

/** Abbreviations job boards use for the same words. */
const ABBREVIATIONS: Record<string, string> = {
  sr: 'senior',
  jr: 'junior',
  spec: 'specialist',
  specl: 'specialist',
  splst: 'specialist',
  cert: 'certified',
  certd: 'certified',
  coord: 'coordinator',
  mgr: 'manager',
  asst: 'assistant',
  assoc: 'associate',
  supv: 'supervisor',
  svcs: 'services',
  svc: 'services',
  bh: 'behavioral',
  '1': 'i',
  '2': 'ii',
  '3': 'iii',
  '4': 'iv',
  lvl: 'level',
};

/** Words that carry no meaning for telling jobs apart. */
const FILLER = new Set(['the', 'a', 'an', 'and', 'of', 'for', 'in', 'at', 'to', 'job', 'position', 'opening', 'needed', 'hiring', 'now', 'urgent', 'new']);

// "System" too: "Summa Health System" and "Summa Health" are one employer on two sites.
const LEGAL_SUFFIXES = new Set(['inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'corp', 'corporation', 'co', 'company', 'pc', 'pllc', 'pa', 'plc', 'system']);

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ');
}

/** Employer name for matching: case, punctuation, a leading "the" and legal suffixes do not matter. */
export function canonicalEmployer(name: string | null): string {
  if (!name) return '';
  const words = fold(name)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
  if (words[0] === 'the' && words.length > 1) words.shift();
  return words.join(' ');
}

/** The place of a posting for matching: "columbus oh", "oh", "remote", or "". */
export function canonicalPlace(location: NormalizedPosting['location']): string {
  if (location.workplace === 'remote') return `remote ${(location.state ?? '').toLowerCase()}`.trim();
  const city = location.city ? fold(location.city).replace(/[^a-z0-9]+/g, ' ').trim() : '';
  const state = (location.state ?? '').toLowerCase();
  return `${city} ${state}`.trim();
}

/** Title tokens for matching, sorted (word order does not matter: "Specialist, Peer Support"). */
export function canonicalTitle(title: string, options: { employmentType?: string | null; city?: string | null; state?: string | null } = {}): string {
  let t = fold(title);
  // Requisition / job numbers: "(Req #12345)", "JR-00412", "Job ID 8841", "#2024-117".
  t = t.replace(/\b(?:req(?:uisition)?|job\s*(?:id|code|no|number)?|posting|position)\s*(?:#|no\.?|number|id)?\s*[:#-]?\s*[a-z]{0,3}[-\s]?\d[\w-]*/g, ' ');
  t = t.replace(/#\s*[\w-]*\d[\w-]*/g, ' ');
  t = t.replace(/\b[a-z]{0,4}-?\d{4,}[\w-]*\b/g, ' ');
  for (const [re, token] of EMPLOYMENT_TOKENS) t = t.replace(re, token);
  t = t.replace(/[^a-z0-9_]+/g, ' ');
  const placeWords = new Set<string>();
  if (options.city) for (const w of fold(options.city).split(/[^a-z0-9]+/)) if (w) placeWords.add(w);
  const state = options.state?.toLowerCase();
  const tokens = new Set<string>();
  for (const raw of t.split(' ')) {
    if (!raw) continue;
    const w = ABBREVIATIONS[raw] ?? raw;
    if (FILLER.has(w) || placeWords.has(w) || w === state) continue;
    tokens.add(w);
  }
  // The employment type stated in a field counts like one stated in the title, so "Peer Support
  // Specialist" (part_time) on one board matches "Peer Support Specialist (PT)" on another.
  const typeToken = options.employmentType ? EMPLOYMENT_TYPE_TOKEN[options.employmentType] : undefined;
  if (typeToken && ![...tokens].some((w) => w.startsWith('_'))) tokens.add(typeToken);
  return [...tokens].sort().join(' ');
}

/** The employment-type tokens of a canonical title (`_pt`, `_ft`, ...). */
const TYPE_TOKEN = /^_/;

/**
 * The core title: the canonical title without employment-type tokens. Employment type is compared
 * pair by pair (a side that does not state it does not block), so it is not part of the key.
 */
export function coreTitle(title: string, place: { city?: string | null; state?: string | null } = {}): string {
  return canonicalTitle(title, { city: place.city ?? null, state: place.state ?? null })
    .split(' ')
    .filter((t) => t !== '' && !TYPE_TOKEN.test(t))
    .join(' ');
}

type KeyFields = Pick<NormalizedPosting, 'title' | 'employer' | 'location'>;

/**
 * The dedupe key stored on a posting (`StoredPosting.fingerprint`) and looked up by ingest:
 * canonical employer + core title. Place and employment type are deliberately not in it, so a
 * source that does not state them can still find the posting (rule 2); {@link sameJob} compares
 * them. Versioned (`fp2_`), so postings keyed by the older rule are re-keyed on their next write.
 */
export function dedupeFingerprint(p: KeyFields & Partial<Pick<NormalizedPosting, 'employmentType'>>, listing: { source: string; sourceId: string }): string {
  const employer = canonicalEmployer(p.employer);
  // No employer: only the listing itself can match (rule 3).
  const scope = employer ? `e:${employer}` : `l:${listing.source}\u0000${listing.sourceId}`;
  const title = coreTitle(p.title, p.location);
  const h = createHash('sha256').update(`dedupe-v2\u0000${scope}\u0000${title}`).digest('hex');
  return `fp2_${h.slice(0, 32)}`;
}

/** Hourly pay range as [low, high], or null. */
function hourlyRange(p: Pick<NormalizedPosting, 'pay'>): [number, number] | null {
  const lo = p.pay?.hourlyMin ?? p.pay?.hourlyMax ?? null;
  const hi = p.pay?.hourlyMax ?? p.pay?.hourlyMin ?? null;
  return lo === null || hi === null ? null : [Math.min(lo, hi), Math.max(lo, hi)];
}

/** The employment kind a posting states, in its field or its title; null when it states none. */
function employmentKind(p: Pick<NormalizedPosting, 'title' | 'employmentType'>): string | null {
  const fromTitle = canonicalTitle(p.title)
    .split(' ')
    .find((t) => TYPE_TOKEN.test(t));
  if (fromTitle) return fromTitle;
  return p.employmentType ? (EMPLOYMENT_TYPE_TOKEN[p.employmentType] ?? p.employmentType) : null;
}

function placeWord(s: string | null): string {
  return s ? fold(s).replace(/[^a-z0-9]+/g, ' ').trim() : '';
}

/** Shingle sets of recently compared descriptions: ingest compares one incoming text with many candidates. */
const SHINGLE_CACHE = new Map<string, Set<string>>();
const SHINGLE_CACHE_SIZE = 256;

/** Word 4-gram shingles of a description's text. */
export function shingles(text: string, size = 4): Set<string> {
  const key = `${size}\u0000${text}`;
  const hit = SHINGLE_CACHE.get(key);
  if (hit) return hit;
  const out = computeShingles(text, size);
  if (SHINGLE_CACHE.size >= SHINGLE_CACHE_SIZE) SHINGLE_CACHE.delete(SHINGLE_CACHE.keys().next().value ?? '');
  SHINGLE_CACHE.set(key, out);
  return out;
}

function computeShingles(text: string, size: number): Set<string> {
  const words = fold(text).replace(/[^a-z0-9$]+/g, ' ').trim().split(' ').filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

/**
 * How much of the shorter description the longer one contains (0–1), or null when either is too
 * short to say (fewer than 12 shingles). Containment rather than Jaccard: an aggregator's
 * truncated copy is wholly contained in the employer's full text.
 */
export function descriptionOverlap(a: string, b: string): number | null {
  const sa = shingles(a);
  const sb = shingles(b);
  if (sa.size < 12 || sb.size < 12) return null;
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

/** Below this overlap two stated descriptions are two jobs. */
export const DESCRIPTION_MIN_OVERLAP = 0.2;
/** Posting dates further apart than this are a re-posted opening, not one job seen twice. */
export const REPOST_WINDOW_DAYS = 45;

export type DedupeFields = Pick<NormalizedPosting, 'title' | 'employer' | 'location' | 'employmentType' | 'pay' | 'descriptionText' | 'datePosted'>;

/** Whether two postings are one job, and if not, the first stated fact that tells them apart. */
export interface SameJobVerdict {
  same: boolean;
  reason: string;
}

/**
 * The pairwise rule (docs/decisions/042-cross-source-dedupe.md). Same employer and core title are
 * required; then every fact stated on **both** sides must agree, and a fact stated on one side
 * only is no evidence either way:
 * - place: the same state, and the same city when both name one;
 * - employment kind (full-time, part-time, per diem, temporary, contract), from the field or title;
 * - hourly pay ranges no more than 10% apart;
 * - posting dates no more than {@link REPOST_WINDOW_DAYS} apart;
 * - descriptions overlapping by at least {@link DESCRIPTION_MIN_OVERLAP} (word 4-gram containment).
 */
export function sameJob(a: DedupeFields, b: DedupeFields): SameJobVerdict {
  const ea = canonicalEmployer(a.employer);
  if (!ea || ea !== canonicalEmployer(b.employer)) return { same: false, reason: 'employer' };
  if (coreTitle(a.title, a.location) !== coreTitle(b.title, b.location)) return { same: false, reason: 'title' };
  const sa = (a.location.state ?? '').toLowerCase();
  const sb = (b.location.state ?? '').toLowerCase();
  if (sa && sb && sa !== sb) return { same: false, reason: 'state' };
  const ca = placeWord(a.location.city);
  const cb = placeWord(b.location.city);
  if (ca && cb && ca !== cb) return { same: false, reason: 'city' };
  const ka = employmentKind(a);
  const kb = employmentKind(b);
  if (ka && kb && ka !== kb) return { same: false, reason: 'employment type' };
  const ra = hourlyRange(a);
  const rb = hourlyRange(b);
  if (ra && rb) {
    const gap = Math.max(ra[0], rb[0]) - Math.min(ra[1], rb[1]);
    if (gap > 0.1 * Math.min(ra[1], rb[1])) return { same: false, reason: 'pay' };
  }
  const da = a.datePosted ? Date.parse(a.datePosted) : Number.NaN;
  const db = b.datePosted ? Date.parse(b.datePosted) : Number.NaN;
  if (Number.isFinite(da) && Number.isFinite(db) && Math.abs(da - db) > REPOST_WINDOW_DAYS * 86_400_000) return { same: false, reason: 'posting dates' };
  const overlap = descriptionOverlap(a.descriptionText, b.descriptionText);
  if (overlap !== null && overlap < DESCRIPTION_MIN_OVERLAP) return { same: false, reason: 'description' };
  return { same: true, reason: 'no stated fact differs' };
}

/** Hosts of the ATSs and public-sector boards our kinds read, and the like. */
const ATS_HOSTS = [
  'greenhouse.io', 'lever.co', 'ashbyhq.com', 'myworkdayjobs.com', 'myworkdaysite.com', 'smartrecruiters.com', 'workable.com', 'recruitee.com',
  'bamboohr.com', 'paylocity.com', 'ultipro.com', 'ukg.net', 'governmentjobs.com', 'usajobs.gov', 'icims.com', 'jobvite.com', 'applytojob.com',
  'breezy.hr', 'paycomonline.net', 'adp.com', 'dayforcehcm.com', 'taleo.net', 'successfactors.com', 'jazzhr.com', 'rippling.com', 'paycor.com',
  'isolvedhire.com', 'hrmdirect.com', 'applicantpro.com', 'schooljobs.com', 'teamtailor.com', 'personio.de', 'personio.com',
];
/** Job boards and aggregators that repost other sites' jobs. */
const AGGREGATOR_HOSTS = [
  'indeed.com', 'ziprecruiter.com', 'linkedin.com', 'glassdoor.com', 'simplyhired.com', 'monster.com', 'careerbuilder.com', 'idealist.org',
  'snagajob.com', 'talent.com', 'jooble.org', 'lensa.com', 'adzuna.com', 'getwork.com', 'jobs2careers.com', 'mediabistro.com', 'higheredjobs.com',
];

function hostMatches(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

/**
 * How much a listing's facts are trusted, by where it lives: 3 the employer's own site (its
 * careers page, JSON-LD), 2 an ATS or public-sector board (and any host we cannot place), 1 an
 * aggregator. A listing without a URL ranks with the boards.
 */
export function listingRank(url: string | null | undefined, employer?: string | null): number {
  if (!url) return 2;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 2;
  }
  if (hostMatches(host, AGGREGATOR_HOSTS)) return 1;
  if (hostMatches(host, ATS_HOSTS)) return 2;
  return ownSite(host, employer) ? 3 : 2;
}

/**
 * Whether a host looks like the employer's own site: a label of the host holds a word of the
 * employer's name of five letters or more ("harborlightbh.org" for Harbor Light Behavioral
 * Health), or the name's initials ("sebh.org" for Southeast Behavioral Health does not; "hlbh.org"
 * does). An unknown host that does not is ranked with the boards, never above them.
 */
function ownSite(host: string, employer: string | null | undefined): boolean {
  const name = canonicalEmployer(employer ?? null);
  if (!name) return false;
  const labels = host.replace(/^www\./, '').split('.').slice(0, -1).map((l) => l.replace(/[^a-z0-9]/g, ''));
  const words = name.split(' ').filter((w) => !FILLER.has(w));
  const initials = words.map((w) => w[0]).join('');
  return labels.some((l) => words.some((w) => w.length >= 5 && l.includes(w)) || (initials.length >= 3 && l.startsWith(initials)));
}

/**
 * The listing whose content a scraped posting shows: the best-ranked one ({@link listingRank}),
 * the earliest of equals (so two boards of one rank do not overwrite each other every run).
 */
export function contentOwner<T extends { url: string | null }>(sources: readonly T[], employer?: string | null): T | undefined {
  let best: T | undefined;
  let bestRank = -1;
  for (const s of sources) {
    const rank = listingRank(s.url, employer);
    if (rank > bestRank) {
      best = s;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * The facts `target` leaves out that `from` states (employment type, pay, pay grade, dates, the
 * city in the same state), as a patch of content fields: "missing is not different" for what a
 * posting shows too. A fact `target` states is never replaced.
 */
export function missingFacts(target: NormalizedPosting, from: NormalizedPosting): Partial<NormalizedPosting> {
  const patch: Partial<NormalizedPosting> = {};
  if (target.employmentType === null && from.employmentType !== null) patch.employmentType = from.employmentType;
  if (target.pay === null && from.pay !== null) {
    patch.pay = from.pay;
    patch.payBasis = from.payBasis;
    patch.payInferred = from.payInferred;
    patch.payRejectedReason = null;
  }
  if (target.payGrade === null && from.payGrade !== null) patch.payGrade = from.payGrade;
  if (target.validThrough === null && from.validThrough !== null) patch.validThrough = from.validThrough;
  if (target.datePosted === null && from.datePosted !== null) patch.datePosted = from.datePosted;
  const sameState = !target.location.state || !from.location.state || target.location.state === from.location.state;
  if (sameState && target.location.city === null && from.location.city !== null) {
    patch.location = {
      ...target.location,
      city: from.location.city,
      state: target.location.state ?? from.location.state,
      postalCode: target.location.postalCode ?? from.location.postalCode,
      lat: target.location.lat ?? from.location.lat,
      lon: target.location.lon ?? from.location.lon,
    };
  }
  return patch;
}

/** The owner's content with the facts it leaves out taken from the posting as it stands. */
export function fillMissingFacts<T extends NormalizedPosting>(owner: T, existing: NormalizedPosting): T {
  return { ...owner, ...missingFacts(owner, existing) };
}
