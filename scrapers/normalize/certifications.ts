import type { Certification } from '../../schema/index.ts';

/**
 * Peer certifications named in a posting, normalised to their usual acronym, with whether the
 * posting requires or prefers them and any "obtain within N months" window. State names vary
 * (CPS, CPRS, CRPA, CRSS, ...); the list covers the common ones and the national NCPRSS.
 */

interface CertPattern {
  name: string;
  /** Acronyms count only in capitals ("CPS", not "cps"); spelled-out names in any case. */
  acronym: string | null;
  phrase: string | null;
}

function cert(name: string, acronym: string | null, phrase: string | null): CertPattern {
  return { name, acronym, phrase };
}

// Longer, more specific names first: "Certified Peer Recovery Specialist" must not also count as "Certified Peer Specialist".
const CERTS: readonly CertPattern[] = [
  cert('NCPRSS', 'NCPRSS', 'national certified peer recovery support specialist'),
  cert('CPRS', 'CPRS', 'certified peer recovery (?:support )?specialist|certified as a peer recovery (?:support )?specialist'),
  cert('CRPS', 'CRPS', 'certified recovery peer specialist'),
  cert('CRPA', 'CRPA', 'certified recovery peer advocate'),
  cert('CPSS', 'CPSS', 'certified peer support specialist|certified as a peer support specialist'),
  cert('CFPS', 'CFPS|FPA-?C', 'certified family peer (?:specialist|advocate)|family peer (?:advocate|specialist) (?:credential|certification)'),
  cert('CYPS', 'C?YPS|YPA-?C', 'certified youth peer (?:specialist|advocate)|youth peer (?:advocate|specialist) (?:credential|certification)'),
  cert('CRSS', 'CRSS', 'certified recovery support specialist'),
  cert('MRSS', 'MRSS', 'missouri recovery support specialist'),
  cert('CARC', 'CARC', 'certified addiction recovery coach'),
  cert('CARES', 'CARES', 'certified addiction recovery empowerment specialist'),
  cert('CRSW', 'CRSW', 'certified recovery support worker'),
  cert('CPSW', 'CPSW', 'certified peer support worker'),
  cert('CRS', 'CRS', 'certified recovery specialist'),
  cert('PRSS', 'PRSS', 'peer recovery support specialist (?:certification|credential)'),
  cert('PRS', null, 'certified peer recovery supporter|peer recovery supporter'),
  cert('CPS', 'CPS(?:-(?:AD|MH|P|F))?', 'certified peer specialist|certified as a peer specialist'),
  cert('CCAR RCA', 'CCAR', 'recovery coach academy'),
  cert('CPRP', 'CPRP', 'certified psychiatric rehabilitation practitioner'),
  // A state peer credential named without an acronym ("Arizona Peer Support certification", "hold a peer certification").
  cert('PEER', null, 'peer (?:support |recovery |specialist |support specialist |recovery specialist )?(?:certification|certificate|credential)|certified (?:as an? )?peer|peer[- ]certified'),
];

/**
 * All names in two scans (acronyms case-sensitive, spelled-out names not) instead of two per
 * credential: one alternation, one capture group per credential, in the list's order, so at one
 * position the more specific name still wins and a match consumes its words.
 */
function combine(pick: (c: CertPattern) => string | null, flags: string): { re: RegExp; names: string[] } {
  const names: string[] = [];
  const parts: string[] = [];
  for (const c of CERTS) {
    const source = pick(c);
    if (source === null) continue;
    names.push(c.name);
    parts.push(`(${source})`);
  }
  return { re: new RegExp(`\\b(?:${parts.join('|')})\\b`, flags), names };
}
const CERT_ORDER = new Map(CERTS.map((c, i) => [c.name, i]));
const ACRONYMS = combine((c) => c.acronym, 'g');
const PHRASES = combineByFirstWord();

