import iconv from 'iconv-lite';

/**
 * Decodes a body with the charset the server declared (Content-Type), else the one the page
 * declares in its first bytes (`<meta charset>` / `<meta http-equiv="Content-Type">`), else UTF-8.
 * Older county and small-employer sites still serve windows-1252; decoding those as UTF-8 turns
 * "Peer Recovery Specialist – $18" into mojibake.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomCharset(buffer);
  if (bom) return iconv.decode(buffer, bom);
  const declared = charsetFromContentType(contentType) ?? (looksLikeHtml(contentType) ? sniffMetaCharset(buffer) : undefined);
  const label = declared ? (WHATWG_ALIASES[declared] ?? declared) : undefined;
  const charset = label && iconv.encodingExists(label) ? label : 'utf-8';
  return iconv.decode(buffer, charset);
}

/**
 * The Encoding Standard decodes these labels as windows-1252 (browsers do too): pages labelled
 * ISO-8859-1 routinely contain 0x80-0x9F curly quotes and dashes that only windows-1252 maps.
 */
const WHATWG_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
};

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m?.[1]?.toLowerCase();
}

function looksLikeHtml(contentType: string | undefined): boolean {
  return contentType === undefined || /html|xml/i.test(contentType);
}

function bomCharset(buffer: Buffer): string | undefined {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return 'utf-8';
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The HTML standard's prescan looks at the first 1024 bytes; ASCII-compatible charsets decode those alike. */
function sniffMetaCharset(buffer: Buffer): string | undefined {
  const head = buffer.subarray(0, 1024).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (direct?.[1]) return direct[1].toLowerCase();
  return undefined;
}
