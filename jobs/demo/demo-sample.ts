import type { RawPosting } from '../../schema/index.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * The demo's bundled sample: a few hundred realistic raw postings across all ten settings and
 * twenty states, written the way employers write them (pay as text in several periods, some
 * without pay, certifications named by their state names, lived experience asked for or not),
 * and handed to the real ingest — normaliser, de-duplication, store, statistics, index — like
 * any imported file. It exists so the pages have enough to show: /salaries publishes figures
 * for most settings and states instead of suppressing every cell.
 *
 * Generated from templates with a fixed seed, so every demo holds the same postings; dates are
 * relative to `now` (the oldest about 20 months back), and postings older than their closing
 * date are expired by the lifecycle after ingest, as a scheduled expiry would: they are the
 * history behind the trend charts.
 */

export const DEMO_SAMPLE_SOURCE = 'demo-sample';
export const DEMO_SAMPLE_SIZE = 420;

interface Place {
  city: string;
  state: string;
  zip: string;
  /** Pay level relative to the national middle (cost of living, state funding). */
  level: number;
  cert: string;
}

const PLACES: Place[] = [
  { city: 'Columbus', state: 'OH', zip: '43215', level: 1.0, cert: 'Ohio Certified Peer Recovery Supporter (OhioMHAS)' },
  { city: 'Cleveland', state: 'OH', zip: '44113', level: 0.98, cert: 'Ohio Certified Peer Recovery Supporter (OhioMHAS)' },
  { city: 'Dayton', state: 'OH', zip: '45402', level: 0.95, cert: 'Ohio Certified Peer Recovery Supporter (OhioMHAS)' },
  { city: 'Pittsburgh', state: 'PA', zip: '15222', level: 1.0, cert: 'Certified Peer Specialist (CPS)' },
  { city: 'Philadelphia', state: 'PA', zip: '19107', level: 1.06, cert: 'Certified Recovery Specialist (CRS)' },
  { city: 'Albany', state: 'NY', zip: '12207', level: 1.12, cert: 'Certified Recovery Peer Advocate (CRPA)' },
  { city: 'Buffalo', state: 'NY', zip: '14202', level: 1.05, cert: 'Certified Recovery Peer Advocate (CRPA)' },
  { city: 'Sacramento', state: 'CA', zip: '95814', level: 1.25, cert: 'California Certified Medi-Cal Peer Support Specialist' },
  { city: 'Oakland', state: 'CA', zip: '94612', level: 1.35, cert: 'California Certified Medi-Cal Peer Support Specialist' },
  { city: 'Fresno', state: 'CA', zip: '93721', level: 1.12, cert: 'California Certified Medi-Cal Peer Support Specialist' },
  { city: 'Austin', state: 'TX', zip: '78701', level: 0.96, cert: 'Peer Recovery Support Specialist (PRSS)' },
  { city: 'Houston', state: 'TX', zip: '77002', level: 0.93, cert: 'Peer Recovery Support Specialist (PRSS)' },
  { city: 'Tampa', state: 'FL', zip: '33602', level: 0.9, cert: 'Certified Recovery Peer Specialist (CRPS)' },
  { city: 'Orlando', state: 'FL', zip: '32801', level: 0.9, cert: 'Certified Recovery Peer Specialist (CRPS)' },
  { city: 'Atlanta', state: 'GA', zip: '30303', level: 0.94, cert: 'Certified Peer Specialist (CPS)' },
  { city: 'Raleigh', state: 'NC', zip: '27601', level: 0.93, cert: 'NC Certified Peer Support Specialist (NCCPSS)' },
  { city: 'Asheville', state: 'NC', zip: '28801', level: 0.9, cert: 'NC Certified Peer Support Specialist (NCCPSS)' },
  { city: 'Detroit', state: 'MI', zip: '48226', level: 0.98, cert: 'Certified Peer Recovery Coach (CPRC)' },
  { city: 'Grand Rapids', state: 'MI', zip: '49503', level: 0.95, cert: 'Certified Peer Support Specialist (CPSS)' },
  { city: 'Chicago', state: 'IL', zip: '60602', level: 1.08, cert: 'Certified Recovery Support Specialist (CRSS)' },
  { city: 'Springfield', state: 'IL', zip: '62701', level: 0.95, cert: 'Certified Peer Recovery Specialist (CPRS)' },
  { city: 'Seattle', state: 'WA', zip: '98104', level: 1.3, cert: 'Washington State Certified Peer Counselor' },
  { city: 'Spokane', state: 'WA', zip: '99201', level: 1.12, cert: 'Washington State Certified Peer Counselor' },
  { city: 'Portland', state: 'OR', zip: '97204', level: 1.2, cert: 'Oregon Certified Recovery Mentor (CRM)' },
  { city: 'Eugene', state: 'OR', zip: '97401', level: 1.1, cert: 'Oregon Peer Support Specialist (PSS)' },
  { city: 'Boston', state: 'MA', zip: '02108', level: 1.25, cert: 'Certified Peer Specialist (CPS)' },
  { city: 'Worcester', state: 'MA', zip: '01608', level: 1.15, cert: 'Certified Addiction Recovery Coach (CARC)' },
  { city: 'Phoenix', state: 'AZ', zip: '85004', level: 0.98, cert: 'Arizona Peer Support Specialist credential' },
  { city: 'Tucson', state: 'AZ', zip: '85701', level: 0.94, cert: 'Arizona Peer Support Specialist credential' },
  { city: 'Denver', state: 'CO', zip: '80202', level: 1.12, cert: 'Certified Peer Recovery Coach (CPRC)' },
  { city: 'Minneapolis', state: 'MN', zip: '55401', level: 1.1, cert: 'Certified Peer Recovery Specialist (CPRS)' },
  { city: 'Duluth', state: 'MN', zip: '55802', level: 1.02, cert: 'Certified Peer Recovery Specialist (CPRS)' },
  { city: 'Nashville', state: 'TN', zip: '37203', level: 0.92, cert: 'Certified Peer Recovery Specialist (CPRS)' },
  { city: 'Knoxville', state: 'TN', zip: '37902', level: 0.88, cert: 'Certified Peer Recovery Specialist (CPRS)' },
  { city: 'Richmond', state: 'VA', zip: '23219', level: 0.98, cert: 'Certified Peer Recovery Specialist (CPRS)' },
  { city: 'Louisville', state: 'KY', zip: '40202', level: 0.9, cert: 'Kentucky Adult Peer Support Specialist (KYAPSS)' },
  { city: 'Lexington', state: 'KY', zip: '40507', level: 0.9, cert: 'Kentucky Adult Peer Support Specialist (KYAPSS)' },
  { city: 'Albuquerque', state: 'NM', zip: '87102', level: 0.95, cert: 'Certified Peer Support Worker (CPSW)' },
];

