import { describe, expect, it } from 'vitest';
import { computeFingerprint, extractCertifications, livedExperienceRequired, sanitizeDescription } from '../../scrapers/normalize/index.ts';

describe('extractCertifications', () => {
  it.each([
    ['Must be a Certified Peer Specialist (CPS).', [{ name: 'CPS', required: true, withinMonths: null }]],
    ['CPRS certification preferred.', [{ name: 'CPRS', required: false, withinMonths: null }]],
    ['Must obtain CPRS within 6 months of hire.', [{ name: 'CPRS', required: true, withinMonths: 6 }]],
    ['Certified Recovery Peer Advocate (CRPA) or CRPA-provisional required within 90 days.', [{ name: 'CRPA', required: true, withinMonths: 3 }]],
    ['NCPRSS a plus.', [{ name: 'NCPRSS', required: false, withinMonths: null }]],
    ['Must become a Certified Recovery Support Specialist (CRSS) within one year.', [{ name: 'CRSS', required: true, withinMonths: 12 }]],
    ['Arizona Peer Support certification required within 90 days of hire.', [{ name: 'PEER', required: true, withinMonths: 3 }]],
    ['Family Peer Advocate credential (FPA-C) required within 18 months.', [{ name: 'CFPS', required: true, withinMonths: 18 }]],
  ] as const)('%s', (text, expected) => {
    expect(extractCertifications(text)).toEqual(expected);
  });

  it('does not read a spelled-out longer name as a shorter one too', () => {
    expect(extractCertifications('Certified Peer Recovery Specialist required.').map((c) => c.name)).toEqual(['CPRS']);
    // The named Ohio credential, not the generic "certified peer" that starts at the same word.
    expect(extractCertifications('Ohio Certified Peer Recovery Supporter preferred.')).toEqual([{ name: 'PRS', required: false, withinMonths: null }]);
  });

  it('reads acronyms and spelled-out names together, one entry per credential', () => {
    const text = 'Requires CPRS, or a Certified Peer Specialist (CPS) credential within 12 months. CCAR Recovery Coach Academy preferred.';
    expect(extractCertifications(text, 'Peer Recovery Specialist (CPRS)')).toEqual([
      { name: 'CPRS', required: true, withinMonths: 12 },
      { name: 'CPS', required: true, withinMonths: 12 },
      { name: 'CCAR RCA', required: false, withinMonths: null },
    ]);
  });

  it('ignores child protective services and lower-case look-alikes', () => {
    expect(extractCertifications('Experience with Child Protective Services (CPS) preferred.')).toEqual([]);
    expect(extractCertifications('Use the crs module and cps tools.')).toEqual([]);
  });
});

describe('livedExperienceRequired', () => {
  it('is true when lived experience is required', () => {
    expect(livedExperienceRequired('Must have lived experience of recovery from mental illness.', false)).toBe(true);
    expect(livedExperienceRequired('Candidates must self-identify as a person in recovery.', false)).toBe(true);
    expect(livedExperienceRequired('You will share your own recovery story with members.', true)).toBe(true);
  });

  it('is false when it is only preferred or absent', () => {
    expect(livedExperienceRequired('Lived experience preferred.', true)).toBe(false);
    expect(livedExperienceRequired('Bachelor’s degree in social work required.', true)).toBe(false);
  });
});

