/**
 * Token-bucket rate limits, one bucket per client address and one per API key. A bucket holds up
 * to `perMinute` tokens and refills continuously at `perMinute` a minute, so a burst up to the
 * limit passes and a steady rate above it is refused. In-process state: one service instance per
 * deployment (the embedded store allows one writer); behind several instances each enforces its
 * own share.
 */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until one token is back (for Retry-After); 0 when allowed. */
  retryAfterSeconds: number;
  remaining: number;
}

/** Keep memory bounded under an address-spraying client: past this, full (idle) buckets are dropped. */
const MAX_BUCKETS = 50_000;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(key: string): RateDecision {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= MAX_BUCKETS) this.sweep(t);
      b = { tokens: this.perMinute, at: t };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.perMinute, b.tokens + (t - b.at) * this.perMs);
      b.at = t;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(b.tokens) };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000)), remaining: 0 };
  }

  private sweep(t: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (t - b.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
    // Still full of active clients: drop the oldest entries (Map keeps insertion order).
    if (this.buckets.size >= MAX_BUCKETS) {
      let drop = this.buckets.size - MAX_BUCKETS + 1;
      for (const key of this.buckets.keys()) {
        if (drop-- <= 0) break;
        this.buckets.delete(key);
      }
    }
  }
}
