import { describe, expect, it } from 'vitest';
import { classifyRole } from '../../scrapers/normalize/index.ts';

const role = (title: string, text: string, employer?: string) => classifyRole({ title, employer, text });

describe('peer roles stated only indirectly (issue 9)', () => {
  it('a respite worker hired for lived experience is a peer role', () => {
    expect(role('Overnight Respite Worker', 'Guests stay up to a week. Applicants must bring lived experience of a mental health condition.').isPeerRole).toBe(true);
  });

  it('a warmline specialist at a peer-run organisation is a peer role', () => {
    expect(role('Warmline Specialist', 'Answer calls from people who want to talk through a hard day.', 'Harbor Peer-Run Collective').isPeerRole).toBe(true);
    expect(role('Helpline Associate', 'Our consumer-operated center answers calls every evening.').isPeerRole).toBe(true);
  });

  it('look-alikes stay out: no lived experience or peer-run word, a clinical title, or a licence', () => {
    expect(role('Respite Care Worker', 'Provide in-home respite for families caring for an aging parent.').isPeerRole).toBe(false);
    expect(role('Hotline Counselor', 'Peer-run line; answer calls about housing. LCSW required.').isPeerRole).toBe(false);
    expect(role('IT Helpline Technician', 'Reset passwords for staff; lived experience of the ticket system a plus.').isPeerRole).toBe(false);
  });

  it('a substance use navigator is a peer navigator; a patient navigator is not', () => {
    expect(role('Substance Use Navigator', 'Meet patients in the emergency department and link them to treatment.')).toEqual({ isPeerRole: true, roleFamily: 'peer_navigator' });
    expect(role('Patient Navigator', 'Schedule oncology appointments and explain insurance.').isPeerRole).toBe(false);
  });
});
