/**
 * The normaliser: pure functions that turn a raw posting into comparable facts (settings, role,
 * pay, place, certifications, clean description, fingerprint). No I/O; imports only `schema/`.
 */
export { normalizePosting, parseRawPosting } from './normalize-posting.ts';
export { parsePayText, findPayInDescription, findPayCandidates, findPayGrade, inferPeriod, type PayCandidate } from './pay-parser.ts';
export { payFromStructured } from './structured-pay.ts';
export { toPay, toHourly, toAnnual, formatPay, formatMoney, implausiblePayReason, isPlausiblePay, PERIODS_PER_YEAR } from './pay-conversion.ts';
export type { PayParse } from './pay-types.ts';
export { lookupPlace, lookupZip, stateCode, type Place } from './gazetteer.ts';
export { parseLocation, parseLocationText, workplaceFromHint } from './location.ts';
export { computeFingerprint, type FingerprintInput } from './fingerprint.ts';
export { classifySettings, settingScores, type SettingsInput } from './settings-classifier.ts';
export { classifyRole, type RoleInput, type RoleResult } from './role-classifier.ts';
export { extractCertifications, livedExperienceRequired, windowMonths } from './certifications.ts';
export { sanitizeDescription, decodeEntities } from './sanitize-description.ts';
export { classifyEmploymentType, employmentTypeFromValue } from './employment-type.ts';
export { parsePostingDate } from './posting-dates.ts';
