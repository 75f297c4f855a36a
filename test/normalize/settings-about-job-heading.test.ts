import { describe, expect, it } from 'vitest';
import { classifySettings } from '../../scrapers/normalize/index.ts';

const settings = (text: string, title = 'Peer Support Specialist') => classifySettings({ title, text });

describe('settings: an "About Job" heading opens the job, not the organisation (issue 9, decision 083)', () => {
  const duty = 'You would sit with patients on the adult inpatient psychiatric unit during their first days.';

  it('"About Job", "About Position" and "ABOUT THIS ROLE" head the job itself, with or without an article', () => {
    for (const heading of ['About Job', 'About Position', 'ABOUT JOB', 'ABOUT THIS ROLE', 'About Your Role', 'About the Job']) {
      expect(settings(`${heading}\n${duty}\n`), heading).toContain('hospital_ed');
    }
  });

  it('about-us headings still discount the text under them', () => {
    for (const heading of ['About Us', 'About Riverbend Health', 'ABOUT THE AGENCY']) {
      expect(settings(`${heading}\nOur network runs three psychiatric hospitals and a detox center across the region.\n`), heading).toEqual([]);
    }
  });
});