interface SettingTemplate {
  titles: string[];
  employers: string[];
  /** Sentences that place the work (the classifier reads these). */
  where: string[];
  duties: string[];
  /** Hourly middle of the setting's pay, before the place's level. */
  hourly: number;
}

const TEMPLATES: SettingTemplate[] = [
  {
    titles: ['Peer Recovery Specialist - Residential Treatment', 'Peer Support Specialist, Withdrawal Management', 'Recovery Coach (Residential)'],
    employers: ['{city} Recovery Center', 'New Dawn Treatment Services', 'Riverstone Residential Recovery'],
    where: ['Join our residential treatment program for adults with substance use disorders.', 'You will work on our withdrawal management (detox) unit and in residential treatment.'],
    duties: ['Lead recovery groups twice a day and meet residents one to one.', 'Help residents build a recovery plan and connect with community supports before discharge.'],
    hourly: 19.5,
  },
  {
    titles: ['Peer Recovery Coach - Emergency Department', 'ED Peer Navigator', 'Peer Support Specialist, Inpatient Psychiatry'],
    employers: ['{city} General Hospital', 'Mercy Regional Medical Center', 'St. Luke Health System'],
    where: ['Work in the hospital emergency department, meeting patients after an overdose.', 'You will be part of the inpatient psychiatric unit care team at our hospital.'],
    duties: ['Offer bedside peer support and warm hand-offs to treatment.', 'Follow up with patients by phone in the 30 days after discharge.'],
    hourly: 22.5,
  },
  {
    titles: ['Certified Peer Specialist - Crisis Stabilization Unit', 'Mobile Crisis Peer Support Specialist', 'Peer Support Specialist, 988 Crisis Line'],
    employers: ['{city} Crisis Center', 'Beacon Crisis Services', 'Lifeline Behavioral Health'],
    where: ['Our crisis stabilization unit serves adults in a mental health or substance use crisis, 24/7.', 'Respond with our mobile crisis team and answer 988 crisis calls.'],
    duties: ['Provide de-escalation, safety planning and peer support during crisis.', 'Link guests to follow-up care before they leave the crisis center.'],
    hourly: 21.5,
  },
  {
    titles: ['Youth Peer Advocate', 'Youth Peer Support Specialist (Transition Age Youth)', 'Family and Youth Peer Specialist'],
    employers: ['{city} Youth & Family Services', 'Bright Futures Youth Network', 'Northstar Youth Services'],
    where: ['Support transition-age youth aged 16 to 25 in our youth services program.', 'Work with adolescents and their families, including school-based support.'],
    duties: ['Mentor young people through school, work and housing goals.', 'Run youth support groups and help young people speak up in their own care.'],
    hourly: 19.0,
  },
  {
    titles: ['Peer Support Specialist - Intensive Outpatient Program', 'Outpatient Peer Recovery Specialist', 'Peer Specialist, ACT Team'],
    employers: ['{city} Behavioral Health', 'Pathways Community Behavioral Health', 'Summit CCBHC'],
    where: ['Join the team of our intensive outpatient program (IOP) at our behavioral health clinic.', 'Our certified community behavioral health clinic (CCBHC) offers outpatient care.'],
    duties: ['Co-facilitate IOP groups and meet clients between sessions.', 'Help clients keep appointments and reach their recovery goals.'],
    hourly: 20.0,
  },
  {
    titles: ['Recovery Coach - Recovery Community Center', 'Peer Recovery Support Specialist, Drop-In Center', 'Peer Outreach Specialist'],
    employers: ['{city} Recovery Community Organization', 'Hope Recovery Alliance', 'Open Door Peer Center'],
    where: ['We are a peer-run recovery community organization with a drop-in center.', 'Do street outreach with people experiencing homelessness from our nonprofit drop-in center.'],
    duties: ['Welcome visitors, run all-recovery meetings and support people on many pathways.', 'Help people get ID, benefits and housing applications done.'],
    hourly: 18.0,
  },
  {
    titles: ['Forensic Peer Specialist - County Jail', 'Peer Support Specialist, Detention Center', 'Police Co-Responder Peer Specialist'],
    employers: ['{county} County Sheriff', '{city} Police Department', '{county} County Corrections Health'],
    where: ['Work inside the county jail with people in custody who live with mental illness or addiction.', 'Ride with our police co-responder team and meet people at booking.'],
    duties: ['Offer peer support in the housing units and plan for release.', 'Connect people to treatment at the point of arrest.'],
    hourly: 22.0,
  },
  {
    titles: ['Reentry Peer Navigator', 'Peer Mentor - Reentry Services', 'Reentry Peer Support Specialist'],
    employers: ['Second Chance Reentry Services', '{city} Reentry Coalition', 'Fresh Start Reentry Network'],
    where: ['Our reentry program supports returning citizens after release from prison.', 'Work with people on parole and probation in the first year after release.'],
    duties: ['Meet people at the gate and help with housing, ID, work and treatment.', 'Walk alongside participants to appointments with parole officers.'],
    hourly: 19.5,
  },
  {
    titles: ['Peer Mentor - Drug Court', 'Peer Recovery Specialist, Treatment Court', 'Peer Support Specialist - Mental Health Court'],
    employers: ['{county} County Court Services', '{county} County Treatment Court', 'Justice Partners Recovery Services'],
    where: ['Join the drug court team at the county courthouse.', 'Support participants of our mental health court and veterans treatment court.'],
    duties: ['Attend staffings and court sessions and mentor participants.', 'Help participants keep to their treatment plan and celebrate phase changes.'],
    hourly: 21.0,
  },
  {
    titles: ['Peer Recovery Supporter - Opioid Treatment Program', 'Peer Recovery Specialist, MAT Clinic', 'Peer Support Specialist - MOUD Services'],
    employers: ['{city} Comprehensive Treatment Center', 'Bridge Clinic MOUD Services', 'Harbor Opioid Treatment Program'],
    where: ['Our opioid treatment program (OTP) offers methadone and buprenorphine.', 'Work in our office-based MOUD clinic prescribing buprenorphine (Suboxone).'],
    duties: ['Support patients starting medication and reduce stigma around MOUD.', 'Offer harm reduction supplies and naloxone training.'],
    hourly: 20.5,
  },
];

