import { describe, expect, it } from 'vitest';
import { classifyRole } from '../../scrapers/normalize/index.ts';

const role = (title: string, text: string, employer?: string) => classifyRole({ title, employer, text });

/** Role classes seen in the held-back split after it was opened (issue 9, end of round three; decision 098). */
describe('peer roles described by their work, not their words', () => {
  it('a peer mentor in a treatment programme that speaks of relapse and aftercare is a peer role', () => {
    const text =
      'Mentors stay with each client from the first call through the programme. They check in weekly, let the counsellor know at once about any sign of relapse, and keep in touch during aftercare for a year.';
    expect(role('Peer Mentor', text).isPeerRole).toBe(true);
    // With no behavioural-health word at all the ambiguous title stays out.
    expect(role('Peer Mentor', 'Mentors meet new hires in the sales team every week and answer their questions about the office.').isPeerRole).toBe(false);
  });

  it('a helpline specialist on a line the text calls a peer-support service is a peer role', () => {
    const text = 'Our helpline is a free peer-support service: specialists answer calls and texts from people affected by mental health conditions and share resources.';
    expect(role('Helpline Information Specialist', text).isPeerRole).toBe(true);
    expect(role('Warmline Specialist', 'Callers can talk with a peer about whatever is on their mind, any evening of the week.').isPeerRole).toBe(true);
    // A helpline that is not a peer service, with no lived-experience hire, stays out.
    expect(role('Helpline Information Specialist', 'Specialists answer calls about billing and direct members to the right department.').isPeerRole).toBe(false);
  });
});

describe('look-alikes carrying peer or recovery words', () => {
  it('a drug-and-alcohol "Recovery Worker" with no lived-experience hire or peer work is a look-alike', () => {
    const text = 'The worker gives outreach, case coordination and harm-reduction support to adults using alcohol and other drugs, alongside the AOD clinical team.';
    expect(role('Care & Recovery Worker', text).isPeerRole).toBe(false);
    expect(role('Recovery Worker', `${text} Lived experience of recovery from substance use is required.`).isPeerRole).toBe(true);
    expect(role('Recovery Worker', `${text} The worker provides peer support and runs peer support groups.`).isPeerRole).toBe(true);
    expect(role('Peer Recovery Worker', text).isPeerRole).toBe(true);
  });

  it("an employer's staff peer-supporter scheme for colleagues struggling with work is a look-alike", () => {
    const text =
      'Our staff wellbeing scheme trains employees as peer supporters. They listen to colleagues struggling with work, personal or mental health challenges, drawing on their own lived experience. To apply you need two years in a supervisory post with us.';
    expect(role('Staff wellbeing: become a peer supporter', text).isPeerRole).toBe(false);
    // A peer supporter who serves clients of a mental health service is still a peer role.
    expect(role('Peer Supporter', 'Peer supporters meet clients of the community mental health team and help them with problems at work and at home.').isPeerRole).toBe(true);
  });

  it('a post whose text says the role is voluntary is a look-alike (ruling R5)', () => {
    const lived = ' You bring lived experience of a mental health condition and are in recovery.';
    expect(role('Peer Support Specialist', `The role is voluntary and supervised by a coordinator.${lived}`).isPeerRole).toBe(false);
    expect(role('Peer Support Specialist', `Register here to start voluntary supervised work as a peer.${lived}`).isPeerRole).toBe(false);
    expect(role('Peer Support Worker', `This is an unpaid position.${lived}`).isPeerRole).toBe(false);
    // A qualification that counts paid or voluntary work is no volunteer post.
    expect(role('Peer Support Specialist', `One year of paid or voluntary work experience in a helping role.${lived}`).isPeerRole).toBe(true);
    expect(role('Peer Support Specialist', `You will coordinate volunteer opportunities for members.${lived}`).isPeerRole).toBe(true);
  });
});
