/**
 * Deterministic raw postings for the multi-process and crash tests: the i-th is always the same
 * listing (source `bulk`, sourceId `bulk-<i>`), and every one is a distinct job (its own
 * employer), so ingesting them gives exactly one posting each.
 */
const CITIES = ['Columbus, OH', 'Toledo, OH', 'Erie, PA', 'Pittsburgh, PA', 'Dayton, OH', 'Akron, OH'] as const;
const TITLES = ['Peer Support Specialist', 'Recovery Coach', 'Certified Peer Recovery Specialist', 'Peer Navigator'] as const;

export function rawPosting(i: number, source = 'bulk'): Record<string, string> {
  return {
    source,
    sourceId: `${source}-${i}`,
    url: `https://jobs.example.org/${source}/${i}`,
    title: TITLES[i % TITLES.length]!,
    employer: `Harbor Community Services ${toWords(i)}`,
    location: CITIES[i % CITIES.length]!,
    pay: `$${17 + (i % 7)}.00 - $${21 + (i % 7)}.50 per hour`,
    description: `Use your lived experience of recovery to support adults in our outpatient program. Opening ${i}. Certification within 6 months.`,
    datePosted: '2026-03-02',
  };
}

/** A number as letters, so employer names differ in words the normaliser keeps (it may drop digits). */
function toWords(n: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let s = '';
  let v = n;
  do {
    s = letters[v % 26]! + s;
    v = Math.floor(v / 26);
  } while (v > 0);
  return `Branch ${s}`;
}
