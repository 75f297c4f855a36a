import {
  formatZodIssues,
  HOURS_PER_PERIOD,
  rawPostingSchema,
  ValidationError,
  type NormalizedPosting,
  type Pay,
  type PayBasis,
  type PostingIssue,
  type RawPosting,
} from '../../schema/index.ts';
import { extractCertifications, livedExperienceRequired } from './certifications.ts';
import { classifyEmploymentType } from './employment-type.ts';
import { computeFingerprint } from './fingerprint.ts';
import { parseLocation } from './location.ts';
import { implausiblePayReason, toPay } from './pay-conversion.ts';
import { employerLineOverHeader, findPayGrade, findPayInDescription, parsePayText } from './pay-parser.ts';
import type { PayParse } from './pay-types.ts';
import { parsePostingDate } from './posting-dates.ts';
import { applyRawContract, plainText } from './raw-contract.ts';
import { classifyRole } from './role-classifier.ts';
import { sanitizeDescription } from './sanitize-description.ts';
import { classifySettings } from './settings-classifier.ts';
import { payFromStructured } from './structured-pay.ts';

/**
 * Validates unknown input (a JSON line, an API body) as a raw posting; every problem as `path:
 * message`. `null` for an optional field means absent. A title must keep some text once markup
 * and control characters are removed (docs/decisions/016).
 */
export function parseRawPosting(input: unknown): { ok: true; raw: RawPosting } | { ok: false; error: ValidationError } {
  const result = rawPostingSchema.safeParse(input);
  if (!result.success) return { ok: false, error: new ValidationError(formatZodIssues(result.error.issues), { cause: result.error }) };
  if (plainText(result.data.title) === '') {
    return { ok: false, error: new ValidationError(['title: a posting needs a title (no text is left once markup and control characters are removed)']) };
  }
  return { ok: true, raw: result.data };
}

/** A date the source gave that we cannot read is reported, not silently dropped. */
function readDate(value: string | undefined, field: 'datePosted' | 'validThrough', now: Date, issues: PostingIssue[]): string | null {
  const date = parsePostingDate(value, now);
  if (date === null && value !== undefined && value.trim() !== '' && !SAYS_NO_DATE.test(value)) {
    issues.push({ field, kind: 'unparsable', message: `${field} ${JSON.stringify(value.slice(0, 60))} is not a date we can read` });
  }
  return date;
}
/** Values that say there is no date, on purpose: not a reading failure. ("30+ days ago" says only "a while ago".) */
const SAYS_NO_DATE = /^\s*(?:n\/?a|none|null|tbd|tba|open(?: until filled)?|until filled|continuous(?:ly)?|ongoing|\d+\s*\+\s*(?:day|week|month|year)s?\s+ago)\s*$/i;

interface PayOutcome {
  pay: Pay | null;
  payBasis: PayBasis | null;
  payInferred: boolean;
  payGrade: string | null;
  payRejectedReason: string | null;
}

/** The pay sources in precedence order, each with the basis it gives (see resolvePay). */
const PAY_SOURCES: readonly PayBasis[] = ['structured', 'stated', 'description', 'stated'];
/** The step of PAY_SOURCES that reads the source's own pay field. */
const PAY_FIELD_STEP = 1;

/** What pay source `step` of PAY_SOURCES says. A function, not a closure per source and posting (each costs a `__name` call under tsx). */
function readPaySource(step: number, raw: RawPosting, descriptionText: string): PayParse | null {
  if (step === 0) return raw.structuredPay === undefined ? null : payFromStructured(raw.structuredPay);
  if (step === PAY_FIELD_STEP) return raw.pay ? parsePayText(raw.pay) : null;
  if (step === 2) return findPayInDescription(descriptionText);
  // Last, the title ("Peer Support Specialist PRN - $22/hr", common on Indeed and small
  // employers), read with the description's strict rules: a `$` and a period or a pay cue.
  // The source states it, so the basis is `stated`.
  return raw.title.includes('$') ? findPayInDescription(raw.title) : null;
}

/**
 * Pay by precedence (docs/decisions/010): the structured object, then the source's pay text,
 * then the description, then the title. The first plausible one wins. When a source states figures that are not
 * a plausible wage and nothing later offers a plausible one, pay is null and the reason is kept.
 */
