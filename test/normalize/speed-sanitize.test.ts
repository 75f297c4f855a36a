import { describe, expect, it } from 'vitest';
import { sanitizeDescription } from '../../scrapers/normalize/index.ts';

/**
 * The sanitiser skips js-xss for HTML made only of bare allowlisted tags (docs/decisions/090).
 * Appending an HTML comment forces the full path (js-xss strips comments), so the two paths can
 * be compared on the same markup: they must agree byte for byte.
 */
const PIECES = ['<p>', '</p>', '<br>', '</br>', '<li>', '</li>', '<ul>', '</ul>', '<strong>', '</strong>', '<h2>', '</h2>', '<td>', '</td>', '<tr>', '</tr>', '<table>', '</table>', '<span>', '</span>', '<div>', '</div>', 'Pay $18 - $22 per hour', ' and ', 'Peer & family', '&amp; more', '&nbsp;', '\n', '  ', 'x'];

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('sanitizer fast path for bare allowlisted tags', () => {
  it('gives what the full sanitiser gives, on random bare markup', () => {
    const rnd = seeded(90);
    for (let k = 0; k < 3000; k++) {
      let html = '<p>';
      const n = 1 + Math.floor(rnd() * 14);
      for (let i = 0; i < n; i++) html += PIECES[Math.floor(rnd() * PIECES.length)] ?? '';
      const fast = sanitizeDescription(html);
      const full = sanitizeDescription(`${html}<!-- forces the full path -->`);
      expect(fast, html).toEqual(full);
    }
  });

  it('still escapes a bare > in text and drops tags outside the allowlist', () => {
    expect(sanitizeDescription('<p>ages > 18</p>').html).toBe('<p>ages &gt; 18</p>');
    expect(sanitizeDescription('<p>a<img>b</p>').html).toBe('<p>ab</p>');
    expect(sanitizeDescription('<P>Upper</P>').html).toBe('<p>Upper</p>');
    expect(sanitizeDescription('<p class="x" onclick="y()">attrs</p>').html).toBe('<p>attrs</p>');
    expect(sanitizeDescription('<p>one</p><script>alert(1)</script>').html).toBe('<p>one</p>');
  });
});
