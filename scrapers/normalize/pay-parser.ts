import type { PayPeriod } from '../../schema/index.ts';
import { isPlausiblePay } from './pay-conversion.ts';
import type { PayParse } from './pay-types.ts';

/**
 * Reads pay out of text as postings write it. The approach: find every money-looking number
 * ("$18.50", "45K", "$ 49,026"), pair neighbours into ranges, read the period written after (or
 * just before) the figures, then score each candidate by what surrounds it: a `$`, a stated
 * period and a pay cue word ("Pay:", "salary", "hourly rate") count for it; a nearer bonus,
 * stipend, differential, 401(k), tuition or loan word throws it out. The pay field takes the best
 * candidate of its short text; a description needs stronger evidence (see docs/decisions/010).
 *
 * All regular expressions are compiled once here: the normaliser runs on every posting of
 * every source, so nothing in the hot path builds a RegExp.
 */

// Same-length replacements only, so offsets into the prepared text stay valid for slicing.
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\t\r\f\v]/g;
// Phone numbers would otherwise read as "555-1234" ranges; blank them out.
const PHONE = /\(?\b\d{3}\)?[-.\s]\d{3}[-.]\d{4}\b/g;
// Calendar dates ("03/01/2026", "2026-03-01") are not figures either.
const DATE = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/g;

/**
 * One money-looking number. With a currency sign, the thousands separator may be followed by a
 * space as scraped ("$49, 026.00"); without one it may not, or "ages 18, 250 clients" would read
 * as 18,250.
 */
