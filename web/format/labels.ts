import { ROLE_FAMILY_INFO, SETTING_INFO, US_STATES } from '../../schema/index.ts';
import type { EmploymentType, PayPeriod, Workplace } from '../../schema/index.ts';

/** The words pages show for vocabulary keys (the keys themselves are what URLs carry). */

export const SETTING_LABELS: ReadonlyMap<string, string> = new Map(SETTING_INFO.map((s) => [s.key, s.label]));
export const ROLE_LABELS: ReadonlyMap<string, string> = new Map(ROLE_FAMILY_INFO.map((r) => [r.key, r.label]));

export const EMPLOYMENT_LABELS: Readonly<Record<EmploymentType, string>> = {
  full_time: 'Full-time',
  part_time: 'Part-time',
  per_diem: 'Per diem',
  contract: 'Contract',
  temporary: 'Temporary',
};

export const WORKPLACE_LABELS: Readonly<Record<Workplace, string>> = { onsite: 'On site', hybrid: 'Hybrid', remote: 'Remote' };

export const PERIOD_WORDS: Readonly<Record<PayPeriod, string>> = {
  hour: 'an hour',
  day: 'a day',
  week: 'a week',
  biweek: 'every two weeks',
  month: 'a month',
  year: 'a year',
};

export function settingLabel(key: string): string {
  return SETTING_LABELS.get(key) ?? key;
}

export function stateLabel(code: string): string {
  return US_STATES[code] ?? code;
}

export function roleLabel(key: string): string {
  return ROLE_LABELS.get(key) ?? key;
}

export function employmentLabel(key: string): string {
  return EMPLOYMENT_LABELS[key as EmploymentType] ?? key;
}

export function workplaceLabel(key: string): string {
  return WORKPLACE_LABELS[key as Workplace] ?? key;
}
