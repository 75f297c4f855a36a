import { SETTINGS, type Setting } from '../../schema/index.ts';

/**
 * Multi-label setting classifier (docs/decisions/011). Each setting has phrases with a weight;
 * a phrase found in the title or employer name counts three times, one in the job's own duties
 * once, one in an about-us, benefits or EEO paragraph a fraction, and a negated one ("no jail
 * experience required", "not a crisis position") nothing. A setting is kept when its evidence
 * reaches 1.
 *
 * Speed: phrases are filed by their first two letters and tried only at word starts (see
 * findPhrases), so a 3 KB description costs tens of microseconds, not hundreds.
 */

interface Phrase {
  setting: Setting;
  source: string;
  weight: number;
  /** The first two letters every match starts with, when the source does not begin with them literally. */
  key?: string;
}

/** Strong: names the setting outright. Normal: usually the setting. Weak: a hint that needs company. */
const STRONG = 1.5;
const NORMAL = 1;
const WEAK = 0.5;

function p(setting: Setting, weight: number, ...sources: string[]): Phrase[] {
  return sources.map((source) => ({ setting, source, weight }));
}

/** Case-insensitive phrases. Written as regex sources; word boundaries added around each. */
const PHRASES: readonly Phrase[] = [
  ...p('treatment_center', STRONG,
    'residential (?:treatment|rehab\\w*|program|facility|facilities|unit|setting|services|substance|addiction|recovery)',
    'inpatient (?:rehab\\w*|treatment|detox\\w*|substance|addiction|chemical dependency|sud)',
    'detox(?:ification)? (?:center|unit|facility|program|services)',
    'withdrawal management', 'sub-?acute detox\\w*', 'social detox\\w*',
    '(?:addiction|substance use|sud|drug and alcohol|alcohol and drug|rehab|rehabilitation) treatment (?:center|facility|facilities|program)',
    'treatment (?:center|centre|facility|facilities)', 'rehab(?:ilitation)? (?:center|facility)',
    'asam (?:level )?3\\.\\d', 'therapeutic community'),
  ...p('treatment_center', NORMAL, 'residential', 'detox(?:ification)?', 'rehab'),
  ...p('treatment_center', WEAK, 'inpatient'),

  ...p('hospital_ed', STRONG,
    'emergency (?:department|departments|room|rooms|dept)', 'inpatient psychiatr\\w*', 'psychiatric (?:unit|units|hospital|emergency|inpatient)',
    'hospital[- ]based', 'hospital setting', 'hospital system', 'in the hospital', 'bedside', 'cpep', 'trauma center',
    'inpatient (?:unit|units|behavioral health unit|mental health unit)', 'medical[- ]surgical', 'med[- ]surg', 'ed bridge', 'empath unit'),
  ...p('hospital_ed', NORMAL, 'hospitals?', 'medical center', 'health system', 'hospitalized patients'),
  ...p('hospital_ed', WEAK, 'inpatient'),

  ...p('crisis_unit', STRONG,
    'crisis stabili[sz]ation', 'crisis (?:receiving|center|centre|centers|unit|care center|triage|walk-?in|respite|residential|hotline|line|call center|lifeline)',
    'mobile crisis', 'living room (?:model|program)', 'crisis (?:response|outreach) team', '23-hour (?:observation|crisis|stabilization)',
    'psychiatric urgent care', 'behavioral health urgent care', 'empath'),
  ...p('crisis_unit', NORMAL, 'crisis (?:services|response|program|team|stabilization services)', 'warm ?line'),

  ...p('youth_services', WEAK, 'students', 'schools?'),
  ...p('youth_services', STRONG,
    'youth', 'adolescents?', 'transition[- ]age(?:d)? youth', 'juvenile', 'school[- ]based', 'children and (?:adolescents|youth|families|teens)',
    'youth and famil(?:y|ies)', 'family and youth', 'teens', 'teenagers?', 'foster (?:care|youth)', 'child welfare', "children's (?:services|behavioral|mental)"),
  ...p('youth_services', NORMAL, 'young adults?', 'children', 'parent partner', 'family peer', 'family partner', 'parents? of children'),

  ...p('outpatient', STRONG,
    'outpatient', 'intensive outpatient', 'partial hospitali[sz]ation', 'ccbhc', 'certified community behavioral health clinic',
    'community mental health (?:center|centre|clinic|agency)', 'cmhc', 'behavioral health (?:center|clinic|clinics)', 'mental health clinics?',
    'assertive community treatment', 'opioid treatment clinic', 'fqhc', 'federally qualified health center'),
  // A clinic named in the job's own text is nearly always where the job is; in about-us it stays weak.
  ...p('outpatient', 1.2, 'clinics?'),
  ...p('outpatient', NORMAL, 'primary care', 'integrated care', 'counseling center', 'office-based'),

  ...p('community_org', STRONG,
    'recovery community (?:organization|organisation|center|centre)', 'drop-?in (?:center|centre)', 'clubhouse', 'peer[- ]run', 'peer[- ]operated',
    'consumer[- ]run', 'peer[- ]led organization', 'street outreach', 'homeless outreach', '(?:homeless|emergency|family|domestic violence) shelters?',
    'recovery caf[eé]', 'syringe services', 'harm reduction (?:program|center|organization|services)'),
  ...p('community_org', NORMAL, 'shelters?', 'non-?profit', '501\\s?\\(c\\)\\s?\\(?3\\)?', 'community[- ]based organization', 'drop-?in', 'encampments?', 'recovery center'),

  ...p('jail_police', STRONG,
    'jails?', 'county jail', 'detention (?:center|centre|facility|facilities)', 'correctional(?! (?:counsel|education))', 'corrections (?:facility|facilities|officers?|department|center|setting)',
    "sheriff(?:'s|s)?", 'police(?! (?:background|check|clearance|records?|reports?))', 'co-?responder', 'inmates?', 'department of corrections', 'booking (?:area|process|unit|room)', 'incarcerated (?:individuals|persons|people|adults|men|women)'),
  ...p('jail_police', NORMAL, 'law enforcement', 'booking(?! (?:appointments?|travel|meetings?))', 'detention', 'crisis intervention team'),
  ...p('jail_police', WEAK, 'prisons?', 'incarcerat(?:ed|ion)'),

  ...p('reentry', STRONG,
    're-?entry', 'returning citizens', 'post-?release', 'formerly incarcerated', 'recently released', 'releas(?:ed?|ing) from (?:jail|prison|incarceration|custody|detention)',
    'parole', 'probation (?:officers?|department|and parole)', 'returning home from (?:jail|prison)'),
  ...p('reentry', NORMAL, 'probation(?! period| periods|ary)', 'justice[- ]involved', 'ex-?offenders?', 'criminal justice (?:involved|population|system)'),

  ...p('specialty_court', STRONG,
    'drug courts?', 'treatment courts?', 'mental health courts?', "veterans'? (?:treatment )?courts?", 'recovery courts?', 'du[iI] courts?', 'dwi courts?',
    'specialty courts?', 'problem[- ]solving courts?', 'family (?:treatment|dependency|recovery) courts?', 'wellness courts?', 'diversion courts?',
    'accountability courts?', 'sobriety courts?', 'behavioral health courts?'),
  ...p('specialty_court', NORMAL, 'court docket', 'court-?ordered', 'pre-?trial', 'diversion program'),
  ...p('specialty_court', WEAK, 'courts?', 'judges?'),

  ...p('moud', STRONG,
    'moud', 'medications? for (?:opioid|alcohol|addiction) use disorders?', 'medications? for addiction treatment', 'medication[- ]assisted (?:treatment|therapy|recovery)',
    'opioid treatment program', 'methadone', 'buprenorphine', 'suboxone', 'sublocade', 'vivitrol', 'obot', 'office[- ]based (?:opioid|addiction) treatment'),
  ...p('moud', NORMAL, 'naltrexone', 'bridge clinic', 'opioid use disorder treatment', 'medication for opioid'),
];

