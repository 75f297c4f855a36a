import { gunzipSync } from 'node:zlib';
import { BodyTooLargeError } from './fetch-errors.ts';

/**
 * Reads a response body up to `maxBytes`, cancelling the download as soon as it passes the limit
 * (a misconfigured server or a trap page must not fill memory). A Content-Length over the limit is
 * refused before reading a byte.
 */
export async function readBodyLimited(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(url, maxBytes, response.status);
  }
  if (!response.body) return new Uint8Array(0);
  // The DOM typings leave the chunk type open; undici streams bytes.
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(url, maxBytes, response.status);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/**
 * A body that is itself a gzip file (`sitemap.xml.gz` served as `application/x-gzip`, or gzip
 * bytes left after the transport's own Content-Encoding was undone) is inflated here, still
 * within `maxBytes`, so a small compressed file cannot expand into gigabytes. Recognised by the
 * gzip magic bytes, not the URL or the Content-Type, which servers get wrong both ways.
 */
export function gunzipIfCompressed(bytes: Uint8Array, url: string, maxBytes: number, status: number): Uint8Array {
  if (bytes.byteLength < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new BodyTooLargeError(url, maxBytes, status);
    // Not really gzip after all (a binary that starts with the same two bytes): leave it as sent.
    return bytes;
  }
}
