// Waiting for a condition the page or the server will reach, instead of sleeping for a guess.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { inspect } from 'node:util';

const POLL_INTERVAL_MS = 100;

export interface PollOptions {
  readonly timeoutMs: number;
  /** Says what was awaited when the wait fails. */
  readonly what: string;
}

/**
 * Reads until `done` accepts a value and returns that value. On timeout it throws with the last
 * value read, which is usually the clearest account of what went wrong.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (done(last)) return last;
    } catch (error) {
      // A row recycled between two reads, a frame that detached: read again.
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await delay(POLL_INTERVAL_MS);
  }
  const seen = lastError === undefined ? JSON.stringify(last, null, 2) : inspect(lastError);
  throw new Error(`Timed out after ${options.timeoutMs / 1000} s waiting for ${options.what}; last seen:\n${seen}`);
}

/** Waits until `read` returns a value deepEqual to `expected`; fails with assert's diff otherwise. */
export async function pollUntilEqual<T>(read: () => Promise<T>, expected: T, options: PollOptions): Promise<T> {
  const isEqual = (value: T): boolean => {
    try {
      assert.deepEqual(value, expected);
      return true;
    } catch {
      return false;
    }
  };
  try {
    return await pollUntil(read, isEqual, options);
  } catch (error) {
    // Read once more so the failure shows assert's readable diff.
    assert.deepEqual(await read(), expected, `${options.what}: ${error instanceof Error ? error.message.split('\n')[0] : ''}`);
    throw error;
  }
}