/** Acronyms that count only in capitals as standalone words: "MAT" not "mat", "ED" not "ed.". */
const CASED_PHRASES: readonly Phrase[] = [
  ...p('moud', STRONG, 'MAT', 'OTP', 'MOUD'),
  ...p('hospital_ed', STRONG, 'ED', 'ER'),
  ...p('outpatient', STRONG, 'IOP', 'PHP', 'ACT [Tt]eams?', 'FACT [Tt]eams?', 'CCBHC'),
  ...p('community_org', STRONG, 'RCO', 'RCC'),
  ...p('youth_services', WEAK, 'students', 'schools?'),
  ...p('youth_services', STRONG, 'TAY'),
  // 988 the crisis line, not inside a phone number such as (614) 988-2211.
  { setting: 'crisis_unit', weight: STRONG, source: '(?<![\\d$][-.)\\s]{0,2})988(?![-.\\s]?\\d)', key: '98' },
  ...p('crisis_unit', STRONG, 'CSU'),
];

/**
 * Matching. A single alternation of ~200 phrases made V8 try every alternative at every
 * character (250 us per 3 KB description). Instead each phrase is a sticky regex filed under the
 * first two letters it must start with, and only word starts are tried: a 3 KB description has
 * ~450 words and most buckets are empty or hold a few phrases.
 *
 * At one word start the phrases are tried strongest and longest first, so "inpatient
 * psychiatric unit" is read as a hospital phrase before the weak "inpatient" gets a chance, and
 * a match consumes its words as a global regex would.
 */