/** The top-level alternatives of a pattern source ("a (?:b|c)|d" -> ["a (?:b|c)", "d"]). */
function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/**
 * The spelled-out names, grouped by their first word: `\b(?:certified(?:...)|peer(?:...)|...)\b`.
 * A case-insensitive alternation of two dozen names tried at every position of a description
 * cost three times as much as one that first matches the word a name starts with. Same matches:
 * at one position only names starting with the word there can match (no first word is a prefix
 * of another, checked here), and within a word the list's order still decides. One capture
 * group per alternative, each mapped to its credential.
 */
function combineByFirstWord(): { re: RegExp; names: string[] } {
  const groups = new Map<string, { rest: string; name: string }[]>();
  for (const c of CERTS) {
    if (c.phrase === null) continue;
    for (const alt of topLevelAlternatives(c.phrase)) {
      const word = /^[a-z]+(?![a-z])/.exec(alt)?.[0];
      if (word === undefined) throw new Error(`certification phrase must start with a word: ${alt}`);
      let list = groups.get(word);
      if (list === undefined) groups.set(word, (list = []));
      list.push({ rest: alt.slice(word.length), name: c.name });
    }
  }
  const words = [...groups.keys()];
  for (const a of words) for (const b of words) if (a !== b && b.startsWith(a)) throw new Error(`certification first words overlap: ${a} / ${b}`);
  const names: string[] = [];
  const parts: string[] = [];
  for (const [word, list] of groups) {
    const alts: string[] = [];
    for (const { rest, name } of list) {
      names.push(name);
      alts.push(`(${rest})`);
    }
    parts.push(`${word}(?:${alts.join('|')})`);
  }
  return { re: new RegExp(`\\b(?:${parts.join('|')})\\b`, 'gi'), names };
}

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

interface CertMatch {
  name: string;
  start: number;
  end: number;
}

/** Matches in `text`, their offsets moved by `offset` (where `text` starts in the title-and-text). */
function collect(scan: { re: RegExp; names: string[] }, text: string, offset: number, out: CertMatch[]): void {
  const { re, names } = scan;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    out.push({ name: names[g - 1] ?? '', start: offset + m.index, end: offset + m.index + m[0].length });
  }
}

/**
 * Certifications named in the title and description text. The two are read as one text, the
 * title's line first, but scanned apart (docs/decisions/092): no name spans a line break and a
 * sentence ends at one, so each scan and sentence stays within its own string, and no copy of
 * the whole description is made to join them.
 */
export function extractCertifications(text: string, title = ''): Certification[] {
  const found = new Map<string, Certification>();
  const textStart = title.length + 1;
  const matches: CertMatch[] = [];
  collect(PHRASES, title, 0, matches);
  collect(PHRASES, text, textStart, matches);
  collect(ACRONYMS, title, 0, matches);
  collect(ACRONYMS, text, textStart, matches);
  const taken: [number, number][] = [];
  for (const { name, start, end } of matches) {
    // A span already read as a longer name is not also a shorter one.
    if (overlapsTaken(taken, start, end)) continue;
    taken.push([start, end]);
    const sentence = start < textStart ? sentenceAround(title, start, end) : sentenceAround(text, start - textStart, end - textStart);
    if (name === 'CPS' && CHILD_PROTECTIVE.test(sentence)) continue;
    const preferred = PREFERRED.test(sentence) && !/\bmust\b|\brequired\b/i.test(sentence);
    // Named without "preferred" it is a requirement: postings list what they prefer explicitly.
    const required = !preferred;
    const withinMonths = windowMonths(sentence);
    const prev = found.get(name);
    if (prev) {
      prev.required = prev.required || required;
      prev.withinMonths = prev.withinMonths ?? withinMonths;
    } else {
      found.set(name, { name, required, withinMonths });
    }
  }
  // The generic entry only stands in when no named credential was found.
  if (found.size > 1) found.delete('PEER');
  // In the list's order (most specific credential first), whatever order the two scans found them.
  return [...found.values()].sort(byListOrder);
}

function overlapsTaken(taken: [number, number][], start: number, end: number): boolean {
  for (const [a, b] of taken) if (start < b && end > a) return true;
  return false;
}

function byListOrder(a: Certification, b: Certification): number {
  return (CERT_ORDER.get(a.name) ?? 0) - (CERT_ORDER.get(b.name) ?? 0);
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
