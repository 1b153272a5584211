// Per-connection traffic control: the rate-limit gate and the concurrency limit. Both live on the
// HttpClient of one connection, so every caller (refresh, auto-refresh, Load more, listing every
// page, Find) is held by the same gate and shares the same four slots.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * After a 429 the gate is closed until now + Retry-After. While it is closed nothing is sent: a
 * request asking then is refused at once (no network, no queueing), so requests never pile up to
 * fire together when the gate opens. When the window has passed the gate is half-open: exactly one
 * request goes through as a probe (the request that got the 429, if it is entitled to its one
 * retry, else whichever asks first). Everyone else who asks meanwhile waits for the probe's answer:
 * another 429 closes the gate again and they are refused; any other answer opens it. So during a
 * storm in which every answer is a 429, the connection sends at most one request per window,
 * whatever its callers do.
 */
export class RateLimitGate {
  /** Epoch ms until which nothing is sent; undefined once a probe has had a good answer. */
  #closedUntil: number | undefined;
  /** The one request allowed through after the window; the others wait for its answer. */
  #probe: { readonly owner: object; readonly done: Promise<void>; readonly settle: () => void } | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Epoch ms before which nothing is sent; undefined when requests may go. */
  closedUntil(): number | undefined {
    return this.#closedUntil !== undefined && this.now() < this.#closedUntil ? this.#closedUntil : undefined;
  }

  /** The window is over but no probe has had a good answer yet: the next request must be the probe. */
  isHalfOpen(): boolean {
    return this.#closedUntil !== undefined && this.closedUntil() === undefined;
  }

  /**
   * A 429: closes the gate for `ms` from now (never shortening a longer close) and returns when it
   * reopens. `retrier` reserves the probe after the window for the request that got the 429.
   */
  close(ms: number, retrier?: object): number {
    this.#closedUntil = Math.max(this.#closedUntil ?? 0, this.now() + ms);
    this.#setProbe(retrier);
    return this.#closedUntil;
  }

  /** The probe had an answer that is not a 429: the connection may be used freely again. */
  open(probe: object): void {
    if (this.#probe?.owner !== probe) return;
    this.#closedUntil = undefined;
    this.#setProbe(undefined);
  }

  /** The probe ended without an answer (cancelled, timed out, cut off) or gave up its retry: the next asker probes. */
  release(probe: object): void {
    if (this.#probe?.owner === probe) this.#setProbe(undefined);
  }

  /**
   * Resolves when `ticket` may send: 'go' on an open gate, 'probe' when this request is the probe
   * (it must end with `open`, `close` or `release`). Resolves with the epoch ms the gate reopens
   * when the request must be refused. Rejects with the signal's reason on abort.
   */
  async admit(ticket: object, signal?: AbortSignal): Promise<'go' | 'probe' | number> {
    for (;;) {
      signal?.throwIfAborted();
      const until = this.closedUntil();
      const probe = this.#probe;
      if (until !== undefined) {
        if (probe?.owner !== ticket) return until;
        // The reserved retry woke a little early (timers and Date.now disagree by a millisecond).
        await sleep(until - this.now(), undefined, { signal });
        continue;
      }
      if (this.#closedUntil === undefined) return 'go';
      if (!probe) {
        this.#setProbe(ticket);
        return 'probe';
      }
      if (probe.owner === ticket) return 'probe';
      await abortable(probe.done, signal);
    }
  }

  #setProbe(owner: object | undefined): void {
    const previous = this.#probe;
    this.#probe = undefined;
    if (owner) {
      let settle!: () => void;
      const done = new Promise<void>((resolve) => (settle = resolve));
      this.#probe = { owner, done, settle };
    }
    // Whoever waited on the previous probe looks at the gate again.
    previous?.settle();
  }
}

/** At most `limit` holders at once; the others wait in order. */
export class ConcurrencyLimit {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  get active(): number {
    return this.#active;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.#active < this.limit) {
      this.#active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(grant);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(abortReason(signal));
      };
      this.#waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.#waiting.shift();
    // The slot passes straight to the next waiter, so #active stays the same.
    if (next) next();
    else this.#active--;
  }
}

function abortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, reject);
  });
}

/** The signal's own reason (an AbortError or TimeoutError DOMException unless the caller chose one), as an Error. */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
}
