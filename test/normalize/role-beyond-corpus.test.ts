import { describe, expect, it } from 'vitest';
import { classifyRole } from '../../scrapers/normalize/role-classifier.ts';

// docs/decisions/097: peer titles and look-alikes seen on real pages beyond our corpus (texts in our own words).
const peer = (title: string, text = ''): boolean => classifyRole({ title, text }).isPeerRole;

describe('peer titles beyond the corpus', () => {
  it('state credential names in the title are peer roles', () => {
    for (const t of ['Certified Addiction Recovery Empowerment Specialist', 'CPRM - Recovery Mentor', 'CRSS Recovery Support', 'Certified Recovery Support Worker (CRSW)', 'Certified Peer Recovery Mentor']) {
      expect(peer(t), t).toBe(true);
    }
  });

  it('Spanish peer titles are peer roles', () => {
    expect(peer('Especialista de Apoyo de Pares')).toBe(true);
    expect(peer('Mentor entre Pares (bilingüe)')).toBe(true);
  });

  it('young-adult and transition-age qualifiers make a peer mentor or advocate title a peer role on its own', () => {
    expect(classifyRole({ title: 'Young Adult Peer Mentor' })).toEqual({ isPeerRole: true, roleFamily: 'youth_peer_advocate' });
    expect(peer('TAY Peer Advocate')).toBe(true);
  });

  it('a navigator, coordinator or supervisor hired by lived experience is a peer role', () => {
    expect(peer('Behavioral Health Navigator', 'You will walk beside patients after an overdose. Applicants must have lived experience with substance use and recovery.')).toBe(true);
    expect(peer('Recovery Services Coordinator', 'Leads our recovery coaching team. Must be in recovery for at least two years.')).toBe(true);
    expect(peer('Reentry Navigator', 'Navigators must have a minimum of one year of sobriety and will support people leaving county jail with substance use needs.')).toBe(true);
    // A clinical or case-management title stays out even then.
    expect(peer('Case Manager', 'Applicants must have lived experience with substance use and recovery.')).toBe(false);
    // A manager is the peer advancement path only when the text names the peer work it leads.
    expect(peer('Program Manager', 'Supervises our peer support specialists. Applicants must have lived experience with mental illness or substance use recovery.')).toBe(true);
    expect(peer('Housing Program Manager', 'Runs our supportive housing program. Applicants must have lived experience with mental illness or substance use.')).toBe(false);
  });

  it('a peer credential of the state named as required makes a front-line title a peer role', () => {
    expect(peer('Warm Handoff Specialist', 'Meets people after an overdose in the emergency department. Certified Recovery Specialist credential required within 12 months of hire.')).toBe(true);
    expect(peer('Outreach Specialist', 'Must hold CRSW certification. Outreach to people who use drugs.')).toBe(true);
  });

  it('a text that defines the holders of the title by lived experience of recovery makes it a peer role', () => {
    expect(peer('Bridge Coach', 'Our bridge coaches with lived experience of addiction meet patients in the ED and connect them to treatment.')).toBe(true);
    expect(peer('Living Room Specialist', 'A living-room crisis alternative. Specialists are certified peer specialists who support guests in mental health distress.')).toBe(true);
    // The people served, not the staff, have the lived experience here.
    expect(peer('Outreach Specialist', 'The specialist works with individuals with lived experience of homelessness and mental illness.')).toBe(false);
    // A welcome is not a definition.
    expect(peer('Bridge Coach', 'Bridge coaches with lived experience of addiction are encouraged to apply; we serve patients in the ED with substance use needs.')).toBe(false);
  });

  it('looser family and youth titles are peer roles when the lived experience is of behavioural health or its systems', () => {
    expect(peer('Family Resource Facilitator', 'Facilitators are parents with lived experience raising a child with mental health needs and support other families in the children’s mental health system.')).toBe(true);
    expect(peer('Youth Advocate', 'Advocates are young adults with lived experience in the behavioral health system who give youth peer support.')).toBe(true);
    expect(peer('Youth Mentor', 'Mentor middle school students after school; lived experience in our neighbourhood is valued.')).toBe(false);
    expect(peer('Family Support Specialist', 'Home visits for families enrolled in our early learning program.')).toBe(false);
  });
});

describe('look-alikes with a peer word in the title', () => {
  it('mediation, benchmarking, assistance and academic "peer" titles are not peer roles', () => {
    for (const t of ['Peer Mediator', 'Peer Mediation Coordinator', 'Manager, Peer Benchmarking', 'Peer Assistance Program Coordinator', 'Peer Learning Facilitator', 'Peer Writing Consultant', 'Peer Career Advisor', 'Peer Academic Coach']) {
      expect(peer(t, 'Behavioral health terms here do not change it: mental health.'), t).toBe(false);
    }
  });

  it('research and teaching posts about peer support are not peer roles', () => {
    expect(peer('Research Assistant - Peer Support Study', 'Collect interview data on peer support services in mental health.')).toBe(false);
    expect(peer('Peer Support Researcher', 'Evaluate peer support programs; PhD in public health.')).toBe(false);
  });

  it('an office trade is not a peer role by a peer word in its title', () => {
    expect(peer('Peer Group Analyst', 'Compare our results with peer institutions.')).toBe(false);
    expect(peer('Peer Support Data Analyst', 'Report on the outcomes of our peer support program in mental health.')).toBe(false);
  });

  it('a clinical or director title over peer services with a licence required is not a peer role; without one it is the advancement path', () => {
    expect(peer('Clinical Director - Peer Services', 'Oversees the clinical and peer teams. LCSW or LPC license required.')).toBe(false);
    expect(peer('Director of Peer Services', 'Leads our peer support specialists; lived experience of recovery required.')).toBe(true);
  });

  it('a peer title whose text is only about campus life and no behavioural health is a look-alike', () => {
    expect(peer('Peer Navigator - Financial Aid', 'Help undergraduates complete financial aid forms and class schedules.')).toBe(false);
    expect(peer('Peer Navigator', 'Help college students in our collegiate recovery program stay in recovery from addiction.')).toBe(true);
  });
});