function resolvePay(raw: RawPosting, descriptionText: string): PayOutcome {
  const grade = (raw.pay ? findPayGrade(raw.pay) : null) ?? findGradeInDescription(descriptionText);
  let rejected: string | null = null;
  for (let step = 0; step < PAY_SOURCES.length; step++) {
    const basis = PAY_SOURCES[step] as PayBasis;
    const parse = readPaySource(step, raw, descriptionText);
    if (!parse) continue;
    const reason = implausiblePayReason(parse);
    if (reason === null) {
      const hourly = basis === 'structured' ? hourlyEquivalent(parse, raw.pay) : null;
      if (hourly !== null) {
        return { pay: toPay(hourly), payBasis: 'stated', payInferred: false, payGrade: grade ?? parse.grade, payRejectedReason: null };
      }
      // A pay field the page repeats as its header gives way to the employer's own pay line.
      const line = step === PAY_FIELD_STEP && raw.pay ? employerLineOverHeader(raw.pay, parse, descriptionText) : null;
      if (line !== null) {
        return { pay: toPay(line), payBasis: 'description', payInferred: line.inferred, payGrade: grade ?? parse.grade, payRejectedReason: null };
      }
      return { pay: toPay(parse), payBasis: basis, payInferred: parse.inferred, payGrade: grade ?? parse.grade, payRejectedReason: null };
    }
    rejected ??= `${basis} pay ${parse.text ? `"${parse.text}" ` : ''}rejected: ${reason}`;
  }
  return { pay: null, payBasis: null, payInferred: false, payGrade: grade, payRejectedReason: rejected };
}

/**
 * The source's hourly pay text when it states the same pay as a non-hourly structured object
 * (JSON-LD `YEAR` 41,600-49,920 beside "$20.00 - $24.00 per hour"): two equivalent statements,
 * and the convention keeps the hourly one (as parsePayText does within one text).
 */
function hourlyEquivalent(structured: PayParse, payText: string | undefined): PayParse | null {
  if (structured.period === 'hour' || !payText) return null;
  const stated = parsePayText(payText);
  if (stated === null || stated.period !== 'hour' || stated.inferred || implausiblePayReason(stated) !== null) return null;
  const hours = HOURS_PER_PERIOD[structured.period];
  const same = (a: number | null, b: number | null): boolean =>
    a === null ? b === null : b !== null && Math.abs(a / hours - b) <= Math.max(0.015 * b, 0.01);
  return same(structured.min, stated.min) && same(structured.max, stated.max) ? stated : null;
}

const GRADE_CUE = /\b(?:pay|salary|job)\s+grade\b|\bGS-\d|\bgrade\s*:/i;

function findGradeInDescription(text: string): string | null {
  // Every cue holds "grade" or "GS-": substring searches (no regex) skip the cue regex on most descriptions.
  if (!text.includes('rade') && !text.includes('RADE') && !text.includes('GS-')) return null;
  const m = GRADE_CUE.exec(text);
  return m ? findPayGrade(text.slice(m.index, m.index + 60)) : null;
}

function orNull(s: string | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}

/**
 * Turns a raw posting into the normalised facts. Pure (no I/O); `options.now` anchors relative
 * dates ("Posted 3 days ago"). Never throws on a schema-valid raw posting.
 */
export function normalizePosting(input: RawPosting, options: { now?: Date } = {}): NormalizedPosting {
  const now = options.now ?? new Date();
  // Plain-text display fields, no control characters, the shared length limits (recorded in issues).
  const { raw, issues } = applyRawContract(input);
  const title = raw.title;
  const employer = orNull(raw.employer);
  const { html, text } = sanitizeDescription(raw.description);

  const role = classifyRole({ title, employer, text });
  const settings = raw.settings && raw.settings.length > 0 ? [...new Set(raw.settings)] : classifySettings({ title, employer, text });
  const pay = resolvePay(raw, text);
  const location = parseLocation(raw.location, raw.workplace, text, title, employer);
  const certifications = extractCertifications(text, title);

  return {
    source: orNull(raw.source),
    sourceId: orNull(raw.sourceId),
    url: orNull(raw.url),
    title,
    employer,
    isPeerRole: role.isPeerRole,
    roleFamily: role.roleFamily,
    settings,
    pay: pay.pay,
    payBasis: pay.payBasis,
    payInferred: pay.payInferred,
    payGrade: pay.payGrade,
    payRejectedReason: pay.payRejectedReason,
    location,
    employmentType: classifyEmploymentType(raw.employmentType, title, text),
    certifications,
    livedExperienceRequired: livedExperienceRequired(text, role.isPeerRole),
    descriptionHtml: html,
    descriptionText: text,
    datePosted: readDate(raw.datePosted, 'datePosted', now, issues),
    validThrough: readDate(raw.validThrough, 'validThrough', now, issues),
    fingerprint: computeFingerprint({ title, employer, city: location.city, state: location.state, workplace: location.workplace }),
    issues,
  };
}
