import { ROLE_FAMILY_INFO, SETTING_INFO, US_STATES } from '../../schema/index.ts';
import { toEnumName } from '../../schema/graphql/enums.ts';
import type { FacetName } from '../../store/search/search-port.ts';
import type { StatsDimension } from '../../store/stats/stats-port.ts';

/**
 * How facet values and statistics groups are shown: the form a client can send straight back in
 * a filter (the enum name `HOSPITAL_ED`, the state code `OH`) plus a human label. The GraphQL
 * result and the CSV export use the same values.
 */

const SETTING_LABELS = new Map<string, string>(SETTING_INFO.map((s) => [s.key, s.label]));
const ROLE_LABELS = new Map<string, string>(ROLE_FAMILY_INFO.map((r) => [r.key, r.label]));
const EMPLOYMENT_LABELS: Readonly<Record<string, string>> = {
  full_time: 'Full-time',
  part_time: 'Part-time',
  per_diem: 'Per diem',
  contract: 'Contract',
  temporary: 'Temporary',
};
const WORKPLACE_LABELS: Readonly<Record<string, string>> = { onsite: 'On site', hybrid: 'Hybrid', remote: 'Remote' };

export interface PublicValue {
  value: string;
  label: string | null;
}

export function publicFacetValue(facet: FacetName, raw: string): PublicValue {
  switch (facet) {
    case 'settings':
      return { value: toEnumName(raw), label: SETTING_LABELS.get(raw) ?? null };
    case 'roleFamilies':
      return { value: toEnumName(raw), label: ROLE_LABELS.get(raw) ?? null };
    case 'employmentTypes':
      return { value: toEnumName(raw), label: EMPLOYMENT_LABELS[raw] ?? null };
    case 'workplaces':
      return { value: toEnumName(raw), label: WORKPLACE_LABELS[raw] ?? null };
    case 'states':
      return { value: raw, label: US_STATES[raw] ?? null };
  }
}

export function publicGroupValue(dimension: StatsDimension, raw: string): PublicValue {
  switch (dimension) {
    case 'setting':
      return publicFacetValue('settings', raw);
    case 'role_family':
      return publicFacetValue('roleFamilies', raw);
    case 'employment_type':
      return publicFacetValue('employmentTypes', raw);
    case 'state':
      return publicFacetValue('states', raw);
    case 'certification_required':
      return { value: raw, label: raw === 'true' ? 'Certification required' : raw === 'false' ? 'No certification required' : null };
    case 'employer':
    case 'month':
    case 'quarter':
    case 'year':
      return { value: raw, label: null };
  }
}
