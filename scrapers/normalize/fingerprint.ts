import { hash } from 'node:crypto';

/**
 * A stable key for one job seen on several sources: the same employer, title and place give the
 * same key however each source decorates them ("Peer Support Specialist (Part-Time) - Req #4411"
 * at "Acme Health, Inc." in "Columbus, OH 43215" and "peer support specialist" at "ACME Health"
 * in "Columbus, Ohio" match). The store uses it to de-duplicate.
 */

const REQ = /\b(?:req(?:uisition)?|job|posting|position)\s*(?:id|no|number|#)?\s*[:#]?\s*[A-Z]*-?\d[\w-]*/gi;
const TRAILING_CODE = /[-–—|(\s]+(?:[A-Z]{0,4}-?\d{3,}[\w-]*)\s*\)?\s*$/;
const SCHEDULE = /\b(?:full|part)[- ]?time\b|\bprn\b|\bper[- ]diem\b|\bft\b|\bpt\b|\btemporary\b|\btemp\b|\bcontract\b|\bseasonal\b|\b(?:days|nights|evenings|weekends|overnights?|1st shift|2nd shift|3rd shift)\b|\b\d+(?:\.\d+)?\s*(?:hrs?|hours)(?:\s*\/?\s*(?:wk|week))?\b|\bsign[- ]on bonus\b|\$[\d,.]+k?/gi;
const CORPORATE = /\b(?:inc|incorporated|llc|l\.l\.c|llp|ltd|limited|corp|corporation|co|company|pllc|pc|pa|the|of|and)\b/gi;

const SPACE_RUN = /\s+/g;
const DOT_OR_COMMA = /[.,]/g;

/**
 * Lower case, "&" as "and", apostrophes dropped, and the words of ASCII letters and digits that
 * are left joined by single spaces. One loop over the characters (docs/decisions/092); it is the
 * same as `lower → replace(&, " and ") → drop ['’] → replace([^a-z0-9 ]+, " ") → collapse
 * spaces → trim`, the five regex passes it replaced.
 */
function squash(s: string): string {
  const t = s.toLowerCase();
  const n = t.length;
  let out = '';
  let gap = false;
  for (let i = 0; i < n; ) {
    const c = t.charCodeAt(i);
    if (isWordCode(c)) {
      // A word runs over letters, digits and the apostrophes dropped from it ("o'neil" -> "oneil").
      let j = i + 1;
      let apostrophe = false;
      for (; j < n; j++) {
        const d = t.charCodeAt(j);
        if (isWordCode(d)) continue;
        if (d !== 39 /* ' */ && d !== 0x2019 /* ’ */) break;
        apostrophe = true;
      }
      const word = apostrophe ? t.slice(i, j).replace(APOSTROPHES, '') : t.slice(i, j);
      out += gap && out.length > 0 ? ` ${word}` : word;
      gap = false;
      i = j;
      continue;
    }
    if (c === 38 /* & */) {
      out += out.length > 0 ? ' and' : 'and';
      gap = true;
    } else if (c !== 39 && c !== 0x2019) gap = true;
    i++;
  }
  return out;
}
const APOSTROPHES = /['’]/g;

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** Whether `s` holds an ASCII digit (REQ and TRAILING_CODE match only where one is). */
function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

export function normalizeTitleForFingerprint(title: string): string {
  let t = hasDigit(title) ? title.replace(REQ, ' ').replace(TRAILING_CODE, ' ') : title;
  t = t.replace(SCHEDULE, ' ');
  return squash(t);
}

export function normalizeEmployerForFingerprint(employer: string): string {
  const plain = employer.includes('.') || employer.includes(',') ? employer.replace(DOT_OR_COMMA, ' ') : employer;
  return squash(plain).replace(CORPORATE, ' ').replace(SPACE_RUN, ' ').trim();
}

export interface FingerprintInput {
  title: string;
  employer?: string | null | undefined;
  city?: string | null | undefined;
  state?: string | null | undefined;
  workplace?: string | null | undefined;
}

/** sha1 of `employer|title|place`, 20 hex characters (one-shot `crypto.hash`: no Hash object per posting). */
export function computeFingerprint(input: FingerprintInput): string {
  const employer = normalizeEmployerForFingerprint(input.employer ?? '');
  const title = normalizeTitleForFingerprint(input.title);
  const place = input.city || input.state ? `${squash(input.city ?? '')},${(input.state ?? '').toLowerCase()}` : input.workplace === 'remote' ? 'remote' : '';
  return hash('sha1', `${employer}|${title}|${place}`, 'hex').slice(0, 20);
}
