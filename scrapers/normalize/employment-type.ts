import type { EmploymentType } from '../../schema/index.ts';

/**
 * Employment type from the source's value (schema.org FULL_TIME, ATS "Full-Time", Lever
 * commitments, "PRN") or, failing that, from the title and description wording.
 */

const RULES: readonly [RegExp, EmploymentType][] = [
  // "Intermittent" (USAJOBS, county boards): no fixed schedule, paid for hours worked — per diem.
  [/\bper[\s_-]?diem\b|\bprn\b|\bon[\s_-]?call\b|\bcasual\b|\brelief\b|\bas[\s_-]needed\b|\bintermittent\b/i, 'per_diem'],
  [/\btemp(?:orary)?\b|\bseasonal\b|\bintern(?:ship)?\b|\blimited[\s_-]term\b|\bfixed[\s_-]term\b|\bgrant[\s_-]funded\b.*\bterm\b/i, 'temporary'],
  [/\bcontract(?:or|ual)?\b|\b1099\b|\bfreelance\b|\bconsultant\b/i, 'contract'],
  [/\bpart[\s_-]?time\b|\bpt\b|\bhalf[\s_-]time\b/i, 'part_time'],
  [/\bfull[\s_-]?time\b|\bft\b|\bregular\b|\bpermanent\b/i, 'full_time'],
];

/** Reads one source value ("FULL_TIME", "Part Time", "Temporary/Seasonal", "PRN", "Regular Full Time"). */
export function employmentTypeFromValue(value: string): EmploymentType | null {
  // Order matters: "Part-Time Regular" is part-time, "Full Time Temporary" is temporary.
  for (const [re, type] of RULES) if (re.test(value)) return type;
  return null;
}

const TEXT_RULES: readonly [RegExp, EmploymentType][] = [
  [/\bjob types?:\s*([^\n]+)/i, 'full_time'],
  [/\b(?:this is an?|this) (?:(?:regular|benefited|benefits[- ]eligible|non-exempt|exempt),? )*(full[- ]time|part[- ]time|per[- ]diem|prn|temporary|contract)\b/i, 'full_time'],
  [/\b(full[- ]time|part[- ]time|per[- ]diem|prn|temporary|contract) (?:position|role|opportunity|job|status|employment)\b/i, 'full_time'],
];

/** The posting's employment type. */
export function classifyEmploymentType(value: string | string[] | undefined, title: string, text: string): EmploymentType | null {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  for (const v of values) {
    const t = employmentTypeFromValue(v);
    if (t) return t;
  }
  const inTitle = /\b(?:full|part)[\s-]?time\b|\bper[\s-]?diem\b|\bprn\b|\btemp(?:orary)?\b|\bcontract\b|\bseasonal\b/i.exec(title);
  if (inTitle) return employmentTypeFromValue(inTitle[0]);
  for (const [re] of TEXT_RULES) {
    const m = re.exec(text);
    if (m && m[1]) {
      const t = employmentTypeFromValue(m[1]);
      if (t) return t;
    }
  }
  return null;
}
