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
// Dashes become "-" and odd spaces " ": one scan for both (the two sets do not overlap).
// (Folding the phone and date scan below into this one was tried: one alternation scans no
// faster than the two regexes, docs/decisions/092.)
const DASHES_OR_ODD_SPACES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\t\r\f\v]/g;
const DASH = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
// Phone numbers would otherwise read as "555-1234" ranges, and calendar dates ("03/01/2026",
// "2026-03-01") are not figures either: both are blanked out, in one scan. (A JavaScript
// character loop that looks for where a match could start is slower than the regex scan.)
const PHONE_OR_DATE = /\(?\b\d{3}\)?[-.\s]\d{3}[-.]\d{4}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/g;
/**
 * "January 1, 2024": only a pay field needs it blanked (a description drops bare numbers before
 * their context is read, so a day of the month never reaches the wage rules there).
 */
const MONTH_DATE =
  /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}\b)?/g;

/**
 * One money-looking number. With a currency sign, the thousands separator may be followed by a
 * space as scraped ("$49, 026.00"); without one it may not, or "ages 18, 250 clients" would read
 * as 18,250.
 */
const MONEY =
  /(?:(\$|US\$|USD|£|€|GBP|EUR)\s{0,2}(\d{1,3}(?:,\s?\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)|(?<![\w.,$£€/#]|\b[A-Za-z]+-)(?!0\d)(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?))(?!\.?\d|,\d)(?:\s?([kK])(?![a-zA-Z]))?(?:\s?(USD\b|usd\b|dollars\b|\$(?!\s?\d)|GBP\b|EUR\b|AUD\b|CAD\b|NZD\b))?/g;

/** Blank lines, then a line that starts with a period word ("per hour", "Hourly", "Annually"). */
const PERIOD_BELOW = /^(?:\n[ \t]*){1,3}(?:(?:pay\s+)?(?:frequency|period|basis|unit)\s*:?\s*)?(?:(?:per|an?|\/)\s*(?:hours?|hr|years?|yr|annum|months?|weeks?|days?|pay\s+period)|hourly|annually|annual|yearly|monthly|bi-?weekly|weekly|daily|semi-?monthly)\b[ \t.)]*(?=\n|$)/i;

const FREQUENCY_BELOW = /^[ \t]*(?:\n[ \t]*){1,3}(?:pay\s+)?(?:frequency|period|basis|unit)\s*:?\s*(annually|annual|yearly|monthly|bi-?weekly|weekly|daily|semi-?monthly)\b/i;

/** Text allowed between the two figures of a range; the first figure may carry its own period ("$20/hr to $24/hr"). */
const RANGE_SEP =
  /^\s*(?:(?:\/\s*|per\s+|an?\s+)?(?:hour|hr|year|yr|month|mo|week|wk)\b\.?|hourly|annually|usd)?\s*(?:-{1,2}|to\s*-|to|through|thru|and|(?:(?:,|and)\s*(?:then\s+)?)?(?:rising|rises|increasing|increases|progressing)\s+to)\s*(?:(?:just\s+)?(?:over|under|about|around|approximately|more\s+than|less\s+than)\s+)?(?:USD\s*)?$/i;
const BETWEEN_BEFORE = /\bbetween\s*$/i;
const AND_END = /\band\s*(?:USD\s*)?$/i;

const PERIOD_AFTER =
  /^\+?\s*(?:USD|usd|dollars)?\s*\(?\s*(?:(?:\/\s*(?:per\s+)?|per\s+|an?\s+|each\s+|every\s+)(hours?|hrs?|h|years?|yrs?|annum|months?|mos?|mths?|weeks?|wks?|days?|two\s+weeks|other\s+week|pay\s+period)|(?:\/\s*)?(hourly|annually|annual|yearly|monthly|weekly|bi-?weekly|bi-?monthly|semi-?monthly|daily|hr|yr|wk|mo|p\.\s?a\.|p\.\s?h\.|p\/hr?))(?![a-z])\.?\)?/i;
const PERIOD_BEFORE =
  /\b(hourly|per\s+hour|an\s+hour|annual(?:ly)?|yearly|per\s+year|per\s+annum|monthly|per\s+month|bi-?weekly|semi-?monthly|weekly|per\s+week|daily|per\s+day|(?:full|half)[- ]day)\b[^$\d.;]{0,30}$/i;
/** What may stand between the previous figure and a period word that is that figure's: spaces, "/", "-". */
const PREVIOUS_FIGURES_PERIOD = /^[\s/-]*$/;
/** `s` from `from` on holds only spaces, line breaks and colons. */
function blankOrColonFrom(s: string, from: number): boolean {
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c !== 58 /* : */ && !isRegexSpace(c)) return false;
  }
  return true;
}
const DAY_PART = /^(?:full|half)/i;
/** A period word glued to the capital that starts the next word (case-sensitive: "yearlyENVIRONMENTAL", "HourlyLocation"). */
const GLUED_PERIOD_AFTER = /^[ \t]*(?:\/[ \t]*)?([Hh]ourly|[Aa]nnually|[Yy]early|[Mm]onthly|[Bb]i-?[Ww]eekly|[Ww]eekly|[Dd]aily)(?=[A-Z])/;
/** GLUED_PERIOD_AFTER's first characters past spaces: "/" and its period words' first letters. */
const GLUED_PERIOD_LEADS = leads('/haymbwd', true);

/**
 * A period adjective on a pay noun earlier in the sentence ("Weekly earnings ... range between
 * $2,100 and $2,500", "the annual salary for this role is set at $52,000"): the figures are in
 * that period, though no period word follows them (docs/decisions/093).
 */
const PERIOD_NOUN_BEFORE =
  /\b(hourly|annual|yearly|monthly|bi-?weekly|semi-?monthly|weekly|daily)\s+(?:base\s+)?(?:pay|earnings|salary|salaries|wages?|rate|income|compensation|gross)\b[^$\d.;\n]{0,70}$/i;

const MAX_BEFORE =
  /\b(?:up\s+to|as\s+(?:much|high)\s+as|max(?:imum)?(?:\s+(?:of|is))?|not\s+to\s+exceed|no\s+more\s+than|top\s+of\s+(?:the\s+)?range|(?:just\s+)?under|less\s+than)\s*:?\s*(?:(?:about|approximately|approx\.?|around|roughly|nearly)\s+)?$/i;
const MIN_BEFORE =
  /\b(?:start(?:ing|s)?(?:\s+(?:at|from|pay|wage|wages|salary|rate|hourly|base|out))*(?:\s+(?:of|is|at|would\s+be|will\s+be))?|from|min(?:imum)?(?:\s+(?:of|is))?|at\s+least|beginning\s+at|no\s+less\s+than|over|(?<!\bjust\s)more\s+than)\s*:?\s*$/i;
/**
 * A starting salary with words between (docs/decisions/101): "Starting pay for this position is",
 * "the starting salary ... would be raised to", "starts work as a trainee at step 1A or". Tested
 * only when the text holds "start", apart from MIN_BEFORE, which every lone figure runs.
 */
const STARTING_SALARY_BEFORE =
  /\b(?:start(?:ing)?\s+(?:pay|wages?|salar(?:y|ies)|rates?)\b[^$\d.;\n]{0,60}?\b(?:(?:is|are|was|will|would|to|be|been)\s+(?:(?:be|being|now)\s+)?(?:raised|increased|rais(?:e|ing)|increas(?:e|ing)|set|go(?:ing)?\s+up|bumped)\s+to|(?:is|are|was|will\s+be|would\s+be)(?:\s+set\s+at)?)|starts?\s+(?:work\s+)?[^$\d.;\n]{0,60}?\bat\s+(?:step\s+\w{1,3}\s*(?:or|,|-|\()\s*)?)\s*:?\s*$/i;
function saysStarting(before: string): boolean {
  return (before.includes('tart') || before.includes('TART')) && STARTING_SALARY_BEFORE.test(before);
}
const MIN_AFTER_WORDS = /^\s*(?:and\s+(?:up|above|higher)|or\s+(?:more|higher|above)|starting(?!\s+(?:date|on|in)\b)|to\s+(?:start|begin)|start(?!\s+(?:date|on|in|time)\b))\b/i;
/**
 * A figure paid per something other than time is a piece rate or a reimbursement, not a wage:
 * "$150 per case review", "$40/session", "$0.67/mile", "$25 each visit". Read only when no period
 * follows; "per calendar year", "per school year" and "per diem" are left to the period rules.
 */
const PIECE_RATE_AFTER =
  /^\s*(?:\/\s*|per\s+|each\s+)(?!(?:hours?|hrs?|h|years?|yrs?|annum|months?|mos?|mths?|weeks?|wks?|days?|two|other|pay|diem|calendar|fiscal|school|academic|contract|full|standard|work\w*|fte)\b)[a-z]{3,}/i;

/** Words that make a nearby figure something other than the base wage. */
const NEGATIVE =
  /\b(?:(?:hiring|starting|start|recruitment|new[- ]hire|employment|incentive)\s+bonus(?:es)?|sign[- ]?on|signing|retention|referral|bonus(?:es)?|401\s?\(?k\)?|403\s?\(?b\)?|matching|match|loans?|repayment|forgiveness|tuition|reimburse(?:ment|ments|d)?|stipends?|differentials?|diff|allowances?|mileage|per\s+mile|incentives?|gift\s+cards?|relocation|scholarships?|grants?(?![- ]funded)|budget|revenue|funding|raises?|increases?|premiums?|deductibles?|copays?|fees?|costs?|donat\w*|life\s+insurance|award(?:s|ed)?|contribut\w*|fund|hsa|fsa|million|billion|worth|savings|discounts?|wellness|education\s+assistance|packaging|sacrific\w*|tax[- ]free|tax\s+(?:benefits?|savings?|concessions?|exempt\w*|deductible)|fringe\s+benefits?|expenses?|lump[- ]sums?|one[- ]time\s+payments?|bilingual|extra|on-?call\s+pay|overtime|holiday\s+pay|per\s+visit|per\s+session|per\s+shift|per\s+unit|per\s+client|per\s+trip|per\s+diem\s+rate)\b/gi;
/**
 * More non-wage words (docs/decisions/101): insurance coverage and payments in lieu of it, health
 * and welfare contributions, salary thresholds, visa sponsorship, a benefit provided up to a cap.
 * Kept apart from NEGATIVE and run only when the text holds one of their stems (see
 * {@link mayHoldMoreNegative}), so the scan every figure pays stays as long as it was.
 */
const NEGATIVE_MORE = /\b(?:in[- ]lieu|coverage|health\s*(?:&|and)\s*welfare|thresholds?|sponsorship|provid(?:es|ed|ing)\s+(?:up\s+to|as\s+much\s+as))\b/gi;
function mayHoldMoreNegative(s: string): boolean {
  return MORE_NEGATIVE_STEMS.test(s);
}
/** The stems of NEGATIVE_MORE's words, case as written: one regex scan, not six `includes` (docs/decisions/106). */
const MORE_NEGATIVE_STEMS = /lieu|overage|elfare|hreshold|ponsor|rovid/;
/** Words that say a nearby figure is the wage ("salary packaging" and "salary sacrifice" are tax benefits, not the salary). */
const CUE =
  /\b(?:(?<!\b(?:bonus|bonuses|incentive|differential|premium|hazard|retention|referral|overtime|holiday|stipend|allowance|longevity|merit|standby|call-?back|sign-?on|signing|bilingual|bi-lingual|loyalty|language)[ \t]{1,2})(?:pay|pays|paying|rate|compensation)|salary(?!\s+(?:packag|sacrific))|salaries|wages?|comp|range(?!\s+(?:from|between)\b)|earn(?:ing|s)?|hourly|annual(?:ly)?|monthly|yearly|weekly|bi-?weekly|start(?:ing)?(?!\s+(?:bonus|incentive))|base|hiring(?!\s+(?:bonus|incentive))|scale|band|grade|step|remuneration|\$?usd)\b/gi;
const STRONG_CUE_NEAR = /\b(?:pay|salary(?!\s+(?:packag|sacrific))|wages?|rate|compensation|remuneration|range|hourly|annual|monthly|yearly|weekly|bi-?weekly|starting|earn)\b[^\d$\n]{0,25}$/i;
/** "Pay raises to $17/hr", "increases to $21 after certification": a non-wage word that names the wage reached. */
/** A range's separator that says the second figure is the first one raised. */
const RISE_WORD = /\b(?:rising|rises|increasing|increases|progressing)\b/i;
const RISES_TO = /\b(?:increases?|increasing|raises?|rising|rises|progressing|goes\s+up)\s+(?:to|up\s+to)\s*:?\s*$/i;
/** Figures followed by these are counts, not money. */
const QUANTITY_AFTER =
  /^\s*(?:\+\s*)?(?:hours?|hrs?|days?|weeks?|months?|years?|yrs?|clients?|people|persons|individuals|participants|youth|adults|beds|miles|minutes|mins|%|percent|credits?|ceus?|times|students|staff|employees|locations|counties|sites|programs|sessions|calls|members|families|or\s+older|years?\s+old|yo|-year|th|st|nd|rd)(?![a-z])/i;
const QUANTITY_BEFORE = /\b(?:ages?|aged|grades?|hours?|within|serving|serves|over|caseload|ratio|room|suite|ste|unit|box|route|highway|hwy|i-|level|phase|section|chapter|title|code|zip|ext|extension|x)\s*[:#]?\s*$/i;
/** A number right after these is a classification code ("Pay Grade: 14", "Step 3", "Band 22"), never a wage, whatever cue precedes it. */
const GRADE_BEFORE = /\b(?:grades?|band|step|level|class|tier|range\s+(?:no\.?|number|#)|GS|GG|WG|WS|WL|GM|GL)\s*(?:no\.?\s*)?[:#-]?\s*$/i;
/**
 * A non-wage word after the figures qualifies them only when it follows closely with nothing
 * that starts a new thought in between: "$2.00/hr shift differential", "$500 sign-on bonus",
 * "$5,000 in student loan repayment"; not "$18 an hour, with increases at 6 and 12 months" or
 * "$19.25 per hour plus night differential", where the word is about something else.
 */
const NEGATIVE_AFTER_GAP = /^[^,;:+&]*$/;
const NEGATIVE_AFTER_JOINER = /\b(?:plus|with|and|after|then|including|includes|incl|inclusive|in addition)\b/i;
const SENTENCE_END = /[.!?]\s+(?=[A-Z(•*-])|[;•|]|\n\s*\n/g;

export interface PayCandidate extends PayParse {
  start: number;
  end: number;
  score: number;
  /** Written with a K ("44k - 48k"): the rounded shorthand of estimates and board headers. */
  shorthand?: boolean;
}

interface Token {
  start: number;
  end: number;
  value: number;
  dollar: boolean;
  k: boolean;
  /** Set when a "+" is glued to the figure ("$18+"). */
  plus: boolean;
  /** ISO code of a currency sign other than the dollar (£, €), else USD. */
  currency: string;
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

/**
 * A space as the thousands separator, as some boards print money ("$44 117 - 77 955 per year"):
 * after a currency sign, and on the second figure of such a range. Replaced by a comma (same
 * length, so offsets stay valid).
 */
const SPACED_THOUSANDS = /(\$ ?\d{1,3}) (\d{3})(?![\d,.]\d)(?:(\s?(?:-|to)\s?\$? ?)(\d{1,3}) (\d{3})(?![\d,.]\d))?/g;

/**
 * European-format money, as translated mirrors of US postings print it ("62.970,00 $"): the
 * separators are swapped (same length) so the figure reads as 62,970.00.
 */
const EUROPEAN_MONEY = /\b(\d{1,3}(?:\.\d{3})+),(\d{2})(?=\s?(?:\$|€|USD|EUR))/g;
/** The same with the sign before the figure, as Portuguese and German mirrors print it ("US$ 57.187,00"; docs/decisions/103). */
const EUROPEAN_MONEY_AFTER_SIGN = /([$€]|USD|EUR)(\s{0,2})(\d{1,3}(?:\.\d{3})+),(\d{2})(?![\d.,])/g;

function prepare(text: string, mode: 'field' | 'description'): string {
  let out = text.replace(DASHES_OR_ODD_SPACES, dashOrSpace).replace(PHONE_OR_DATE, blank);
  if (out.includes(',') && (out.includes('$') || out.includes('€'))) {
    out = out.replace(EUROPEAN_MONEY, europeanToUs);
    if (hasEuropeanCents(out)) out = out.replace(EUROPEAN_MONEY_AFTER_SIGN, europeanAfterSignToUs);
  }
  if (mode === 'field') out = out.replace(MONTH_DATE, blank);
  if (hasSpacedThousands(out)) {
    out = out.replace(SPACED_THOUSANDS, spacedToCommas);
  }
  if (out.includes('$')) out = unglueFields(out);
  return out;
}

/**
 * Fields run together by a page whose line breaks were lost, put apart again (same length, so
 * offsets stay valid; docs/decisions/103): a currency code glued to the label before a "$"
 * figure ("MinUSD $20.00", "MaxUSD $25.00") is blanked, so the label reads as "Min"; and the
 * dot of a period word glued to the next field's label ("$20.00/Hr.Bonus$2,500") becomes a line
 * break, so the bonus field does not qualify the wage before it.
 */
function unglueFields(text: string): string {
  let out = text;
  if (hasGluedCode(out)) out = out.replace(GLUED_CODE_BEFORE_SIGN, blank);
  if (hasGluedPeriodDot(out)) out = out.replace(GLUED_PERIOD_DOT, '\n');
  if (hasIlingual(out)) out = out.replace(BILINGUAL_RATE, bilingualRate);
  return out;
}
/**
 * `text.includes('ilingual')`, found from its rarer tail: "gual" is looked up and "ilin" checked
 * before it. A search keyed on a frequent first letter ("i") stops at every "i" of the text.
 */
function hasIlingual(text: string): boolean {
  for (let at = text.indexOf('gual', 4); at >= 0; at = text.indexOf('gual', at + 4)) if (text.startsWith('ilin', at - 4)) return true;
  return false;
}
/**
 * "$25/ $26 bilingual", "$27 or $28 bilingual": the second rate of a pair named after it is the
 * rate for bilingual staff, a level of the scale (DOMAIN.md: several rates, one range), not
 * bilingual pay on top of the wage ("$1.00/hr bilingual differential", "Bilingual Pay - $100 per
 * month", decision 093). The word is blanked when the rate is at or above the first and less than
 * a quarter more, and no pay noun follows it.
 */
const BILINGUAL_RATE =
  /\$[ \t]?(\d{1,3}(?:,\d{3})*(?:\.\d\d)?)(?:[ \t]*\/[ \t]*(?:hr|hour))?[ \t]*(?:\/|or)[ \t]*\$[ \t]?(\d{1,3}(?:,\d{3})*(?:\.\d\d)?)(?:[ \t]*\/[ \t]*(?:hr|hour))?[ \t]+(bilingual)\b(?![ \t]+(?:pay|differential|premium|stipend|bonus|incentive|supplement|allowance|add|extra))/gi;
function bilingualRate(whole: string, first: string, second: string, word: string): string {
  const a = toNumber(first);
  const b = toNumber(second);
  return b >= a && b < a * 1.25 ? whole.slice(0, whole.length - word.length) + ' '.repeat(word.length) : whole;
}
/**
 * Whether GLUED_PERIOD_DOT can match: some "$" is followed within 30 characters by a "/" or "per",
 * then a dot with a capital letter right after it. The text's few "$" are found with `indexOf`.
 */
function hasGluedPeriodDot(text: string): boolean {
  for (let at = text.indexOf('$'); at >= 0; at = text.indexOf('$', at + 1)) {
    const end = Math.min(text.length - 1, at + 30);
    for (let k = at + 2; k < end; k++) {
      if (text.charCodeAt(k) !== 46 /* . */) continue;
      const next = text.charCodeAt(k + 1);
      if (next >= 65 && next <= 90) return true;
    }
  }
  return false;
}
/** Whether GLUED_CODE_BEFORE_SIGN can match: some "USD" has a "$" right after it, maybe past a space (one scan for both). */
function hasGluedCode(text: string): boolean {
  for (let at = text.indexOf('USD'); at >= 0; at = text.indexOf('USD', at + 3)) {
    const c = text.charCodeAt(at + 3);
    if (c === 36 /* $ */ || (c === 32 && text.charCodeAt(at + 4) === 36)) return true;
  }
  return false;
}
const GLUED_CODE_BEFORE_SIGN = /(?<=[a-z])USD(?=[ \t]{0,2}\$)/g;
const GLUED_PERIOD_DOT = /\.(?=[A-Z][a-z])(?<=(?:\/[ \t]?|per[ \t])(?:[Hh](?:ou)?[Rr]|[Yy](?:ea)?[Rr]|[Mm]o(?:nth)?|[Ww](?:ee)?[Kk]|[Dd]ay)\.)/g;

/**
 * Whether SPACED_THOUSANDS can match: some "$" is followed by an optional space, one to three
 * digits, a space and three digits (its match starts so). The text's few "$" are found with
 * `indexOf`, which is much cheaper than the regex scan it saves for most descriptions.
 */
function hasSpacedThousands(text: string): boolean {
  for (let at = text.indexOf('$'); at >= 0; at = text.indexOf('$', at + 1)) {
    let k = at + 1;
    if (text.charCodeAt(k) === 32) k++;
    const digits = k;
    while (k - digits < 3 && isAsciiDigit(text.charCodeAt(k))) k++;
    if (k === digits || text.charCodeAt(k) !== 32) continue;
    if (isAsciiDigit(text.charCodeAt(k + 1)) && isAsciiDigit(text.charCodeAt(k + 2)) && isAsciiDigit(text.charCodeAt(k + 3))) return true;
  }
  return false;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// Replacement callbacks live at module level: a closure made per call costs a `__name` call
// under tsx each time it is created.
/** Some money figure ends right before ".\n": BROKEN_CENTS can match only there. */
function hasBrokenCents(text: string, tokens: Token[]): boolean {
  for (const t of tokens) if (t.dollar && text.charCodeAt(t.end) === 46 /* . */ && text.charCodeAt(t.end + 1) === 10 /* \n */) return true;
  return false;
}
function joinCents(_whole: string, figure: string, gap: string, cents: string): string {
  return `${figure}${cents}${' '.repeat(gap.length)}`;
}
/** A money figure ending in "." at a line's end, the next line opening with two digits that end there or run on into a period ("47/hour", "60, estimate"). */
const BROKEN_CENTS = /([$£€] ?\d{1,3}(?:,\d{3})*\.)(\n[ \t]*)(\d\d)(?=\/|,\s|[ \t]*(?:per|an?|hourly|annually|monthly|weekly|yearly)\b|[ \t]*(?:\n|$))/g;

function europeanToUs(_whole: string, int: string, cents: string): string {
  return `${int.replace(/\./g, ',')}.${cents}`;
}

/** Whether some "," has ".ddd" right before it and two digits right after it ("57.187,00"). */
function hasEuropeanCents(text: string): boolean {
  for (let at = text.indexOf(','); at >= 0; at = text.indexOf(',', at + 1)) {
    if (at >= 4 && text.charCodeAt(at - 4) === 46 /* . */ && isAsciiDigit(text.charCodeAt(at - 1)) && isAsciiDigit(text.charCodeAt(at + 1)) && isAsciiDigit(text.charCodeAt(at + 2))) return true;
  }
  return false;
}

function europeanAfterSignToUs(_whole: string, sign: string, space: string, int: string, cents: string): string {
  return `${sign}${space}${europeanToUs('', int, cents)}`;
}

function spacedToCommas(_whole: string, a: string, b: string, sep?: string, c?: string, d?: string): string {
  return sep === undefined || c === undefined || d === undefined ? `${a},${b}` : `${a},${b}${sep}${c},${d}`;
}

function dashOrSpace(c: string): string {
  return DASH.test(c) ? '-' : ' ';
}

function blank(match: string): string {
  return ' '.repeat(match.length);
}

/**
 * The value of a figure MONEY matched: digits with thousands separators (a comma, maybe a space
 * after it) and up to two decimals. Read digit by digit, not by `Number` on a copy without the
 * separators: the same value (an integer below 2^53 divided by 10 or 100 is rounded once, as
 * `Number` rounds the decimal), without a string per figure.
 */
function toNumber(digits: string): number {
  let n = 0;
  let scale = 1;
  let fraction = false;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      if (fraction) scale *= 10;
    } else if (c === 46 /* . */) fraction = true;
  }
  return scale === 1 ? n : n / scale;
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
    // Zero is no figure: "$0.00 - $0.00" is an ATS placeholder, and a $0 end broke ranges (a
    // zero bottom read as the top alone, "$0 - $1" -> $1), so re-parsing formatted output drifted.
    if (value === 0) continue;
    const end = m.index + m[0].length;
    // "7a-7p", "2nd", "24x7": a number glued to a word is not money (a "K" was read above).
    if (m[1] === undefined && !k && !endsWithCents(digits) && isGluedToWord(text, end) && !gluedToNextLabel(digits, text, end)) continue;
    // "AUD 74,326", "A$74,326", "C$23.10": another dollar's code or sign right before the figure.
    const other = m[1] === undefined || m[1] === '$' ? otherDollarBefore(text, m.index, m[1] === '$') : null;
    tokens.push({
      start: m.index,
      end,
      value: Math.round(value * 100) / 100,
      dollar: m[1] !== undefined || m[5] !== undefined || other !== null,
      currency: other ?? (m[1] === undefined ? codeAfter(m[5]) : signCurrency(m[1])),
      k,
      plus: text.charCodeAt(end) === 43 /* + */,
    });
  }
  return hasPlaceholderFloor(tokens) ? dropPlaceholderRanges(tokens, text) : tokens;
}

/**
 * "10,877Position Type:": a figure with thousands separators glued to a capitalised word is the
 * end of one field run into the next field's label (a page whose line breaks were lost), not a
 * number glued to a word ("7a-7p", "2nd"). Docs/decisions/103.
 */
function gluedToNextLabel(digits: string, text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  return digits.includes(',') && c >= 65 && c <= 90 && next >= 97 && next <= 122;
}

/**
 * "Salary $1.00 to $150,000.00": an ATS's placeholder range, its floor a token dollar no wage is
 * and its ends far too far apart for one range (decision 010's 5 times). Neither end is the
 * job's pay: both figures are dropped (docs/decisions/103).
 */
function dropPlaceholderRanges(tokens: Token[], text: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i] as Token;
    const b = tokens[i + 1];
    if (b !== undefined && a.dollar && a.value <= PLACEHOLDER_FLOOR && b.value / a.value > 5 && b.value >= 1000 && PLACEHOLDER_SEP.test(text.slice(a.end, b.start))) {
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
/** The highest figure a placeholder floor may be ($1.00, $0.01): no wage in any period. */
const PLACEHOLDER_FLOOR = 1;
const PLACEHOLDER_SEP = /^\s*(?:-{1,2}|to|through|thru)\s*$/i;
function hasPlaceholderFloor(tokens: Token[]): boolean {
  for (const t of tokens) if (t.dollar && t.value <= PLACEHOLDER_FLOOR) return true;
  return false;
}

/** `/\.\d\d$/.test(digits)`, without a regex run per figure. */
function endsWithCents(digits: string): boolean {
  const n = digits.length;
  if (n < 3 || digits.charCodeAt(n - 3) !== 46 /* . */) return false;
  const a = digits.charCodeAt(n - 2);
  const b = digits.charCodeAt(n - 1);
  return a >= 48 && a <= 57 && b >= 48 && b <= 57;
}

/** The currency a sign or code before the figure names: "£", "GBP", "€", "EUR"; "$" and "USD" are the dollar. */
function signCurrency(sign: string): string {
  if (sign === '£' || sign === 'GBP') return 'GBP';
  if (sign === '€' || sign === 'EUR') return 'EUR';
  return 'USD';
}

/**
 * Another dollar named right before a figure: the code "AUD", "CAD" or "NZD" (and up to two
 * spaces) before a bare figure, or "A", "AU", "C", "CA", "NZ" glued to the "$" at `at`. Read by
 * looking back from each figure, so the money scan itself stays as cheap as before.
 */
function otherDollarBefore(text: string, at: number, sign: boolean): string | null {
  let k = at;
  if (!sign) {
    while (k > 0 && at - k < 2 && text.charCodeAt(k - 1) === 32) k--;
    // Most figures have no capital D before them: one comparison ends the look.
    if (k < 3 || text.charCodeAt(k - 1) !== 68 /* D */ || isWordChar(text.charCodeAt(k - 4))) return null;
    const a = text.charCodeAt(k - 3);
    const b = text.charCodeAt(k - 2);
    if (a === 65 /* A */ && b === 85 /* U */) return 'AUD';
    if (a === 67 /* C */ && b === 65 /* A */) return 'CAD';
    if (a === 78 /* N */ && b === 90 /* Z */) return 'NZD';
    return null;
  }
  const c1 = text.charCodeAt(at - 1);
  const c2 = text.charCodeAt(at - 2);
  const c3 = text.charCodeAt(at - 3);
  if (c1 === 65 /* A */) {
    if (!isWordChar(c2)) return 'AUD';
    return c2 === 67 /* C */ && !isWordChar(c3) ? 'CAD' : null;
  }
  if (c1 === 85 /* U */ && c2 === 65 /* A */ && !isWordChar(c3)) return 'AUD';
  if (c1 === 67 /* C */ && !isWordChar(c2)) return 'CAD';
  if (c1 === 90 /* Z */ && c2 === 78 /* N */ && !isWordChar(c3)) return 'NZD';
  return null;
}

function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

/** "12218 - 12882 GBP": an ISO code after the figure names its currency. */
function codeAfter(code: string | undefined): string {
  return code === 'GBP' || code === 'EUR' || code === 'AUD' || code === 'CAD' || code === 'NZD' ? code : 'USD';
}

function isGluedToWord(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return letter && !GLUED_PERIOD.test(text.slice(at, at + 5));
}
const GLUED_PERIOD = /^(?:hrs?|hour|yr|ph|p\/|usd|dollar)/i;

/**
 * The character code of `s` past its leading spaces and tabs (NaN at the end): regexes that
 * start `^[ \t]*` and then need one of a few characters are run only when it is one of them.
 */
function firstPastBlanks(s: string): number {
  let i = 0;
  while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  return s.charCodeAt(i);
}
/** The characters of the regex class `\s`. */
function isRegexSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
/**
 * A table of the ASCII characters a regex's match must start (or end) with, both cases of each
 * letter when the regex ignores case. Indexed by a character code; any other code (NaN at the
 * end of the text, a character of 128 and up) reads as undefined, not 1.
 */
function leads(chars: string, ignoreCase: boolean): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) {
    table[c.charCodeAt(0)] = 1;
    if (ignoreCase) {
      table[c.toLowerCase().charCodeAt(0)] = 1;
      table[c.toUpperCase().charCodeAt(0)] = 1;
    }
  }
  return table;
}
/**
 * RANGE_SEP's first characters past its leading spaces: a period ("/hr", "per", "an", "hour",
 * "year", "month", "week", "hourly", "annually", "usd") or, without one, the separator it needs
 * ("-", "to", "through", "thru", "and", "rising to", "increasing to", "progressing to", ", rising to").
 */
const RANGE_SEP_LEADS = leads('/phaymwu-tari,', true);
/** QUANTITY_AFTER's: "+", the first letters of its count words, "%" and "-year". */
const QUANTITY_LEADS = leads('+hdwmycpiab%tself-onr', true);
/** PERIOD_AFTER's: "+", "USD"/"dollars", "(", "/" and the first letters of its period words. */
const PERIOD_AFTER_LEADS = leads('+ud(/paehymwbs', true);
/** The characters GRADE_BEFORE's match can end with, past its trailing spaces: [:#-], "no.", or its words' last letters. */
const GRADE_BEFORE_ENDS = leads(':#-.oesdplrgm', true);

/** The code of the first character of text[from, to) that `\s` does not match (NaN when none). */
function leadPastSpaces(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isRegexSpace(text.charCodeAt(i))) i++;
  return i < to ? text.charCodeAt(i) : NaN;
}
/** The code of the last character of `s` that `\s` does not match (NaN when none). */
function lastPastSpaces(s: string): number {
  let i = s.length - 1;
  while (i >= 0 && isRegexSpace(s.charCodeAt(i))) i--;
  return i >= 0 ? s.charCodeAt(i) : NaN;
}
/** AND_END can match only when the text ends with a "d" ("and", "USD") past its spaces. */
function endsWithD(s: string): boolean {
  return (lastPastSpaces(s) | 32) === 100; /* d */
}
/** RISES_TO can match only when the text ends with "to", then maybe spaces, one ":" and spaces. */
function endsWithTo(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && isRegexSpace(s.charCodeAt(i))) i--;
  if (s.charCodeAt(i) === 58 /* : */) {
    i--;
    while (i >= 0 && isRegexSpace(s.charCodeAt(i))) i--;
  }
  return i >= 1 && (s.charCodeAt(i) | 32) === 111 /* o */ && (s.charCodeAt(i - 1) | 32) === 116; /* t */
}
/** FULL_TIME_SALARY_AFTER's first letters, lower-cased with `| 32` (pro rata, FTE, full-time equivalent). */
const FULL_TIME_LEADS: Readonly<Record<number, true>> = { 112: true, 102: true };
/** PIECE_RATE_AFTER's first characters: "/", "per", "each", in either case. */
const PIECE_RATE_LEADS: ReadonlySet<number> = new Set([47, 112, 80, 101, 69]);

/** periodFromWord's answers by word: a few dozen words, read for most figures. */
const PERIOD_OF_WORD = new Map<string, { period: PayPeriod; factor: number } | null>();

function periodFromWord(word: string): { period: PayPeriod; factor: number } | null {
  const known = PERIOD_OF_WORD.get(word);
  if (known !== undefined) return known;
  const period = readPeriodWord(word);
  // Bounded: a word is what PERIOD_AFTER or PERIOD_BEFORE captured, but their spaces may vary.
  if (PERIOD_OF_WORD.size < 512) PERIOD_OF_WORD.set(word, period === null ? null : Object.freeze(period));
  return period;
}

function readPeriodWord(word: string): { period: PayPeriod; factor: number } | null {
  const w = word.toLowerCase().replace(/[\s./]+/g, ' ').trim();
  if (/^(?:hours?|hrs?|h|hourly|per hour|an hour|p ?hr?)$/.test(w)) return { period: 'hour', factor: 1 };
  if (/^(?:years?|yrs?|annum|annual(?:ly)?|yearly|per year|per annum|p ?a)$/.test(w)) return { period: 'year', factor: 1 };
  if (/^(?:semi-?monthly|bi-?monthly)$/.test(w)) return { period: 'month', factor: 2 };
  if (/^(?:months?|mos?|mths?|monthly|per month)$/.test(w)) return { period: 'month', factor: 1 };
  if (/^(?:bi-?weekly|two weeks|other week|pay period)$/.test(w)) return { period: 'biweek', factor: 1 };
  if (/^(?:weeks?|wks?|weekly|per week)$/.test(w)) return { period: 'week', factor: 1 };
  if (/^(?:days?|daily|per day|(?:full|half)[ -]day)$/.test(w)) return { period: 'day', factor: 1 };
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
  // The end of the last sentence end: `test` leaves it in lastIndex and builds no match array
  // (no match is empty, so the loop ends; a failed test resets lastIndex to 0).
  SENTENCE_END.lastIndex = 0;
  let cut = -1;
  while (SENTENCE_END.test(window)) cut = SENTENCE_END.lastIndex;
  if (cut > 0) window = window.slice(cut);
  // A label on the line above ("Pay Range\n$18 - $22") belongs to the figure; two lines up does not.
  const lastNl = window.lastIndexOf('\n');
  if (lastNl >= 0) {
    const prevNl = window.lastIndexOf('\n', lastNl - 1);
    if (prevNl >= 0) window = window.slice(prevNl + 1);
  }
  if (window.trim() === '') {
    // The figure opens its line after a blank line: a short label line above the blank lines
    // still heads it ("SALARY RANGE:\n\n$34,907.00 to $61,678.00").
    const above = blankLinesBefore(text, Math.max(floor, start - 90), start) ? LABEL_ABOVE.exec(text.slice(Math.max(floor, start - 90), start)) : null;
    if (above) return above[0];
    // "| Salary: | $45,000 |": a table's label cell heads the figure in the next cell.
    const cell = afterCellBar(text, start) ? CELL_LABEL.exec(text.slice(Math.max(floor, start - 90), start)) : null;
    if (cell) return cell[1] ?? window;
  }
  return window;
}
/** The figure opens a table cell: a "|" before it, past spaces and tabs only. */
function afterCellBar(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  return text.charCodeAt(k) === 124; /* | */
}
/**
 * A table's label cell ("| Pay rate: |") right before the cell the figure opens; also the first
 * cell of a row written without a leading bar ("Salary | $63,118 |", docs/decisions/103).
 */
const CELL_LABEL = /(?:\||^|\n)([^|\n]{1,60})\|[ \t]*$/;
/** A short line (a label, no sentence end) followed by one to three blank lines, up to the figure. */
const LABEL_ABOVE = /(?:^|\n)([^\n.!?]{1,50})[ \t]*(?:\n[ \t]*){2,4}$/;
/** LABEL_ABOVE can match only when the spaces, tabs and line breaks ending text[from, to) hold two line breaks. */
function blankLinesBefore(text: string, from: number, to: number): boolean {
  let breaks = 0;
  for (let k = to - 1; k >= from; k--) {
    const c = text.charCodeAt(k);
    if (c === 10) {
      if (++breaks >= 2) return true;
    } else if (c !== 32 && c !== 9) return false;
  }
  return false;
}

function afterWindow(text: string, end: number, ceiling: number): string {
  let window = text.slice(end, Math.min(ceiling, end + 60));
  const nl = window.indexOf('\n');
  if (nl >= 0) {
    // "$30.61 - $43.10\n\nper hour": the period on a line of its own right below the figures.
    // Only a line that is the period alone: "Monthly: $3,645" below is another statement.
    const below = nl === 0 || window.slice(0, nl).trim() === '' ? PERIOD_BELOW.exec(text.slice(end + nl, end + nl + 80)) : null;
    if (below && end + nl + below[0].length <= ceiling) {
      // The figures' own line holds nothing more, so the blank lines are no sentence end here.
      return text.slice(end, end + nl + below[0].length);
    }
    window = window.slice(0, nl);
  }
  // `test` builds no match array; where the match started follows from where it ended: the
  // window holds no line break, so it is a single `;`, `•` or `|`, or a `.`, `!` or `?` and the
  // whole run of spaces after it (the lookahead needs a character that is no space).
  SENTENCE_END.lastIndex = 0;
  if (SENTENCE_END.test(window)) {
    let at = SENTENCE_END.lastIndex - 1;
    const c = window.charCodeAt(at);
    if (c !== 59 /* ; */ && c !== 0x2022 /* • */ && c !== 124 /* | */) while (at > 0 && isRegexSpace(window.charCodeAt(at))) at--;
    window = window.slice(0, at);
  }
  return window;
}

function lastIndexOf(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let last = -1;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) last = m.index;
  return last;
}

function lastIndexFrom(re: RegExp, s: string, from: number): number {
  re.lastIndex = from;
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
  let text = prepare(input, mode);
  let tokens = tokenize(text);
  // "$31.\n    47/hour": a figure the page broke after its decimal point; its cents are moved up
  // to it and the line break becomes spaces (same length, 101). Looked for only when a money
  // figure ends right before ".\n", which the tokens show for free.
  if (hasBrokenCents(text, tokens)) {
    text = text.replace(BROKEN_CENTS, joinCents);
    tokens = tokenize(text);
  }
  const out: PayCandidate[] = [];
  let prevEnd = 0;
  let previousRejected = false;
  // The last figure a non-wage word before it (or "add") threw out, while later figures of its
  // list may follow: where it ended and the period stated on it (docs/decisions/101).
  let listEnd = -1;
  let listPeriod: PayPeriod | null = null;
  for (let i = 0; i < tokens.length; ) {
    const t1 = tokens[i] as Token;
    const t2 = tokens[i + 1];
    let lo = t1.value;
    let hi = t1.value;
    let last = t1;
    let isRange = false;
    // The range is a start rate and the rate it rises to ("$37,000 and increases to $43,000").
    let risen = false;
    const first = i === 0;
    const floor = prevEnd;
    // The text before the figure is read only once a figure gets past the cheap exits below
    // (years and counts are most of a description's numbers).
    let beforeText: string | null = null;
    // RANGE_SEP and the other regexes marked with a lead table below are run only when the
    // character their match must start (or end) with is there (docs/decisions/092).
    const sepLead = t2 === undefined ? NaN : leadPastSpaces(text, t1.end, t2.start);
    // A comma leads only ", rising to" (101): short gaps only, so a list's commas cost no slice.
    if (t2 !== undefined && RANGE_SEP_LEADS[sepLead] === 1 && (sepLead !== 44 /* , */ || t2.start - t1.end <= 40)) {
      const between = text.slice(t1.end, t2.start);
      if (RANGE_SEP.test(between) && (!endsWithD(between) || !AND_END.test(between) || BETWEEN_BEFORE.test((beforeText = beforeWindow(text, floor, t1.start))))) {
        let a = t1.value;
        let b = t2.value;
        // "45-55K": the K written once applies to both figures.
        if (t2.k && !t1.k && a < 1000 && b >= 1000) a *= 1000;
        if (t1.k && !t2.k && b < 1000 && a >= 1000) b *= 1000;
        // "$30-50,000": the thousands written once, on the second figure (101).
        if (!t1.k && !t2.k && t1.dollar && Number.isInteger(a) && a < 1000 && b >= 1000 && b % 1000 === 0 && a * 1000 < b && b <= a * 5000 && !between.includes('.')) a *= 1000;
        const small = Math.min(a, b);
        const big = Math.max(a, b);
        if (small > 0 && big / small <= 5) {
          lo = small;
          hi = big;
          last = t2;
          isRange = true;
          risen = RISE_WORD.test(between);
        }
      }
    }
    i += isRange ? 2 : 1;
    const start = t1.start;
    const nextStart = tokens[i]?.start ?? text.length;
    prevEnd = last.end;

    const dollar = t1.dollar || last.dollar;
    const kSuffix = t1.k || last.k;
    if (!isRange && isYearLike(t1)) continue;
    const after = afterWindow(text, last.end, nextStart);
    // The first character past the spaces after the figures: QUANTITY_AFTER, PERIOD_AFTER and
    // PIECE_RATE_AFTER are run only when it is one their match can start with.
    const afterLead = leadPastSpaces(after, 0, after.length);
    // "20-40 hours", "ages 14-24 years": counts, unless written as money.
    if (!dollar && !kSuffix && QUANTITY_LEADS[afterLead] === 1 && QUANTITY_AFTER.test(after)) continue;
    if (!dollar && !kSuffix && isRange && QUANTITY_LEADS[leadPastSpaces(text, t1.end, t2?.start ?? t1.end)] === 1 && QUANTITY_AFTER.test(text.slice(t1.end, t2?.start ?? t1.end).replace(/^\s*/, ''))) continue;
    const before = beforeText ?? beforeWindow(text, floor, t1.start);
    // The window reaches back to the previous figure (no sentence, label line or distance cut).
    const fromPrevious = !first && before.length === t1.start - floor;

    // Period: written after the figures, or on the first figure of a range, or just before.
    let periodWord: string | null = null;
    let periodEnd = last.end;
    let pa = PERIOD_AFTER_LEADS[afterLead] === 1 ? PERIOD_AFTER.exec(after) : null;
    // "Annual salary $39,002.00 Bi-weekly $1,491.88": a period word with nothing but the next
    // figure after it labels that figure, when a period word before this one labels it (101).
    if (pa && tokens[i] !== undefined && last.end + after.length === nextStart && blankOrColonFrom(after, pa[0].length)) {
      const own = PERIOD_BEFORE.exec(before);
      const ownPeriod = own?.[1] === undefined ? null : periodFromWord(own[1]);
      const next = periodFromWord(pa[1] ?? pa[2] ?? '');
      if (ownPeriod !== null && next !== null && ownPeriod.period !== next.period) pa = null;
    }
    // "$86,944.00 yearlyENVIRONMENTAL ...": a period word glued to the capital of the next word.
    const glued = pa === null && GLUED_PERIOD_LEADS[afterLead] === 1 ? GLUED_PERIOD_AFTER.exec(after) : null;
    if (pa) {
      periodWord = pa[1] ?? pa[2] ?? null;
      periodEnd = last.end + pa[0].length;
    } else if (glued) {
      periodWord = glued[1] ?? null;
      periodEnd = last.end + glued[0].length;
    } else if (isRange) {
      const pb = PERIOD_AFTER_LEADS[leadPastSpaces(text, t1.end, t2?.start ?? t1.end)] === 1 ? PERIOD_AFTER.exec(text.slice(t1.end, t2?.start ?? t1.end)) : null;
      if (pb) periodWord = pb[1] ?? pb[2] ?? null;
    }
    // "£22,950 pa": per annum, lower case only ("PA" after a figure may be the state). "£25,000
    // pro rata", "£23,500 FTE": a full-time salary, so a year, for figures no wage per hour can be.
    if (periodWord === null) {
      // Both need a letter first (past spaces and tabs): most figures are followed by none of them.
      const lead = firstPastBlanks(after);
      const perAnnum = (lead === 112 /* p */ ? PER_ANNUM_SHORT.exec(after) : null) ?? (hi >= 1000 && (lead | 32) in FULL_TIME_LEADS ? FULL_TIME_SALARY_AFTER.exec(after) : null);
      if (perAnnum) {
        periodWord = 'annum';
        periodEnd = last.end + perAnnum[0].length;
      } else if (hi >= 1000 && (before.includes('FTE') || before.includes('quivalent')) && FULL_TIME_SALARY_BEFORE.test(before)) {
        // "(FTE £12,886)", "full-time equivalent: $48,500": the full-time salary, a year's (101).
        periodWord = 'annum';
      }
    }
    if (periodWord === null) {
      const pbefore = PERIOD_BEFORE.exec(before) ?? (dollar || kSuffix ? PERIOD_NOUN_BEFORE.exec(before) : null);
      // "$5,661.00 - $7,245.00 monthly / $67,932.80": a period word right after the previous
      // figure is that figure's (101).
      // A "full day" or "half day" before a bare number counts hours ("a half day of 3.75 hours").
      if (pbefore && !(fromPrevious && PREVIOUS_FIGURES_PERIOD.test(before.slice(0, pbefore.index))) && (dollar || !DAY_PART.test(pbefore[1] ?? ''))) periodWord = pbefore[1] ?? null;
    }
    // "$3,581.33 - $5,372.41\nPay Frequency: Monthly": a frequency label below figures larger than
    // any hourly wage gives their period (an hourly figure's pay frequency is how often it is paid).
    if (periodWord === null && hi > 150) {
      const freq = firstPastBlanks(after) === 10 /* \n */ ? FREQUENCY_BELOW.exec(after) : null;
      if (freq) periodWord = freq[1] ?? null;
    }
    let stated = periodWord === null ? null : periodFromWord(periodWord);
    if (stated === null && PIECE_RATE_LEADS.has(afterLead) && PIECE_RATE_AFTER.test(after)) continue;

    const afterPeriod = after.slice(Math.max(0, periodEnd - last.end));
    const cueNear = STRONG_CUE_NEAR.test(before) || (mayEndLabel(before) && CUE_NEAR_LABEL.test(before));
    // "Compensation: 22.60", "the rate for this position is 18.00": a figure with cents right
    // after a pay cue is money even without a "$".
    // So are figures with thousands separators right after a pay label ("Salary Range: 4,113 - 5,183").
    const cents = !dollar && cueNear && (CENTS.test(text.slice(t1.start, last.end)) || (GROUPED.test(text.slice(t1.start, last.end)) && PAY_LABEL_BEFORE.test(before)));
    const bare = !dollar && !kSuffix && stated === null && !cents;
    // A bare number (no $, no K, no period, no cue right before it) is not money in a description.
    // Most numbers of a description ("since 1978", "within 24 hours", "11 paid holidays") end
    // here, before the context scans; all that is left to decide is whether a classification
    // code keeps its place in the next figure's context (below).
    if (bare && !cueNear && mode === 'description') {
      if (GRADE_BEFORE_ENDS[lastPastSpaces(before)] === 1 && GRADE_BEFORE.test(before) && wageCueBefore(before, afterPeriod, fromPrevious) !== null) prevEnd = floor;
      continue;
    }
    // A sum paid over a term ("$3,000 over the course of the ten-week training", "$4,500 for the
    // duration of the internship", "$2,000 on completion of the academy") is a stipend or an
    // award, not periodic pay (DOMAIN.md). Only without a stated period: "$20/hr during the
    // training" is a wage, and so is a figure of an hourly wage's size ("paid $18.00 during the
    // training").
    // The rate a raise reaches is a wage, whatever follows it ("increases to $43,000 upon
    // completion of the academy"; docs/decisions/101).
    if (stated === null && hi > 150 && !risen && !(endsWithTo(before) && RISES_TO.test(before))) {
      if (LUMP_SUM_AFTER.test(text.slice(periodEnd, periodEnd + 120)) || LUMP_SUM_BEFORE.test(before)) continue;
      // "$1,000 after the first 90 days and $1,000 upon completion of probation": a sum too small
      // for a year's pay, paid at a milestone of employment, is an instalment of a bonus.
      if (inferPeriod(hi) !== 'year' && MILESTONE_AFTER.test(text.slice(periodEnd, periodEnd + 80))) continue;
    }
    // "$1,500 over the academic year": a sum too small for a year's pay, paid over a school year,
    // is a stipend too ("$39,500 for the school year" is a school-based job's salary).
    if (stated === null && hi > 150 && inferPeriod(hi) !== 'year' && OVER_A_SCHOOL_YEAR.test(text.slice(periodEnd, periodEnd + 80))) continue;
    // Context: the nearer of a wage cue and a non-wage word decides.
    // "£26.40 (standard) or £54.40 (enhanced)" after a fee word: the alternative is a fee too.
    if (previousRejected && fromPrevious && ALTERNATIVE_GAP.test(text.slice(floor, t1.start))) continue;
    // "a stipend of $250 a week for meals, $2,000 a month for lodging, and $500 for travel": the
    // non-wage word before the first figure of a list heads the whole list (docs/decisions/101).
    if (listEnd === floor && listEnd > 0 && continuesList(text.slice(floor, t1.start), listPeriod, stated?.period ?? null)) {
      previousRejected = true;
      listEnd = last.end;
      listPeriod = stated?.period ?? null;
      continue;
    }
    const cue = wageCue(before, afterPeriod, fromPrevious);
    previousRejected = cue < -1;
    if (cue < -1) {
      listEnd = cue === REJECTED_BEFORE ? last.end : -1;
      listPeriod = stated?.period ?? null;
      // "$7,500/$15,000 hiring incentives", "$500 or $1,000 sign-on bonus": the word after the
      // second figure names the first one too.
      const prior = out[out.length - 1];
      if (cue === REJECTED_AFTER && prior !== undefined && prior.end === floor && SHARED_NOUN_GAP.test(text.slice(floor, t1.start))) out.pop();
      continue;
    }
    const cueBefore = cue;
    // "Add $10 per day", "plus an additional $2/hr": an amount added to another rate, not a wage.
    if ((before.includes('dd') || before.includes('xtra')) && ADD_ON_BEFORE.test(before)) {
      previousRejected = true;
      listEnd = last.end;
      listPeriod = stated?.period ?? null;
      continue;
    }
    // "$2 more per hour", "$1.50 extra for nights", "$3 above the base rate": a differential.
    if (ADD_ON_AFTER.test(after) || (afterPeriod !== after && ADD_ON_AFTER.test(afterPeriod))) {
      previousRejected = true;
      continue;
    }
    // A pay field's bare number needs a cue before it unless the field is only figures ("45000 -
    // 55000", "22.60"): "a 24 / 7 facility" or "shifts 7 - 3" in a pay blurb are no wage.
    if (bare && mode === 'field' && cueBefore < 0 && !onlyFigures(input)) continue;
    if (bare && mode === 'field' && !isRange && !onlyFigures(input) && SMALL_INTEGER.test(text.slice(t1.start, t1.end).trim())) continue;
    // A four-digit integer with no "$", comma or period is a code or a count ("5729 HN-14").
    if (bare && mode === 'field' && !onlyFigures(input) && Number.isInteger(hi) && hi >= 1000 && hi < 10_000 && !/,/.test(text.slice(t1.start, last.end))) continue;

    // A classification number ("Salary Grade: 22 ($52,112 - $68,400)") is a code, not the wage.
    // The code stays part of the next figure's context: "Grade 14 ($42,000 - $56,000)" is a grade's pay.
    // Also when a period word before it belongs to the line above ("... per hour\nLevel 2 $18.50").
    if ((bare || (!dollar && !kSuffix && !cents && stated !== null && periodEnd === last.end)) && GRADE_BEFORE_ENDS[lastPastSpaces(before)] === 1 && GRADE_BEFORE.test(before)) {
      prevEnd = floor;
      continue;
    }
    if (bare && !cueNear && QUANTITY_BEFORE.test(before)) continue;
    // "starting on day 11", "from week 3", "in year 2": a small number after a unit of time counts
    // that unit, whatever period word or cue comes before it.
    if (!dollar && !kSuffix && !cents && !isRange && hi < 100 && Number.isInteger(hi) && TIME_ORDINAL_BEFORE.test(before)) continue;
    // "Hours Per Week: 32", "Scheduled hours per day: 8": a count of hours, whatever period word follows.
    if (!dollar && !kSuffix && HOURS_BEFORE.test(before)) continue;

    let min: number | null = lo;
    let max: number | null = hi;
    if (!isRange) {
      const tail = text.slice(periodEnd, periodEnd + 20);
      if (MAX_BEFORE.test(before)) min = null;
      else if (MIN_BEFORE.test(before) || saysStarting(before) || t1.plus || text.charCodeAt(periodEnd) === 43 || MIN_AFTER_WORDS.test(tail)) max = null;
    }
    // "$49,000 + to start": a "+" set off by spaces before the words of a minimum (103).
    if (!isRange && min !== null && max !== null && text.charCodeAt(periodEnd) === 32 && PLUS_TO_START.test(text.slice(periodEnd, periodEnd + 24))) max = null;
    let period: PayPeriod;
    let inferred = false;
    // A period word that cannot be right for the figure ("$86,681 - $109,650 Hourly" on a board
    // whose column says Hourly for every grade; "$22 per year"): its size tells the period.
    if (stated && stated.factor === 1 && grosslyWrong(stated.period, hi)) stated = null;
    // A sum with no period, no wage cue before it and no "up to" / "starting at" inside running
    // prose ("offers $500 to officers who refer a candidate", "$250 in store credit", "a house to
    // rent for $1,500 - $2,000") says nothing of a wage, even in a pay field (docs/decisions/093).
    // Only before any figure was taken as pay, and not for a labelled line ("Dispatch I: $45,084")
    // or figures in cents ("Worker I - $23.06 - $28.31"), which are how rate tables are written,
    // nor a figure opening a table cell ("| 18 | $66,951 | $85,138 |", docs/decisions/103).
    if (mode === 'field' && stated === null && cueBefore < 0 && min !== null && max !== null && out.length === 0 && !LINE_LABEL.test(before) && !HAS_CENTS.test(text.slice(t1.start, last.end)) && !afterCellBar(text, t1.start) && isProse(input) && (wageCueBefore(beforeWindow(text, 0, t1.start), afterPeriod, false) ?? -1) < 0) continue;
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
    if (dollar || cents) score += 2;
    if (stated) score += 3;
    if (cueBefore >= 0) score += cueNear ? 3 : 2;
    if (isRange) score += 1;
    if (kSuffix) score += 1;
    // "Peer Support Specialist II: $25.04 - $30.78": a dollar range right after a line's label.
    if (mode === 'description' && isRange && dollar && LINE_LABEL.test(before)) score += 2;
    // A dollar range alone on its line ("$36,000 - $80,000" under the title) is a pay field.
    else if (mode === 'description' && isRange && dollar && LINE_START.test(text.slice(Math.max(0, t1.start - 12), t1.start)) && /^[ \t]*(?:\n|$)/.test(after)) score += 2;
    const end = Math.max(periodEnd, last.end);
    out.push({
      min,
      max,
      period,
      currency: t1.currency === 'USD' ? last.currency : t1.currency,
      inferred,
      grade: null,
      text: input.slice(start, end).trim(),
      start,
      end,
      score,
      shorthand: kSuffix,
    });
  }
  return mergeOpenEnds(out.length > 0 ? refineCandidates(out, text) : out, text);
}

/**
 * Two layouts the candidate rules above cannot see from one figure's window (docs/decisions/103):
 * - A pay label glued to the previous field by a page whose line breaks were lost
 *   ("TherapistSalary$66,559.45 - $86,089.08Department") is still the figure's label: the
 *   candidate scores as if the cue were right before it.
 * - A figure that the pay stated just before says it includes ("Minimum starting salary of
 *   $48,622.40. Includes minimum base pay of $44,462.40 with ...") is a part of that pay, not
 *   another rate: it is dropped, so it makes no range with the total.
 */
function refineCandidates(cands: PayCandidate[], text: string): PayCandidate[] {
  let out: PayCandidate[] | null = null;
  for (let k = 0; k < cands.length; k++) {
    const c = cands[k] as PayCandidate;
    const prev = k > 0 ? (cands[k - 1] as PayCandidate) : null;
    if (prev !== null && c.start - prev.end <= 160 && saysIncludes(text, prev.end, c.start) && PART_OF_BEFORE.test(text.slice(prev.end, c.start))) {
      out ??= cands.slice(0, k);
      continue;
    }
    // The cue the label would have given (+3 right before the figure), less what a "Range" or
    // "Rate" of the label, which CUE does find, already gave.
    const glued = gluedLabelBefore(text, c.start);
    let d = glued === 0 ? c : { ...c, score: c.score + glued };
    // "Hourly Rate: licensed, 3 yrs post grad $30": the period of the label heading the clause.
    if (d.inferred && d.max !== null && colonBefore(text, d.start, 120)) {
      const period = labelPeriod(text, d.start);
      if (period !== null && period !== d.period && !grosslyWrong(period, d.max)) d = { ...d, period, inferred: false, score: d.score + 3 };
      else if (period !== null && period === d.period) d = { ...d, inferred: false, score: d.score + 3 };
    }
    if (out !== null) out.push(d);
    else if (d !== c) (out = cands.slice(0, k)).push(d);
  }
  return out ?? cands;
}
/**
 * The pay label heading a figure's clause: at the start of its line or sentence, then a colon,
 * then up to 60 characters of qualifiers ("Hourly Rate: registered, 1yr+ post grad $28.50").
 * Lower-cased, spaces collapsed; null when there is none.
 */
function payLabelBefore(text: string, at: number): string | null {
  const m = PAY_LABEL_HEAD.exec(text.slice(Math.max(0, at - 120), at));
  return m === null ? null : (m[1] as string).toLowerCase().replace(/\s+/g, ' ');
}
const PAY_LABEL_HEAD =
  /(?:^|\n|[.!?][ \t]+)[ \t*•-]*((?:(?:hourly|annual|yearly|monthly|weekly|bi-?weekly|daily|base|starting)[ \t]+)?(?:pay|salary|wage|compensation)?[ \t]*(?:rate|range|scale|salary|pay|wage)s?)[ \t]*:[^:\n$]{0,60}$/i;
/** The period a heading pay label names ("Hourly Rate:", "Annual Salary:"), or null. */
function labelPeriod(text: string, at: number): PayPeriod | null {
  const label = payLabelBefore(text, at);
  if (label === null) return null;
  const word = /^(hourly|annual|yearly|monthly|weekly|bi-?weekly|daily)\b/.exec(label);
  return word === null ? null : (periodFromWord(word[1] as string)?.period ?? null);
}
/**
 * A class specification's levels, each with its description and its own rate line under the same
 * label ("Therapist I ... Hourly Rate: $25 ... Therapist II ... Hourly Rate: $28.50"): rates
 * further apart than a run's gap still make one run when both are headed by the same pay label
 * and a level is named between them.
 */
const LEVEL_SECTION_GAP = 1200;
function sameLabelledLevel(text: string, a: PayCandidate, b: PayCandidate, prevEnd: number): boolean {
  if (b.start - prevEnd > LEVEL_SECTION_GAP || !colonBefore(text, b.start, 120) || !colonBefore(text, a.start, 120)) return false;
  const label = payLabelBefore(text, b.start);
  return label !== null && label === payLabelBefore(text, a.start) && levelGap(text.slice(prevEnd, b.start));
}

/** Cheap look-ups that say whether the regexes of refineCandidates can match at all. */
function saysIncludes(text: string, from: number, to: number): boolean {
  const at = text.indexOf('ncl', from);
  if (at >= 0 && at < to) return true;
  const con = text.indexOf('onsist', from);
  if (con >= 0 && con < to) return true;
  const com = text.indexOf('ompris', from);
  if (com >= 0 && com < to) return true;
  const made = text.indexOf('ade up', from);
  return made >= 0 && made < to;
}
function colonBefore(text: string, at: number, span: number): boolean {
  for (let k = at - 1; k >= 0 && k >= at - span; k--) if (text.charCodeAt(k) === 58 /* : */) return true;
  return false;
}
/** A lower-case letter right before a capital one in the `span` characters before `at`. */
function caseTurnBefore(text: string, at: number, span: number): boolean {
  for (let k = Math.max(1, at - span); k < at; k++) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) {
      const p = text.charCodeAt(k - 1);
      if (p >= 97 && p <= 122) return true;
    }
  }
  return false;
}

