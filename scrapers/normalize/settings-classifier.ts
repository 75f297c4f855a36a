import { SETTINGS, type Setting } from '../../schema/index.ts';

/**
 * Multi-label setting classifier (docs/decisions/011). Each setting has phrases with a weight;
 * a phrase found in the title or employer name counts three times, one in the job's own duties
 * once, one in an about-us, benefits or EEO paragraph a fraction, and a negated one ("no jail
 * experience required", "not a crisis position") nothing. A setting is kept when its evidence
 * reaches 1.
 *
 * Speed: every phrase of every setting is one alternative of a single precompiled expression
 * (one case-insensitive, one case-sensitive for acronyms like MAT, ED, ER, ACT), so a 3 KB
 * description is scanned twice, not a hundred times.
 */

interface Phrase {
  setting: Setting;
  source: string;
  weight: number;
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
  ...p('crisis_unit', STRONG, '(?<![\\d$][-.)\\s]{0,2})988(?![-.\\s]?\\d)', 'CSU'),
];

/**
 * Alternation takes the first alternative that matches at a position, not the longest, so the
 * phrases are ordered strongest and longest first: "inpatient psychiatric unit" must be read as a
 * hospital phrase before the weak "inpatient" gets a chance.
 */
function ordered(phrases: readonly Phrase[]): Phrase[] {
  return [...phrases].sort((a, b) => b.weight - a.weight || b.source.length - a.source.length);
}

function compile(phrases: readonly Phrase[], flags: string): RegExp {
  return new RegExp(phrases.map((ph) => `\\b(${ph.source})\\b`).join('|'), flags);
}

const ANY_CASE_PHRASES = ordered(PHRASES);
const CASED_ORDERED = ordered(CASED_PHRASES);
const ANY_CASE = compile(ANY_CASE_PHRASES, 'gi');
const CASED = compile(CASED_ORDERED, 'g');

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

function phraseOf(m: RegExpExecArray, phrases: readonly Phrase[]): Phrase | null {
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return phrases[g - 1] ?? null;
  return null;
}

/** Adds the phrases of a short, strong text (title or employer name) with a fixed factor. */
function scoreShort(text: string, factor: number, scores: Scores): void {
  for (const [re, phrases] of [[ANY_CASE, ANY_CASE_PHRASES], [CASED, CASED_ORDERED]] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const ph = phraseOf(m, phrases);
      if (!ph) continue;
      if (NEGATION.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
      scores[ph.setting] += ph.weight * factor;
    }
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

function sentenceBounds(text: string, at: number): [number, number] {
  let from = 0;
  SENTENCE_BREAK.lastIndex = Math.max(0, at - 400);
  for (let m = SENTENCE_BREAK.exec(text); m !== null && m.index < at; m = SENTENCE_BREAK.exec(text)) from = m.index + 1;
  SENTENCE_BREAK.lastIndex = at;
  const next = SENTENCE_BREAK.exec(text);
  return [from, next ? next.index : text.length];
}

function scoreDescription(text: string, scores: Scores): void {
  const lines = sectionLines(text);
  // Per setting, the best evidence of each sentence: repeating a word in one sentence is not more evidence.
  const perSentence = new Map<string, number>();
  for (const [re, phrases] of [[ANY_CASE, ANY_CASE_PHRASES], [CASED, CASED_ORDERED]] as const) {
    re.lastIndex = 0;
    let li = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const ph = phraseOf(m, phrases);
      if (!ph) continue;
      while (li < lines.length - 1 && (lines[li] as Line).end < m.index) li++;
      const section = (lines[li] as Line).kind;
      let factor = SECTION_FACTOR[section];
      if (factor === 0) continue;
      const [from, to] = sentenceBounds(text, m.index);
      const before = text.slice(from, m.index);
      if (NEGATION.test(before.slice(-40))) continue;
      const sentence = text.slice(from, to);
      if (BOILERPLATE.test(sentence)) factor = Math.min(factor, SECTION_FACTOR.about);
      else if (REQUIREMENT.test(sentence)) factor = Math.min(factor, SECTION_FACTOR.requirements);
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