interface CompiledPhrase {
  phrase: Phrase;
  re: RegExp;
  /** The literal start of the source (lower case unless cased): checked before running the regex. */
  prefix: string;
  cased: boolean;
}

/** The literal characters a source starts with, stopping before anything a regex treats specially. */
function literalPrefix(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    const next = source.charAt(i + 1);
    if (!/[A-Za-z0-9 '’-]/.test(c) || next === '?' || next === '*' || next === '{') break;
    out += c;
  }
  return out;
}

/** Does `text` at `at` start with `prefix`, ASCII letters compared case-insensitively unless cased? */
function startsWithAt(text: string, at: number, prefix: string, cased: boolean): boolean {
  if (at + prefix.length > text.length) return false;
  for (let j = 0; j < prefix.length; j++) {
    let c = text.charCodeAt(at + j);
    if (!cased && c >= 65 && c <= 90) c |= 0x20;
    if (c !== prefix.charCodeAt(j)) return false;
  }
  return true;
}

/** Splits a leading "(?:a|b|c)rest" into "arest", "brest", "crest" so every phrase starts with a literal. */
function expandLeadingGroup(source: string): string[] {
  if (!source.startsWith('(?:')) return [source];
  let depth = 0;
  let end = -1;
  const cuts: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) {
        end = i;
        break;
      }
    } else if (c === '|' && depth === 1) cuts.push(i);
  }
  if (end < 0) return [source];
  const rest = source.slice(end + 1);
  const bounds = [2, ...cuts, end];
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) out.push(source.slice((bounds[i] ?? 0) + 1, bounds[i + 1]) + rest);
  return out;
}

function keyOf(source: string): string | null {
  const m = /^[a-z0-9]{2}/i.exec(source);
  return m ? m[0].toLowerCase() : null;
}

function bucketIndex(a: number, b: number): number {
  // ASCII letters folded to lower case; digits kept. Anything else has no bucket.
  return ((a | 0x20) & 0x7f) * 128 + ((b | 0x20) & 0x7f);
}

function buildIndex(phrases: readonly Phrase[], cased: boolean): (CompiledPhrase[] | null)[] {
  const expanded: Phrase[] = [];
  for (const ph of phrases) for (const source of expandLeadingGroup(ph.source)) expanded.push({ ...ph, source });
  expanded.sort((a, b) => b.weight - a.weight || b.source.length - a.source.length);
  // Filled, not sparse: a sparse array of 16K slots falls back to slow dictionary lookups.
  const buckets: (CompiledPhrase[] | null)[] = new Array<CompiledPhrase[] | null>(128 * 128).fill(null);
  for (const ph of expanded) {
    const key = ph.key ?? keyOf(ph.source);
    if (key === null) throw new Error(`settings phrase without a literal start: ${ph.source}`);
    const i = bucketIndex(key.charCodeAt(0), key.charCodeAt(1));
    const prefix = ph.key === undefined ? literalPrefix(ph.source) : '';
    (buckets[i] ??= []).push({
      phrase: ph,
      re: new RegExp(`(?:${ph.source})\\b`, cased ? 'y' : 'iy'),
      prefix: cased ? prefix : prefix.toLowerCase(),
      cased,
    });
  }
  return buckets;
}

const INDEX_ANY_CASE = buildIndex(PHRASES, false);
const INDEX_CASED = buildIndex(CASED_PHRASES, true);

