/**
 * One request at a time per host, with a minimum gap between the end of one request and the start
 * of the next. Requests to other hosts run in parallel. Waiting uses the injected clock and sleep,
 * so tests run without real time passing.
 */
export interface PacerClock {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface HostSlot {
  /** Settles when the last queued request on this host has finished. */
  tail: Promise<void>;
  /** When the previous request on this host finished (clock ms), or undefined before the first. */
  lastDoneAt: number | undefined;
}

export class HostPacer {
  readonly #slots = new Map<string, HostSlot>();
  readonly #clock: PacerClock;

  constructor(clock: PacerClock) {
    this.#clock = clock;
  }

  /** Runs `task` when the host is free and `delayMs` has passed since its previous request. */
  async run<T>(host: string, delayMs: number, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let slot = this.#slots.get(host);
    if (!slot) {
      slot = { tail: Promise.resolve(), lastDoneAt: undefined };
      this.#slots.set(host, slot);
    }
    const previous = slot.tail;
    let release!: () => void;
    slot.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await previous;
      signal?.throwIfAborted();
      if (slot.lastDoneAt !== undefined) {
        const wait = slot.lastDoneAt + delayMs - this.#clock.now();
        if (wait > 0) await this.#clock.sleep(wait, signal);
      }
      try {
        return await task();
      } finally {
        slot.lastDoneAt = this.#clock.now();
      }
    } finally {
      release();
    }
  }
}

/** A real sleep that ends early (rejecting) when the signal aborts. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
