import { createHash } from 'node:crypto';
import type { NormalizedPosting, StoredPosting } from '../schema/index.ts';

/**
 * De-duplication: when two listings are the same job. The rule (docs/decisions/021-dedupe-rule.md):
 *
 * 1. The same listing — the same `(source, sourceId)` — is always the same posting.
 * 2. Listings from different sources are the same job when they have the same **dedupe
 *    fingerprint**: the same employer, the same place and the same canonical title (below), and
 *    nothing in them contradicts it (a different employment type or clearly different pay).
 * 3. Without an employer name there is no cross-source match: "Peer Support Specialist" in
 *    Columbus, OH from two unnamed employers is not evidence of one job.
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

const LEGAL_SUFFIXES = new Set(['inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'corp', 'corporation', 'co', 'company', 'pc', 'pllc', 'pa', 'plc']);

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

/**
 * The dedupe fingerprint stored on a posting (`StoredPosting.fingerprint`) and looked up by ingest.
 * Versioned, so a future change of the rule can be recognised and re-keyed.
 */
export function dedupeFingerprint(p: Pick<NormalizedPosting, 'title' | 'employer' | 'location' | 'employmentType'>, listing: { source: string; sourceId: string }): string {
  const employer = canonicalEmployer(p.employer);
  // No employer: only the listing itself can match (rule 3).
  const scope = employer ? `e:${employer}` : `l:${listing.source}\u0000${listing.sourceId}`;
  const title = canonicalTitle(p.title, { employmentType: p.employmentType, city: p.location.city, state: p.location.state });
  const place = canonicalPlace(p.location);
  const h = createHash('sha256').update(`dedupe-v1\u0000${scope}\u0000${place}\u0000${title}`).digest('hex');
  return `fp1_${h.slice(0, 32)}`;
}

/** Hourly pay range as [low, high], or null. */
function hourlyRange(p: Pick<NormalizedPosting, 'pay'>): [number, number] | null {
  const lo = p.pay?.hourlyMin ?? p.pay?.hourlyMax ?? null;
  const hi = p.pay?.hourlyMax ?? p.pay?.hourlyMin ?? null;
  return lo === null || hi === null ? null : [Math.min(lo, hi), Math.max(lo, hi)];
}

/**
 * Whether a new listing with the same fingerprint may join an existing posting: nothing in the two
 * contradicts "same job". Different stated employment types are two jobs; pay ranges more than 10%
 * apart are two jobs (one board rounding $18.50 to $19 is still the same job).
 */
export function compatibleListing(existing: Pick<StoredPosting, 'employmentType' | 'pay'>, incoming: Pick<NormalizedPosting, 'employmentType' | 'pay'>): boolean {
  if (existing.employmentType && incoming.employmentType && existing.employmentType !== incoming.employmentType) return false;
  const a = hourlyRange(existing);
  const b = hourlyRange(incoming);
  if (a && b) {
    const gap = Math.max(a[0], b[0]) - Math.min(a[1], b[1]);
    if (gap > 0.1 * Math.min(a[1], b[1])) return false;
  }
  return true;
}