const COUNTIES: Record<string, string> = {
  Columbus: 'Franklin', Cleveland: 'Cuyahoga', Dayton: 'Montgomery', Pittsburgh: 'Allegheny', Philadelphia: 'Philadelphia', Albany: 'Albany',
  Buffalo: 'Erie', Sacramento: 'Sacramento', Oakland: 'Alameda', Fresno: 'Fresno', Austin: 'Travis', Houston: 'Harris', Tampa: 'Hillsborough',
  Orlando: 'Orange', Atlanta: 'Fulton', Raleigh: 'Wake', Asheville: 'Buncombe', Detroit: 'Wayne', 'Grand Rapids': 'Kent', Chicago: 'Cook',
  Springfield: 'Sangamon', Seattle: 'King', Spokane: 'Spokane', Portland: 'Multnomah', Eugene: 'Lane', Boston: 'Suffolk', Worcester: 'Worcester',
  Phoenix: 'Maricopa', Tucson: 'Pima', Denver: 'Denver', Minneapolis: 'Hennepin', Duluth: 'St. Louis', Nashville: 'Davidson', Knoxville: 'Knox',
  Richmond: 'Henrico', Louisville: 'Jefferson', Lexington: 'Fayette', Albuquerque: 'Bernalillo',
};


const DAY_MS = 86_400_000;
const money2 = (n: number) => n.toFixed(2);
const thousands = (n: number) => `$${Math.round(n / 500) * 500 >= 1000 ? (Math.round(n / 500) * 500).toLocaleString('en-US') : String(Math.round(n))}`;

