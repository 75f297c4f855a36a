import sanitizeHtml from 'sanitize-html';

/**
 * Description HTML as we store and serve it. Security: postings come from third-party pages and
 * are rendered in our UI and API, so the HTML goes through an allowlist (sanitize-html): only
 * text-formatting tags survive, `<script>`, `<style>` and their contents are dropped, every
 * attribute except a link's href/title is removed (so no `on*` handlers, no `style`), and hrefs
 * must be http(s), mailto or tel (no `javascript:` or `data:` URLs, no protocol-relative ones).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'a', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'hr', 'sup', 'sub',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'head', 'title'],
  // Links in third-party content get no referrer and no ranking credit.
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener noreferrer' } }),
  },
};

// Only real HTML tag names: plain text such as "Line <two>" or "<3 years" is not HTML.
const HAS_TAG =
  /<\/?(?:p|div|br|hr|ul|ol|li|span|strong|b|i|em|u|h[1-6]|a|table|tr|td|th|tbody|thead|script|style|img|iframe|section|article|header|footer|font|center|blockquote|pre|code|sup|sub|small|label|input|form|button|svg|meta|link|body|html|head|title|noscript|object|embed)\b[^<>]*>/i;
const ESCAPED_TAG = /&lt;\/?(?:p|div|br|ul|ol|li|strong|b|em|span|h[1-6]|table)\b/i;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', rsquo: '’', lsquo: '‘',
  rdquo: '”', ldquo: '“', bull: '•', hellip: '…', middot: '·', copy: '©', reg: '®', trade: '™', eacute: 'é',
  ntilde: 'ñ', aacute: 'á', iacute: 'í', oacute: 'ó', uacute: 'ú', ensp: ' ', emsp: ' ', thinsp: ' ', dollar: '$',
};
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;

/** Decodes the HTML entities that scraped text carries ("&amp;", "&#36;", "&nbsp;"). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[(name ?? '').toLowerCase()] ?? whole;
  });
}

const BREAK_TAGS = /<br\s*\/?>|<\/(?:p|div|li|h[1-6]|tr|ul|ol|blockquote|table)>|<hr\s*\/?>/gi;
const LI_OPEN = /<li>/gi;
const CELL_CLOSE = /<\/t[dh]>/gi;
const ANY_TAG = /<[^>]*>/g;

/** Plain text from sanitised HTML, keeping paragraph and list structure as line breaks. */
function htmlToText(html: string): string {
  return tidyHtmlText(
    decodeEntities(
      html.replace(LI_OPEN, '\n• ').replace(BREAK_TAGS, '\n').replace(CELL_CLOSE, ' ').replace(ANY_TAG, ''),
    ),
  );
}

function tidyText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0\u2000-\u200B\u202F\u3000]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** HTML blocks become single line breaks: a list after a paragraph is not a new paragraph. */
function tidyHtmlText(s: string): string {
  return tidyText(s).replace(/\n{2,}/g, '\n');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Sanitised HTML and plain text of a description given as HTML, as HTML-escaped HTML (as some
 * ATS APIs return it), or as plain text (which becomes paragraphs).
 */
export function sanitizeDescription(input: string | null | undefined): { html: string; text: string } {
  if (typeof input !== 'string' || input.trim() === '') return { html: '', text: '' };
  let source = input;
  if (!HAS_TAG.test(source) && ESCAPED_TAG.test(source)) source = decodeEntities(source);
  if (HAS_TAG.test(source)) {
    const html = sanitizeHtml(source, OPTIONS).trim();
    return { html, text: htmlToText(html) };
  }
  const text = tidyText(decodeEntities(source));
  const html = text
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('');
  return { html, text };
}