interface PhraseMatch {
  phrase: Phrase;
  index: number;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Every phrase match in the text, in order, non-overlapping. */
function findPhrases(text: string): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  let consumedTo = 0;
  const n = text.length;
  for (let i = 0; i < n - 1; i++) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c) || (i > 0 && isWordChar(text.charCodeAt(i - 1))) || i < consumedTo) continue;
    const b = bucketIndex(c, text.charCodeAt(i + 1));
    let matched = false;
    for (let k = 0; k < 2 && !matched; k++) {
      const bucket = (k === 0 ? INDEX_ANY_CASE : INDEX_CASED)[b];
      if (!bucket) continue;
      for (const cp of bucket) {
        // Most words fail on their literal start; the regex runs only for real candidates.
        if (!startsWithAt(text, i, cp.prefix, cp.cased)) continue;
        cp.re.lastIndex = i;
        const m = cp.re.exec(text);
        if (m) {
          out.push({ phrase: cp.phrase, index: i });
          consumedTo = i + m[0].length;
          matched = true;
          break;
        }
      }
    }
  }
  return out;
}

/** Section headings and what they say about the text under them. */
const HEADING_ABOUT_CASED = /^(?:About (?:[A-Z]|us\b|the\b)|ABOUT\b)/;
const HEADING_ABOUT = /^(?:about us|who we are|our (?:mission|story|organization|agency|company|vision|values)|company (?:description|overview)|organization(?:al)? overview|agency overview|why (?:join|work)|mission)/i;
const HEADING_BENEFITS = /^(?:benefits|what we offer|we offer|perks|compensation (?:and|&) benefits|total rewards|our benefits)/i;
const HEADING_EEO = /^(?:equal (?:employment )?opportunity|eeo|diversity|non-?discrimination|accommodations?)/i;
const HEADING_REQUIREMENTS = /^(?:qualifications|requirements|minimum (?:qualifications|requirements)|preferred qualifications|education|experience|skills|knowledge|what you(?:'ll)? (?:need|bring)|who you are)/i;
const HEADING_JOB = /^(?:job (?:description|summary|overview|duties)|position (?:summary|overview|description)|responsibilities|duties|essential (?:functions|duties)|what you(?:'ll)? do|the role|role|overview|summary|key responsibilities)/i;

type SectionKind = 'about' | 'benefits' | 'eeo' | 'requirements' | 'job' | 'plain';
const SECTION_FACTOR: Readonly<Record<SectionKind, number>> = {
  about: 0.3,
  benefits: 0.15,
  eeo: 0,
  requirements: 0.6,
  job: 1,
  plain: 0.85,
};

/** Sentences that describe the employer or its other programs, wherever they stand. */
const BOILERPLATE =
  /\b(?:we also|also operates?|our (?:agency|organization|company|programs?|services|continuum)|continuum of (?:care|services)|full (?:range|array|spectrum) of|array of services|variety of (?:programs|services)|programs include|services include|founded in|since (?:19|20)\d\d|equal opportunity|eeo|affirmative action|regardless of|insurance|401\s?\(?k|paid time off|is a (?:leading|private|regional|large|comprehensive)|largest provider)\b/i;
/** Sentences about what the candidate must have done before, not where this job is. */
const REQUIREMENT = /\b(?:experience (?:in|with|working)|preferred|knowledge of|familiarity with|background in|previous|prior|exposure to)\b/i;
/** After these verbs a setting is where clients are sent, not where the job is. */
const REFERRAL =
  /\b(?:refer(?:s|ral|rals|ring)?|link(?:s|age|ages|ing)?|connect(?:s|ing)?|navigat\w*|access(?:ing)? to|transition(?:s|ing)? (?:to|into|from)|coordinat\w+ with|liaison (?:with|to|between)|discharg\w+ (?:from|to)|follow(?:s|ing)?[- ]up)\b/i;
const NEGATION = /\b(?:no|not|non|without|never|nor|isn't|aren't|doesn't)[- ](?:[\w']+[- ]){0,3}$/i;

export interface SettingsInput {
  title?: string | null | undefined;
  employer?: string | null | undefined;
  /** Plain text of the description (see sanitizeDescription). */
  text?: string | null | undefined;
}

type Scores = Record<Setting, number>;

function emptyScores(): Scores {
  const s = {} as Scores;
  for (const k of SETTINGS) s[k] = 0;
  return s;
}

/** Adds the phrases of a short, strong text (title or employer name) with a fixed factor. */
function scoreShort(text: string, factor: number, scores: Scores): void {
  for (const { phrase, index } of findPhrases(text)) {
    if (NEGATION.test(text.slice(Math.max(0, index - 30), index))) continue;
    scores[phrase.setting] += phrase.weight * factor;
  }
}

interface Line {
  start: number;
  end: number;
  kind: SectionKind;
}

/** Splits the text into lines, each tagged with the section its nearest heading opens. */
function sectionLines(text: string): Line[] {
  const lines: Line[] = [];
  let kind: SectionKind = 'plain';
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    if (line.length > 0 && line.length <= 60 && !/[.!?]$/.test(line)) {
      const head = line.replace(/^[#*\-•\s]+/, '');
      if (HEADING_ABOUT_CASED.test(head) || HEADING_ABOUT.test(head)) kind = 'about';
      else if (HEADING_BENEFITS.test(head)) kind = 'benefits';
      else if (HEADING_EEO.test(head)) kind = 'eeo';
      else if (HEADING_REQUIREMENTS.test(head)) kind = 'requirements';
      else if (HEADING_JOB.test(head)) kind = 'job';
    }
    lines.push({ start, end, kind });
    start = end + 1;
  }
  return lines;
}

const SENTENCE_BREAK = /[.!?;](?=\s)|\n/g;

/** Sentence start offsets, computed once per description (matches look their sentence up by binary search). */
function sentenceStarts(text: string): number[] {
  const starts = [0];
  SENTENCE_BREAK.lastIndex = 0;
  for (let m = SENTENCE_BREAK.exec(text); m !== null; m = SENTENCE_BREAK.exec(text)) starts.push(m.index + 1);
  return starts;
}

function sentenceIndex(starts: number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** How much a sentence counts from its own wording: fully, or as about-us, or as a requirement. */
function sentenceFactor(sentence: string): number {
  if (BOILERPLATE.test(sentence)) return SECTION_FACTOR.about;
  if (REQUIREMENT.test(sentence)) return SECTION_FACTOR.requirements;
  return 1;
}

function scoreDescription(text: string, scores: Scores): void {
  const matches = findPhrases(text);
  if (matches.length === 0) return;
  const lines = sectionLines(text);
  const starts = sentenceStarts(text);
  const factors = new Map<number, number>();
  // Per setting, the best evidence of each sentence: repeating a word in one sentence is not more evidence.
  const perSentence = new Map<string, number>();
  let li = 0;
  for (const { phrase: ph, index } of matches) {
    while (li < lines.length - 1 && (lines[li] as Line).end < index) li++;
    let factor = SECTION_FACTOR[(lines[li] as Line).kind];
    if (factor === 0) continue;
    const si = sentenceIndex(starts, index);
    const from = starts[si] ?? 0;
    const before = text.slice(from, index);
    if (NEGATION.test(before.slice(-40))) continue;
    let own = factors.get(si);
    if (own === undefined) {
      own = sentenceFactor(text.slice(from, (starts[si + 1] ?? text.length + 1) - 1));
      factors.set(si, own);
    }
    factor = Math.min(factor, own);
    if (REFERRAL.test(before)) factor *= 0.25;
    const key = `${ph.setting}@${from}`;
    const value = ph.weight * factor;
    const prev = perSentence.get(key) ?? 0;
    if (value > prev) {
      scores[ph.setting] += value - prev;
      perSentence.set(key, value);
    }
  }
}

const THRESHOLD = 1;
const TITLE_FACTOR = 3;
const EMPLOYER_FACTOR = 2;

/** Per-setting evidence, for tests and for explaining a classification. */
export function settingScores(input: SettingsInput): Record<Setting, number> {
  const scores = emptyScores();
  if (input.title) scoreShort(input.title, TITLE_FACTOR, scores);
  if (input.employer) scoreShort(input.employer, EMPLOYER_FACTOR, scores);
  if (input.text) scoreDescription(input.text, scores);
  return scores;
}

/** The settings a posting is in, canonical keys in the order of SETTINGS. */
export function classifySettings(input: SettingsInput): Setting[] {
  const scores = settingScores(input);
  return SETTINGS.filter((s) => scores[s] >= THRESHOLD);
}
