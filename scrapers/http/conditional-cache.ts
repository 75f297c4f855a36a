/**
 * The bodies of earlier GETs with their validators (ETag, Last-Modified), so the next fetch of the
 * same URL can ask "has it changed?" and reuse the body on 304. In memory, bounded by total bytes
 * (least recently used out first) so a long-running scheduler cannot grow without limit.
 */
export interface CachedResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  text: string;
  etag: string | undefined;
  lastModified: string | undefined;
}

export class ConditionalCache {
  readonly #entries = new Map<string, CachedResponse>();
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get(key: string): CachedResponse | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      // Re-insert to mark as recently used (Map keeps insertion order).
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, entry: CachedResponse): void {
    this.delete(key);
    const size = entry.text.length * 2;
    if (size > this.#maxBytes) return;
    this.#entries.set(key, entry);
    this.#bytes += size;
    for (const [oldKey] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.delete(oldKey);
    }
  }

  delete(key: string): void {
    const old = this.#entries.get(key);
    if (old) {
      this.#bytes -= old.text.length * 2;
      this.#entries.delete(key);
    }
  }
}