const MONEY =
  /(?:(\$|US\$|USD)\s{0,2}(\d{1,3}(?:,\s?\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)|(?<![\w.,$/#]|\b[A-Za-z]+-)(?!0\d)(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?))(?!\.?\d|,\d)(?:\s?([kK])(?![a-zA-Z]))?(?:\s?(USD|usd|dollars)\b)?/g;

/** Text allowed between the two figures of a range; the first figure may carry its own period ("$20/hr to $24/hr"). */
const RANGE_SEP =
  /^\s*(?:(?:\/\s*|per\s+|an?\s+)?(?:hour|hr|year|yr|month|mo|week|wk)\b\.?|hourly|annually|usd)?\s*(?:-{1,2}|to|through|thru|and)\s*(?:USD\s*)?$/i;
const BETWEEN_BEFORE = /\bbetween\s*$/i;

const PERIOD_AFTER =
  /^\+?\s*(?:USD|usd|dollars)?\s*\(?\s*(?:(?:\/\s*|per\s+|an?\s+|each\s+|every\s+)(hours?|hrs?|h|years?|yrs?|annum|months?|mos?|mths?|weeks?|wks?|days?|two\s+weeks|other\s+week|pay\s+period)|(?:\/\s*)?(hourly|annually|annual|yearly|monthly|weekly|bi-?weekly|bi-?monthly|semi-?monthly|daily|hr|yr|p\.\s?a\.|p\.\s?h\.|p\/hr?))(?![a-z])\.?\)?/i;
const PERIOD_BEFORE =
  /\b(hourly|per\s+hour|an\s+hour|annual(?:ly)?|yearly|per\s+year|per\s+annum|monthly|per\s+month|bi-?weekly|semi-?monthly|weekly|per\s+week|daily|per\s+day)\b[^$\d\n.;]{0,30}$/i;

const MAX_BEFORE =
  /\b(?:up\s+to|as\s+(?:much|high)\s+as|max(?:imum)?(?:\s+(?:of|is))?|not\s+to\s+exceed|no\s+more\s+than|top\s+of\s+(?:the\s+)?range)\s*:?\s*$/i;
const MIN_BEFORE =
  /\b(?:start(?:ing|s)?(?:\s+(?:at|from|pay|wage|wages|salary|rate|hourly|base|out))*(?:\s+(?:of|is|at))?|from|min(?:imum)?(?:\s+(?:of|is))?|at\s+least|beginning\s+at|no\s+less\s+than)\s*:?\s*$/i;
const MIN_AFTER_WORDS = /^\s*(?:and\s+(?:up|above|higher)|or\s+(?:more|higher|above))\b/i;
/**
 * A figure paid per something other than time is a piece rate or a reimbursement, not a wage:
 * "$150 per case review", "$40/session", "$0.67/mile", "$25 each visit". Read only when no period
 * follows; "per calendar year", "per school year" and "per diem" are left to the period rules.
 */
const PIECE_RATE_AFTER =
  /^\s*(?:\/\s*|per\s+|each\s+)(?!(?:hours?|hrs?|h|years?|yrs?|annum|months?|mos?|mths?|weeks?|wks?|days?|two|other|pay|diem|calendar|fiscal|school|academic|contract|full|standard|work\w*|fte)\b)[a-z]{3,}/i;

/** Words that make a nearby figure something other than the base wage. */
const NEGATIVE =
  /\b(?:sign[- ]?on|signing|retention|referral|bonus(?:es)?|401\s?\(?k\)?|403\s?\(?b\)?|matching|match|loans?|repayment|forgiveness|tuition|reimburse(?:ment|ments|d)?|stipends?|differentials?|diff|allowances?|mileage|per\s+mile|incentives?|gift\s+cards?|relocation|scholarships?|grants?|budget|revenue|funding|raises?|increases?|premiums?|deductibles?|copays?|fees?|costs?|donat\w*|life\s+insurance|award(?:s|ed)?|contribut\w*|fund|hsa|fsa|million|billion|worth|savings|discounts?|wellness|education\s+assistance|bilingual|on-?call\s+pay|overtime|holiday\s+pay|per\s+visit|per\s+session|per\s+shift|per\s+unit|per\s+client|per\s+trip|per\s+diem\s+rate)\b/gi;
/** Words that say a nearby figure is the wage. */
const CUE =
  /\b(?:pay|pays|salary|salaries|wages?|rate|compensation|comp|range|earn(?:ing|s)?|hourly|annual(?:ly)?|starting|start|base|hiring|scale|band|grade|step|\$?usd)\b/gi;
const STRONG_CUE_NEAR = /\b(?:pay|salary|wages?|rate|compensation|range|hourly|annual|starting|earn)\b[^\d$\n]{0,25}$/i;
/** Figures followed by these are counts, not money. */
const QUANTITY_AFTER =
  /^\s*(?:\+\s*)?(?:hours?|hrs?|days?|weeks?|months?|years?|yrs?|clients?|people|persons|individuals|participants|youth|adults|beds|miles|minutes|mins|%|percent|credits?|ceus?|times|students|staff|employees|locations|counties|sites|programs|sessions|calls|members|families|or\s+older|years?\s+old|yo|-year|th|st|nd|rd)(?![a-z])/i;
const QUANTITY_BEFORE = /\b(?:ages?|aged|grades?|hours?|within|serving|serves|over|caseload|ratio|room|suite|ste|unit|box|route|highway|hwy|i-|level|phase|section|chapter|title|code|zip|ext|extension|x)\s*[:#]?\s*$/i;
/** A number right after these is a classification code ("Pay Grade: 14", "Step 3", "Band 22"), never a wage, whatever cue precedes it. */
const GRADE_BEFORE = /\b(?:grades?|band|step|level|class|tier|range\s+(?:no\.?|number|#))\s*(?:no\.?\s*)?[:#]?\s*$/i;
/**
 * A non-wage word after the figures qualifies them only when it follows closely with nothing
 * that starts a new thought in between: "$2.00/hr shift differential", "$500 sign-on bonus",
 * "$5,000 in student loan repayment"; not "$18 an hour, with increases at 6 and 12 months" or
 * "$19.25 per hour plus night differential", where the word is about something else.
 */
const NEGATIVE_AFTER_GAP = /^[^,;:+&]*$/;
const NEGATIVE_AFTER_JOINER = /\b(?:plus|with|and|after|then|including|includes|in addition)\b/i;
const SENTENCE_END = /[.!?]\s+(?=[A-Z(•*-])|[;•|]|\n\s*\n/g;

export interface PayCandidate extends PayParse {
  start: number;
  end: number;
  score: number;
}

interface Token {
  start: number;
  end: number;
  value: number;
  dollar: boolean;
  k: boolean;
  /** Set when a "+" is glued to the figure ("$18+"). */
  plus: boolean;
}

const GRADE_CODE = /\b(GS|GG|WG|WL|WS|GL|GM|GP)[- ]?(?:(\d{4})[- ])?(\d{1,2})(?:\s*[-/]\s*(\d{1,2}))?\b/;
const GRADE_WORD = /\b(?:pay|salary|job|position)?\s*(?:grade|band)\s*[:#]?\s*([A-Z]{0,3}[- ]?\d{1,3}[A-Z]?)\b/i;

/** Finds a pay grade code ("GS-0303-07", "Grade 14", "Pay Grade: N13") in a text, or null. */
export function findPayGrade(text: string): string | null {
  const code = GRADE_CODE.exec(text);
  if (code) return code[0].replace(/\s+/g, ' ').trim();
  const word = GRADE_WORD.exec(text);
  if (word) return word[0].replace(/\s+/g, ' ').trim();
  return null;
}

function prepare(text: string): string {
  return text.replace(DASHES, '-').replace(ODD_SPACES, ' ').replace(PHONE, blank).replace(DATE, blank);
}

function blank(match: string): string {
  return ' '.repeat(match.length);
}

function toNumber(digits: string): number {
  return Number(digits.replace(/[,\s]/g, ''));
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  MONEY.lastIndex = 0;
  for (let m = MONEY.exec(text); m !== null; m = MONEY.exec(text)) {
    const digits = m[2] ?? m[3];
    if (digits === undefined) continue;
    const k = m[4] !== undefined;
    let value = toNumber(digits);
    if (k) value *= 1000;
    // Ten million and up is a budget or an ID, never a wage; skipping it also keeps float formatting exact.
    if (!Number.isFinite(value) || value >= 10_000_000) continue;
    const end = m.index + m[0].length;
    tokens.push({
      start: m.index,
      end,
      value: Math.round(value * 100) / 100,
      dollar: m[1] !== undefined || m[5] !== undefined,
      k,
      plus: text.charCodeAt(end) === 43 /* + */,
    });
  }
  return tokens;
}

function periodFromWord(word: string): { period: PayPeriod; factor: number } | null {
  const w = word.toLowerCase().replace(/[\s./]+/g, ' ').trim();
  if (/^(?:hours?|hrs?|h|hourly|per hour|an hour|p ?hr?)$/.test(w)) return { period: 'hour', factor: 1 };
  if (/^(?:years?|yrs?|annum|annual(?:ly)?|yearly|per year|per annum|p ?a)$/.test(w)) return { period: 'year', factor: 1 };
  if (/^(?:semi-?monthly|bi-?monthly)$/.test(w)) return { period: 'month', factor: 2 };
  if (/^(?:months?|mos?|mths?|monthly|per month)$/.test(w)) return { period: 'month', factor: 1 };
  if (/^(?:bi-?weekly|two weeks|other week|pay period)$/.test(w)) return { period: 'biweek', factor: 1 };
  if (/^(?:weeks?|wks?|weekly|per week)$/.test(w)) return { period: 'week', factor: 1 };
  if (/^(?:days?|daily|per day)$/.test(w)) return { period: 'day', factor: 1 };
  return null;
}

/**
 * The period a figure of this size most likely is when none is written. Boundaries follow the
 * plausible-wage bounds: an hourly wage is at most 150, an annual salary at least 15,000.
 */
export function inferPeriod(value: number): PayPeriod {
  if (value <= 150) return 'hour';
  if (value < 400) return 'day';
  if (value < 1000) return 'week';
  if (value < 15_000) return 'month';
  return 'year';
}

/** The window of text before `start` that still belongs to the figure: its sentence, plus a label line above it. */
function beforeWindow(text: string, floor: number, start: number): string {
  let window = text.slice(Math.max(floor, start - 90), start);
  SENTENCE_END.lastIndex = 0;
  let cut = -1;
  for (let m = SENTENCE_END.exec(window); m !== null; m = SENTENCE_END.exec(window)) cut = m.index + m[0].length;
  if (cut > 0) window = window.slice(cut);
  // A label on the line above ("Pay Range\n$18 - $22") belongs to the figure; two lines up does not.
  const lastNl = window.lastIndexOf('\n');
  if (lastNl >= 0) {
    const prevNl = window.lastIndexOf('\n', lastNl - 1);
    if (prevNl >= 0) window = window.slice(prevNl + 1);
  }
  return window;
}

function afterWindow(text: string, end: number, ceiling: number): string {
  let window = text.slice(end, Math.min(ceiling, end + 60));
  const nl = window.indexOf('\n');
  if (nl >= 0) window = window.slice(0, nl);
  SENTENCE_END.lastIndex = 0;
  const m = SENTENCE_END.exec(window);
  if (m) window = window.slice(0, m.index);
  return window;
}

function lastIndexOf(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let last = -1;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) last = m.index;
  return last;
}

function firstIndexOf(re: RegExp, s: string): number {
  re.lastIndex = 0;
  const m = re.exec(s);
  return m ? m.index : -1;
}

function isYearLike(t: Token): boolean {
  return !t.dollar && !t.k && Number.isInteger(t.value) && t.value >= 1900 && t.value <= 2100;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Every pay candidate of a text, in text order, with its score. `mode` is `field` for a source's
 * pay text (short, about pay by definition) and `description` for a whole posting.
 */
export function findPayCandidates(input: string, mode: 'field' | 'description'): PayCandidate[] {
  const text = prepare(input);
  const tokens = tokenize(text);
  const out: PayCandidate[] = [];
  let prevEnd = 0;
  for (let i = 0; i < tokens.length; ) {
    const t1 = tokens[i] as Token;
    const t2 = tokens[i + 1];
    let lo = t1.value;
    let hi = t1.value;
    let last = t1;
    let isRange = false;
    const before = beforeWindow(text, prevEnd, t1.start);
    // The window reaches back to the previous figure (no sentence, label line or distance cut).
    const fromPrevious = i > 0 && before.length === t1.start - prevEnd;
    if (t2 !== undefined) {
      const between = text.slice(t1.end, t2.start);
      if (RANGE_SEP.test(between) && (!/\band\s*(?:USD\s*)?$/i.test(between) || BETWEEN_BEFORE.test(before))) {
        let a = t1.value;
        let b = t2.value;
        // "45-55K": the K written once applies to both figures.
        if (t2.k && !t1.k && a < 1000 && b >= 1000) a *= 1000;
        if (t1.k && !t2.k && b < 1000 && a >= 1000) b *= 1000;
        const small = Math.min(a, b);
        const big = Math.max(a, b);
        if (small > 0 && big / small <= 5) {
          lo = small;
          hi = big;
          last = t2;
          isRange = true;
        }
      }
    }
    i += isRange ? 2 : 1;
    const start = t1.start;
    const nextStart = tokens[i]?.start ?? text.length;
    const after = afterWindow(text, last.end, nextStart);
    const floor = prevEnd;
    prevEnd = last.end;

    const dollar = t1.dollar || last.dollar;
    const kSuffix = t1.k || last.k;
    if (!isRange && isYearLike(t1)) continue;
    // "20-40 hours", "ages 14-24 years": counts, unless written as money.
    if (!dollar && !kSuffix && QUANTITY_AFTER.test(after)) continue;
    if (!dollar && !kSuffix && isRange && QUANTITY_AFTER.test(text.slice(t1.end, t2?.start ?? t1.end).replace(/^\s*/, ''))) continue;

    // Period: written after the figures, or on the first figure of a range, or just before.
    let periodWord: string | null = null;
    let periodEnd = last.end;
    const pa = PERIOD_AFTER.exec(after);
    if (pa) {
      periodWord = pa[1] ?? pa[2] ?? null;
      periodEnd = last.end + pa[0].length;
    } else if (isRange) {
      const pb = PERIOD_AFTER.exec(text.slice(t1.end, t2?.start ?? t1.end));
      if (pb) periodWord = pb[1] ?? pb[2] ?? null;
    }
    if (periodWord === null) {
      const pbefore = PERIOD_BEFORE.exec(before);
      if (pbefore) periodWord = pbefore[1] ?? null;
    }
    const stated = periodWord === null ? null : periodFromWord(periodWord);
    if (stated === null && PIECE_RATE_AFTER.test(after)) continue;

    const afterPeriod = after.slice(Math.max(0, periodEnd - last.end));
    const bare = !dollar && !kSuffix && stated === null;
    const cueNear = STRONG_CUE_NEAR.test(before);
    // A bare number (no $, no K, no period, no cue right before it) is not money in a description.
    // Most numbers of a description ("since 1978", "within 24 hours", "11 paid holidays") end
    // here, before the context scans; all that is left to decide is whether a classification
    // code keeps its place in the next figure's context (below).
    if (bare && !cueNear && mode === 'description') {
      if (GRADE_BEFORE.test(before) && wageCueBefore(before, afterPeriod, fromPrevious) !== null) prevEnd = floor;
      continue;
    }
    // Context: the nearer of a wage cue and a non-wage word decides.
    const cueBefore = wageCueBefore(before, afterPeriod, fromPrevious);
    if (cueBefore === null) continue;

    // A classification number ("Salary Grade: 22 ($52,112 - $68,400)") is a code, not the wage.
    // The code stays part of the next figure's context: "Grade 14 ($42,000 - $56,000)" is a grade's pay.
    if (bare && GRADE_BEFORE.test(before)) {
      prevEnd = floor;
      continue;
    }
    if (bare && !cueNear && QUANTITY_BEFORE.test(before)) continue;

    let min: number | null = lo;
    let max: number | null = hi;
    if (!isRange) {
      const tail = text.slice(periodEnd, periodEnd + 20);
      if (MAX_BEFORE.test(before)) min = null;
      else if (MIN_BEFORE.test(before) || t1.plus || text.charCodeAt(periodEnd) === 43 || MIN_AFTER_WORDS.test(tail)) max = null;
    }
    let period: PayPeriod;
    let inferred = false;
    if (stated) {
      period = stated.period;
      if (stated.factor !== 1) {
        min = min === null ? null : round2(min * stated.factor);
        max = max === null ? null : round2(max * stated.factor);
      }
    } else {
      period = inferPeriod(hi);
      inferred = true;
    }

    let score = 0;
    if (dollar) score += 2;
    if (stated) score += 3;
    if (cueBefore >= 0) score += cueNear ? 3 : 2;
    if (isRange) score += 1;
    if (kSuffix) score += 1;
    const end = Math.max(periodEnd, last.end);
    out.push({
      min,
      max,
      period,
      currency: 'USD',
      inferred,
      grade: null,
      text: input.slice(start, end).trim(),
      start,
      end,
      score,
    });
  }
  return mergeOpenEnds(out, text);
}

/**
 * Where the last wage cue before a figure starts (-1 for none), or null when a non-wage word
 * nearer to the figure than any cue ("sign-on bonus", "tuition", "401(k)") makes it something
 * other than the wage: before it (unless the word belongs to the previous figure), or right after
 * its period in the same clause ("$500 sign-on bonus").
 */
function wageCueBefore(before: string, afterPeriod: string, fromPrevious: boolean): number | null {
  const negBefore = lastIndexOf(NEGATIVE, before);
  const cueBefore = lastIndexOf(CUE, before);
  if (negBefore >= 0 && negBefore > cueBefore && !qualifiesPrevious(before, negBefore, fromPrevious)) return null;
  const negAfter = firstIndexOf(NEGATIVE, afterPeriod);
  if (negAfter >= 0 && negAfter <= 40) {
    const gap = afterPeriod.slice(0, negAfter);
    const cueAfter = firstIndexOf(CUE, afterPeriod);
    if ((cueAfter < 0 || negAfter < cueAfter) && NEGATIVE_AFTER_GAP.test(gap) && !NEGATIVE_AFTER_JOINER.test(gap)) return null;
  }
  return cueBefore;
}

/**
 * "$500 sign-on bonus, $19/hr": the bonus word names the figure before it, not this one. A
 * non-wage word qualifies the previous figure when the window starts right after that figure,
 * the word follows it within its own clause, and a comma, "and" or "plus" then separates it from
 * this figure. `fromPrevious` says whether the window starts at the previous figure.
 */
const CLAUSE_BREAK = /[,;\n]|\b(?:and|plus|but)\b/i;
function qualifiesPrevious(before: string, negAt: number, fromPrevious: boolean): boolean {
  if (!fromPrevious || negAt > 40) return false;
  if (CLAUSE_BREAK.test(before.slice(0, negAt))) return false;
  return CLAUSE_BREAK.test(before.slice(negAt));
}

/** "Starting at $18/hr, up to $22/hr DOE": a lone minimum followed closely by a lone maximum is one range. */
function mergeOpenEnds(cands: PayCandidate[], text: string): PayCandidate[] {
  const out: PayCandidate[] = [];
  for (let i = 0; i < cands.length; i++) {
    const a = cands[i] as PayCandidate;
    const block = a.max === null && a.min !== null ? labelledBlockEnd(cands, i, text) : -1;
    const j = block >= 0 ? block : i + 1;
    const b = cands[j];
    if (
      b !== undefined &&
      a.max === null &&
      a.min !== null &&
      b.min === null &&
      b.max !== null &&
      (block >= 0 || (b.start - a.end <= 40 && !text.slice(a.end, b.start).includes('\n'))) &&
      (a.period === b.period || a.inferred || b.inferred) &&
      b.max >= a.min
    ) {
      const period = a.inferred ? b.period : a.period;
      out.push({
        ...a,
        max: b.max,
        period,
        inferred: a.inferred && b.inferred,
        end: b.end,
        text: block >= 0 ? text.slice(a.start, b.end).replace(/\s+/g, ' ').trim() : `${a.text ?? ''} ${b.text ?? ''}`.trim(),
        // A table of labelled minimum and maximum is a pay statement in itself.
        score: Math.max(a.score, b.score) + (block >= 0 ? 3 : 1),
      });
      i = j;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * Pay tables as public employers print them, one labelled figure a line:
 *   Minimum: $37,440 / Midpoint: $46,800 / Maximum: $56,160
 * Returns the index of the "Maximum" candidate that closes a block opened by candidate `i` on a
 * "Minimum" line, with at most one "Midpoint"/"Market" line between, or -1.
 */
const MIN_LINE = /(?:^|\n)[ \t*•-]*(?:min(?:imum)?|low|entry)(?:\s+(?:pay|salary|rate|annual|hourly))?\s*[:=-]?\s*$/i;
const MAX_LINE = /^\s*\n[ \t*•-]*(?:max(?:imum)?|high|top)(?:\s+(?:pay|salary|rate|annual|hourly))?\s*[:=-]?\s*$/i;
const MID_LINE = /^\s*\n[ \t*•-]*(?:mid(?:point|dle)?|market(?:\s+rate)?|control\s+point)(?:\s+(?:pay|salary|rate))?\s*[:=-]?\s*$/i;
function labelledBlockEnd(cands: PayCandidate[], i: number, text: string): number {
  const a = cands[i] as PayCandidate;
  if (!MIN_LINE.test(text.slice(Math.max(0, a.start - 40), a.start))) return -1;
  let prevEnd = a.end;
  for (let j = i + 1; j <= i + 2 && j < cands.length; j++) {
    const c = cands[j] as PayCandidate;
    const gap = text.slice(prevEnd, c.start);
    if (gap.length > 40) return -1;
    if (MAX_LINE.test(gap)) return j;
    if (!MID_LINE.test(gap)) return -1;
    prevEnd = c.end;
  }
  return -1;
}

const PER_YEAR: Readonly<Record<PayPeriod, number>> = { hour: 2080, day: 260, week: 52, biweek: 26, month: 12, year: 1 };

/** Annual value of a figure in a candidate's period, to compare two statements of the same pay. */
function annualOf(v: number | null, c: PayParse): number | null {
  return v === null ? null : v * PER_YEAR[c.period];
}

function close(x: number | null, y: number | null): boolean {
  if (x === null || y === null) return x === y;
  return x > 0 && y > 0 && Math.abs(x - y) / Math.max(x, y) <= 0.03;
}

/** Two statements of one pay: the same ends (annualised within 3%), in different periods. */
function equivalent(a: PayParse, b: PayParse): boolean {
  if (a.period === b.period) return false;
  return close(annualOf(a.max ?? a.min, a), annualOf(b.max ?? b.min, b)) && close(annualOf(a.min, a), annualOf(b.min, b));
}

const FIELD_MIN_SCORE = 0;
const DESCRIPTION_MIN_SCORE = 5;

/**
 * Picks the wage among candidates: plausible ones first, then the highest score. When other
 * accepted candidates state the same pay in another period ("$3,500 - $4,200 per month
 * ($20.19 - $24.23 per hour)", NEOGOV's "Hourly / Annually" pairs), one statement is kept
 * consistently: the hourly one when one of them is a stated hourly figure (hourly is the unit
 * peers compare and the base of our statistics), otherwise the one the posting leads with.
 */
function pick(cands: PayCandidate[], minScore: number, allowImplausible: boolean): PayCandidate | null {
  let best: PayCandidate | null = null;
  let bestPlausible = false;
  for (const c of cands) {
    if (c.score < minScore) continue;
    const plausible = isPlausiblePay(c);
    if (!plausible && !allowImplausible) continue;
    if (best === null || (plausible && !bestPlausible) || (plausible === bestPlausible && c.score > best.score)) {
      best = c;
      bestPlausible = plausible;
    }
  }
  if (best === null) return null;
  let first: PayCandidate = best;
  let hourly: PayCandidate | null = best.period === 'hour' && !best.inferred ? best : null;
  for (const c of cands) {
    if (c === best || c.score < minScore || isPlausiblePay(c) !== bestPlausible || !equivalent(c, best)) continue;
    if (c.start < first.start) first = c;
    if (hourly === null && c.period === 'hour' && !c.inferred) hourly = c;
  }
  return hourly ?? first;
}

function strip(c: PayCandidate, grade: string | null): PayParse {
  return { min: c.min, max: c.max, period: c.period, currency: c.currency, inferred: c.inferred, grade, text: c.text };
}

/**
 * Parses a source's pay text ("$18.50 - $22.00/hr", "45K-55K", "Up to $25 an hour"). Returns
 * null when there is no figure (including "DOE", "Competitive", "Commensurate with experience").
 * Never throws.
 */
export function parsePayText(text: string): PayParse | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  const best = pick(findPayCandidates(text, 'field'), FIELD_MIN_SCORE, true);
  return best === null ? null : strip(best, findPayGrade(text));
}

/**
 * Finds the wage in a posting's description text. Stricter than {@link parsePayText}: a figure
 * needs a `$` with a period or a pay cue, and implausible figures are skipped (a description
 * mentions budgets, bonuses and grants; those are not a published wage).
 */
export function findPayInDescription(text: string): PayParse | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  const best = pick(findPayCandidates(text, 'description'), DESCRIPTION_MIN_SCORE, false);
  return best === null ? null : strip(best, null);
}