describe('sanitizeDescription', () => {
  it('removes scripts, styles, event handlers and javascript: URLs', () => {
    const { html, text } = sanitizeDescription(
      '<div onclick="steal()"><style>p{color:red}</style><p style="x">Hello <a href="javascript:alert(1)">click</a> <a href="https://ok.example/apply" onmouseover="x()">apply</a></p><script>alert(1)</script><img src=x onerror=alert(1)><iframe src="https://evil.example"></iframe></div>',
    );
    expect(html).not.toMatch(/script|style|onclick|onmouseover|onerror|javascript:|iframe|<img/i);
    expect(html).toContain('href="https://ok.example/apply"');
    expect(html).toContain('rel="nofollow noopener noreferrer"');
    expect(text).toBe('Hello click apply');
  });

  it.each([
    ['a tab entity inside the scheme', 'jav&#x09;ascript:alert(document.cookie)'],
    ['a decimal entity for the first letter', '&#106;avascript:alert(1)'],
    ['upper case and a leading space', '  JAVASCRIPT:alert(1)'],
    ['a newline inside the scheme', 'java\nscript:alert(1)'],
    ['a data: URL', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['a vbscript: URL', 'vbscript:msgbox(1)'],
    ['a protocol-relative URL', '//evil.example/apply'],
    ['a backslash trick', 'https:/\\evil.example'],
    ['a relative URL into our own site', '/admin/delete'],
  ])('drops an href with %s', (_name, href) => {
    const { html } = sanitizeDescription(`<p>Apply <a href="${href}">here</a></p>`);
    expect(html).toBe('<p>Apply <a>here</a></p>');
  });

  it('keeps absolute http(s), mailto and tel links, with rel and nothing else', () => {
    const { html } = sanitizeDescription('<p><A HREF="HTTPS://jobs.example.org/123" TARGET="_blank" REL="opener" onclick="x()">Apply</A> or <a href="mailto:hr@example.org">email</a></p>');
    expect(html).toBe(
      '<p><a href="HTTPS://jobs.example.org/123" rel="nofollow noopener noreferrer">Apply</a> or <a href="mailto:hr@example.org" rel="nofollow noopener noreferrer">email</a></p>',
    );
  });

  it('drops everything after an unclosed script, svg payloads and comments', () => {
    expect(sanitizeDescription('<p>Peer support</p><script>fetch("//evil")').html).toBe('<p>Peer support</p>');
    expect(sanitizeDescription('<p>ok</p><svg><script>alert(1)</script></svg><!-- <script>x()</script> --><math><mi>x</mi></math>').html).toBe('<p>ok</p>');
  });

  it('balances tags so a stored description cannot leave an element open', () => {
    expect(sanitizeDescription('<div><p>Duties<ul><li>Groups</div><p>More').html).toBe('<div><p>Duties<ul><li>Groups</li></ul></p></div><p>More</p>');
    expect(sanitizeDescription('</p></div>Pay<br/><b>$18/hr').html).toBe('Pay<br /><b>$18/hr</b>');
  });

  it('keeps paragraph and list structure in the text', () => {
    const { text } = sanitizeDescription('<p>Duties</p><ul><li>Lead groups</li><li>Write notes &amp; plans</li></ul><p>Pay:&nbsp;$18/hr</p>');
    expect(text).toBe('Duties\n• Lead groups\n• Write notes & plans\nPay: $18/hr');
  });

  it('decodes HTML that an ATS API returned escaped', () => {
    const { html, text } = sanitizeDescription('&lt;p&gt;Peer support &amp;amp; advocacy&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;');
    expect(html).toBe('<p>Peer support &amp; advocacy</p>');
    expect(text).toBe('Peer support & advocacy');
  });

  it('escapes a bare > in the text of HTML and keeps it in the plain text', () => {
    const { html, text } = sanitizeDescription('<p>Caseload > 20 clients</p><p>Ratio 1:12 &gt; state minimum</p>');
    expect(html).toBe('<p>Caseload &gt; 20 clients</p><p>Ratio 1:12 &gt; state minimum</p>');
    expect(text).toBe('Caseload > 20 clients\nRatio 1:12 > state minimum');
  });

  it('folds runs of spaces, no-break and em spaces to one space and trims each line', () => {
    expect(sanitizeDescription('<p> Peer\u00a0 support </p><p>\u2003Pay:  $18/hr </p>').text).toBe('Peer support\nPay: $18/hr');
    expect(sanitizeDescription(' Peer  support\u00a0specialist \r\n\r\n\r\n Pay: $18 ').text).toBe('Peer support specialist\n\nPay: $18');
    expect(sanitizeDescription('Line one \n two\t\tthree \u2003 four ').text).toBe('Line one\ntwo three four');
  });

  it('turns plain text into escaped paragraphs', () => {
    const { html, text } = sanitizeDescription('Line one\nLine <two>\n\nSecond paragraph');
    expect(html).toBe('<p>Line one<br>Line &lt;two&gt;</p><p>Second paragraph</p>');
    expect(text).toBe('Line one\nLine <two>\n\nSecond paragraph');
  });
});

describe('computeFingerprint', () => {
  it('is the same for one job decorated differently by two sources', () => {
    const a = computeFingerprint({ title: 'Peer Support Specialist (Part-Time) - Req #4411', employer: 'Acme Health, Inc.', city: 'Columbus', state: 'OH' });
    const b = computeFingerprint({ title: 'peer support specialist', employer: 'ACME HEALTH', city: 'Columbus', state: 'OH' });
    const c = computeFingerprint({ title: 'Peer Support Specialist – Part Time', employer: 'Acme Health LLC', city: 'columbus', state: 'OH' });
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a).toMatch(/^[0-9a-f]{20}$/);
  });

  it('differs for a different title, employer or place', () => {
    const base = { title: 'Peer Support Specialist', employer: 'Acme Health', city: 'Columbus', state: 'OH' };
    const f = computeFingerprint(base);
    expect(computeFingerprint({ ...base, title: 'Peer Support Supervisor' })).not.toBe(f);
    expect(computeFingerprint({ ...base, employer: 'Beacon Health' })).not.toBe(f);
    expect(computeFingerprint({ ...base, city: 'Dayton' })).not.toBe(f);
  });

  it('is stable across calls (a pinned value)', () => {
    expect(computeFingerprint({ title: 'Recovery Coach', employer: 'BrightPath', city: 'Knoxville', state: 'TN' })).toBe(
      computeFingerprint({ title: 'Recovery Coach', employer: 'BrightPath', city: 'Knoxville', state: 'TN' }),
    );
  });
});

