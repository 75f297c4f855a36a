import type { StoredPosting } from '../../schema/index.ts';
import { makePosting } from './posting-fixtures.ts';

/** Two batches of postings for the crash test: 30 indexed before the crash, 20 stored only. */
export function crashBatches(): [StoredPosting[], StoredPosting[]] {
  const cities = [
    ['Columbus', 'OH', 39.9612, -82.9988],
    ['Toledo', 'OH', 41.6528, -83.5379],
    ['Erie', 'PA', 42.1292, -80.0851],
  ] as const;
  const make = (i: number, title: string, updatedAt: string) => {
    const [city, state, lat, lon] = cities[i % cities.length]!;
    return makePosting({
      id: `crash-${i}`,
      sourceId: `req-${1000 + i}`,
      title,
      employer: i % 2 ? 'Maumee Valley Guidance Center' : 'Harbor Behavioral Health',
      settings: i % 2 ? ['outpatient'] : ['crisis_unit'],
      location: { city, state, lat, lon },
      pay: { hourly: [17 + (i % 5), 20 + (i % 5)] },
      updatedAt,
      descriptionText: `${title} position ${i}: peer support for adults in recovery, groups and one-to-one sessions.`,
    });
  };
  const first = Array.from({ length: 30 }, (_, i) => make(i, 'Peer Support Specialist', '2025-06-01T09:00:00.000Z'));
  const second = Array.from({ length: 20 }, (_, i) => make(30 + i, 'Recovery Navigator', '2025-06-01T10:00:00.000Z'));
  return [first, second];
}
