import {
  ROLE_FAMILY_INFO,
  SETTING_INFO,
  type EmploymentType,
  type PostingStatus,
  type RoleFamily,
  type Setting,
  type StoredPosting,
  type Workplace,
} from '../../schema/index.ts';

/**
 * The searchable document both adapters index, derived from a stored posting. Full text lives in
 * a few fields; everything a filter, facet or sort needs is a typed field. The description is cut
 * to {@link DESCRIPTION_MAX_CHARS}: the opening of a posting says what the job is, and a bounded
 * document keeps both engines' memory and indexing time predictable.
 */
export interface SearchDocument {
  id: string;
  title: string;
  roleFamily: RoleFamily | null;
  roleFamilyLabel: string | null;
  employer: string | null;
  settings: Setting[];
  settingLabels: string[];
  city: string | null;
  state: string | null;
  description: string;
  employmentType: EmploymentType | null;
  workplace: Workplace | null;
  certificationRequired: boolean;
  livedExperienceRequired: boolean;
  hourlyMin: number | null;
  hourlyMax: number | null;
  /** The posting's top hourly figure: the maximum, or the minimum when only a minimum is stated. */
  hourlyTop: number | null;
  annualTop: number | null;
  /** Unix time in seconds (fractional when the source gave milliseconds). */
  datePosted: number | null;
  status: PostingStatus;
  employerId: string | null;
  _geo: { lat: number; lng: number } | null;
}

export const DESCRIPTION_MAX_CHARS = 3000;

const SETTING_LABEL = new Map<string, string>(SETTING_INFO.map((s) => [s.key, s.label]));
const ROLE_LABEL = new Map<string, string>(ROLE_FAMILY_INFO.map((r) => [r.key, r.label]));

export function settingLabel(setting: Setting): string {
  return SETTING_LABEL.get(setting) ?? setting;
}

export function roleFamilyLabel(roleFamily: RoleFamily): string {
  return ROLE_LABEL.get(roleFamily) ?? roleFamily;
}

/** The figure `payMinHourly` compares against (null: no hourly pay, never matches a pay minimum). */
export function hourlyTopOf(p: Pick<StoredPosting, 'pay'>): number | null {
  const v = p.pay?.hourlyMax ?? p.pay?.hourlyMin ?? null;
  return v !== null && Number.isFinite(v) ? v : null;
}

export function annualTopOf(p: Pick<StoredPosting, 'pay'>): number | null {
  const v = p.pay?.annualMax ?? p.pay?.annualMin ?? null;
  return v !== null && Number.isFinite(v) ? v : null;
}

/** ISO date-time → unix seconds, or null when absent or unreadable. */
export function isoToUnixSeconds(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

function validCoordinates(lat: number | null, lon: number | null): { lat: number; lng: number } | null {
  if (lat === null || lon === null || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lng: lon };
}

/** Cuts at a word boundary so the stored text never ends in half a word. */
function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return text.slice(0, cut > max * 0.8 ? cut : max);
}

export function toSearchDocument(p: StoredPosting): SearchDocument {
  return {
    id: p.id,
    title: p.title,
    roleFamily: p.roleFamily,
    roleFamilyLabel: p.roleFamily ? roleFamilyLabel(p.roleFamily) : null,
    employer: p.employer,
    settings: [...p.settings],
    settingLabels: p.settings.map(settingLabel),
    city: p.location.city,
    state: p.location.state,
    description: truncateText(p.descriptionText, DESCRIPTION_MAX_CHARS),
    employmentType: p.employmentType,
    workplace: p.location.workplace,
    certificationRequired: p.certifications.some((c) => c.required),
    livedExperienceRequired: p.livedExperienceRequired,
    hourlyMin: p.pay?.hourlyMin ?? null,
    hourlyMax: p.pay?.hourlyMax ?? null,
    hourlyTop: hourlyTopOf(p),
    annualTop: annualTopOf(p),
    datePosted: isoToUnixSeconds(p.datePosted),
    status: p.status,
    employerId: p.employerId,
    _geo: validCoordinates(p.location.lat, p.location.lon),
  };
}
