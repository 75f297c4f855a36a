import type { Certification } from '../../schema/index.ts';

/**
 * Peer certifications named in a posting, normalised to their usual acronym, with whether the
 * posting requires or prefers them and any "obtain within N months" window. State names vary
 * (CPS, CPRS, CRPA, CRSS, ...); the list covers the common ones and the national NCPRSS.
 */

interface CertPattern {
  name: string;
  re: RegExp;
}

// Longer, more specific names first: "Certified Peer Recovery Specialist" must not also count as "Certified Peer Specialist".
const CERTS: readonly CertPattern[] = [
  { name: 'NCPRSS', re: /\bNCPRSS\b|\bnational certified peer recovery support specialist\b/gi },
  { name: 'CPRS', re: /\bCPRS\b|\bcertified peer recovery (?:support )?specialist\b|\bcertified as a peer recovery specialist\b/gi },
  { name: 'CRPS', re: /\bCRPS\b|\bcertified recovery peer specialist\b/gi },
  { name: 'CRPA', re: /\bCRPA\b|\bcertified recovery peer advocate\b/gi },
  { name: 'CPSS', re: /\bCPSS\b|\bcertified peer support specialist\b|\bcertified as a peer support specialist\b/gi },
  { name: 'CFPS', re: /\bCFPS\b|\bcertified family peer (?:specialist|advocate)\b|\bFPA-?C\b|\bfamily peer advocate (?:credential|certification)\b/gi },
  { name: 'CYPS', re: /\bC?YPS\b|\bcertified youth peer (?:specialist|advocate)\b|\bYPA-?C\b|\byouth peer advocate (?:credential|certification)\b/gi },
  { name: 'CRSS', re: /\bCRSS\b|\bcertified recovery support specialist\b/gi },
  { name: 'CARC', re: /\bCARC\b|\bcertified addiction recovery coach\b/gi },
  { name: 'CRSW', re: /\bCRSW\b|\bcertified recovery support worker\b/gi },
  { name: 'CPSW', re: /\bCPSW\b|\bcertified peer support worker\b/gi },
  { name: 'CRS', re: /\bCRS\b|\bcertified recovery specialist\b/gi },
  { name: 'PRSS', re: /\bPRSS\b|\bpeer recovery support specialist (?:certification|credential)\b/gi },
  { name: 'PRS', re: /\bpeer recovery supporter\b/gi },
  { name: 'CPS', re: /\bCPS\b|\bcertified peer specialist\b|\bcertified as a peer specialist\b/gi },
  { name: 'CCAR RCA', re: /\bCCAR\b|\brecovery coach academy\b/gi },
  { name: 'CPRP', re: /\bCPRP\b|\bcertified psychiatric rehabilitation practitioner\b/gi },
];

const CHILD_PROTECTIVE = /\bchild protective\b/i;
const PREFERRED = /\b(?:preferred|preferably|a plus|desired|desirable|nice to have|advantage|ideally|strongly encouraged)\b/i;
const REQUIRED = /\b(?:required|must|mandatory|requires?|shall|within|obtain|eligib\w+)\b/i;
const WITHIN =
  /\bwithin\s+(?:the\s+first\s+)?(\d{1,3}|one|two|three|four|six|nine|twelve|eighteen|twenty-four|thirty|sixty|ninety|a)\s*(?:\(\d+\)\s*)?(days?|weeks?|months?|years?|yr)\b/i;
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, one: 1, two: 2, three: 3, four: 4, six: 6, nine: 9, twelve: 12, eighteen: 18, 'twenty-four': 24, thirty: 30, sixty: 60, ninety: 90,
};

/** "within 90 days" → 3, "within one year" → 12, "within 6 months" → 6. */
export function windowMonths(sentence: string): number | null {
  const m = WITHIN.exec(sentence);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : (NUMBER_WORDS[m[1].toLowerCase()] ?? NaN);
  if (!Number.isFinite(n) || n <= 0) return null;
  const unit = m[2].toLowerCase();
  if (unit.startsWith('day')) return Math.max(1, Math.round(n / 30));
  if (unit.startsWith('week')) return Math.max(1, Math.round(n / 4.33));
  if (unit.startsWith('y')) return n * 12;
  return n;
}

/** The sentence or bullet line around a position. */
function sentenceAround(text: string, at: number, end: number): string {
  let from = at;
  while (from > 0) {
    const c = text.charCodeAt(from - 1);
    if (c === 10 /* \n */ || ((c === 46 || c === 33 || c === 63 || c === 59) && /\s/.test(text.charAt(from)))) break;
    from--;
  }
  let to = end;
  while (to < text.length) {
    const c = text.charCodeAt(to);
    if (c === 10 || c === 59 || ((c === 46 || c === 33 || c === 63) && (to + 1 >= text.length || /\s/.test(text.charAt(to + 1))))) break;
    to++;
  }
  return text.slice(from, to);
}

/** Certifications named in the title and description text. */
export function extractCertifications(text: string, title = ''): Certification[] {
  const found = new Map<string, Certification>();
  const taken: [number, number][] = [];
  const all = `${title}\n${text}`;
  for (const cert of CERTS) {
    cert.re.lastIndex = 0;
    for (let m = cert.re.exec(all); m !== null; m = cert.re.exec(all)) {
      const start = m.index;
      const end = start + m[0].length;
      // A span already read as a longer name is not also a shorter one.
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);
      const sentence = sentenceAround(all, start, end);
      if (cert.name === 'CPS' && CHILD_PROTECTIVE.test(sentence)) continue;
      const preferred = PREFERRED.test(sentence) && !/\bmust\b|\brequired\b/i.test(sentence);
      // Named without "preferred" it is a requirement: postings list what they prefer explicitly.
      const required = !preferred;
      const withinMonths = windowMonths(sentence);
      const prev = found.get(cert.name);
      if (prev) {
        prev.required = prev.required || required;
        prev.withinMonths = prev.withinMonths ?? withinMonths;
      } else {
        found.set(cert.name, { name: cert.name, required, withinMonths });
      }
    }
  }
  return [...found.values()];
}

const LIVED =
  /\b(?:lived experience|lived expertise|personal experience (?:with|of|in) (?:recovery|mental|substance|addiction|the)|self-?identif\w* as (?:an? )?(?:person|individual|someone|peer)|identif(?:y|ies) as (?:an? )?(?:person|individual|someone) (?:in|with|who)|(?:must|should) be in (?:active |sustained )?recovery|in (?:personal )?recovery (?:from|for)|personal recovery|own recovery (?:journey|story|experience)|share (?:their|your|his or her|one's) (?:own )?(?:recovery )?(?:story|experience|journey)|personal history of (?:mental|substance|recovery))/gi;

/**
 * True when the posting requires lived experience: a mention with "must", "required" or in a
 * requirement, or, for a peer role, any mention that is not marked as merely preferred.
 */
export function livedExperienceRequired(text: string, isPeerRole: boolean): boolean {
  LIVED.lastIndex = 0;
  for (let m = LIVED.exec(text); m !== null; m = LIVED.exec(text)) {
    const sentence = sentenceAround(text, m.index, m.index + m[0].length);
    const preferred = PREFERRED.test(sentence) && !/\bmust\b|\brequired\b/i.test(sentence);
    if (preferred) continue;
    if (REQUIRED.test(sentence) || /\b(?:candidates?|applicants?) (?:with|who have)\b/i.test(sentence)) return true;
    if (isPeerRole) return true;
  }
  return false;
}