function payText(hourly: number, rnd: () => number): string | undefined {
  const spread = 1.1 + rnd() * 0.15;
  const lo = hourly / Math.sqrt(spread);
  const hi = hourly * Math.sqrt(spread);
  const r = rnd();
  if (r < 0.14) return ['DOE', 'Competitive pay and benefits', 'Commensurate with experience'][Math.floor(rnd() * 3)];
  if (r < 0.55) return `$${money2(lo)} - $${money2(hi)} per hour`;
  if (r < 0.8) return `${thousands(lo * 2080)} - ${thousands(hi * 2080)} annually`;
  if (r < 0.88) return `Starting at $${money2(lo)}/hr`;
  if (r < 0.94) return `Up to $${money2(hi)} an hour`;
  return `$${money2(hourly)}/hour`;
}

/** The sample postings, dated relative to `now`. */
export function demoSamplePostings(now: Date, size = DEMO_SAMPLE_SIZE): RawPosting[] {
  const rnd = seededRandom(20260301);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: RawPosting[] = [];
  for (let i = 0; i < size; i++) {
    const t = TEMPLATES[i % TEMPLATES.length]!;
    const place = PLACES[Math.floor(rnd() * PLACES.length)]!;
    const county = COUNTIES[place.city] ?? place.city;
    const employer = pick(t.employers).replace('{city}', place.city).replace('{county}', county);
    const title = pick(t.titles);
    // 45% posted in the last 40 days (open now); the rest spread over the 20 months before.
    const recent = rnd() < 0.45;
    const ageDays = recent ? Math.floor(rnd() * 40) : 41 + Math.floor(rnd() * 560);
    const posted = new Date(now.getTime() - ageDays * DAY_MS);
    const validThrough = new Date(posted.getTime() + (recent ? 45 + Math.floor(rnd() * 30) : 30) * DAY_MS);
    // Wages have risen about 4% a year: older postings paid a little less.
    const hourly = t.hourly * place.level * (1 - ageDays / 365 * 0.04) * (0.9 + rnd() * 0.22);
    const certRequired = rnd() < 0.55;
    const lived = rnd() < 0.7;
    const type = rnd() < 0.7 ? 'Full-time' : rnd() < 0.6 ? 'Part-time' : 'Per diem';
    const hybrid = i % 10 === 2 && rnd() < 0.4;
    const paragraphs = [
      `<p>${employer} is hiring a ${title.split(/ [-,(]/)[0]} in ${place.city}, ${place.state}. ${pick(t.where)}</p>`,
      `<p>${pick(t.duties)} ${pick(t.duties)}</p>`,
      '<h3>What you bring</h3><ul>',
      lived ? '<li>Lived experience of recovery from mental health or substance use challenges, and willingness to share it to inspire hope.</li>' : '<li>Experience supporting people in recovery; personal lived experience is welcome but not required.</li>',
      certRequired ? `<li>${place.cert} required, or the ability to obtain it within 6 months of hire.</li>` : `<li>${place.cert} preferred.</li>`,
      "<li>A valid driver's license and reliable transportation.</li></ul>",
      hybrid ? '<p>This is a hybrid role: some days in the office, some remote.</p>' : '',
    ];
    const pay = payText(hourly, rnd);
    out.push({
      source: DEMO_SAMPLE_SOURCE,
      sourceId: `sample-${String(i + 1).padStart(4, '0')}`,
      url: `https://careers.${employer.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.example/jobs/${1000 + i}`,
      title,
      employer,
      location: `${place.city}, ${place.state} ${place.zip}${hybrid ? ' (Hybrid)' : ''}`,
      ...(pay ? { pay } : {}),
      description: paragraphs.join('\n'),
      datePosted: posted.toISOString(),
      validThrough: validThrough.toISOString(),
      employmentType: type,
    });
  }
  return out;
}