/** "...$48,622.40.  Includes minimum base pay of ": a new sentence or clause that says what the pay before includes. */
const PART_OF_BEFORE = /^[^$\d]{0,3}(?:[.;,]|\s-|\()\s*(?:(?:which|this|that|it)\s+)?(?:includes?|including|incl\.?|consist(?:s|ing)?\s+of|comprised\s+of|made\s+up\s+of)\b[^$\d.;\n]{0,50}$/i;
/**
 * A pay label glued to the word before it, right before the figure: a lower-case letter, then the
 * capitalised label. Not after a non-wage word ("BonusPay").
 */
const GLUED_LABEL_BEFORE =
  /[a-z](?<!(?:bonus|incentive|differential|premium|stipend|allowance)[a-z]*)(?:Salary|Wages?|Compensation|Pay[ \t]+(?:Range|Rate|Scale)|Hourly[ \t]+Rate|Salary[ \t]+Range)(?:[ \t]+(?:Range|Rate|Scale))?[ \t]*:?[ \t]*$/;
function gluedLabelBefore(text: string, at: number): number {
  if (!caseTurnBefore(text, at, 40)) return 0;
  const m = GLUED_LABEL_BEFORE.exec(text.slice(Math.max(0, at - 40), at));
  if (m === null) return 0;
  return /\b(?:Range|Rate|Scale)\b/.test(m[0]) ? 1 : 3;
}

/**
 * What a lump sum is paid over or for: a term, a training, a placement. Not a school year: a
 * school-based job's salary "for the school year" is a year's pay.
 */
const TERM_NOUN =
  '(?:semesters?|terms?|quarters?|programs?|programmes?|trainings?|internships?|fellowships?|practicums?|placements?|cohorts?|residency|residencies|apprenticeships?|courses?|academ(?:y|ies)|sessions?|summer)';
/** Terms that "for the ..." may name without ambiguity ("for the program" may be "for the program manager"). */
const STRICT_TERM_NOUN = '(?:semesters?|terms?|quarters?|summer|internships?|fellowships?|practicums?|placements?|cohorts?|residency|apprenticeships?)';
/** The words that tie a figure to a whole term: over, throughout, for the duration of, on completion of. */
const OVER_A_TERM = `(?:for[ \\t]+(?:the|a|an|this|each)[ \\t]+(?:[\\w-]+[ \\t]+){0,2}?${STRICT_TERM_NOUN}\\b|(?:over|across|throughout|during|for[ \\t]+the[ \\t]+(?:duration|course|length|life)[ \\t]+of|(?:up)?on[ \\t]+(?:successful[ \\t]+)?completion[ \\t]+of|for[ \\t]+(?:successfully[ \\t]+)?complet(?:ing|ion[ \\t]+of))[ \\t]+(?:the[ \\t]+(?:course|duration|length|span)[ \\t]+of[ \\t]+)?(?:(?:a|an|the|this|each|one|your|their)[ \\t]+)?(?:[\\w-]+[ \\t]+){0,3}?${TERM_NOUN}\\b)`;
const OVER_A_SCHOOL_YEAR = /^[^.;\n$\d]{0,24}?\b(?:paid[ \t]+)?(?:over|across|throughout|during|for)[ \t]+(?:the[ \t]+(?:course|duration|length)[ \t]+of[ \t]+)?(?:the|a|an|this|each)[ \t]+(?:academic|school)[ \t]+year\b/i;
const LUMP_SUM_AFTER = new RegExp(`^[^.;\\n$\\d]{0,24}?\\b(?:(?:paid|payable|distributed|disbursed|awarded|given|provided|split)[ \\t]+)?${OVER_A_TERM}`, 'i');
const LUMP_SUM_BEFORE = new RegExp(`\\b${OVER_A_TERM}[^.;\\n$]{0,60}$`, 'i');

/** "Hours Per Week: 32", "16 hours a week / maximum of 32 per pay period": a count of hours. */
const HOURS_BEFORE = /\bhours?\s+(?:per|a|each|every)\s+(?:week|day|month|pay\s+period)\s*[:#-]?\s*$|\bhours?\b[^$\d\n]{0,40}$/i;
const ALTERNATIVE_GAP = /^\s*(?:\([^)\n]{0,30}\)\s*)?(?:or|and|,|\/)\s*$/i;
const LINE_START = /(?:^|\n)[ \t•*-]*$/;
const LINE_LABEL = /(?:^|\n)[ \t•*-]*[A-Z][^\n:$]{1,60}:[ \t]*$/;

/**
 * A pay cue right before a figure in two more layouts (docs/decisions/103): a label line of its
 * own right above the figure ("Starting Salary\n$61,270"), and a cue with its grade code between
 * them ("SALARY GRADE 21: $73,105", "Pay Grade N13 - $52,000"), the code kept in the figure's
 * context by the grade rule.
 */
const CUE_NEAR_LABEL =
  /(?:^|\n)[ \t*•_-]*[^\n\d$]{0,25}\b(?:pay|salary|wages?|rate|compensation|remuneration)\b[^\d$\n]{0,12}\n[ \t*•_-]*$|(?<![A-Za-z])(?:pay|salary)[ \t]+(?:grade|range|band|level|step|class)[ \t]*(?:no\.?[ \t]*)?[:#-]?[ \t]*[A-Z]{0,3}-?\d{1,3}[A-Z]?[ \t]*[:=(-]?[ \t]*$/i;

/**
 * CUE_NEAR_LABEL can match only when the window ends (past spaces, tabs and list marks) with a line
 * break, or with a grade code's digit or letter and maybe one of ":=(-".
 */
function mayEndLabel(before: string): boolean {
  let k = before.length - 1;
  while (k >= 0) {
    const c = before.charCodeAt(k);
    if (c === 32 || c === 9 || c === 42 /* * */ || c === 0x2022 || c === 95 /* _ */ || c === 45 /* - */) k--;
    else break;
  }
  let c = before.charCodeAt(k);
  if (c === 10) return true;
  if (c === 58 /* : */ || c === 61 /* = */ || c === 40 /* ( */) c = before.charCodeAt(k - 1);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/** "$49,000 + to start", "$18 + starting": a "+" set off by spaces before the words of a minimum (docs/decisions/103). */
const PLUS_TO_START = /^[ \t]*\+[ \t]*(?:to[ \t]+(?:start|begin)|starting(?![ \t]+(?:date|on|in)\b))\b/i;

/** The words that make a figure an amount on top of another rate. */
const ADD_ON_BEFORE = /\b(?:add(?:s|ed)?|additional|an?\s+extra)\s*:?\s*(?:up\s+to\s*)?$/i;
/** The same, written after the figure: "$2 more per hour", "$1.50 extra", "$3 above the base rate". */
const ADD_ON_AFTER = /^\s*(?:more|extra|additional|above\s+(?:the\s+)?(?:base|regular|standard|normal))\b(?!\s+than)/i;
/** "day 11", "week 3", "year 2": a unit of time right before a small number that counts it. */
const TIME_ORDINAL_BEFORE = /\b(?:days?|weeks?|months?|years?)\s*#?\s*$/i;
/** "$1,000 after the first 90 days", "$500 at 6 months of service": a milestone of employment. */
const MILESTONE_AFTER = /^[^.;\n$]{0,12}?\b(?:after|at|upon)\s+(?:the\s+)?(?:first\s+|initial\s+)?\d{1,3}\s+(?:days|months)\b|^[^.;\n$]{0,24}?\b(?:(?:up)?on|after)\s+(?:successful\s+)?completion\s+of\s+(?:the\s+|your\s+)?(?:[\w-]+\s+){0,2}?probation(?:ary\s+period)?\b/i;

/**
 * Benefits paid through the salary rather than as it: salary packaging and salary sacrifice
 * ("Salary Packaging benefits up to $18,550" is a tax concession, not pay); and pay on top of
 * the wage that the other non-wage words do not name (longevity, merit, standby, hazard pay);
 * bursaries and honoraria are stipends by another name; a London weighting, a high-cost area
 * supplement and a golden hello are paid on top of the salary (non-dollar figures have a lower
 * plausibility floor, so these must not pass as a part-time salary).
 */
const SALARY_BENEFIT = /\b(?:packaging|sacrific\w*|(?:longevity|merit|standby|call-?back|hazard)\s+pay|bursar(?:y|ies)|honorari(?:um|ums|a)|weighting|supplements?|golden\s+hello)\b/gi;

/** "pa" right after a figure, as UK and Australian postings write per annum (case-sensitive: not "PA"). */
const PER_ANNUM_SHORT = /^[ \t]*pa\.?(?![A-Za-z])/;
const FULL_TIME_SALARY_AFTER = /^[ \t]*(?:pro[- ]rata|FTE|full[- ]time[- ]equivalent)\b/i;
const FULL_TIME_SALARY_BEFORE = /\b(?:FTE|full[- ]time[- ]equivalent)\s*:?\s*$/i;

const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d\d)?(?:\s*(?:-|to)\s*\d{1,3}(?:,\d{3})+(?:\.\d\d)?)?$/;
const PAY_LABEL_BEFORE = /\b(?:pay|salary|wages?|compensation|remuneration)(?:\s+(?:range|scale|rate|band))?\s*:\s*$/i;
const CENTS = /^\d{1,3}(?:,\d{3})*\.\d\d$|^\d{1,3}(?:,\d{3})*\.\d\d\s*(?:-|to)\s*\d{1,3}(?:,\d{3})*\.\d\d$/;
const FIGURES_ONLY = /^[\s$\d.,+\-–kK]*$/;
const FIGURE_WORDS = /\b(?:to|and|usd|dollars|rising|rises|increasing|progressing)\b/gi;

/** Running prose: eight words or more (a pay field's "$18 - $20 DOE" is not). */
function isProse(input: string): boolean {
  let words = 0;
  for (const _ of input.matchAll(PROSE_WORD)) if (++words >= 8) return true;
  return false;
}
const PROSE_WORD = /[A-Za-z]{2,}/g;
const HAS_CENTS = /\.\d\d\b/;

/** The field holds figures only ("45000 - 55000", "22.60", "18 to 22"). */
function onlyFigures(input: string): boolean {
  return FIGURES_ONLY.test(input.replace(FIGURE_WORDS, ' '));
}

/** A stated period no figure of this size can have: an hourly or daily figure of 1,000 and up, a yearly or monthly one under 150. */
function grosslyWrong(period: PayPeriod, value: number): boolean {
  if (period === 'hour') return value >= 1000;
  if (period === 'year' || period === 'month') return value <= 150;
  return false;
}

/**
 * Where the last wage cue before a figure starts (-1 for none), or null when a non-wage word
 * nearer to the figure than any cue ("sign-on bonus", "tuition", "401(k)") makes it something
 * other than the wage: before it (unless the word belongs to the previous figure), or right after
 * its period in the same clause ("$500 sign-on bonus").
 */
function wageCueBefore(before: string, afterPeriod: string, fromPrevious: boolean): number | null {
  const cue = wageCue(before, afterPeriod, fromPrevious);
  return cue < -1 ? null : cue;
}
const PAID_AT_A_RATE =
  /\b(?:differentials?|premiums?|bonus(?:es)?|stipends?|allowances?|incentives?)\b[^,;.\n$]{0,30}?\b(?:is|are|will\s+be|shall\s+be)\s+(?:paid|given|offered)\s+(?:at|as)\s+(?:an?|the)\s+(?:rate|amount)\s+of\s*$/i;
/** {@link wageCue}'s answers when a non-wage word before the figure, or right after it, throws it out. */
const REJECTED_BEFORE = -2;
const REJECTED_AFTER = -3;
function wageCue(before: string, afterPeriod: string, fromPrevious: boolean): number {
  // "an increase to $17/hr after six months": the figure is the wage reached, not the increase.
  if (endsWithTo(before) && RISES_TO.test(before)) return before.length;
  const cueBefore = lastIndexOf(CUE, before);
  // "Shift differential is paid at a rate of $1.10": the rate is the differential's (101).
  if (cueBefore >= 0 && before.includes('paid') && PAID_AT_A_RATE.test(before)) return REJECTED_BEFORE;
  // Only a benefit word after the last cue can be the nearer one: the scan starts there.
  const negBefore = Math.max(lastIndexOf(NEGATIVE, before), lastIndexFrom(SALARY_BENEFIT, before, cueBefore + 1), mayHoldMoreNegative(before) ? lastIndexFrom(NEGATIVE_MORE, before, cueBefore + 1) : -1);
  if (negBefore >= 0 && negBefore > cueBefore && !qualifiesPrevious(before, negBefore, fromPrevious)) return REJECTED_BEFORE;
  const negAfter = firstNegativeAfter(afterPeriod);
  if (negAfter >= 0 && negAfter <= 40) {
    const gap = afterPeriod.slice(0, negAfter);
    const cueAfter = firstIndexOf(CUE, afterPeriod);
    if ((cueAfter < 0 || negAfter <= cueAfter) && NEGATIVE_AFTER_GAP.test(gap) && !NEGATIVE_AFTER_JOINER.test(gap)) return REJECTED_AFTER;
  }
  return cueBefore;
}

/** The first non-wage word in the text after a figure (-1 for none). */
function firstNegativeAfter(afterPeriod: string): number {
  const a = firstIndexOf(NEGATIVE, afterPeriod);
  if (!mayHoldMoreNegative(afterPeriod)) return a;
  const b = firstIndexOf(NEGATIVE_MORE, afterPeriod);
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

/**
 * The text between a figure a non-wage word before it threw out and the next figure keeps the
 * next one in the same list: one sentence and one line, no wage word, no "plus", and either a
 * range word alone ("$2,000 to $15,000" too far apart to be one range), no period of its own or
 * the same one ("$56 per month ... and up to $162 per month"), or a "for ..." naming what each sum is for
 * ("$250 a week for meals, $2,000 a month for lodging"). "A $500 sign-on bonus, $19/hr" is not
 * a list: the bonus word follows its own figure, so it heads nothing.
 */
function continuesList(gap: string, headPeriod: PayPeriod | null, period: PayPeriod | null): boolean {
  if (gap.length > 120 || gap.includes('\n')) return false;
  SENTENCE_END.lastIndex = 0;
  if (SENTENCE_END.test(gap)) return false;
  CUE.lastIndex = 0;
  if (CUE.test(gap) || LIST_BREAK.test(gap)) return false;
  return period === null || headPeriod === period || LIST_RANGE_GAP.test(gap) || LIST_PURPOSE.test(gap);
}
const LIST_BREAK = /\b(?:plus|but|while|whereas)\b[^,;]*$/i;
/** Two figures sharing the noun after the second: a slash or "or" alone between them. */
const SHARED_NOUN_GAP = /^\s*(?:\/|or)\s*$/i;
const LIST_RANGE_GAP = /^[\s()]*(?:(?:-{1,2}|to|and|or|through)[\s()]*)?$/i;
const LIST_PURPOSE = /\bfor\s+\w/i;

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
  const above = text.slice(Math.max(0, a.start - 40), a.start);
  // The same table written on one line: "Salary: Min: $41,000 Mid: $48,000 Max: $55,000".
  const inline = !MIN_LINE.test(above);
  if (inline && !MIN_INLINE.test(above)) return -1;
  let prevEnd = a.end;
  for (let j = i + 1; j <= i + 2 && j < cands.length; j++) {
    const c = cands[j] as PayCandidate;
    const gap = text.slice(prevEnd, c.start);
    if (gap.length > 40) return -1;
    if ((inline ? MAX_INLINE : MAX_LINE).test(gap)) return j;
    if (!(inline ? MID_INLINE : MID_LINE).test(gap)) return -1;
    prevEnd = c.end;
  }
  return -1;
}
const MIN_INLINE = /(?:^|[\s:;,|(])(?:min(?:imum)?)\s*[:=]\s*$/i;
const MAX_INLINE = /^[ \t]*[,;|/]?[ \t]*(?:max(?:imum)?)\s*[:=][ \t]*$/i;
const MID_INLINE = /^[ \t]*[,;|/]?[ \t]*(?:mid(?:point|dle)?|market(?:\s+rate)?|control\s+point)\s*[:=][ \t]*$/i;

/**
 * A lone whole number under 100 with no "$", no period and no range ("PAY RANGE: 8", "Level 3
 * ... 12") is a code or a count, not a wage: 15.00 is shaped like money, 8 is not.
 */
const SMALL_INTEGER = /^\d{1,2}$/;

const PER_YEAR: Readonly<Record<PayPeriod, number>> = { hour: 2080, day: 260, week: 52, biweek: 26, month: 12, year: 1 };

/** Annual value of a figure in a candidate's period, to compare two statements of the same pay. */
function annualOf(v: number | null, c: PayParse): number | null {
  return v === null ? null : v * PER_YEAR[c.period];
}

function close(x: number | null, y: number | null): boolean {
  if (x === null || y === null) return x === y;
  return x > 0 && y > 0 && Math.abs(x - y) / Math.max(x, y) <= 0.03;
}

/**
 * Two statements of one pay: the same ends (annualised within 3%), in different periods. An
 * hourly statement beside a biweekly, monthly or yearly one may assume a 35- to 40-hour week
 * ("$22.84 Hourly / $1,598.59 BiWeekly" is 70 hours a fortnight): the same number of hours at
 * both ends.
 */
function equivalent(a: PayParse, b: PayParse): boolean {
  if (a.period === b.period) return false;
  if (close(annualOf(a.max ?? a.min, a), annualOf(b.max ?? b.min, b)) && close(annualOf(a.min, a), annualOf(b.min, b))) return true;
  // Rounded shorthand ("44k") proves nothing about hours.
  if ((a as PayCandidate).shorthand || (b as PayCandidate).shorthand) return false;
  const [h, o] = a.period === 'hour' ? [a, b] : b.period === 'hour' ? [b, a] : [null, null];
  if (h === null || o === null || o.period === 'day' || o.period === 'week') return false;
  const top = hoursAt(h.max ?? h.min, o.max ?? o.min, o);
  const bottom = hoursAt(h.min, o.min, o);
  if (top === null || top < 1750 || top > 2125 || (h.min === null) !== (o.min === null)) return false;
  // A range: the same hours at both ends. A single figure: a 35-, 37.5- or 40-hour week exactly.
  if (bottom !== null && h.min !== h.max) return Math.abs(bottom - top) / top <= 0.015;
  for (const hours of WEEK_HOURS_A_YEAR) if (Math.abs(top - hours) / hours <= 0.005) return true;
  return false;
}
/** 35-, 37.5- and 40-hour weeks. */
const WEEK_HOURS_A_YEAR = [1820, 1950, 2080];

/** Hours a year that hourly figure `x` needs to make figure `y` of `o`'s period. */
function hoursAt(x: number | null, y: number | null, o: PayParse): number | null {
  return x === null || y === null || x <= 0 ? null : (annualOf(y, o) ?? 0) / x;
}

/**
 * Several rates for levels, steps or certification, close together and in the same period
 * ("$16.50 per hour or $17.50 per hour for certified peers"; "Specialist I: $21.63 - $26.58 /
 * Specialist II: $25.04 - $30.78"; "$15/hr to start, rising to $17/hr"): one range from the
 * lowest to the highest figure (DOMAIN.md). Returns the candidates plus one merged candidate per
 * such run; the merged one scores above its parts.
 */
// 240 characters: a rate table's sections may have a heading and a note line between them (095).
const RUN_GAP = 240;
function hasNested(run: PayCandidate[]): boolean {
  for (let x = 0; x < run.length; x++) {
    for (let y = x + 1; y < run.length; y++) {
      const a = run[x] as PayCandidate;
      const b = run[y] as PayCandidate;
      if (a.min === null || a.max === null || b.min === null || b.max === null || a.min === a.max || b.min === b.max) continue;
      if ((a.min <= b.min && b.max <= a.max) || (b.min <= a.min && a.max <= b.max)) return true;
    }
  }
  return false;
}

function okRate(c: PayCandidate, minScore: number, allowImplausible: boolean): boolean {
  return c.score >= minScore && !c.shorthand && (allowImplausible || isPlausiblePay(c));
}

/** A level, grade or certification label ("II", "Level 2", "Grade B", "certified") between two figures. */
const ROMAN_LEVEL = /\b(?:I{1,3}|IV|VI{0,3})\b/;
const LEVEL_WORD = /\b(?:(?:level|tier|grade|step|band|class|year)\s*[-:#]?\s*(?:[IVX]{1,4}|\d{1,2}|[A-F])\b|\d{1,2}(?:st|nd|rd|th)\s+year\b|(?:non-?)?certified\b|certification\b)/i;
function levelGap(gap: string): boolean {
  return ROMAN_LEVEL.test(gap) || LEVEL_WORD.test(gap) || STATUS_LEVEL.test(gap);
}
/**
 * Rates by licence or language as levels (docs/decisions/103): "unregistered ... registered",
 * "licensed", "bilingual" between two rates of one scale.
 */
const STATUS_LEVEL = /\b(?:(?:un|non-?)?(?:registered|licensed)|bilingual|monolingual)\b/i;
/** "$25/ $26", "$27 or $28": two rates side by side, the second named after it ("$26 bilingual"). */
const SLASH_PAIR = /^[ \t]*(?:\/|or)[ \t]*$/;
function levelOrPairGap(gap: string): boolean {
  return SLASH_PAIR.test(gap) || levelGap(gap);
}
function levelLabelled(run: PayCandidate[], text: string): boolean {
  for (let x = 1; x < run.length; x++) {
    if (!levelGap(text.slice((run[x - 1] as PayCandidate).end, (run[x] as PayCandidate).start))) return false;
  }
  return true;
}

function mergeRates(cands: PayCandidate[], minScore: number, allowImplausible: boolean, text: string): PayCandidate[] {
  let out: PayCandidate[] | null = null;
  for (let i = 0; i < cands.length; ) {
    const a = cands[i] as PayCandidate;
    if (!okRate(a, minScore, allowImplausible)) {
      i++;
      continue;
    }
    let j = i;
    let levelRates: PayCandidate[] | null = null;
    // The best score among the run's restatements in other periods: the run outscores them (101).
    let restated = 0;
    for (let k = i + 1; k < cands.length; k++) {
      const b = cands[k] as PayCandidate;
      const prevEnd = (cands[k - 1] as PayCandidate).end;
      // The gap is counted from the candidate just before, a skipped restatement included.
      if (b.start - prevEnd > RUN_GAP && !sameLabelledLevel(text, a, b, prevEnd)) break;
      if (!okRate(b, minScore, allowImplausible)) {
        // "Hourly: $19.00 (non-certified) / $21.00 (certified)": the next level's rate right after
        // a wage, with its label between them, needs no pay cue of its own.
        if (b.score >= 2 && b.score < minScore && b.start - prevEnd <= 40 && b.period === a.period && !b.shorthand && (allowImplausible || isPlausiblePay(b)) && levelOrPairGap(text.slice(prevEnd, b.start))) {
          (levelRates ??= []).push(b);
          j = k;
          continue;
        }
        if (b.score >= minScore) break;
        continue;
      }
      // A period stated once for a table of levels ("Level I: $35,000 - $50,000; Level II: $45,000
      // - $60,000 per year") agrees with the period the other figures' size gives. Without a
      // level label between them, a stated and an inferred figure are two statements (a board's
      // generic block beside the job's own line).
      if (b.period !== a.period || (b.inferred !== a.inferred && !levelOrPairGap(text.slice(prevEnd, b.start)))) {
        // "$1,628.80 - $2,182.40 biweekly ($20.36 - $27.28 per hour)": the same pay restated.
        if (cands.slice(i, k).some((c) => c.period === a.period && equivalent(c, b))) {
          if (b.score > restated) restated = b.score;
          continue;
        }
        break;
      }
      j = k;
    }
    const run = j > i ? cands.slice(i, j + 1).filter((c) => (okRate(c, minScore, allowImplausible) || levelRates?.includes(c) === true) && c.period === a.period) : [];
    // Nested ranges are one scale stated twice ("Hiring Range: $25 - $28; Full Range: $25 - $36"):
    // the first is the offer, not a level. Unless each range is labelled as a level, grade or
    // certification ("Specialist I ... Specialist II ...", "non-certified ... certified"): a
    // level's range may lie inside another's.
    if (run.length > 1 && (!hasNested(run) || levelLabelled(run, text))) {
      const values = run.flatMap((c) => [c.min, c.max]).filter((v): v is number => v !== null);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      if (lo > 0 && hi / lo <= levelSpread(run, text)) {
        const last = cands[j] as PayCandidate;
        (out ??= cands.slice()).push({
          ...a,
          inferred: run.every((c) => c.inferred),
          min: run.some((c) => c.min !== null) ? lo : null,
          max: run.some((c) => c.max !== null) ? hi : null,
          end: last.end,
          text: run.map((c) => c.text ?? '').join(' / '),
          score: Math.max(restated, ...run.map((c) => c.score)) + 1,
        });
      }
    }
    i = j + 1;
  }
  return out ?? cands;
}

/**
 * How far apart the lowest and the highest figure of a run may be: 3 times, or 5 when every
 * figure of the run is labelled as a level (a class series "I" to "V" spans more than a grade's
 * range; 5 is the bound of one stated range, decision 010).
 */
function levelSpread(run: PayCandidate[], text: string): number {
  return levelLabelled(run, text) ? 5 : 3;
}

const FIELD_MIN_SCORE = 0;
const DESCRIPTION_MIN_SCORE = 5;

/**
 * Picks the wage among candidates: plausible ones first, then the highest score. When other
 * accepted candidates state the same pay in another period ("$3,500 - $4,200 per month
 * ($20.19 - $24.23 per hour)", NEOGOV's "Hourly / Annually" pairs), the one the posting
 * states first is kept, as DOMAIN.md labels it (docs/decisions/018; until issue 9 the hourly one
 * was kept).
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
  // A rounded K-shorthand figure ("44k - 44k USD/year", a board's estimate) gives way to an exact
  // one the posting states elsewhere ("Compensation: 22.60"): the employer's own line wins.
  if (best.shorthand) {
    let exact: PayCandidate | null = null;
    for (const c of cands) {
      if (c.shorthand || c.score < minScore || !isPlausiblePay(c) || equivalent(c, best)) continue;
      if (exact === null || c.score > exact.score) exact = c;
    }
    if (exact !== null) best = exact;
  }
  let first: PayCandidate = best;
  for (const c of cands) {
    if (c === best || c.score < minScore || isPlausiblePay(c) !== bestPlausible || !equivalent(c, best)) continue;
    if (c.start < first.start) first = c;
  }
  return first;
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
  const best = pick(mergeRates(findPayCandidates(text, 'field'), FIELD_MIN_SCORE, true, text), FIELD_MIN_SCORE, true);
  return best === null ? null : strip(best, findPayGrade(text));
}

/**
 * Finds the wage in a posting's description text. Stricter than {@link parsePayText}: a figure
 * needs a `$` with a period or a pay cue, and implausible figures are skipped (a description
 * mentions budgets, bonuses and grants; those are not a published wage).
 */
export function findPayInDescription(text: string): PayParse | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  const best = pick(mergeRates(findPayCandidates(text, 'description'), DESCRIPTION_MIN_SCORE, false, text), DESCRIPTION_MIN_SCORE, false);
  return best === null ? null : strip(best, null);
}

/**
 * The employer's own pay line when a source's pay field is only the page's header and the
 * posting's text states another pay (DOMAIN.md: when an aggregator's header and the employer's
 * own salary line disagree, the employer's line wins). The pay field is a header when the text
 * repeats it on a line of its own (a board's "45k - 46k USD/year", "Salary / $1,879.20 -
 * $2,521.60 / per week", "Salary/Wage Range or Industry Benchmark: 60000 USD Yearly"): those
 * repetitions are set aside and the text's best statement of the rest is the employer's line.
 * It wins when the header is an estimate (K shorthand, even when not repeated; a "benchmark",
 * "estimated", "average" or "typical" label), when it states its own period ("Extra-help pay is
 * $23.49 - $25.91 per hour"), or when it is a run of levels one of which is the header's range
 * (the header shows one level). A unit-less block that is none of these (an aggregator's generic
 * "Base salary range: $37,764 - $49,094" under the job's own header) does not. Returns null when
 * the pay field stands. See docs/decisions/095.
 */
export function employerLineOverHeader(payText: string, header: PayParse, description: string): PayParse | null {
  const spans = headerSpans(payText, description);
  const shorthand = SHORTHAND_FIELD.test(payText);
  if (spans === null && !shorthand) return null;
  const estimate = shorthand || (spans !== null && onEstimateLine(description, spans));
  // The header's repetitions are set aside before the rates are merged, so no run of levels
  // starts at the header itself.
  const own: PayCandidate[] = [];
  for (const c of findPayCandidates(description, 'description')) {
    if (spans !== null && overlapsAny(c, spans)) continue;
    // Another estimate block ("Average salary: ...") is no employer's line either.
    if (ESTIMATE_LABEL.test(lineBefore(description, c.start))) continue;
    own.push(c);
  }
  const body = mergeRates(own, DESCRIPTION_MIN_SCORE, false, description);
  const line = pick(body, DESCRIPTION_MIN_SCORE, false);
  if (line === null || line.shorthand === true || samePay(line, header)) return null;
  if (estimate || !line.inferred || holdsLevel(line, header, body)) return strip(line, null);
  return null;
}
const SHORTHAND_FIELD = /\d[ \t]?[kK](?![a-zA-Z])/;
/** Words that make a salary line a board's estimate rather than the employer's figure. */
const ESTIMATE_LABEL = /\b(?:benchmark|estimated?|estimates|average|typical|median)\b/i;

/** The line a figure stands on, up to the figure. */
function lineBefore(text: string, at: number): string {
  const from = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(Math.max(from, at - 120), at);
}

function onEstimateLine(text: string, spans: number[]): boolean {
  for (let k = 0; k < spans.length; k += 2) if (ESTIMATE_LABEL.test(lineBefore(text, spans[k] as number))) return true;
  return false;
}

/** A run of levels (a merged candidate) with the header's own figures as one of its levels. */
function holdsLevel(line: PayCandidate, header: PayParse, cands: PayCandidate[]): boolean {
  for (const c of cands) if (c !== line && c.start >= line.start && c.end <= line.end && c.min === header.min && c.max === header.max) return true;
  return false;
}

/** Where the text repeats the pay field's first line, each ending its line; null when it never does. */
function headerSpans(payText: string, description: string): number[] | null {
  const first = firstLine(payText);
  if (first.length < 4) return null;
  let spans: number[] | null = null;
  for (let at = description.indexOf(first); at >= 0; at = description.indexOf(first, at + first.length)) {
    const end = at + first.length;
    if (!ENDS_LINE.test(description.slice(end, end + 40))) continue;
    (spans ??= []).push(at, end);
  }
  return spans;
}
const ENDS_LINE = /^[ \t]*(?:\n|$)/;

function firstLine(text: string): string {
  const trimmed = text.trim();
  const nl = trimmed.indexOf('\n');
  return (nl < 0 ? trimmed : trimmed.slice(0, nl)).trim();
}

function overlapsAny(c: PayCandidate, spans: number[]): boolean {
  for (let k = 0; k < spans.length; k += 2) if (c.start < (spans[k + 1] as number) && c.end > (spans[k] as number)) return true;
  return false;
}

/** The same figures in the same period, or the same pay restated in another period. */
function samePay(a: PayParse, b: PayParse): boolean {
  if (a.period === b.period) return a.min === b.min && a.max === b.max;
  return equivalent(a, b);
}
