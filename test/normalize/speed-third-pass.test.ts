import { describe, expect, it } from 'vitest';
import {
  computeFingerprint,
  extractCertifications,
  findPayInDescription,
  parsePayText,
  parsePostingDate,
  sanitizeDescription,
} from '../../scrapers/normalize/index.ts';

/**
 * The third speed pass (docs/decisions/092) put cheap checks in front of regexes and rewrote a
 * few readers. These name the cases each shortcut must still get right: upper case where a
 * regex ignores case, a figure's period behind a bracket or a plus, separators spelled out, a
 * credential in the title beside one in the text, and so on.
 */
function pay(text: string): [number | null, number | null, string] | null {
  const p = parsePayText(text);
  return p === null ? null : [p.min, p.max, p.period];
}
function inText(text: string): [number | null, number | null, string] | null {
  const p = findPayInDescription(text);
  return p === null ? null : [p.min, p.max, p.period];
}

describe('pay figures read digit by digit', () => {
  it('keeps cents exact and reads separators, a space after the comma included', () => {
    expect(pay('$22.84 - $31.02 per hour')).toEqual([22.84, 31.02, 'hour']);
    expect(pay('$49, 026.00 - $63, 733.50 a year')).toEqual([49026, 63733.5, 'year']);
    expect(pay('$1,598.59 biweekly')).toEqual([1598.59, 1598.59, 'biweek']);
    expect(pay('$0.00 - $0.00')).toBeNull();
    expect(pay('$018.50 per hour')).toEqual([18.5, 18.5, 'hour']);
  });

  it('still drops figures of ten million and more', () => {
    expect(inText('Our budget is $12,500,000 per year. Pay: $20.00 per hour.')).toEqual([20, 20, 'hour']);
  });
});

describe('pay rules behind a one-character check', () => {
  it('reads periods in any case, after a bracket, a plus or a currency word', () => {
    expect(pay('$18.50 PER HOUR')).toEqual([18.5, 18.5, 'hour']);
    expect(pay('$20.00 (per hour)')).toEqual([20, 20, 'hour']);
    expect(pay('$45,000 USD Annually')).toEqual([45000, 45000, 'year']);
    expect(pay('$21.50 /HR')).toEqual([21.5, 21.5, 'hour']);
    expect(pay('$3,100 - $3,600 Semi-Monthly')).toEqual([6200, 7200, 'month']);
    expect(inText('Salary: $3,581.33 - $5,372.41\nPay Frequency: Monthly')).toEqual([3581.33, 5372.41, 'month']);
    expect(pay('£22,950 pa')).toEqual([22950, 22950, 'year']);
    expect(pay('£23,500 FTE')).toEqual([23500, 23500, 'year']);
    expect(pay('£25,000 Pro Rata')).toEqual([25000, 25000, 'year']);
  });

  it('reads ranges whose separator is spelled out, in any case', () => {
    expect(pay('$18.00 TO $22.00 hourly')).toEqual([18, 22, 'hour']);
    expect(pay('$40,000 Through $48,000 per year')).toEqual([40000, 48000, 'year']);
    expect(inText('Pay is between $18.00 and $22.00 an hour.')).toEqual([18, 22, 'hour']);
    expect(pay('9.90 Rising To 11.57')).toEqual([9.9, 11.57, 'hour']);
    expect(pay('$20/hr To - $24/hr')).toEqual([20, 24, 'hour']);
  });

  it('still treats counts, piece rates and codes as no wage', () => {
    expect(inText('Expected hours: 32 - 40 Hours per week.')).toBeNull();
    expect(inText('Reviewers are paid $150 Per Case review.')).toBeNull();
    expect(inText('We pay $40 Each Session for facilitators.')).toBeNull();
    expect(pay('Pay Grade: 14')).toBeNull();
    expect(inText('Salary Grade: 22 ($52,112 - $68,400 annually)')).toEqual([52112, 68400, 'year']);
  });

  it('reads the wage an increase reaches, whatever the case of "to"', () => {
    expect(inText('Starting pay is $15.00 per hour; pay Increases To: $17.00 per hour after certification.')).toEqual([15, 17, 'hour']);
  });
});

describe('credentials in the title and the text', () => {
  it('reads each in its own sentence, as when the two were one text', () => {
    const found = extractCertifications('A Certified Peer Specialist (CPS) credential is preferred.', 'Peer Recovery Specialist (CPRS)');
    expect(found).toEqual([
      { name: 'CPRS', required: true, withinMonths: null },
      { name: 'CPS', required: false, withinMonths: null },
    ]);
  });

  it('does not read a name across the title and the text', () => {
    expect(extractCertifications('Specialist required.', 'Certified Peer')).toEqual([{ name: 'PEER', required: true, withinMonths: null }]);
  });

  it('reads a window after a credential named in the title line', () => {
    expect(extractCertifications('', 'CPRS - obtain within 6 months.')).toEqual([{ name: 'CPRS', required: true, withinMonths: 6 }]);
  });
});

describe('fingerprint and dates', () => {
  it('gives one key however the source decorates employer and title', () => {
    const a = computeFingerprint({ title: 'Peer Support Specialist (Part-Time) - Req #4411', employer: 'O’Neil & Sons Health, Inc.', city: 'Columbus', state: 'OH' });
    const b = computeFingerprint({ title: 'peer support specialist', employer: "O'Neil and Sons Health", city: 'Columbus', state: 'oh' });
    expect(a).toBe(b);
    expect(computeFingerprint({ title: 'Peer Support Specialist II', employer: 'Acme' })).not.toBe(computeFingerprint({ title: 'Peer Support Specialist', employer: 'Acme' }));
  });

  it('reads a calendar day and keeps the year window', () => {
    expect(parsePostingDate(' 2026-03-01 ')).toBe('2026-03-01T00:00:00.000Z');
    expect(parsePostingDate('1990-01-01')).toBeNull();
    expect(parsePostingDate('2026-03-01T08:30:00')).toBe('2026-03-01T08:30:00.000Z');
  });
});

describe('whitespace of texts with only spaces and line feeds', () => {
  it('collapses the runs around line feeds and trims the ends, as the general pass does', () => {
    expect(sanitizeDescription(' lead \n \n\n\n x y \n').text).toBe('lead\n\nx y');
    expect(sanitizeDescription('one \n two').text).toBe('one\ntwo');
    expect(sanitizeDescription('<p>one </p>\n<p> two</p>\n\n<ul><li>three</li></ul>').text).toBe('one\ntwo\n• three');
  });

  it('leaves other whitespace to the general pass', () => {
    expect(sanitizeDescription('a  b\tc\r\nd\u00a0e').text).toBe('a b c\nd e');
  });
});

describe('sanitiser tag names', () => {
  it('keeps allowlisted tags and drops names that only start like one', () => {
    expect(sanitizeDescription('<p>a<spa>b</spa><tables>c</tables><b1>d</b1></p>').html).toBe('<p>abcd</p>');
    expect(sanitizeDescription('<ul><li>one</li><li>two</li></ul><blockquote>q</blockquote>')).toEqual({
      html: '<ul><li>one</li><li>two</li></ul><blockquote>q</blockquote>',
      text: '• one\n• two\nq',
    });
  });
});
