import { performance } from 'node:perf_hooks';
import type { RawPosting } from '../schema/index.ts';
import { normalizePosting, parsePayText } from '../scrapers/normalize/index.ts';
import { REAL_POSTINGS } from '../test/normalize/fixtures/real-postings.ts';

/**
 * Normaliser throughput on realistic ~3 KB HTML descriptions (about-us, duties, requirements,
 * benefits, EEO, a wage line and a bonus), and peak RSS. One core: the loop is synchronous.
 */

const PARAGRAPHS = [
  '<p><strong>About Us</strong></p><p>Founded in 1978, {employer} is a nonprofit behavioral health organization offering a full continuum of care including outpatient clinics, residential treatment, crisis services and supportive housing across twelve counties. We also operate a jail diversion program and a recovery community center.</p>',
  '<p><strong>Position Summary</strong></p><p>The {title} uses lived experience of recovery from mental health and/or substance use challenges to engage, support and advocate for people we serve. The specialist works in {setting}, meets people where they are, facilitates recovery groups, helps with wellness recovery action plans (WRAP), and links people to housing, benefits and employment.</p>',
  '<p><strong>Essential Functions</strong></p><ul><li>Provide one-to-one peer support and share your recovery story when helpful</li><li>Facilitate daily recovery and wellness groups</li><li>Complete progress notes in the electronic health record within 24 hours</li><li>Participate in team meetings, supervision and trainings</li><li>Support people during transitions of care and follow up after discharge</li><li>Connect people to MAT, outpatient treatment and community supports as appropriate</li></ul>',
  '<p><strong>Qualifications</strong></p><ul><li>High school diploma or GED required</li><li>Must be a Certified Peer Recovery Specialist (CPRS) or obtain certification within 6 months of hire</li><li>Lived experience with mental health and/or substance use recovery required</li><li>Valid driver\'s license and reliable transportation</li><li>1-2 years of experience preferred; call (555) 201-3344 with questions</li></ul>',
  '<p><strong>Benefits</strong></p><ul><li>Medical, dental and vision insurance starting the first of the month</li><li>403(b) retirement plan with 4% employer match</li><li>Tuition reimbursement up to $5,250 per year</li><li>Public Service Loan Forgiveness eligible employer</li><li>$1,000 sign-on bonus paid after 90 days</li><li>Generous paid time off and 11 paid holidays</li></ul>',
  '<p>Job Type: {type}</p><p>Pay: {pay}</p><p>Schedule: Monday to Friday, 8 hour shift. Expected hours: 32 - 40 per week.</p><p>Work Location: In person</p>',
  '<p><em>{employer} is an Equal Opportunity Employer. We do not discriminate on the basis of race, religion, color, sex, gender identity, sexual orientation, age, non-disqualifying physical or mental disability, national origin, veteran status or any other basis covered by law. People with lived experience of incarceration, homelessness and recovery are encouraged to apply.</em></p>',
];
const SETTINGS = ['our hospital emergency department', 'the county jail and reentry program', 'a mobile crisis team', 'our outpatient clinic', 'a youth drop-in center', 'our residential treatment program'];
const PAYS = ['$18.50 - $22.00 per hour', '$42,000 - $48,000 per year', 'From $19.00 per hour', '$3,400 - $3,900 per month', 'Up to $24 an hour'];
const TITLES = ['Peer Support Specialist', 'Peer Recovery Specialist', 'Recovery Coach (Part-Time)', 'Certified Peer Specialist', 'Youth Peer Advocate', 'Forensic Peer Specialist'];
const PLACES = ['Columbus, OH 43215', 'Dayton, OH (hybrid)', 'US-PA-Pittsburgh', 'Remote - US', 'Knoxville, Tennessee', 'Flagstaff, AZ'];

export function makePostings(n: number): RawPosting[] {
  const out: RawPosting[] = [];
  for (let i = 0; i < n; i++) {
    const title = TITLES[i % TITLES.length] ?? '';
    const employer = `Riverside Community Services ${i % 97}`;
    const html = PARAGRAPHS.join('\n')
      .replaceAll('{employer}', employer)
      .replaceAll('{title}', title)
      .replace('{setting}', SETTINGS[i % SETTINGS.length] ?? '')
      .replace('{pay}', PAYS[i % PAYS.length] ?? '')
      .replace('{type}', i % 3 === 0 ? 'Part-time' : 'Full-time');
    out.push({ title, employer, location: PLACES[i % PLACES.length], description: html, datePosted: '2026-03-01' });
  }
  // Plus the hand-written fixtures, so odd shapes are on the path too.
  for (const f of REAL_POSTINGS) out.push(f.raw);
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (rank - lo);
}

export async function run(options: { quick: boolean }): Promise<void> {
  const count = options.quick ? 2_000 : 20_000;
  const postings = makePostings(Math.min(count, 2_000));
  const avgBytes = Math.round(postings.reduce((s, p) => s + (p.description?.length ?? 0), 0) / postings.length);
  let peakRss = process.memoryUsage().rss;

  // Warm-up: loads the gazetteer and lets the JIT settle.
  for (let i = 0; i < 500; i++) normalizePosting(postings[i % postings.length] as RawPosting);

  const now = new Date('2026-03-10T00:00:00Z');
  const samples: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const s = performance.now();
    normalizePosting(postings[i % postings.length] as RawPosting, { now });
    samples.push(performance.now() - s);
    if ((i & 1023) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  samples.sort((a, b) => a - b);

  const payTexts = PAYS.concat(['$ 49,026 - $ 63,733 a year', '45K-55K', 'DOE', 'Salary: $45,000.00 - $52,000.00 Annually']);
  const payRuns = options.quick ? 20_000 : 200_000;
  const p0 = performance.now();
  for (let i = 0; i < payRuns; i++) parsePayText(payTexts[i % payTexts.length] ?? '');
  const payElapsed = performance.now() - p0;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  console.log(`normalize: ${count} postings, avg description ${avgBytes} bytes`);
  console.log(`normalize: ${Math.round((count / elapsed) * 1000)} postings/s (one core)`);
  // Per CPU-second of the process (all its threads, the collector's helpers included): on a
  // shared machine the wall-clock figure above also counts the time the loop waited for a core;
  // this one does not (it still feels the neighbours' use of the caches).
  console.log(`normalize: ${Math.round(count / ((cpu.user + cpu.system) / 1e6))} postings per CPU-second`);
  console.log(`normalize: p50 ${(percentile(samples, 50) * 1000).toFixed(0)} us, p99 ${(percentile(samples, 99) * 1000).toFixed(0)} us`);
  console.log(`normalize: parsePayText ${Math.round((payRuns / payElapsed) * 1000)} texts/s`);
  console.log(`normalize: peak RSS ${Math.round(peakRss / 1024 / 1024)} MB`);
}