describe('a "<" that opens no tag', () => {
  it('keeps "<3 years" and "< 5 miles" as text instead of dropping words up to the next ">"', async () => {
    const { sanitizeDescription } = await import('../../scrapers/normalize/index.ts');
    const out = sanitizeDescription('<p>Needs <3 years & 5 > 4 in recovery; lives < 5 miles away</p><script>x()</script>');
    expect(out.text).toBe('Needs <3 years & 5 > 4 in recovery; lives < 5 miles away');
    expect(out.html).toContain('Needs &lt;3 years');
    expect(out.html).not.toContain('script');
  });
});

describe('spelled-out credential names (matched grouped by their first word)', () => {
  it.each([
    ['National Certified Peer Recovery Support Specialist', 'NCPRSS'],
    ['certified peer recovery specialist', 'CPRS'],
    ['Certified as a Peer Recovery Support Specialist', 'CPRS'],
    ['certified recovery peer specialist', 'CRPS'],
    ['Certified Recovery Peer Advocate', 'CRPA'],
    ['certified as a peer support specialist', 'CPSS'],
    ['family peer advocate credential', 'CFPS'],
    ['Certified Youth Peer Specialist', 'CYPS'],
    ['certified recovery support specialist', 'CRSS'],
    ['Missouri Recovery Support Specialist', 'MRSS'],
    ['certified addiction recovery coach', 'CARC'],
    ['Certified Addiction Recovery Empowerment Specialist', 'CARES'],
    ['certified recovery support worker', 'CRSW'],
    ['certified peer support worker', 'CPSW'],
    ['certified recovery specialist', 'CRS'],
    ['peer recovery support specialist credential', 'PRSS'],
    ['certified peer recovery supporter', 'PRS'],
    ['peer recovery supporter', 'PRS'],
    ['Certified Peer Specialist', 'CPS'],
    ['Recovery Coach Academy', 'CCAR RCA'],
    ['certified psychiatric rehabilitation practitioner', 'CPRP'],
    ['a peer support certification', 'PEER'],
    ['peer-certified', 'PEER'],
  ])('finds "%s" as %s', (name, acronym) => {
    expect(extractCertifications(`Candidates must hold the ${name} within 6 months of hire.`).map((c) => c.name)).toEqual([acronym]);
  });
});
