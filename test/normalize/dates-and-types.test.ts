import { describe, expect, it } from 'vitest';
import { classifyEmploymentType, employmentTypeFromValue, parsePostingDate } from '../../scrapers/normalize/index.ts';

const NOW = new Date('2026-03-10T15:00:00Z');

describe('posting dates', () => {
  it.each([
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['03/01/2026', '2026-03-01T00:00:00.000Z'],
    ['06/13/25 11:59 PM', '2025-06-13T23:59:00.000Z'],
    ['06/02/2025 11:59 PM Eastern', '2025-06-02T23:59:00.000Z'],
    ['07/01/25 8:00 AM', '2025-07-01T08:00:00.000Z'],
    ['Posted 3 days ago', '2026-03-07T00:00:00.000Z'],
    ['Posted Yesterday', '2026-03-09T00:00:00.000Z'],
  ])('reads "%s" as %s', (text, iso) => {
    expect(parsePostingDate(text, NOW)).toBe(iso);
  });

  it('gives no date for "Posted 30+ Days Ago", which says only "a while ago"', () => {
    expect(parsePostingDate('Posted 30+ Days Ago', NOW)).toBeNull();
  });

  it('refuses impossible dates rather than guessing', () => {
    expect(parsePostingDate('13/45/2026', NOW)).toBeNull();
    expect(parsePostingDate('06/13/25 25:61 PM', NOW)).toBeNull();
  });
});

describe('employment types', () => {
  it.each([
    ['Intermittent', 'per_diem'],
    ['Full-Time', 'full_time'],
    ['PART_TIME', 'part_time'],
    ['PRN', 'per_diem'],
    ['Temporary/Seasonal', 'temporary'],
  ])('reads "%s" as %s', (value, type) => {
    expect(employmentTypeFromValue(value)).toBe(type);
  });

  it('takes the first readable value of a list', () => {
    expect(classifyEmploymentType(['PART_TIME', 'PER_DIEM'], 'Peer Specialist', '')).toBe('part_time');
  });
});
