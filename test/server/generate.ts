// Seeded, reproducible session data: the same provider, count, seed and `now` give identical records.
// The hostile fixtures (./hostile) are part of `count`, so the defaults match the spec examples'
// totals (257 and 145) for Bright Data and Anchor.
import type { ProviderId } from './ids';
import type { RecordOf } from './records';
import { hashString, mulberry32 } from './prng';
import { PROVIDERS } from './providers/registry';

export { anchorHiddenAttributes, ANCHOR_STATUSES } from './generate-anchor';
export { BRIGHT_DATA_STATUSES } from './generate-brightdata';
export type { AnchorHiddenAttributes, AnchorRecord, BrightDataRecord } from './records';

/** The records a default account of this provider starts with (the server's Dataset draws the same stream). */
export function generateSessions<P extends ProviderId>(provider: P, count: number, seed: number, now: number): RecordOf[P][] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  // Each provider gets its own stream, so their ids do not start with the same digits.
  const random = mulberry32(seed ^ hashString(provider));
  return PROVIDERS[provider].generate(count, random, now) as RecordOf[P][];
}
